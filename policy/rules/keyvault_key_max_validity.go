package rules

import (
	"fmt"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewKeyMaxValidity returns rule K2: a key is valid for at most maxValidityDays (default 90,
// the Azure Landing Zones value; MCSB allows 730), measured from notBefore (or now) to
// expires, and a rotation policy's expiryTime is no longer than that either.
func NewKeyMaxValidity() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-max-validity",
		desc:  "Key Vault keys are valid for a bounded period (K2; guide 3 Use Key Rotation; Azure Policy 49a22571, ALZ 90 days, MCSB 730 days).",
		level: advisory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"maxValidityDays": schemaInt("Longest validity a key may have, in days.", 90, 1, 36500),
		}),
		check: func(c *resourceCheck) error {
			maxDays, err := cfgInt(c.cfg, "maxValidityDays", 90)
			if err != nil {
				return err
			}
			label := c.keyLabel()
			checkMaxValidity(c, label, "properties.attributes", maxDays, time.Now())
			const path = "properties.rotationPolicy.attributes.expiryTime"
			fix := fmt.Sprintf("set %s to at most P%dD", path, maxDays)
			s, st := c.str(label, path, "", fix)
			if st != stKnown {
				return nil
			}
			days, ok := isoDays(s)
			switch {
			case !ok:
				c.reportf("%s must use an ISO-8601 duration in %s (got %q): %s.", label, path, s, fix)
			case days > float64(maxDays):
				c.reportf("%s must expire rotated versions within %d days (%s is %q): %s.", label, maxDays, path, s, fix)
			}
			return nil
		},
	})
}
