package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewVNetRulesRequireServiceEndpoint returns rule V4: a virtual network rule must not set
// ignoreMissingVnetServiceEndpoint, which lets a rule name a subnet that lacks the
// Microsoft.KeyVault service endpoint.
func NewVNetRulesRequireServiceEndpoint() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-vnet-rules-require-service-endpoint",
		desc:  "Key Vault virtual network rules do not ignore a missing service endpoint (V4; guide 2 Enable Virtual Network Integration; Azure Policy ea4d6841).",
		level: advisory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := c.vaultLabel()
			const path = "properties.networkAcls.virtualNetworkRules"
			rules, st := c.array(label, path, "set "+path+" to a list of {id: '<subnet ID>'}")
			if st != stKnown {
				return nil
			}
			for i := 0; i < rules.Len(); i++ {
				f := sub(elem(rules, i, path), "ignoreMissingVnetServiceEndpoint")
				fix := "set " + f.path + " to false and add the Microsoft.KeyVault service endpoint to the subnet"
				b, f := f.boolean()
				switch f.st {
				case stMalformed:
					c.malformed(label, f, fix)
				case stKnown:
					if b {
						c.reportf("%s must not ignore a missing service endpoint: %s.", label, fix)
					}
				}
			}
			return nil
		},
	})
}
