package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// defaultKeyTypes are the JSON Web Key types a vault key may use by default.
var defaultKeyTypes = []string{"RSA", "RSA-HSM", "EC", "EC-HSM"}

// NewKeyTypeAllowed returns rule K6: a key's type is one of allowedKeyTypes. Azure requires
// kty, so a missing one violates.
func NewKeyTypeAllowed() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-type-allowed",
		desc:  "Key Vault keys use an allowed key type (K6; guide 3 Enable Encryption; ALZ Deny, Azure Policy 75c4f823).",
		level: mandatory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"allowedKeyTypes": schemaStrings("Allowed values of properties.kty.", defaultKeyTypes),
		}),
		check: func(c *resourceCheck) error {
			allowed, err := cfgStrings(c.cfg, "allowedKeyTypes", defaultKeyTypes)
			if err != nil {
				return err
			}
			label := c.keyLabel()
			fix := "set properties.kty to one of " + strings.Join(allowed, ", ")
			kty, st := c.str(label, "properties.kty", "", fix)
			switch {
			case st == stAbsent:
				c.reportf("%s must declare its key type: %s.", label, fix)
			case st == stKnown && !containsFold(allowed, kty):
				c.reportf("%s must use an allowed key type (kty is %q): %s.", label, kty, fix)
			}
			return nil
		},
	})
}
