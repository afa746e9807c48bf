package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// eligiblePrincipalTypes are the principal types that can activate a PIM eligibility: people,
// who can answer MFA and give a justification. Workload identities cannot, so their
// privileged assignments are left to authorization-no-privileged-roles.
var eligiblePrincipalTypes = []string{"User", "Group", "ForeignGroup"}

// NewAdminEligibleNotStanding returns rule P1: a person or group does not hold a privileged
// role (Owner, Contributor, User Access Administrator, Key Vault Contributor, Key Vault
// Administrator) on a Key Vault scope through a standing role assignment; they are made
// eligible with an azure-native:authorization:PimRoleEligibilitySchedule and activate the role
// just in time. Break-glass accounts, which must not depend on PIM, go in
// allowedStandingPrincipals.
//
// Interaction with authorization-no-privileged-roles (mandatory): that policy refuses every
// privileged assignment whose principal is not in its allowedPrivilegedPrincipals, whatever
// the principal type. Policies cannot read each other's configuration, so this one cannot
// tell which principals it allows. To keep one message per problem where the advice would be
// the same, this policy leaves workload principals (principalType ServicePrincipal or Device)
// to that policy: a workload cannot activate an eligibility. For users and groups both may
// report the same assignment, deliberately: the mandatory one says the standing grant is
// refused, this one names the fix for administrators (eligibility), and it keeps reporting
// once the principal has been allowed there.
//
// The scope is a Key Vault scope when it depends on a vault, Managed HSM, key or secret, or is
// a known ARM ID below one. The azure-native Go SDK fills principalType "User" when it is
// omitted, so an omitted type counts as a user. Malformed roleDefinitionId, principalId,
// principalType and scope values are reported by the two R1 policies that own them.
func NewAdminEligibleNotStanding() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "authorization-admin-eligible-not-standing",
		desc:  "Administrators hold privileged roles on Key Vaults as PIM eligibilities activated just in time, not as standing role assignments (P1; guide 1 and 5 Use Azure RBAC, Use Conditional Access Policies; MCSB PA-2).",
		level: advisory,
		kinds: []kind{kRoleAssignment},
		schema: schema(map[string]map[string]any{
			"allowedStandingPrincipals": schemaStrings("Object IDs of break-glass accounts or groups that keep standing privileged access to vaults.", nil),
		}),
		check: func(c *resourceCheck) error {
			allowed, err := cfgStrings(c.cfg, "allowedStandingPrincipals", nil)
			if err != nil {
				return err
			}
			id, f := get(c.props, "roleDefinitionId").str()
			if !f.known() {
				return nil
			}
			guid, _ := roleGUID(id)
			role, privileged := privilegedRoles[guid]
			if !privileged {
				return nil
			}
			pt, tf := get(c.props, "principalType").str()
			switch {
			case tf.st == stAbsent:
				pt = "User" // the Go SDK's default
			case !tf.known():
				return nil
			}
			if !containsFold(eligiblePrincipalTypes, pt) {
				return nil
			}
			isVault, known, vaultName := keyVaultScope(c.res)
			if !known || !isVault {
				return nil
			}
			principal, pf := get(c.props, "principalId").str()
			who := "its principal"
			switch {
			case pf.known() && containsFold(allowed, principal):
				return nil
			case pf.st == stUnknown && len(allowed) > 0, pf.st == stMalformed:
				return nil
			case pf.known() && principal != "":
				who = "principal " + quote(principal)
			}
			where := "a Key Vault"
			if vaultName != "" {
				where = "Key Vault " + quote(vaultName)
			}
			c.reportf("Role assignment %s gives %s standing %s access to %s: make the principal eligible with an azure-native:authorization:PimRoleEligibilitySchedule at the same scope (ZeroTrustVault: JustInTime.Eligibilities) and remove the standing assignment, or add the principal to allowedStandingPrincipals if it is a break-glass account.",
				quote(c.res.Name), who, role, where)
			return nil
		},
	})
}
