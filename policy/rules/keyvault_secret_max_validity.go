package rules

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewSecretMaxValidity returns rule S2: a secret is valid for at most maxValidityDays
// (default 90, the Azure Landing Zones Deny value), from notBefore (or now) to expires.
func NewSecretMaxValidity() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-secret-max-validity",
		desc:  "Key Vault secrets are valid for a bounded period (S2; guide 3 Secure Sensitive Information; Azure Policy 342e8053, ALZ Deny 90 days).",
		level: advisory,
		kinds: []kind{kSecret},
		schema: schema(map[string]map[string]any{
			"maxValidityDays": schemaInt("Longest validity a secret may have, in days.", 90, 1, 36500),
		}),
		check: func(c *resourceCheck) error {
			maxDays, err := cfgInt(c.cfg, "maxValidityDays", 90)
			if err != nil {
				return err
			}
			checkMaxValidity(c, c.secretLabel(), "properties.attributes", maxDays, time.Now())
			return nil
		},
	})
}
