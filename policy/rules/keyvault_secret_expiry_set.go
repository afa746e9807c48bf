package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewSecretExpirySet returns rule S1: every secret has an expiry date
// (properties.attributes.expires).
func NewSecretExpirySet() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-secret-expiry-set",
		desc:  "Key Vault secrets have an expiry date (S1; guide 3 Secure Sensitive Information; Azure Policy 98728c90, CIS 8.3.3/8.3.4).",
		level: advisory,
		kinds: []kind{kSecret},
		check: func(c *resourceCheck) error {
			checkExpirySet(c, c.secretLabel(), "properties.attributes", false)
			return nil
		},
	})
}
