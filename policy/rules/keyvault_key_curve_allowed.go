package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// defaultCurves are the elliptic curves allowed by default (P-256K is excluded).
var defaultCurves = []string{"P-256", "P-384", "P-521"}

// NewKeyCurveAllowed returns rule K8: elliptic-curve keys use one of allowedCurves. Azure uses
// P-256 when curveName is omitted.
func NewKeyCurveAllowed() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-curve-allowed",
		desc:  "Key Vault elliptic-curve keys use an allowed curve (K8; guide 3 Enable Encryption; ALZ Deny, Azure Policy ff25f3c8).",
		level: mandatory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"allowedCurves": schemaStrings("Allowed values of properties.curveName.", defaultCurves),
		}),
		check: func(c *resourceCheck) error {
			allowed, err := cfgStrings(c.cfg, "allowedCurves", defaultCurves)
			if err != nil {
				return err
			}
			label := c.keyLabel()
			// keyvault-key-type-allowed reports a missing or malformed kty.
			kty, f := get(c.props, "properties.kty").str()
			st := f.st
			if st != stKnown || !isEC(kty) {
				return nil
			}
			fix := "set properties.curveName to one of " + strings.Join(allowed, ", ")
			curve, cst := c.str(label, "properties.curveName", "P-256", fix)
			if usable(cst) && !containsFold(allowed, curve) {
				c.reportf("%s must use an allowed curve (curveName is %q): %s.", label, curve, fix)
			}
			return nil
		},
	})
}
