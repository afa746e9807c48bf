package component_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

const (
	tEligibility = "azure-native:authorization:PimRoleEligibilitySchedule"
	tRolePolicy  = "azure-native:authorization:RoleManagementPolicy"
	policyA      = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
	policyB      = "dddddddd-dddd-4ddd-8ddd-dddddddddddd"
	kvAdminGUID  = "00482a5a-887f-4fb3-b363-3b7fe8e74483"
	kvSecretsOff = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
)

// beyondOutputs are the outputs of the just-in-time, threat-detection and
// guardrail features, resolved.
type beyondOutputs struct {
	EligibilityScheduleIDs, RoleManagementPolicyIDs, AlertRuleIDs, PolicyAssignmentIDs map[string]string
	ActionGroupID, DefenderDeploymentID                                                string
}

// runBeyond is run() for the outputs added by these features.
func runBeyond(t *testing.T, args *component.ZeroTrustVaultArgs) (result, beyondOutputs) {
	t.Helper()
	m := azmock.New("proj", "dev")
	var (
		mu  sync.Mutex
		out beyondOutputs
	)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		c, err := component.NewZeroTrustVault(ctx, componentRN, args)
		if err != nil {
			return err
		}
		pulumi.All(c.EligibilityScheduleIDs, c.RoleManagementPolicyIDs, c.AlertRuleIDs, c.PolicyAssignmentIDs,
			c.ActionGroupID, c.DefenderDeploymentID).ApplyT(func(v []any) error {
			mu.Lock()
			defer mu.Unlock()
			out = beyondOutputs{
				EligibilityScheduleIDs: v[0].(map[string]string), RoleManagementPolicyIDs: v[1].(map[string]string),
				AlertRuleIDs: v[2].(map[string]string), PolicyAssignmentIDs: v[3].(map[string]string),
				ActionGroupID: v[4].(string), DefenderDeploymentID: v[5].(string),
			}
			return nil
		})
		return nil
	}, m.RunOption())
	mu.Lock()
	defer mu.Unlock()
	return result{mocks: m, err: err}, out
}

// badCase is one refused argument: the error names field and rule, and
// nothing is registered.
type badCase struct {
	name   string
	modify func(a *component.ZeroTrustVaultArgs)
	field  string
	rule   string
}

func checkBadInputs(t *testing.T, cases []badCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			tc.modify(a)
			r := run(t, a)
			require.Error(t, r.err)
			assert.True(t, errors.Is(r.err, component.ErrInvalidArgs), "error must match ErrInvalidArgs: %v", r.err)
			assert.Contains(t, r.err.Error(), tc.field+": ")
			assert.Contains(t, r.err.Error(), tc.rule)
			assert.Empty(t, r.mocks.Resources(), "nothing may be registered")
		})
	}
}

// rule returns the rule with the given id from a role management policy.
func rule(t *testing.T, pol azmock.Resource, id string) resource.PropertyMap {
	t.Helper()
	for _, r := range path(t, pol, "rules").ArrayValue() {
		if r.ObjectValue()["id"].StringValue() == id {
			return r.ObjectValue()
		}
	}
	t.Fatalf("policy %s has no rule %s", pol.Name, id)
	return nil
}

func ruleStrings(v resource.PropertyValue) []string {
	var out []string
	for _, s := range v.ArrayValue() {
		out = append(out, s.StringValue())
	}
	return out
}

func admins() component.JustInTimeArgs {
	return component.JustInTimeArgs{
		Eligibilities:             []component.EligibilityArgs{{Key: "admins", PrincipalID: pulumi.String(principalA)}},
		RoleManagementPolicyNames: map[string]string{"Key Vault Administrator": policyA},
	}
}

func TestJustInTimeIsOffByDefault(t *testing.T) {
	t.Parallel()
	r, out := runBeyond(t, baseArgs())
	require.NoError(t, r.err)
	c := typeCounts(r.mocks)
	assert.Zero(t, c[tEligibility]+c[tRolePolicy])
	assert.Empty(t, out.EligibilityScheduleIDs)
	assert.Empty(t, out.RoleManagementPolicyIDs)
}

