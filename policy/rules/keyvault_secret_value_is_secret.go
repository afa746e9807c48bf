package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewSecretValueIsSecret returns rule S6: a secret's value is a Pulumi secret, so it is
// encrypted in state and masked in output. The value counts as secret when it, or an object
// that contains it, is marked secret. An unknown value is skipped: it may still become secret.
func NewSecretValueIsSecret() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-secret-value-is-secret",
		desc:  "Key Vault secret values are Pulumi secrets, never plaintext in state (S6; guide 3 Secure Sensitive Information; Pulumi secrets guidance).",
		level: mandatory,
		kinds: []kind{kSecret},
		check: func(c *resourceCheck) error {
			label := c.secretLabel()
			const fix = "pass the value through pulumi.ToSecret (or a secret config value) before setting properties.value"
			f := get(c.props, "properties.value")
			if f.st != stKnown {
				if f.st == stMalformed {
					c.malformed(label, f, fix)
				}
				return nil
			}
			if !f.v.IsString() {
				c.malformed(label, f.bad("a string"), fix)
				return nil
			}
			if !f.secret {
				c.reportf("%s must keep its value out of plaintext state: %s.", label, fix)
			}
			return nil
		},
	})
}
