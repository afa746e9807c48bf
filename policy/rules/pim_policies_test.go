package rules

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdminEligibleNotStanding(t *testing.T) {
	t.Parallel()
	const breakGlass = "33333333-3333-3333-3333-333333333333"
	admin := func(role, principalType string) obj {
		return with(with(goodRoleAssignment(), "roleDefinitionId", roleDef(role)), "principalType", principalType)
	}
	kva := admin(roleKeyVaultAdministrator, "User")
	rgScope := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod"
	hsmScope := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.KeyVault/managedHSMs/hsm-prod"
	runResourceTable(t, NewAdminEligibleNotStanding(), tokRoleAssignment, []rcase{
		{name: "compliant data-plane role", props: with(goodRoleAssignment(), "principalType", "User")},
		{name: "standing key vault administrator", props: kva, want: []string{
			"Role assignment 'res1' gives principal '11111111-1111-1111-1111-111111111111' standing Key Vault Administrator access to Key Vault 'kv-prod': make the principal eligible with an azure-native:authorization:PimRoleEligibilitySchedule",
		}},
		{name: "group owner", props: admin(roleOwner, "Group"), want: []string{"gives principal '11111111-1111-1111-1111-111111111111' standing Owner access"}},
		{name: "foreign group contributor", props: admin(roleKeyVaultContributor, "ForeignGroup"), want: []string{"standing Key Vault Contributor access"}},
		{name: "secret scope", props: with(kva, "scope", vaultID("kv-prod")+"/secrets/db"), want: []string{"Key Vault 'kv-prod'"}},
		{name: "managed hsm scope", props: with(kva, "scope", hsmScope), want: []string{"access to Key Vault 'hsm-prod'"}},
		{name: "versioned token", typ: "azure-native:authorization/v20220401:RoleAssignment", props: kva, want: []string{"standing"}},
		{name: "workload principal left to R1", props: admin(roleKeyVaultAdministrator, "ServicePrincipal")},
		{name: "device left to R1", props: admin(roleOwner, "Device")},
		{name: "missing principal type is the SDK's User", props: with(kva, "principalType", deleted), want: []string{"standing Key Vault Administrator"}},
		{name: "resource group scope is not a vault scope", props: with(kva, "scope", rgScope)},
		{name: "missing scope", props: with(kva, "scope", deleted)},
		{name: "missing role", props: with(kva, "roleDefinitionId", deleted)},
		{name: "unknown scope", props: with(kva, "scope", unknown)},
		{name: "unknown role", props: with(kva, "roleDefinitionId", unknown)},
		{name: "unknown principal type", props: with(kva, "principalType", unknown)},
		{name: "unknown principal reported when none allowed", props: with(kva, "principalId", unknown), want: []string{"gives its principal standing Key Vault Administrator access"}},
		{name: "unknown principal skipped when some allowed", props: with(kva, "principalId", unknown), cfg: obj{"allowedStandingPrincipals": list{breakGlass}}},
		{name: "malformed principal type left to R1", props: with(kva, "principalType", 1)},
		{name: "malformed scope left to R1", props: with(kva, "scope", list{})},
		{name: "malformed role left to R1", props: with(kva, "roleDefinitionId", obj{})},
		{name: "config break-glass account", props: with(kva, "principalId", breakGlass), cfg: obj{"allowedStandingPrincipals": list{breakGlass}}},
		{name: "config other account still reported", props: kva, cfg: obj{"allowedStandingPrincipals": list{breakGlass}}, want: []string{"standing"}},
		{name: "config malformed", props: kva, cfg: obj{"allowedStandingPrincipals": "x"}, wantErr: true},
		{name: "override mandatory", props: kva, override: true, level: lvlMand, want: []string{"standing"}},
		{name: "override disabled", props: kva, override: true, level: lvlDisabled, want: []string{"standing"}},
	})

	t.Run("scope depends on vault urn", func(t *testing.T) {
		t.Parallel()
		mockVault := res(tokVault, "kv", obj{})
		ra := withDeps(res(tokRoleAssignment, "ra", with(kva, "scope", "kv_id")), "scope", mockVault.URN)
		rec := &recording{}
		require.NoError(t, NewAdminEligibleNotStanding().Validate(t.Context(), resourceArgs(rec, ra)))
		require.Len(t, rec.msgs, 1)
		assert.Contains(t, rec.msgs[0], "standing Key Vault Administrator access to a Key Vault:")
	})

	t.Run("R1 and P1 on the same assignment", func(t *testing.T) {
		t.Parallel()
		// A user with standing Key Vault Administrator: R1 refuses it (mandatory) and P1 names
		// the fix; once the user is allowed by R1, P1 alone remains; a workload principal gets
		// R1 only.
		count := func(props obj, cfg map[string]obj) map[string]int {
			conf := DefaultConfig()
			for name, props := range cfg {
				c := conf[name]
				c.Properties = props
				conf[name] = c
			}
			vs, err := Evaluate(t.Context(), []policyx.AnalyzerResource{res(tokRoleAssignment, "ra", props)}, conf)
			require.NoError(t, err)
			out := map[string]int{}
			for _, v := range vs {
				out[v.Policy]++
			}
			return out
		}
		const r1, p1 = "authorization-no-privileged-roles", "authorization-admin-eligible-not-standing"
		got := count(kva, nil)
		assert.Equal(t, 1, got[r1])
		assert.Equal(t, 1, got[p1])
		got = count(kva, map[string]obj{r1: {"allowedPrivilegedPrincipals": list{"11111111-1111-1111-1111-111111111111"}}})
		assert.Equal(t, 0, got[r1])
		assert.Equal(t, 1, got[p1])
		got = count(admin(roleKeyVaultAdministrator, "ServicePrincipal"), nil)
		assert.Equal(t, 1, got[r1])
		assert.Equal(t, 0, got[p1])
	})
}

