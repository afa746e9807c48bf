package component

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// JustInTimeArgs make administrators eligible for a role at vault scope
// through Privileged Identity Management (PIM) instead of holding it: an
// eligible principal has no access until it activates the role, for a short
// time, with MFA (or a Conditional Access authentication context) and a
// justification, optionally after approval.
//
// Azure keeps one role management policy ("role settings") per role and
// scope; it exists before anything asks for it and cannot be created, only
// updated. Its name is a GUID Azure chose, which no program can derive, so it
// is passed in RoleManagementPolicyNames once the vault exists (see
// docs/zero-trust-beyond-the-vault.md for the one-line lookup).
type JustInTimeArgs struct {
	// Eligibilities are the principals made eligible, one role each.
	// Default: none (just-in-time access is off).
	Eligibilities []EligibilityArgs
	// Start is when the eligibilities begin, in RFC 3339
	// ("2027-01-01T00:00:00Z"). It is a fixed input, so re-runs never move
	// it; change it to renew every eligibility (they are replaced).
	// Default: unset, and Azure starts each eligibility when it is created.
	Start string
	// DurationDays is how long each eligibility lasts from its start, 1–365.
	// The role management policy also refuses longer eligibilities made
	// outside Pulumi. Default: 180.
	DurationDays int
	// MaxActivationDuration is the longest an activation lasts, 30 minutes
	// to 24 hours, in whole minutes. Default: 4 hours.
	MaxActivationDuration time.Duration
	// RequireApproval makes every activation wait for one of Approvers.
	// Default: false.
	RequireApproval bool
	// Approvers approve activations when RequireApproval is set (then at
	// least one is required); refused otherwise.
	Approvers []ApproverArgs
	// AuthenticationContext is a Conditional Access authentication context
	// ID, "c1" to "c99". When set, activation requires the context instead of
	// plain MFA, so the tenant's Conditional Access policy that targets it
	// decides (require MFA or an authentication strength there, plus device
	// compliance, location or risk). Default: unset (activation requires MFA).
	AuthenticationContext string
	// RoleManagementPolicyNames maps each eligible role (as written in
	// Eligibilities[].Role, or its GUID) to the name (a GUID) of the role
	// management policy Azure keeps for that role at the vault's scope.
	// Required for every eligible role unless AllowDefaultRoleSettings.
	RoleManagementPolicyNames map[string]string
	// AllowDefaultRoleSettings creates eligibilities for roles that have no
	// entry in RoleManagementPolicyNames, leaving their activation rules at
	// Azure's defaults (typically for the first deployment of a new vault,
	// whose policy names cannot be known yet). Default: false.
	AllowDefaultRoleSettings bool
}

// EligibilityArgs make one principal eligible for one role at vault scope.
type EligibilityArgs struct {
	// Key identifies the eligibility within the component and keys the
	// EligibilityScheduleIDs output (letters, digits, '-', '_', '.'). Required, unique.
	Key string
	// PrincipalID is the object ID of the user or group. Required.
	PrincipalID pulumi.StringInput
	// Role is a built-in role name, a role GUID or a role definition ID.
	// Owner, Contributor and User Access Administrator need
	// AllowPrivilegedRoles. Default: "Key Vault Administrator".
	Role string
	// Condition is an ABAC condition that narrows the role once activated.
	// Required for Key Vault Data Access Administrator.
	Condition string
	// ConditionVersion is the ABAC condition language version.
	// Default: "2.0" when Condition is set.
	ConditionVersion string
	// Justification is recorded on the eligibility request.
	// Default: "Managed by ZeroTrustVault <name>".
	Justification string
}

// ApproverArgs name one approver of activations.
type ApproverArgs struct {
	// ID is the object ID of the approving user or group. Required.
	ID pulumi.StringInput
	// Type is "User" or "Group" (service principals cannot approve).
	// Default: "User".
	Type string
	// Description is shown to the requester, e.g. the approver's name.
	Description string
}

// Just-in-time defaults and limits.
const (
	DefaultEligibilityRole          = "Key Vault Administrator"
	DefaultEligibilityDurationDays  = 180
	MaxEligibilityDurationDays      = 365
	DefaultMaxActivationDuration    = 4 * time.Hour
	minActivationDuration           = 30 * time.Minute
	maxActivationDuration           = 24 * time.Hour
	approverTypeUser                = "User"
	approverTypeGroup               = "Group"
	roleManagementPolicyEndUserRole = "EndUser"
)

