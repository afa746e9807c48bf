package component

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// roleAssignments registers the role assignments at vault scope.
func (b *builder) roleAssignments(vault *keyvault.Vault) error {
	ids, err := b.assign(vault, vault.ID().ToStringOutput(), "role", "RoleAssignments", b.p.roles)
	if err != nil {
		return err
	}
	b.c.RoleAssignmentIDs = ids.ToStringMapOutput()
	return nil
}

// assign registers one role assignment per planned role at scope (the vault,
// or a key or secret in it), each named by RoleAssignmentName so that re-runs
// never create a second assignment. The subscription of the role definition
// comes from the vault's ID. It returns the assignment IDs by key.
func (b *builder) assign(vault *keyvault.Vault, scope pulumi.StringOutput, prefix, field string, roles []plannedRole, extra ...pulumi.ResourceOption) (pulumi.StringMap, error) {
	ids := pulumi.StringMap{}
	for i, r := range roles {
		f := fmt.Sprintf("%s[%d].PrincipalID", field, i)
		principal := r.PrincipalID.ToStringOutput().ApplyT(func(id string) (string, error) {
			if !isGUID(id) {
				return "", fmt.Errorf("ZeroTrustVault %q: %w", b.p.name,
					&ArgError{Field: f, Rule: fmt.Sprintf("%q must be the principal's object ID (a GUID)", id)})
			}
			return id, nil
		}).(pulumi.StringOutput)
		role := r.role
		roleDefinitionID := vault.ID().ApplyT(func(id pulumi.ID) string {
			return role.definitionID(subscriptionOf(string(id)))
		}).(pulumi.StringOutput)
		name := pulumi.All(scope, principal, roleDefinitionID).ApplyT(func(v []any) string {
			return RoleAssignmentName(v[0].(string), v[1].(string), v[2].(string))
		}).(pulumi.StringOutput)

		args := &authorization.RoleAssignmentArgs{
			Scope:              scope,
			PrincipalId:        principal,
			PrincipalType:      pulumi.String(r.PrincipalType),
			RoleDefinitionId:   roleDefinitionID,
			RoleAssignmentName: name,
		}
		if r.Condition != "" {
			args.Condition = pulumi.String(r.Condition)
			args.ConditionVersion = pulumi.String(r.ConditionVersion)
		}
		if r.Description != "" {
			args.Description = pulumi.String(r.Description)
		}
		ra, err := authorization.NewRoleAssignment(b.ctx, childName(b.p.name, prefix+"-"+r.Key), args, b.opts(extra...)...)
		if err != nil {
			return nil, fmt.Errorf("creating role assignment %q: %w", r.Key, err)
		}
		b.lockDeps = append(b.lockDeps, ra)
		ids[r.Key] = ra.ID().ToStringOutput()
	}
	return ids, nil
}

// subscriptionOf returns the subscription ID segment of an ARM resource ID.
func subscriptionOf(id string) string {
	parts := strings.Split(id, "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "subscriptions") {
			return parts[i+1]
		}
	}
	return ""
}
