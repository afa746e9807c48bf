package rules

import "testing"

func TestNoPrivilegedRoles(t *testing.T) {
	t.Parallel()
	const admin = "22222222-2222-2222-2222-222222222222"
	ra := func(role string) obj { return with(goodRoleAssignment(), "roleDefinitionId", roleDef(role)) }
	daa := ra(roleKeyVaultDataAccessAdmin)
	runResourceTable(t, NewNoPrivilegedRoles(), tokRoleAssignment, []rcase{
		{name: "compliant", props: goodRoleAssignment()},
		{name: "bare guid", props: with(goodRoleAssignment(), "roleDefinitionId", roleKeyVaultCryptoUser)},
		{name: "owner", props: ra(roleOwner), want: []string{"Role assignment 'res1' must not grant the privileged role Owner to principal '11111111-1111-1111-1111-111111111111'"}},
		{name: "upper-case guid", props: with(goodRoleAssignment(), "roleDefinitionId", roleDef("B24988AC-6180-42A0-AB88-20F7382DD24C")), want: []string{"Contributor"}},
		{name: "user access administrator", props: ra(roleUserAccessAdministrator), want: []string{"User Access Administrator"}},
		{name: "key vault administrator", props: ra(roleKeyVaultAdministrator), want: []string{"Key Vault Administrator"}},
		{name: "key vault contributor", props: ra(roleKeyVaultContributor), want: []string{"Key Vault Contributor"}},
		{name: "data access admin without condition", props: daa, want: []string{"must constrain Key Vault Data Access Administrator with a condition"}},
		{name: "data access admin with condition", props: with(daa, "condition", "@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {4633458b-17de-408a-b874-0445c86b69e6}")},
		{name: "not a guid", props: with(goodRoleAssignment(), "roleDefinitionId", "Owner"), want: []string{"must name its role by an ID ending in a GUID"}},
		{name: "missing role", props: with(goodRoleAssignment(), "roleDefinitionId", deleted)},
		{name: "unknown role", props: with(goodRoleAssignment(), "roleDefinitionId", unknown)},
		{name: "unknown principal refused when no principal allowed", props: with(ra(roleOwner), "principalId", unknown), want: []string{"to a principal that is not in allowedPrivilegedPrincipals"}},
		{name: "unknown principal skipped when some allowed", props: with(ra(roleOwner), "principalId", unknown), cfg: obj{"allowedPrivilegedPrincipals": list{admin}}},
		{name: "malformed", props: with(goodRoleAssignment(), "roleDefinitionId", list{}), want: []string{"must fix roleDefinitionId, which holds a list where a string belongs"}},
		{name: "config allowed principal", props: with(ra(roleOwner), "principalId", admin), cfg: obj{"allowedPrivilegedPrincipals": list{admin}}},
		{name: "override advisory", props: ra(roleOwner), override: true, level: lvlAdvisory, want: []string{"Owner"}},
		{name: "override disabled", props: ra(roleOwner), override: true, level: lvlDisabled, want: []string{"Owner"}},
	})
}

func TestRoleAssignmentScopeAndType(t *testing.T) {
	t.Parallel()
	rgScope := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod"
	mockVault := res(tokVault, "kv", obj{})
	depOnVault := withDeps(res(tokRoleAssignment, "ra", with(goodRoleAssignment(), "scope", "kv_id")), "scope", mockVault.URN)
	cases := []rcase{
		{name: "compliant", props: goodRoleAssignment()},
		{name: "secret scope", props: with(goodRoleAssignment(), "scope", vaultID("kv-prod")+"/secrets/db")},
		{name: "resource group scope", props: with(goodRoleAssignment(), "scope", rgScope), want: []string{"Role assignment 'res1' must scope the data-plane role Key Vault Secrets User to a vault, key or secret instead of \"" + rgScope + "\""}},
		{name: "control-plane role at rg is fine here", props: with(with(goodRoleAssignment(), "scope", rgScope), "roleDefinitionId", roleDef("acdd72a7-3385-48ef-bd42-f606fba81ae7"))},
		{name: "mock id scope skipped", props: with(goodRoleAssignment(), "scope", "kv_id")},
		{name: "missing principal type", props: with(goodRoleAssignment(), "principalType", deleted), want: []string{"must state its principal type"}},
		{name: "unknown", props: with(with(goodRoleAssignment(), "scope", unknown), "principalType", unknown)},
		{name: "malformed", props: with(goodRoleAssignment(), "principalType", 1), want: []string{"must fix principalType, which holds a number where a string belongs"}},
		{name: "config service principals only", props: with(goodRoleAssignment(), "principalType", "User"), cfg: obj{"allowedPrincipalTypes": list{"ServicePrincipal"}}, want: []string{"must use an accepted principal type (principalType is \"User\"): set principalType to one of ServicePrincipal."}},
		{name: "override mandatory", props: with(goodRoleAssignment(), "scope", rgScope), override: true, level: lvlMand, want: []string{"scope"}},
		{name: "override disabled", props: with(goodRoleAssignment(), "scope", rgScope), override: true, level: lvlDisabled, want: []string{"scope"}},
	}
	runResourceTable(t, NewRoleAssignmentScopeAndType(), tokRoleAssignment, cases)

	t.Run("scope depends on vault urn", func(t *testing.T) {
		t.Parallel()
		rs := depOnVault
		rs.Properties = pm(with(goodRoleAssignment(), "scope", rgScope))
		rec := &recording{}
		err := NewRoleAssignmentScopeAndType().Validate(t.Context(), resourceArgs(rec, rs))
		if err != nil || len(rec.msgs) != 0 {
			t.Fatalf("want no violation when scope depends on a vault, got %v %q", err, rec.msgs)
		}
	})
}