func TestJustInTimeDefaults(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.JustInTime = admins()
	r, out := runBeyond(t, a)
	require.NoError(t, r.err)

	comp := only(t, r.mocks, tComponent)
	vault := only(t, r.mocks, tVault)
	pol := only(t, r.mocks, tRolePolicy)
	el := only(t, r.mocks, tEligibility)

	// The policy: Azure's existing one for the role at vault scope, updated.
	assert.Equal(t, "app-jit-policy-key-vault-administrator", pol.Name)
	assert.Equal(t, comp.URN, pol.Parent)
	assert.Equal(t, vault.ID, path(t, pol, "scope").V)
	assert.Contains(t, pol.PropertyDependencies["scope"], vault.URN)
	assert.Equal(t, policyA, path(t, pol, "roleManagementPolicyName").V)
	exp := rule(t, pol, "Expiration_EndUser_Assignment")
	assert.Equal(t, "RoleManagementPolicyExpirationRule", exp["ruleType"].V)
	assert.Equal(t, "PT4H", exp["maximumDuration"].V)
	assert.Equal(t, true, exp["isExpirationRequired"].V)
	assert.Equal(t, "EndUser", exp["target"].ObjectValue()["caller"].V)
	assert.Equal(t, "Assignment", exp["target"].ObjectValue()["level"].V)
	en := rule(t, pol, "Enablement_EndUser_Assignment")
	assert.Equal(t, "RoleManagementPolicyEnablementRule", en["ruleType"].V)
	assert.Equal(t, []string{"MultiFactorAuthentication", "Justification"}, ruleStrings(en["enabledRules"]))
	ac := rule(t, pol, "AuthenticationContext_EndUser_Assignment")
	assert.Equal(t, "RoleManagementPolicyAuthenticationContextRule", ac["ruleType"].V)
	assert.Equal(t, false, ac["isEnabled"].V)
	assert.NotContains(t, ac, resource.PropertyKey("claimValue"))
	ap := rule(t, pol, "Approval_EndUser_Assignment")["setting"].ObjectValue()
	assert.Equal(t, false, ap["isApprovalRequired"].V)
	assert.Equal(t, true, ap["isRequestorJustificationRequired"].V)
	assert.Empty(t, ap["approvalStages"].ArrayValue()[0].ObjectValue()["primaryApprovers"].ArrayValue())
	el5 := rule(t, pol, "Expiration_Admin_Eligibility")
	assert.Equal(t, "P180D", el5["maximumDuration"].V)
	assert.Equal(t, true, el5["isExpirationRequired"].V)
	assert.Equal(t, "Admin", el5["target"].ObjectValue()["caller"].V)
	assert.Equal(t, "Eligibility", el5["target"].ObjectValue()["level"].V)

	// The eligibility: time-bound, at vault scope, after its policy.
	assert.Equal(t, "app-jit-admins", el.Name)
	assert.Equal(t, comp.URN, el.Parent)
	assert.Equal(t, vault.ID, path(t, el, "scope").V)
	assert.Equal(t, principalA, path(t, el, "principalId").V)
	assert.Equal(t, "/subscriptions/"+azmock.SubscriptionID+"/providers/Microsoft.Authorization/roleDefinitions/"+kvAdminGUID, path(t, el, "roleDefinitionId").V)
	assert.Equal(t, "AfterDuration", path(t, el, "scheduleInfo.expiration.type").V)
	assert.Equal(t, "P180D", path(t, el, "scheduleInfo.expiration.duration").V)
	assert.True(t, path(t, el, "scheduleInfo.startDateTime").IsNull(), "no start: Azure starts it at creation, and re-runs never move it")
	assert.Equal(t, "Managed by ZeroTrustVault app", path(t, el, "justification").V)
	assert.True(t, path(t, el, "condition").IsNull())
	assert.Contains(t, el.Dependencies, pol.URN)
	assert.True(t, el.DeleteBeforeReplace, "PIM keeps one eligibility per principal, role and scope")

	// The lock outlives both.
	for _, l := range r.mocks.OfType(tLock) {
		assert.Contains(t, l.Dependencies, el.URN)
		assert.Contains(t, l.Dependencies, pol.URN)
	}
	assert.Equal(t, map[string]string{"admins": el.ID}, out.EligibilityScheduleIDs)
	assert.Equal(t, map[string]string{"Key Vault Administrator": pol.ID}, out.RoleManagementPolicyIDs)
	// No standing role assignment is created for the administrator.
	assert.Zero(t, typeCounts(r.mocks)[tRole])
}

func TestJustInTimeOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(j *component.JustInTimeArgs, a *component.ZeroTrustVaultArgs)
		check  func(t *testing.T, r result, out beyondOutputs)
	}{
		{"start, duration and activation length", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.Start = "2027-01-01T00:00:00Z"
			j.DurationDays = 30
			j.MaxActivationDuration = 90 * time.Minute
		}, func(t *testing.T, r result, _ beyondOutputs) {
			el := only(t, r.mocks, tEligibility)
			assert.Equal(t, "2027-01-01T00:00:00Z", path(t, el, "scheduleInfo.startDateTime").V)
			assert.Equal(t, "P30D", path(t, el, "scheduleInfo.expiration.duration").V)
			pol := only(t, r.mocks, tRolePolicy)
			assert.Equal(t, "PT1H30M", rule(t, pol, "Expiration_EndUser_Assignment")["maximumDuration"].V)
			assert.Equal(t, "P30D", rule(t, pol, "Expiration_Admin_Eligibility")["maximumDuration"].V)
		}},
		{"half-hour and full-day activations", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.MaxActivationDuration = 30 * time.Minute
		}, func(t *testing.T, r result, _ beyondOutputs) {
			assert.Equal(t, "PT30M", rule(t, only(t, r.mocks, tRolePolicy), "Expiration_EndUser_Assignment")["maximumDuration"].V)
		}},
		{"approval by a user and a group", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.RequireApproval = true
			j.Approvers = []component.ApproverArgs{
				{ID: pulumi.String(principalB), Description: "security lead"},
				{ID: pulumi.String(policyB), Type: "Group"},
			}
		}, func(t *testing.T, r result, _ beyondOutputs) {
			ap := rule(t, only(t, r.mocks, tRolePolicy), "Approval_EndUser_Assignment")["setting"].ObjectValue()
			assert.Equal(t, true, ap["isApprovalRequired"].V)
			assert.Equal(t, "SingleStage", ap["approvalMode"].V)
			approvers := ap["approvalStages"].ArrayValue()[0].ObjectValue()["primaryApprovers"].ArrayValue()
			require.Len(t, approvers, 2)
			assert.Equal(t, principalB, approvers[0].ObjectValue()["id"].V)
			assert.Equal(t, "User", approvers[0].ObjectValue()["userType"].V)
			assert.Equal(t, "security lead", approvers[0].ObjectValue()["description"].V)
			assert.Equal(t, "Group", approvers[1].ObjectValue()["userType"].V)
		}},
		{"conditional access authentication context", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.AuthenticationContext = "c7"
		}, func(t *testing.T, r result, _ beyondOutputs) {
			pol := only(t, r.mocks, tRolePolicy)
			ac := rule(t, pol, "AuthenticationContext_EndUser_Assignment")
			assert.Equal(t, true, ac["isEnabled"].V)
			assert.Equal(t, "c7", ac["claimValue"].V)
			assert.Equal(t, []string{"Justification"}, ruleStrings(rule(t, pol, "Enablement_EndUser_Assignment")["enabledRules"]),
				"MFA comes from the Conditional Access policy; PIM refuses both")
		}},
		{"two roles, two policies, condition and justification", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.Eligibilities = append(j.Eligibilities,
				component.EligibilityArgs{Key: "ops", PrincipalID: pulumi.String(principalB), Role: kvSecretsOff, Justification: "on-call"},
				component.EligibilityArgs{Key: "dataadmin", PrincipalID: pulumi.String(principalB), Role: "Key Vault Data Access Administrator",
					Condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})))"})
			j.RoleManagementPolicyNames[kvSecretsOff] = policyB
			j.AllowDefaultRoleSettings = true // for the Data Access Administrator
		}, func(t *testing.T, r result, out beyondOutputs) {
			assert.Len(t, r.mocks.OfType(tRolePolicy), 2)
			els := map[string]azmock.Resource{}
			for _, e := range r.mocks.OfType(tEligibility) {
				els[e.Name] = e
			}
			require.Len(t, els, 3)
			assert.Equal(t, "on-call", path(t, els["app-jit-ops"], "justification").V)
			assert.Contains(t, path(t, els["app-jit-ops"], "roleDefinitionId").StringValue(), kvSecretsOff)
			da := els["app-jit-dataadmin"]
			assert.Equal(t, "2.0", path(t, da, "conditionVersion").V)
			for _, p := range r.mocks.OfType(tRolePolicy) {
				assert.NotContains(t, da.Dependencies, p.URN, "no policy is managed for the Data Access Administrator")
			}
			assert.Len(t, out.EligibilityScheduleIDs, 3)
			assert.Contains(t, out.RoleManagementPolicyIDs, "Key Vault Secrets Officer")
		}},
		{"Azure's default role settings", func(j *component.JustInTimeArgs, _ *component.ZeroTrustVaultArgs) {
			j.RoleManagementPolicyNames = nil
			j.AllowDefaultRoleSettings = true
		}, func(t *testing.T, r result, out beyondOutputs) {
			assert.Zero(t, typeCounts(r.mocks)[tRolePolicy])
			assert.Len(t, out.EligibilityScheduleIDs, 1)
			assert.Empty(t, out.RoleManagementPolicyIDs)
		}},
		{"Owner with the opt-in", func(j *component.JustInTimeArgs, a *component.ZeroTrustVaultArgs) {
			a.AllowPrivilegedRoles = true
			j.Eligibilities[0].Role = "Owner"
			j.RoleManagementPolicyNames = map[string]string{"Owner": policyA}
		}, func(t *testing.T, r result, _ beyondOutputs) {
			assert.Contains(t, path(t, only(t, r.mocks, tEligibility), "roleDefinitionId").StringValue(), "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
			assert.Equal(t, "app-jit-policy-owner", only(t, r.mocks, tRolePolicy).Name)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			j := admins()
			tc.modify(&j, a)
			a.JustInTime = j
			r, out := runBeyond(t, a)
			require.NoError(t, r.err)
			tc.check(t, r, out)
		})
	}
}

