package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewRBACAuthorization returns rule V11: vaults use the Azure RBAC permission model and carry
// no access policies; standalone azure-native:keyvault:AccessPolicy resources violate too.
// The SDK fills enableRbacAuthorization=false when omitted, so an absent value violates.
func NewRBACAuthorization() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-rbac-authorization",
		desc:  "Key Vaults use the Azure RBAC permission model, not access policies (V11; guide 1 and 5 Use Azure RBAC; ALZ Deny, Azure Policy 12d4fa5e, CIS 8.3.6, PSRule Azure.KeyVault.RBAC).",
		level: mandatory,
		kinds: []kind{kVault, kAccessPolicy},
		check: func(c *resourceCheck) error {
			if c.kind == kAccessPolicy {
				vault := c.resourceName("vaultName")
				c.reportf("Key Vault access policy %s on vault %s must be replaced by an Azure RBAC role assignment: remove the azure-native:keyvault:AccessPolicy and grant a Key Vault data-plane role scoped to the vault.", quote(c.res.Name), quote(vault))
				return nil
			}
			label := c.vaultLabel()
			const fix = "set properties.enableRbacAuthorization to true"
			on, st := c.boolean(label, "properties.enableRbacAuthorization", false, fix)
			if usable(st) && !on {
				c.reportf("%s must use the Azure RBAC permission model: %s.", label, fix)
			}
			policies, pst := c.array(label, "properties.accessPolicies", "remove properties.accessPolicies")
			if pst == stKnown && policies.Len() > 0 {
				c.reportf("%s must not define access policies: remove properties.accessPolicies and grant Key Vault data-plane roles instead.", label)
			}
			return nil
		},
	})
}