func TestPIMActivationRequiresMFA(t *testing.T) {
	t.Parallel()
	rule := func(i int, field string, v any) func(obj) obj {
		return func(o obj) obj {
			rules := deepCopy(o["rules"]).(list)
			r := rules[i].(obj)
			if _, del := v.(deletedT); del {
				delete(r, field)
			} else {
				r[field] = v
			}
			o = deepCopy(o).(obj)
			o["rules"] = rules
			return o
		}
	}
	good := goodRoleManagementPolicy()
	justificationOnly := rule(1, "enabledRules", list{"Justification"})(good)
	withContext := rule(2, "claimValue", "c3")(rule(2, "isEnabled", true)(justificationOnly))
	noEnablement := with(good, "rules", list{good["rules"].(list)[0], good["rules"].(list)[3]})
	runResourceTable(t, NewPIMActivationRequiresMFA(), tokRoleMgmtPolicy, []rcase{
		{name: "compliant mfa", props: good},
		{name: "compliant authentication context", props: withContext},
		{name: "compliant by id without target", props: rule(1, "target", deleted)(good)},
		{name: "compliant case-insensitive", props: rule(1, "enabledRules", list{"multifactorauthentication"})(rule(1, "ruleType", "rolemanagementpolicyenablementrule")(good))},
		{name: "versioned token", typ: "azure-native:authorization/v20201001:RoleManagementPolicy", props: justificationOnly, want: []string{"must require MFA"}},
		{name: "justification only", props: justificationOnly, want: []string{
			"Role management policy 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' must require MFA to activate the role: add 'MultiFactorAuthentication' to enabledRules of its Enablement_EndUser_Assignment rule, or enable its AuthenticationContext_EndUser_Assignment rule",
		}},
		{name: "context enabled without claim", props: rule(2, "claimValue", deleted)(withContext), want: []string{"must require MFA"}},
		{name: "context claim but disabled", props: rule(2, "isEnabled", false)(withContext), want: []string{"must require MFA"}},
		{name: "context for another target", props: rule(2, "target", obj{"caller": "Admin", "level": "Assignment"})(withContext), want: []string{"must require MFA"}},
		{name: "mfa only for admin assignments", props: rule(1, "target", obj{"caller": "Admin", "level": "Assignment"})(good), want: []string{
			"must require MFA to activate the role: add a RoleManagementPolicyEnablementRule with id 'Enablement_EndUser_Assignment' (target caller 'EndUser', level 'Assignment')",
		}},
		{name: "missing activation rule", props: noEnablement, want: []string{"add a RoleManagementPolicyEnablementRule"}},
		{name: "missing rules", props: with(good, "rules", deleted), want: []string{"add a RoleManagementPolicyEnablementRule"}},
		{name: "missing enabled rules", props: rule(1, "enabledRules", deleted)(good), want: []string{"add 'MultiFactorAuthentication' to enabledRules"}},
		{name: "name from outputs", props: with(with(justificationOnly, "roleManagementPolicyName", deleted), "name", "pol-1"), want: []string{"Role management policy 'pol-1'"}},
		{name: "unknown rules", props: with(good, "rules", unknown)},
		{name: "unknown rule", props: with(noEnablement, "rules", list{unknown})},
		{name: "unknown rule type", props: rule(1, "ruleType", unknown)(justificationOnly)},
		{name: "unknown enabled rules", props: rule(1, "enabledRules", unknown)(good)},
		{name: "unknown enabled rule", props: rule(1, "enabledRules", list{"Justification", unknown})(good)},
		{name: "unknown target", props: rule(1, "target", unknown)(good)},
		{name: "unknown caller", props: rule(1, "target", obj{"caller": unknown, "level": "Assignment"})(good)},
		{name: "unknown claim", props: rule(2, "claimValue", unknown)(withContext)},
		{name: "unknown enabled flag", props: rule(2, "isEnabled", unknown)(withContext)},
		{name: "secret claim", props: rule(2, "claimValue", secret("c3"))(withContext)},
		{name: "malformed rules", props: with(good, "rules", "mfa"), want: []string{
			"Role management policy 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' must fix rules, which holds a string where a list belongs",
		}},
		{name: "malformed rule", props: with(noEnablement, "rules", list{"Enablement_EndUser_Assignment"}), want: []string{"must fix rules[0], which holds a string where an object belongs"}},
		{name: "malformed enabled rules", props: rule(1, "enabledRules", "MultiFactorAuthentication")(good), want: []string{"must fix rules[1].enabledRules, which holds a string where a list belongs"}},
		{name: "malformed target falls back to id", props: rule(1, "target", "EndUser")(good)},
		{name: "config context not accepted", props: withContext, cfg: obj{"acceptAuthenticationContext": false}, want: []string{
			"must require MFA to activate the role: add 'MultiFactorAuthentication' to enabledRules of its Enablement_EndUser_Assignment rule.",
		}},
		{name: "config mfa still compliant", props: good, cfg: obj{"acceptAuthenticationContext": false}},
		{name: "config malformed", props: good, cfg: obj{"acceptAuthenticationContext": "no"}, wantErr: true},
		{name: "override mandatory", props: justificationOnly, override: true, level: lvlMand, want: []string{"MFA"}},
		{name: "override disabled", props: justificationOnly, override: true, level: lvlDisabled, want: []string{"MFA"}},
	})
}