func TestJustInTimeBadInputs(t *testing.T) {
	t.Parallel()
	jit := func(f func(j *component.JustInTimeArgs)) func(a *component.ZeroTrustVaultArgs) {
		return func(a *component.ZeroTrustVaultArgs) {
			j := admins()
			f(&j)
			a.JustInTime = j
		}
	}
	checkBadInputs(t, []badCase{
		{"settings without eligibilities", func(a *component.ZeroTrustVaultArgs) {
			a.JustInTime = component.JustInTimeArgs{DurationDays: 30}
		}, "JustInTime", "only used with JustInTime.Eligibilities"},
		{"missing key", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].Key = "" }), "JustInTime.Eligibilities[0].Key", "1–64 letters"},
		{"duplicate key", jit(func(j *component.JustInTimeArgs) {
			j.Eligibilities = append(j.Eligibilities, component.EligibilityArgs{Key: "admins", PrincipalID: pulumi.String(principalB)})
		}), "JustInTime.Eligibilities[1].Key", "keys must be unique"},
		{"missing principal", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].PrincipalID = nil }), "JustInTime.Eligibilities[0].PrincipalID", "is required"},
		{"principal not a GUID", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].PrincipalID = pulumi.String("alice@contoso.com") }),
			"JustInTime.Eligibilities[0].PrincipalID", "object ID (a GUID)"},
		{"same principal and role twice", jit(func(j *component.JustInTimeArgs) {
			j.Eligibilities = append(j.Eligibilities, component.EligibilityArgs{Key: "again", PrincipalID: pulumi.String(principalA)})
		}), "JustInTime.Eligibilities[1]", "one eligibility per principal, role and scope"},
		{"unknown role", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].Role = "Vault Admin" }), "JustInTime.Eligibilities[0].Role", "not a known built-in role"},
		{"owner without opt-in", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].Role = "Owner" }), "JustInTime.Eligibilities[0].Role", "Owner reaches beyond the vault's data"},
		{"contributor without opt-in", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].Role = "Contributor" }), "JustInTime.Eligibilities[0].Role", "set AllowPrivilegedRoles"},
		{"user access administrator without opt-in", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].Role = "User Access Administrator" }),
			"JustInTime.Eligibilities[0].Role", "User Access Administrator reaches beyond"},
		{"data access administrator without condition", jit(func(j *component.JustInTimeArgs) {
			j.Eligibilities[0].Role = "Key Vault Data Access Administrator"
			j.AllowDefaultRoleSettings = true
		}), "JustInTime.Eligibilities[0].Condition", "required for Key Vault Data Access Administrator"},
		{"condition version alone", jit(func(j *component.JustInTimeArgs) { j.Eligibilities[0].ConditionVersion = "2.0" }), "JustInTime.Eligibilities[0].ConditionVersion", "only used with Condition"},
		{"start not RFC 3339", jit(func(j *component.JustInTimeArgs) { j.Start = "2027-01-01" }), "JustInTime.Start", "RFC 3339"},
		{"duration over a year", jit(func(j *component.JustInTimeArgs) { j.DurationDays = 366 }), "JustInTime.DurationDays", "between 1 and 365"},
		{"negative duration", jit(func(j *component.JustInTimeArgs) { j.DurationDays = -1 }), "JustInTime.DurationDays", "between 1 and 365"},
		{"activation too short", jit(func(j *component.JustInTimeArgs) { j.MaxActivationDuration = 29 * time.Minute }), "JustInTime.MaxActivationDuration", "between 30m and 24h"},
		{"activation too long", jit(func(j *component.JustInTimeArgs) { j.MaxActivationDuration = 25 * time.Hour }), "JustInTime.MaxActivationDuration", "between 30m and 24h"},
		{"activation in seconds", jit(func(j *component.JustInTimeArgs) { j.MaxActivationDuration = time.Hour + time.Second }), "JustInTime.MaxActivationDuration", "whole minutes"},
		{"approval without approvers", jit(func(j *component.JustInTimeArgs) { j.RequireApproval = true }), "JustInTime.Approvers", "at least one approver"},
		{"approvers without approval", jit(func(j *component.JustInTimeArgs) {
			j.Approvers = []component.ApproverArgs{{ID: pulumi.String(principalB)}}
		}), "JustInTime.Approvers", "only used with RequireApproval"},
		{"approver not a GUID", jit(func(j *component.JustInTimeArgs) {
			j.RequireApproval = true
			j.Approvers = []component.ApproverArgs{{ID: pulumi.String("bob")}}
		}), "JustInTime.Approvers[0].ID", "object ID (a GUID)"},
		{"approver without ID", jit(func(j *component.JustInTimeArgs) {
			j.RequireApproval = true
			j.Approvers = []component.ApproverArgs{{}}
		}), "JustInTime.Approvers[0].ID", "is required"},
		{"service principal approver", jit(func(j *component.JustInTimeArgs) {
			j.RequireApproval = true
			j.Approvers = []component.ApproverArgs{{ID: pulumi.String(principalB), Type: "ServicePrincipal"}}
		}), "JustInTime.Approvers[0].Type", "service principals cannot approve"},
		{"authentication context c0", jit(func(j *component.JustInTimeArgs) { j.AuthenticationContext = "c0" }), "JustInTime.AuthenticationContext", "c1 to c99"},
		{"authentication context c100", jit(func(j *component.JustInTimeArgs) { j.AuthenticationContext = "c100" }), "JustInTime.AuthenticationContext", "c1 to c99"},
		{"authentication context name", jit(func(j *component.JustInTimeArgs) { j.AuthenticationContext = "CompliantDevice" }), "JustInTime.AuthenticationContext", "c1 to c99"},
		{"missing policy name", jit(func(j *component.JustInTimeArgs) { j.RoleManagementPolicyNames = nil }),
			"JustInTime.RoleManagementPolicyNames", "has no entry for Key Vault Administrator"},
		{"policy name not a GUID", jit(func(j *component.JustInTimeArgs) {
			j.RoleManagementPolicyNames = map[string]string{"Key Vault Administrator": "kv-admin-policy"}
		}), `JustInTime.RoleManagementPolicyNames["Key Vault Administrator"]`, "must be the policy's name, a GUID"},
		{"policy for an unused role", jit(func(j *component.JustInTimeArgs) { j.RoleManagementPolicyNames["Key Vault Reader"] = policyB }),
			`JustInTime.RoleManagementPolicyNames["Key Vault Reader"]`, "names a role no eligibility uses"},
		{"policy for an unknown role", jit(func(j *component.JustInTimeArgs) { j.RoleManagementPolicyNames["Admin"] = policyB }),
			`JustInTime.RoleManagementPolicyNames["Admin"]`, "not a known built-in role"},
		{"two policy names for one role", jit(func(j *component.JustInTimeArgs) { j.RoleManagementPolicyNames[kvAdminGUID] = policyB }),
			`JustInTime.RoleManagementPolicyNames["Key Vault Administrator"]`, "second policy name for the same role"},
	})
}