// jitRefusedRoles need AllowPrivilegedRoles even as eligibilities: they reach
// far beyond the vault's data (Owner and User Access Administrator can grant
// anything; Contributor can change the vault's network and settings).
var jitRefusedRoles = map[string]bool{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": true, // Owner
	"b24988ac-6180-42a0-ab88-20f7382dd24c": true, // Contributor
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": true, // User Access Administrator
}

var authContextRE = regexp.MustCompile(`^c([1-9]|[1-9][0-9])$`)

type plannedEligibility struct {
	EligibilityArgs
	role resolvedRole
}

// plannedRolePolicy is the role management policy of one eligible role.
type plannedRolePolicy struct {
	role resolvedRole
	name string // Azure's policy GUID; empty when left at Azure's defaults
}

func (p *plan) validateJustInTime(errs *argErrors) {
	j := &p.args.JustInTime
	if len(j.Eligibilities) == 0 {
		if j.Start != "" || j.DurationDays != 0 || j.MaxActivationDuration != 0 || j.RequireApproval ||
			len(j.Approvers) > 0 || j.AuthenticationContext != "" || len(j.RoleManagementPolicyNames) > 0 || j.AllowDefaultRoleSettings {
			errs.add("JustInTime", "settings are only used with JustInTime.Eligibilities: add at least one eligibility or leave JustInTime empty")
		}
		return
	}

	seen := map[string]int{}
	pairs := map[string]int{}
	for i, e := range j.Eligibilities {
		f := fmt.Sprintf("JustInTime.Eligibilities[%d]", i)
		if !keyRE.MatchString(e.Key) {
			errs.add(f+".Key", "%q must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit", e.Key)
		} else if k, dup := seen[e.Key]; dup {
			errs.add(f+".Key", "%q repeats index %d: keys must be unique", e.Key, k)
		}
		seen[e.Key] = i
		principal, known := "", false
		if e.PrincipalID == nil {
			errs.add(f+".PrincipalID", "is required")
		} else if v, ok := knownString(e.PrincipalID); ok {
			if !isGUID(v) {
				errs.add(f+".PrincipalID", "%q must be the user's or group's object ID (a GUID)", v)
			} else {
				principal, known = strings.ToLower(v), true
			}
		}
		if e.Role == "" {
			e.Role = DefaultEligibilityRole
		}
		role, err := resolveRole(e.Role)
		if err != nil {
			errs.add(f+".Role", "%v", err)
			continue
		}
		if jitRefusedRoles[role.guid] && !p.args.AllowPrivilegedRoles {
			errs.add(f+".Role", "%s reaches beyond the vault's data even when only eligible: choose Key Vault Administrator or a data-plane role, or set AllowPrivilegedRoles", privilegedRoles[role.guid])
		}
		if role.guid == dataAccessAdministratorRole && strings.TrimSpace(e.Condition) == "" {
			errs.add(f+".Condition", "is required for Key Vault Data Access Administrator: add an ABAC condition that limits the roles it may assign")
		}
		if e.Condition == "" && e.ConditionVersion != "" {
			errs.add(f+".ConditionVersion", "is only used with Condition")
		}
		if e.Condition != "" && e.ConditionVersion == "" {
			e.ConditionVersion = DefaultConditionVersion
		}
		if known {
			pair := principal + "|" + role.guid
			if k, dup := pairs[pair]; dup {
				errs.add(f, "repeats the principal and role of JustInTime.Eligibilities[%d]: PIM keeps one eligibility per principal, role and scope", k)
			}
			pairs[pair] = i
		}
		if e.Justification == "" {
			e.Justification = "Managed by ZeroTrustVault " + p.name
		}
		p.eligibilities = append(p.eligibilities, plannedEligibility{EligibilityArgs: e, role: role})
	}

	if j.Start != "" {
		if _, err := time.Parse(time.RFC3339, j.Start); err != nil {
			errs.add("JustInTime.Start", "%q must be an RFC 3339 date and time such as \"2027-01-01T00:00:00Z\"", j.Start)
		}
	}
	if j.DurationDays == 0 {
		j.DurationDays = DefaultEligibilityDurationDays
	}
	if d := j.DurationDays; d < 1 || d > MaxEligibilityDurationDays {
		errs.add("JustInTime.DurationDays", "%d must be between 1 and %d days: eligibilities are time-bound and renewed by changing Start", d, MaxEligibilityDurationDays)
	}
	if j.MaxActivationDuration == 0 {
		j.MaxActivationDuration = DefaultMaxActivationDuration
	}
	if d := j.MaxActivationDuration; d < minActivationDuration || d > maxActivationDuration || d%time.Minute != 0 {
		errs.add("JustInTime.MaxActivationDuration", "%v must be whole minutes between 30m and 24h", d)
	}
	if j.RequireApproval && len(j.Approvers) == 0 {
		errs.add("JustInTime.Approvers", "at least one approver is required when RequireApproval is set")
	}
	if !j.RequireApproval && len(j.Approvers) > 0 {
		errs.add("JustInTime.Approvers", "are only used with RequireApproval: set it, or remove the approvers")
	}
	j.Approvers = append([]ApproverArgs(nil), j.Approvers...) // never write to the caller's slice
	for i := range j.Approvers {
		a := &j.Approvers[i]
		f := fmt.Sprintf("JustInTime.Approvers[%d]", i)
		if a.ID == nil {
			errs.add(f+".ID", "is required")
		} else if v, ok := knownString(a.ID); ok && !isGUID(v) {
			errs.add(f+".ID", "%q must be the approver's object ID (a GUID)", v)
		}
		if a.Type == "" {
			a.Type = approverTypeUser
		}
		if a.Type != approverTypeUser && a.Type != approverTypeGroup {
			errs.add(f+".Type", "%q must be User or Group (service principals cannot approve)", a.Type)
		}
	}
	if c := j.AuthenticationContext; c != "" && !authContextRE.MatchString(c) {
		errs.add("JustInTime.AuthenticationContext", "%q must be a Conditional Access authentication context ID from c1 to c99", c)
	}

	// One role management policy per distinct eligible role.
	byGUID := map[string]*plannedRolePolicy{}
	for _, e := range p.eligibilities {
		if _, ok := byGUID[e.role.guid]; !ok {
			byGUID[e.role.guid] = &plannedRolePolicy{role: e.role}
			p.rolePolicies = append(p.rolePolicies, byGUID[e.role.guid])
		}
	}
	keys := make([]string, 0, len(j.RoleManagementPolicyNames))
	for k := range j.RoleManagementPolicyNames {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := j.RoleManagementPolicyNames[k]
		f := fmt.Sprintf("JustInTime.RoleManagementPolicyNames[%q]", k)
		role, err := resolveRole(k)
		if err != nil {
			errs.add(f, "%v", err)
			continue
		}
		rp, ok := byGUID[role.guid]
		if !ok {
			errs.add(f, "names a role no eligibility uses: remove it or add an eligibility for the role")
			continue
		}
		if !isGUID(v) {
			errs.add(f, "%q must be the policy's name, a GUID (look it up with the roleManagementPolicies list filtered by roleDefinitionId at the vault's scope)", v)
			continue
		}
		if rp.name != "" && !strings.EqualFold(rp.name, v) {
			errs.add(f, "gives a second policy name for the same role")
		}
		rp.name = strings.ToLower(v)
	}
	if !j.AllowDefaultRoleSettings {
		for _, rp := range p.rolePolicies {
			if rp.name == "" {
				errs.add("JustInTime.RoleManagementPolicyNames", "has no entry for %s: Azure keeps one role management policy per role at the vault's scope and its name (a GUID) must be given so that activation requires MFA and a justification; after the vault exists, look it up (docs/zero-trust-beyond-the-vault.md), or set AllowDefaultRoleSettings to deploy the eligibility with Azure's default role settings until then", roleLabel(rp.role))
			}
		}
	}
}

