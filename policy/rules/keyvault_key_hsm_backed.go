package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewKeyHSMBacked returns rule K5: keys are HSM-backed (RSA-HSM or EC-HSM). It is advisory
// because HSM-backed keys need a premium vault; raise it where the sources require HSMs.
func NewKeyHSMBacked() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-hsm-backed",
		desc:  "Key Vault keys are HSM-backed where required (K5; guide 3 Enable Encryption; Azure Policy 587c79fe, Checkov CKV_AZURE_112).",
		level: advisory,
		kinds: []kind{kKey},
		check: func(c *resourceCheck) error {
			label := c.keyLabel()
			const fix = "set properties.kty to 'RSA-HSM' or 'EC-HSM' (in a premium vault)"
			// keyvault-key-type-allowed reports a missing or malformed kty.
			kty, f := get(c.props, "properties.kty").str()
			if f.known() && !isHSMKeyType(kty) {
				c.reportf("%s must be HSM-backed (kty is %q): %s.", label, kty, fix)
			}
			return nil
		},
	})
}