func TestJustInTimeLatePrincipalIsValidatedWhenKnown(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.JustInTime = admins()
	a.JustInTime.Eligibilities[0].PrincipalID = pulumi.String("bob").ToStringOutput()
	r := run(t, a)
	require.Error(t, r.err)
	assert.ErrorIs(t, r.err, component.ErrInvalidArgs)
	assert.Contains(t, r.err.Error(), "JustInTime.Eligibilities[0].PrincipalID: ")
}

func TestJustInTimeDoesNotModifyArgs(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.JustInTime = admins()
	a.JustInTime.RequireApproval = true
	a.JustInTime.Approvers = []component.ApproverArgs{{ID: pulumi.String(principalB)}}
	r := run(t, a)
	require.NoError(t, r.err)
	assert.Empty(t, a.JustInTime.Approvers[0].Type)
	assert.Empty(t, a.JustInTime.Eligibilities[0].Role)
	assert.Zero(t, a.JustInTime.DurationDays)
}

// All three features together: the names of every child are the same on
// every run, and none collides with another.
func TestBeyondTheVaultMaximalConfigurationIsDeterministic(t *testing.T) {
	t.Parallel()
	maximal := func() *component.ZeroTrustVaultArgs {
		a := baseArgs()
		a.JustInTime = admins()
		a.JustInTime.Start = "2027-01-01T00:00:00Z"
		a.JustInTime.RequireApproval = true
		a.JustInTime.Approvers = []component.ApproverArgs{{ID: pulumi.String(principalB)}}
		a.JustInTime.AuthenticationContext = "c1"
		a.ThreatDetection = alerting()
		a.ThreatDetection.EnableDefenderForKeyVault = true
		a.Guardrails.Enabled = true
		a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 90}}
		return a
	}
	names := func() []string {
		r, _ := runBeyond(t, maximal())
		require.NoError(t, r.err)
		var out []string
		for _, res := range r.mocks.Resources() {
			out = append(out, res.URN)
			for _, k := range []string{"roleManagementPolicyName", "policyAssignmentName", "actionGroupName", "ruleName", "activityLogAlertName", "deploymentName"} {
				if v := path(t, res, k); v.IsString() {
					out = append(out, k+"="+v.StringValue())
				}
			}
		}
		return out
	}
	first, second := names(), names()
	assert.Equal(t, first, second)
	seen := map[string]bool{}
	for _, n := range first {
		assert.False(t, seen[n], "duplicate %s", n)
		seen[n] = true
	}
}
