package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewKeyExpirySet returns rule K1: every key has an expiry date
// (properties.attributes.expires). With acceptRotationPolicyExpiry, a rotation policy's
// attributes.expiryTime counts as well.
func NewKeyExpirySet() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-expiry-set",
		desc:  "Key Vault keys have an expiry date (K1; guide 3 Use Key Rotation; Azure Policy 152b15f7, CIS 8.3.1/8.3.2).",
		level: advisory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"acceptRotationPolicyExpiry": schemaBool("Accept properties.rotationPolicy.attributes.expiryTime in place of properties.attributes.expires.", false),
		}),
		check: func(c *resourceCheck) error {
			acceptRotation, err := cfgBool(c.cfg, "acceptRotationPolicyExpiry", false)
			if err != nil {
				return err
			}
			alt := false
			if acceptRotation {
				_, f := get(c.props, "properties.rotationPolicy.attributes.expiryTime").str()
				alt = f.st == stKnown || f.st == stUnknown
			}
			checkExpirySet(c, c.keyLabel(), "properties.attributes", alt)
			return nil
		},
	})
}
