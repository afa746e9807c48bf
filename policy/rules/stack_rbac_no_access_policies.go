package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewRBACVaultNoAccessPolicies returns stack rule 3: a vault that uses the RBAC permission
// model has no access policies, neither inline (properties.accessPolicies) nor as standalone
// azure-native:keyvault:AccessPolicy resources related by vaultName or by dependency. Azure
// ignores such policies, which hides who really has access.
func NewRBACVaultNoAccessPolicies() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-rbac-vault-no-access-policies",
		desc:  "RBAC Key Vaults carry no access policies, inline or standalone (stack rule 3; guide 1 Enable Role-Based Access Control; ALZ Deny, Azure Policy 12d4fa5e).",
		level: mandatory,
		check: func(c *stackCheck) error {
			idx := c.idx
			rbac := func(v int) bool {
				on, f := get(idx.nodes[v].r.Properties, "properties.enableRbacAuthorization").boolean()
				return f.known() && on
			}
			for _, v := range idx.byKind[kVault] {
				if !rbac(v) {
					continue
				}
				list, f := get(idx.nodes[v].r.Properties, "properties.accessPolicies").array()
				if f.known() && list.Len() > 0 {
					c.reportf(idx.nodes[v].r.URN, "Key Vault %s uses RBAC, so it must not carry access policies: remove properties.accessPolicies.", quote(idx.displayName(v)))
				}
			}
			for _, a := range idx.byKind[kAccessPolicy] {
				vaults, _ := idx.vaultsByName(a)
				for _, v := range vaults {
					if rbac(v) {
						c.reportf(idx.nodes[a].r.URN, "Access policy %s must be removed because Key Vault %s uses RBAC: delete the azure-native:keyvault:AccessPolicy and grant a Key Vault data-plane role instead.", quote(idx.nodes[a].r.Name), quote(idx.displayName(v)))
						break
					}
				}
			}
			return nil
		},
	})
}
