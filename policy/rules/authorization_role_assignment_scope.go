package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// defaultPrincipalTypes are the principalType values accepted by default.
var defaultPrincipalTypes = []string{"User", "Group", "ServicePrincipal", "ForeignGroup", "Device"}

// NewRoleAssignmentScopeAndType returns the advisory half of rule R1: principalType is set
// (and one of allowedPrincipalTypes), and Key Vault data-plane roles are scoped to a vault, key
// or secret rather than a resource group or subscription.
//
// The azure-native Go SDK fills principalType "User" when it is omitted, so an omitted value
// cannot be told from an explicit "User" in the inputs; stacks whose assignments go to managed
// identities should set allowedPrincipalTypes to ["ServicePrincipal"] (or add "Group").
//
// The scope counts as a vault when it is a known ARM ID below
// /providers/Microsoft.KeyVault/vaults/ (or managedHSMs), or when the engine recorded that
// scope depends on a Key Vault resource (IDs are unknown during preview and arbitrary under
// mocks).
func NewRoleAssignmentScopeAndType() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "authorization-role-assignment-scope-and-type",
		desc:  "Role assignments name their principal type and scope Key Vault data-plane roles to a vault, key or secret (R1; guide 6 Limit Secret Access; MCSB PA-7, Pulumi best practices).",
		level: advisory,
		kinds: []kind{kRoleAssignment},
		schema: schema(map[string]map[string]any{
			"allowedPrincipalTypes": schemaStrings("Accepted principalType values; the Go SDK fills 'User' when omitted, so workload stacks may want only 'ServicePrincipal'.", defaultPrincipalTypes),
		}),
		check: func(c *resourceCheck) error {
			types, err := cfgStrings(c.cfg, "allowedPrincipalTypes", defaultPrincipalTypes)
			if err != nil {
				return err
			}
			label := "Role assignment " + quote(c.res.Name)
			fix := "set principalType to one of " + strings.Join(types, ", ")
			pt, st := c.str(label, "principalType", "", fix)
			switch {
			case st == stAbsent || st == stKnown && pt == "":
				c.reportf("%s must state its principal type: %s.", label, fix)
			case st == stKnown && !containsFold(types, pt):
				c.reportf("%s must use an accepted principal type (principalType is %q): %s.", label, pt, fix)
			}

			id, ist := get(c.props, "roleDefinitionId").str()
			if !ist.known() {
				return nil
			}
			guid, _ := roleGUID(id)
			role, dataPlane := dataPlaneRoles[guid]
			if !dataPlane {
				return nil
			}
			for _, u := range c.res.PropertyDependencies["scope"] {
				switch urnKind(u) {
				case kVault, kKey, kSecret, kManagedHsm, kManagedHsmKey:
					return nil
				}
			}
			scope, sst := c.str(label, "scope", "", "set scope to the vault's ID")
			if sst != stKnown || !isARMID(scope) {
				return nil
			}
			if !isKeyVaultScope(scope) {
				c.reportf("%s must scope the data-plane role %s to a vault, key or secret instead of %q: set scope to the vault's (or the object's) ID.", label, role, scope)
			}
			return nil
		},
	})
}
