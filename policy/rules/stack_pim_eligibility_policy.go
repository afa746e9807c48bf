package rules

import (
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewPIMEligibilityHasActivationPolicy returns stack rule 9: a PIM eligibility
// (azure-native:authorization:PimRoleEligibilitySchedule) at a Key Vault scope comes with an
// azure-native:authorization:RoleManagementPolicy in the stack for the same role and scope, so
// that the stack, not Azure's defaults, decides how the role is activated (MFA, justification,
// duration, approval; rule P2 checks the MFA part).
//
// A role management policy's inputs do not name its role (Azure links a policy to a role
// through a role management policy assignment, and the policy's name is a GUID Azure chose),
// so the relation is made in two ways:
//
//   - an eligibility that depends on a role management policy (the ZeroTrustVault component
//     makes each eligibility depend on its role's policy) is covered by it;
//   - otherwise a policy at the same scope (equal known IDs, or scopes that depend on the same
//     resource) covers it, unless the eligibilities that depend on that policy show it belongs
//     to another role.
//
// Scopes that cannot be resolved (unknown and without dependencies) keep the policy silent.
// Set roleSettingsManagedExternally when role settings are managed outside the stack (for
// example by a central PIM team).
func NewPIMEligibilityHasActivationPolicy() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-pim-eligibility-has-activation-policy",
		desc:  "PIM eligibilities at a Key Vault scope come with the role management policy that governs their activation (stack rule 9; guide 5 Use Conditional Access Policies; MCSB PA-2).",
		level: advisory,
		needs: []kind{kPimEligibility},
		schema: schema(map[string]map[string]any{
			"roleSettingsManagedExternally": schemaBool("PIM role settings are managed outside this stack.", false),
		}),
		check: func(c *stackCheck) error {
			external, err := cfgBool(c.cfg, "roleSettingsManagedExternally", false)
			if err != nil {
				return err
			}
			idx := c.idx
			eligibilities := idx.byKind[kPimEligibility]
			if external || len(eligibilities) == 0 {
				return nil
			}
			policies := idx.byKind[kRoleManagementPolicy]
			isPolicy := make(map[string]int, len(policies))
			for _, p := range policies {
				isPolicy[idx.nodes[p].r.URN] = p
			}
			// The roles each policy is known to govern, from the eligibilities that depend on it;
			// "" stands for an eligibility whose role is unknown.
			claimed := make(map[int]map[string]bool, len(policies))
			dependsOn := make(map[int][]int, len(eligibilities))
			for _, e := range eligibilities {
				role := eligibilityRole(idx, e)
				for _, u := range idx.nodes[e].r.Dependencies {
					if p, ok := isPolicy[u]; ok {
						dependsOn[e] = append(dependsOn[e], p)
						if claimed[p] == nil {
							claimed[p] = map[string]bool{}
						}
						claimed[p][role] = true
					}
				}
			}
			type scope struct {
				keys     []string
				resolved bool
			}
			policyScopes := make([]scope, len(policies))
			for k, p := range policies {
				policyScopes[k].keys, policyScopes[k].resolved = scopeKeys(idx, p)
			}
			for _, e := range eligibilities {
				r := idx.nodes[e].r
				isVault, known, vaultName := keyVaultScope(r)
				if !known || !isVault || len(dependsOn[e]) > 0 {
					continue
				}
				role := eligibilityRole(idx, e)
				eScope, eResolved := scopeKeys(idx, e)
				covered := false
				for k, p := range policies {
					if !eResolved || !policyScopes[k].resolved {
						covered = true // cannot tell: stay silent
						break
					}
					if !overlaps(eScope, policyScopes[k].keys) {
						continue
					}
					if roles := claimed[p]; len(roles) == 0 || role == "" || roles[role] || roles[""] {
						covered = true
						break
					}
				}
				if covered {
					continue
				}
				where := "a Key Vault"
				if vaultName != "" {
					where = "Key Vault " + quote(vaultName)
				}
				what := "its role"
				if role != "" {
					what = roleLabel(role)
				}
				c.reportf(r.URN, "PIM eligibility %s for %s at %s has no role management policy in the stack, so activating it follows Azure's default role settings: add an azure-native:authorization:RoleManagementPolicy at the same scope whose rules require MFA and a justification and bound the activation time (ZeroTrustVault: JustInTime.RoleManagementPolicyNames), or set roleSettingsManagedExternally.",
					quote(r.Name), what, where)
			}
			return nil
		},
	})
}

// eligibilityRole returns the lower-case role GUID of eligibility node e, or "" when it is
// not known.
func eligibilityRole(idx *index, e int) string {
	id, f := get(idx.nodes[e].r.Properties, "roleDefinitionId").str()
	if !f.known() {
		return ""
	}
	guid, ok := roleGUID(id)
	if !ok {
		return ""
	}
	return guid
}

// scopeKeys returns comparable keys for the scope of node i: "id:" plus its known ARM ID
// (lower case), "node:" plus the index of each resource the scope depends on, and the node of
// a vault in the stack that a known vault ID names. resolved is false when there are none.
func scopeKeys(idx *index, i int) (keys []string, resolved bool) {
	r := idx.nodes[i].r
	if s, f := get(r.Properties, "scope").str(); f.known() && isARMID(s) {
		keys = append(keys, "id:"+strings.ToLower(strings.TrimSuffix(s, "/")))
		if isVaultID(s) {
			name, _ := vaultNameFromID(s)
			for _, v := range idx.named(kVault, name) {
				keys = append(keys, "node:"+strconv.Itoa(v))
			}
		}
	}
	for _, u := range r.PropertyDependencies["scope"] {
		if j, ok := idx.byURN[u]; ok {
			keys = append(keys, "node:"+strconv.Itoa(j))
		}
	}
	return keys, len(keys) > 0
}

// overlaps reports whether two key lists share a key.
func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