// roleLabel names a role for messages and output keys: its built-in name, or
// its GUID.
func roleLabel(r resolvedRole) string {
	for name, guid := range BuiltInRoles {
		if guid == r.guid {
			return name
		}
	}
	return r.guid
}

// roleSlug is roleLabel in lower-case kebab form, for resource names.
func roleSlug(r resolvedRole) string {
	return strings.ReplaceAll(strings.ToLower(roleLabel(r)), " ", "-")
}

// isoDuration formats a whole number of minutes as an ISO 8601 duration
// (PT4H, PT1H30M, PT30M).
func isoDuration(d time.Duration) string {
	h, m := int(d/time.Hour), int((d%time.Hour)/time.Minute)
	switch {
	case m == 0:
		return fmt.Sprintf("PT%dH", h)
	case h == 0:
		return fmt.Sprintf("PT%dM", m)
	}
	return fmt.Sprintf("PT%dH%dM", h, m)
}

// justInTime registers the role management policy of every eligible role at
// vault scope, then the eligibility schedules, each depending on its role's
// policy so that the rules hold from the first activation.
func (b *builder) justInTime(vault *keyvault.Vault) error {
	j := b.p.args.JustInTime
	ids := pulumi.StringMap{}
	policyIDs := pulumi.StringMap{}
	if len(b.p.eligibilities) == 0 {
		b.c.EligibilityScheduleIDs = ids.ToStringMapOutput()
		b.c.RoleManagementPolicyIDs = policyIDs.ToStringMapOutput()
		return nil
	}
	if j.Start != "" {
		if start, err := time.Parse(time.RFC3339, j.Start); err == nil && start.AddDate(0, 0, j.DurationDays).Before(time.Now()) {
			b.ctx.Log.Warn(fmt.Sprintf("ZeroTrustVault %q: JustInTime eligibilities starting %s for %d days have expired: move JustInTime.Start forward to renew them", b.p.name, j.Start, j.DurationDays), nil)
		}
	}

	policies := map[string]*authorization.RoleManagementPolicy{}
	for _, rp := range b.p.rolePolicies {
		if rp.name == "" {
			b.ctx.Log.Warn(fmt.Sprintf("ZeroTrustVault %q: %s eligibilities use Azure's default role settings: set JustInTime.RoleManagementPolicyNames to enforce MFA, justification and the activation limits", b.p.name, roleLabel(rp.role)), nil)
			continue
		}
		pol, err := authorization.NewRoleManagementPolicy(b.ctx, childName(b.p.name, "jit-policy-"+roleSlug(rp.role)), &authorization.RoleManagementPolicyArgs{
			Scope:                    vault.ID(),
			RoleManagementPolicyName: pulumi.String(rp.name),
			Rules:                    b.activationRules(),
		}, b.opts()...)
		if err != nil {
			return fmt.Errorf("creating role management policy for %s: %w", roleLabel(rp.role), err)
		}
		b.lockDeps = append(b.lockDeps, pol)
		policies[rp.role.guid] = pol
		policyIDs[roleLabel(rp.role)] = pol.ID().ToStringOutput()
	}

	var start pulumi.StringPtrInput
	if j.Start != "" {
		start = pulumi.String(j.Start)
	}
	for i, e := range b.p.eligibilities {
		f := fmt.Sprintf("JustInTime.Eligibilities[%d].PrincipalID", i)
		principal := e.PrincipalID.ToStringOutput().ApplyT(func(id string) (string, error) {
			if !isGUID(id) {
				return "", fmt.Errorf("ZeroTrustVault %q: %w", b.p.name,
					&ArgError{Field: f, Rule: fmt.Sprintf("%q must be the user's or group's object ID (a GUID)", id)})
			}
			return id, nil
		}).(pulumi.StringOutput)
		role := e.role
		roleDefinitionID := vault.ID().ApplyT(func(id pulumi.ID) string {
			return role.definitionID(subscriptionOf(string(id)))
		}).(pulumi.StringOutput)
		args := &authorization.PimRoleEligibilityScheduleArgs{
			Scope:            vault.ID(),
			PrincipalId:      principal,
			RoleDefinitionId: roleDefinitionID,
			Justification:    pulumi.String(e.Justification),
			ScheduleInfo: authorization.RoleEligibilityScheduleRequestPropertiesScheduleInfoArgs{
				StartDateTime: start,
				Expiration: authorization.RoleEligibilityScheduleRequestPropertiesExpirationArgs{
					Type:     pulumi.String("AfterDuration"),
					Duration: pulumi.String(isoDays(j.DurationDays)),
				},
			},
		}
		if e.Condition != "" {
			args.Condition = pulumi.String(e.Condition)
			args.ConditionVersion = pulumi.String(e.ConditionVersion)
		}
		// PIM keeps one eligibility per principal, role and scope, so a
		// replacement must remove the old one first.
		extra := []pulumi.ResourceOption{pulumi.DeleteBeforeReplace(true)}
		if pol, ok := policies[role.guid]; ok {
			extra = append(extra, pulumi.DependsOn([]pulumi.Resource{pol}))
		}
		s, err := authorization.NewPimRoleEligibilitySchedule(b.ctx, childName(b.p.name, "jit-"+e.Key), args, b.opts(extra...)...)
		if err != nil {
			return fmt.Errorf("creating eligibility %q: %w", e.Key, err)
		}
		b.lockDeps = append(b.lockDeps, s)
		ids[e.Key] = s.ID().ToStringOutput()
	}
	b.c.EligibilityScheduleIDs = ids.ToStringMapOutput()
	b.c.RoleManagementPolicyIDs = policyIDs.ToStringMapOutput()
	return nil
}

