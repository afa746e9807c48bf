package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewNoPrivilegedRoles returns the mandatory half of rule R1: a role assignment grants none of
// Owner, Contributor, User Access Administrator, Key Vault Contributor or Key Vault
// Administrator unless its principal is in allowedPrivilegedPrincipals, and Key Vault Data
// Access Administrator only with an ABAC condition that limits which roles it may assign.
func NewNoPrivilegedRoles() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "authorization-no-privileged-roles",
		desc:  "Role assignments grant no privileged role to workload principals and no unconditioned Data Access Administrator (R1; guide 1 and 5 Use Azure RBAC; MCSB PA-7).",
		level: mandatory,
		kinds: []kind{kRoleAssignment},
		schema: schema(map[string]map[string]any{
			"allowedPrivilegedPrincipals": schemaStrings("Principal object IDs (break-glass or platform admins) that may hold privileged roles.", nil),
		}),
		check: func(c *resourceCheck) error {
			allowed, err := cfgStrings(c.cfg, "allowedPrivilegedPrincipals", nil)
			if err != nil {
				return err
			}
			label := "Role assignment " + quote(c.res.Name)
			const fix = "set roleDefinitionId to a role definition ID ending in the role's GUID"
			id, st := c.str(label, "roleDefinitionId", "", fix)
			if st != stKnown {
				return nil
			}
			guid, ok := roleGUID(id)
			if !ok {
				c.reportf("%s must name its role by an ID ending in a GUID (roleDefinitionId is %q): %s.", label, id, fix)
				return nil
			}
			if role, bad := privilegedRoles[guid]; bad {
				principal, pst := c.str(label, "principalId", "", "set principalId to the principal's object ID")
				switch {
				case pst == stKnown && containsFold(allowed, principal):
				case pst == stUnknown && len(allowed) > 0:
					// The principal may turn out to be an allowed one.
				case pst == stMalformed:
				default:
					who := "principal " + quote(principal)
					if pst != stKnown {
						who = "a principal that is not in allowedPrivilegedPrincipals"
					}
					c.reportf("%s must not grant the privileged role %s to %s: grant a Key Vault data-plane role such as Key Vault Secrets User instead, or add the principal to allowedPrivilegedPrincipals.", label, role, who)
				}
				return nil
			}
			if guid == roleKeyVaultDataAccessAdmin {
				cond, cst := c.str(label, "condition", "", "set condition to an ABAC expression that limits the roles it may assign")
				if usable(cst) && cond == "" {
					c.reportf("%s must constrain Key Vault Data Access Administrator with a condition: set condition (and conditionVersion '2.0') to an ABAC expression that limits which roles it may assign.", label)
				}
			}
			return nil
		},
	})
}
