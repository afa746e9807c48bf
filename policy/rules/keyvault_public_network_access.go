package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewPublicNetworkAccessDisabled returns rule V1: a Key Vault must disable public network
// access. The azure-native Go SDK fills publicNetworkAccess with "enabled" when it is omitted,
// so an absent value is a violation.
func NewPublicNetworkAccessDisabled() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-public-network-access-disabled",
		desc:  "Key Vaults disable public network access (V1; guide 2 Restrict Public Network Access; Azure Policy 405c5871, ALZ Deny, CIS 8.3.7).",
		level: mandatory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := c.vaultLabel()
			const fix = "set properties.publicNetworkAccess to 'Disabled'"
			pna, st := c.str(label, "properties.publicNetworkAccess", "enabled", fix)
			if usable(st) && !eqFold(pna, "Disabled") {
				c.reportf("%s must disable public network access: %s.", label, fix)
			}
			return nil
		},
	})
}