// activationRules are the rules sent to every role management policy. Rules
// left out keep their current values (notifications, admin assignments).
func (b *builder) activationRules() pulumi.Array {
	j := b.p.args.JustInTime
	endUser := authorization.RoleManagementPolicyRuleTargetArgs{
		Caller:     pulumi.String(roleManagementPolicyEndUserRole),
		Operations: pulumi.StringArray{pulumi.String("All")},
		Level:      pulumi.String("Assignment"),
	}
	// The portal offers MFA and an authentication context as alternatives,
	// and PIM refuses both at once: with a context, the Conditional Access
	// policy that targets it must require MFA (or an authentication strength).
	enabled := pulumi.StringArray{pulumi.String("MultiFactorAuthentication"), pulumi.String("Justification")}
	if j.AuthenticationContext != "" {
		enabled = pulumi.StringArray{pulumi.String("Justification")}
	}
	approvers := authorization.UserSetArray{}
	for _, a := range j.Approvers {
		u := authorization.UserSetArgs{Id: a.ID, UserType: pulumi.String(a.Type), IsBackup: pulumi.Bool(false)}
		if a.Description != "" {
			u.Description = pulumi.String(a.Description)
		}
		approvers = append(approvers, u)
	}
	authContext := authorization.RoleManagementPolicyAuthenticationContextRuleArgs{
		Id:        pulumi.String("AuthenticationContext_EndUser_Assignment"),
		RuleType:  pulumi.String("RoleManagementPolicyAuthenticationContextRule"),
		IsEnabled: pulumi.Bool(j.AuthenticationContext != ""),
		Target:    endUser,
	}
	if j.AuthenticationContext != "" {
		authContext.ClaimValue = pulumi.String(j.AuthenticationContext)
	}
	return pulumi.Array{
		authorization.RoleManagementPolicyExpirationRuleArgs{
			Id:                   pulumi.String("Expiration_EndUser_Assignment"),
			RuleType:             pulumi.String("RoleManagementPolicyExpirationRule"),
			IsExpirationRequired: pulumi.Bool(true),
			MaximumDuration:      pulumi.String(isoDuration(j.MaxActivationDuration)),
			Target:               endUser,
		},
		authorization.RoleManagementPolicyEnablementRuleArgs{
			Id:           pulumi.String("Enablement_EndUser_Assignment"),
			RuleType:     pulumi.String("RoleManagementPolicyEnablementRule"),
			EnabledRules: enabled,
			Target:       endUser,
		},
		authContext,
		authorization.RoleManagementPolicyApprovalRuleArgs{
			Id:       pulumi.String("Approval_EndUser_Assignment"),
			RuleType: pulumi.String("RoleManagementPolicyApprovalRule"),
			Setting: authorization.ApprovalSettingsArgs{
				IsApprovalRequired:               pulumi.Bool(j.RequireApproval),
				IsApprovalRequiredForExtension:   pulumi.Bool(false),
				IsRequestorJustificationRequired: pulumi.Bool(true),
				ApprovalMode:                     pulumi.String("SingleStage"),
				ApprovalStages: authorization.ApprovalStageArray{authorization.ApprovalStageArgs{
					ApprovalStageTimeOutInDays:      pulumi.Int(1),
					IsApproverJustificationRequired: pulumi.Bool(true),
					EscalationTimeInMinutes:         pulumi.Int(0),
					IsEscalationEnabled:             pulumi.Bool(false),
					PrimaryApprovers:                approvers,
				}},
			},
			Target: endUser,
		},
		// No eligibility at this scope may be permanent or outlast DurationDays,
		// including ones made in the portal.
		authorization.RoleManagementPolicyExpirationRuleArgs{
			Id:                   pulumi.String("Expiration_Admin_Eligibility"),
			RuleType:             pulumi.String("RoleManagementPolicyExpirationRule"),
			IsExpirationRequired: pulumi.Bool(true),
			MaximumDuration:      pulumi.String(isoDays(j.DurationDays)),
			Target: authorization.RoleManagementPolicyRuleTargetArgs{
				Caller:     pulumi.String("Admin"),
				Operations: pulumi.StringArray{pulumi.String("All")},
				Level:      pulumi.String("Eligibility"),
			},
		},
	}
}
