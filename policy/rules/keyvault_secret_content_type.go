package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewSecretContentTypeSet returns rule S5: every secret declares a content type, so that
// operators know how to rotate and consume it.
func NewSecretContentTypeSet() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-secret-content-type-set",
		desc:  "Key Vault secrets declare a content type (S5; guide 3 Secure Sensitive Information; ALZ Deny, Azure Policy 75262d3e, Checkov CKV_AZURE_114).",
		level: advisory,
		kinds: []kind{kSecret},
		check: func(c *resourceCheck) error {
			label := c.secretLabel()
			const fix = "set properties.contentType (for example 'text/plain' or 'application/x-pkcs12')"
			ct, st := c.str(label, "properties.contentType", "", fix)
			if usable(st) && ct == "" {
				c.reportf("%s must declare a content type: %s.", label, fix)
			}
			return nil
		},
	})
}
