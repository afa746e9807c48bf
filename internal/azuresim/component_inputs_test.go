package azuresim

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
)

// The inputs below are the ones the ZeroTrustVault component registers for
// just-in-time administration, threat detection, Defender for Key Vault and
// guardrails (component/pim.go, monitoring.go, guardrails.go), in the shape
// the azure-native Go SDK v2.90.0 sends them, with the IDs of a simulated
// vault, workspace and action group.

const (
	roleKeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483"
	rolePolicyName            = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
)

// endUser is the target of the activation rules.
func endUser() obj {
	return obj{"caller": "EndUser", "level": "Assignment", "operations": arr{"All"}}
}

// componentRolePolicy is the role management policy with an authentication
// context, an approver and a two-hour activation.
func componentRolePolicy(vault string) resource.PropertyMap {
	return pm(obj{
		"roleManagementPolicyName": rolePolicyName,
		"scope":                    vault,
		"rules": arr{
			obj{"id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
				"isExpirationRequired": true, "maximumDuration": "PT2H", "target": endUser()},
			obj{"id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule",
				"enabledRules": arr{"Justification"}, "target": endUser()},
			obj{"id": "AuthenticationContext_EndUser_Assignment", "ruleType": "RoleManagementPolicyAuthenticationContextRule",
				"isEnabled": true, "claimValue": "c3", "target": endUser()},
			obj{"id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule", "target": endUser(),
				"setting": obj{
					"approvalMode": "SingleStage", "isApprovalRequired": true, "isApprovalRequiredForExtension": false,
					"isRequestorJustificationRequired": true,
					"approvalStages": arr{obj{
						"approvalStageTimeOutInDays": 1, "escalationTimeInMinutes": 0, "isApproverJustificationRequired": true,
						"isEscalationEnabled": false,
						"primaryApprovers":    arr{obj{"id": principalB, "isBackup": false, "userType": "Group"}},
					}},
				}},
			obj{"id": "Expiration_Admin_Eligibility", "ruleType": "RoleManagementPolicyExpirationRule",
				"isExpirationRequired": true, "maximumDuration": "P180D",
				"target": obj{"caller": "Admin", "level": "Eligibility", "operations": arr{"All"}}},
		},
	})
}

// componentEligibility is a time-bound Key Vault Administrator eligibility
// (no name: the SDK does not send one, and Check generates it).
func componentEligibility(vault string) resource.PropertyMap {
	return pm(obj{
		"scope":            vault,
		"principalId":      principalA,
		"roleDefinitionId": "/subscriptions/" + testSub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleKeyVaultAdministrator,
		"justification":    "Managed by ZeroTrustVault app",
		"scheduleInfo": obj{
			"startDateTime": "2027-01-01T00:00:00Z",
			"expiration":    obj{"type": "AfterDuration", "duration": "P180D"},
		},
	})
}

// componentTags are the tags the component puts on everything it creates.
func componentTags() obj {
	return obj{"managed-by": "pulumi", "zerotrust-module": "github.com/zerotrust-kv/pulumi-zerotrust-keyvault", "zerotrust-vault": "app"}
}

func componentActionGroup() resource.PropertyMap {
	return pm(obj{
		"resourceGroupName": "rg-app",
		"actionGroupName":   "ag-kv-crud",
		"location":          "Global",
		"groupShortName":    "kv-crud",
		"enabled":           true,
		"emailReceivers":    arr{obj{"name": "email-1", "emailAddress": "secops@contoso.com", "useCommonAlertSchema": true}},
		"webhookReceivers":  arr{obj{"name": "soar", "serviceUri": secret("https://soar.example.com/hook?token=s3cr3t"), "useCommonAlertSchema": true}},
		"tags":              componentTags(),
	})
}

func componentDeniedRequests(workspace, actionGroup string) resource.PropertyMap {
	return pm(obj{
		"resourceGroupName":   "rg-app",
		"ruleName":            "kv-crud-denied-requests",
		"location":            "westeurope",
		"kind":                "LogAlert",
		"displayName":         "Key Vault kv-crud: denied requests",
		"description":         "At least 5 requests to Key Vault kv-crud were refused (401, 403 or firewall) within 5 minutes.",
		"enabled":             true,
		"severity":            1,
		"scopes":              arr{workspace},
		"evaluationFrequency": "PT5M",
		"windowSize":          "PT5M",
		"autoMitigate":        true,
		"criteria": obj{"allOf": arr{obj{
			"query":           "let vault = \"x\";\nunion isfuzzy=true (AzureDiagnostics), (AZKVAuditLogs)\n| where Status in (401, 403)",
			"timeAggregation": "Count",
			"operator":        "GreaterThanOrEqual",
			"threshold":       5,
			"dimensions":      arr{obj{"name": "Denial", "operator": "Include", "values": arr{"*"}}},
			"failingPeriods":  obj{"numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1},
		}}},
		"actions": obj{"actionGroups": arr{actionGroup}},
		"tags":    componentTags(),
	})
}

func componentAvailability(vault, actionGroup string) resource.PropertyMap {
	return pm(obj{
		"resourceGroupName":   "rg-app",
		"ruleName":            "kv-crud-availability",
		"location":            "global",
		"description":         "Key Vault kv-crud: average availability below 99.9% over 15 minutes.",
		"enabled":             true,
		"severity":            1,
		"scopes":              arr{vault},
		"evaluationFrequency": "PT5M",
		"windowSize":          "PT15M",
		"autoMitigate":        true,
		"criteria": obj{
			"odataType": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
			"allOf": arr{obj{
				"criterionType": "StaticThresholdCriterion", "name": "availability", "metricName": "Availability",
				"metricNamespace": "Microsoft.KeyVault/vaults", "operator": "LessThan", "threshold": 99.9, "timeAggregation": "Average",
			}},
		},
		"actions": arr{obj{"actionGroupId": actionGroup}},
		"tags":    componentTags(),
	})
}

func componentActivity(vault, actionGroup string) resource.PropertyMap {
	ops := arr{}
	for _, op := range []string{"Microsoft.KeyVault/vaults/delete", "Microsoft.Authorization/roleAssignments/write",
		"Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/locks/delete"} {
		ops = append(ops, obj{"field": "operationName", "equals": op})
	}
	return pm(obj{
		"resourceGroupName":    "rg-app",
		"activityLogAlertName": "kv-crud-activity",
		"location":             "Global",
		"description":          "Key Vault kv-crud: the vault or its delete lock was deleted, or a role assignment on it was written or deleted.",
		"enabled":              true,
		"scopes":               arr{vault},
		"condition":            obj{"allOf": arr{obj{"field": "category", "equals": "Administrative"}, obj{"anyOf": ops}}},
		"actions":              obj{"actionGroups": arr{obj{"actionGroupId": actionGroup}}},
		"tags":                 componentTags(),
	})
}

func componentGuardrail(rg, key, guid string, params obj) resource.PropertyMap {
	return pm(obj{
		"scope":                 rg,
		"policyAssignmentName":  "kv-crud-" + key,
		"policyDefinitionId":    "/providers/Microsoft.Authorization/policyDefinitions/" + guid,
		"displayName":           "kv-crud: " + key,
		"description":           "Assigned by ZeroTrustVault \"app\" to the resource group of Key Vault kv-crud, so that changes made outside Pulumi follow the same rule.",
		"enforcementMode":       "Default",
		"parameters":            params,
		"nonComplianceMessages": arr{obj{"message": key + " (guardrail of Key Vault kv-crud, managed by Pulumi)."}},
		"metadata":              obj{"managedBy": "ZeroTrustVault app"},
	})
}

// defenderTemplate is the template of the component's Defender deployment.
func defenderTemplate() obj {
	return obj{
		"$schema":        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
		"contentVersion": "1.0.0.0",
		"resources": arr{obj{
			"type": "Microsoft.Security/pricings", "apiVersion": "2024-01-01", "name": "KeyVaults",
			"properties": obj{"pricingTier": "Standard"},
		}},
	}
}

func componentDefender() resource.PropertyMap {
	return pm(obj{
		"deploymentName": "defender-kv-kv-crud",
		"location":       "westeurope",
		"properties":     obj{"mode": "Incremental", "template": defenderTemplate()},
		"tags":           componentTags(),
	})
}

// TestComponentInputsRoundTrip creates each resource from the component's
// inputs, then checks that the outputs echo them, that a Diff against the
// same inputs is empty (a second "up" changes nothing), and that a Read
// (refresh) returns the same outputs and inputs equal to the program's, so
// that the "up" after a refresh is empty too.
func TestComponentInputsRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	fx := withWorkspace(h)
	agID := rgID("rg-app") + "/providers/Microsoft.Insights/actionGroups/ag-kv-crud"
	sub := "/subscriptions/" + testSub
	cases := []struct {
		typ    string
		name   string
		props  resource.PropertyMap
		wantID string // "" when generated
		// echoed are input paths that must come back unchanged in the outputs.
		echoed []string
		want   map[string]any
		absent []string
	}{
		{typ: tokRoleMgmtPolicy, name: "app-jit-policy-key-vault-administrator", props: componentRolePolicy(fx["vault"]),
			wantID: fx["vault"] + "/providers/Microsoft.Authorization/roleManagementPolicies/" + rolePolicyName,
			echoed: []string{"rules", "scope"},
			want:   map[string]any{"policyProperties.scope.id": fx["vault"], "effectiveRules[2].claimValue": "c3"}},
		{typ: tokPimEligibility, name: "app-jit-admins", props: componentEligibility(fx["vault"]),
			echoed: []string{"scope", "principalId", "roleDefinitionId", "justification", "scheduleInfo"},
			want:   map[string]any{"status": "Provisioned", "expandedProperties.scope.id": fx["vault"]}},
		{typ: tokActionGroup, name: "app-alerts", props: componentActionGroup(), wantID: agID,
			echoed: []string{"location", "groupShortName", "enabled", "emailReceivers[0].emailAddress", "webhookReceivers[0].serviceUri", "tags"},
			want:   map[string]any{"emailReceivers[0].status": "Enabled"}},
		{typ: tokScheduledQueryRule, name: "app-alert-denied-requests", props: componentDeniedRequests(fx["workspace"], agID),
			wantID: rgID("rg-app") + "/providers/Microsoft.Insights/scheduledQueryRules/kv-crud-denied-requests",
			echoed: []string{"criteria", "actions", "scopes", "kind", "windowSize", "severity"}},
		{typ: tokMetricAlert, name: "app-alert-availability", props: componentAvailability(fx["vault"], agID),
			wantID: rgID("rg-app") + "/providers/Microsoft.Insights/metricAlerts/kv-crud-availability",
			echoed: []string{"criteria", "actions", "scopes", "location", "severity"}},
		{typ: tokActivityLogAlert, name: "app-alert-activity", props: componentActivity(fx["vault"], agID),
			wantID: rgID("rg-app") + "/providers/Microsoft.Insights/activityLogAlerts/kv-crud-activity",
			echoed: []string{"condition", "actions", "scopes", "location"}},
		{typ: tokPolicyAssignment, name: "app-guardrail-key-types",
			props: componentGuardrail(rgID("rg-app"), "key-types", "75c4f823-d65c-4f29-a733-01d0077fdbcb",
				obj{"effect": obj{"value": "Deny"}, "allowedKeyTypes": obj{"value": arr{"RSA", "RSA-HSM", "EC", "EC-HSM"}}}),
			wantID: rgID("rg-app") + "/providers/Microsoft.Authorization/policyAssignments/kv-crud-key-types",
			echoed: []string{"parameters", "nonComplianceMessages", "metadata", "enforcementMode", "scope"}},
		{typ: tokPolicyAssignment, name: "app-guardrail-key-max-validity",
			props: componentGuardrail(rgID("rg-app"), "key-max-validity", "49a22571-d204-4c91-a7b6-09b1a586fbc9",
				obj{"effect": obj{"value": "Audit"}, "maximumValidityInDays": obj{"value": 365}}),
			wantID: rgID("rg-app") + "/providers/Microsoft.Authorization/policyAssignments/kv-crud-key-max-validity",
			echoed: []string{"parameters"}},
		{typ: tokSubDeployment, name: "app-defender", props: componentDefender(),
			wantID: sub + "/providers/Microsoft.Resources/deployments/defender-kv-kv-crud",
			echoed: []string{"location", "properties.mode", "tags"},
			want:   map[string]any{"properties.provisioningState": "Succeeded", "properties.outputs": map[string]any{}, "type": "Microsoft.Resources/deployments"},
			absent: []string{"properties.template", "deploymentName"}},
	}
	ctx := context.Background()
	for _, tc := range cases {
		// Sequential: later resources refer to earlier ones (the action group).
		t.Run(tc.typ+"/"+tc.name, func(t *testing.T) {
			inputs, failures := h.checked(h.srv, tc.typ, tc.name, tc.props, nil)
			require.Empty(t, failures)
			id, outs := h.mustCreate(tc.typ, tc.name, inputs)
			if tc.wantID != "" {
				require.Equal(t, tc.wantID, id)
			}
			for _, p := range tc.echoed {
				require.NotNil(t, get(inputs, p), "input %s", p)
				require.True(t, plainEqual(get(inputs, p), get(outs, p)), "output %s echoes the input: %v != %v", p, get(inputs, p), get(outs, p))
			}
			requireOutputs(t, outs, tc.want, tc.absent)

			resp := h.diff(tc.typ, id, inputs, inputs)
			require.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, resp.GetChanges(), "unchanged inputs: %v", resp.GetDetailedDiff())

			gotID, readOuts, readIns := h.read(h.srv, tc.typ, id, inputs)
			require.Equal(t, id, gotID)
			require.True(t, plainEqual(unwrapping.object(outs), unwrapping.object(readOuts)), "a refresh sees the same resource")
			require.True(t, plainEqual(unwrapping.object(inputs), unwrapping.object(readIns)), "a refresh reports no drift")
			resp = h.diff(tc.typ, id, readIns, inputs)
			require.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, resp.GetChanges(), "up after refresh: %v", resp.GetDetailedDiff())

			// The same inputs in a preview: nothing is written and the echo holds.
			before := h.worldBytes()
			presp, err := h.srv.Update(ctx, &pulumirpc.UpdateRequest{Id: id, Urn: urn(tc.typ, tc.name), Type: tc.typ,
				Olds: mustMarshal(t, outs), OldInputs: mustMarshal(t, inputs), News: mustMarshal(t, inputs), Preview: true})
			require.NoError(t, err)
			preview := mustUnmarshal(t, presp.GetProperties())
			for _, p := range tc.echoed {
				require.True(t, plainEqual(get(inputs, p), get(preview, p)), "preview output %s", p)
			}
			require.Equal(t, before, h.worldBytes())
		})
	}

	t.Run("webhook URI stays secret", func(t *testing.T) {
		uriOf := func(outs resource.PropertyMap) resource.PropertyValue {
			return outs["webhookReceivers"].ArrayValue()[0].ObjectValue()["serviceUri"]
		}
		inputs, _ := h.checked(h.srv, tokActionGroup, "app-alerts", componentActionGroup(), nil)
		_, outs, _ := h.read(h.srv, tokActionGroup, agID, inputs)
		require.True(t, uriOf(outs).IsSecret(), "the URI the program sent comes back as a secret")
		_, outs, _ = h.read(h.srv, tokActionGroup, agID, nil)
		require.True(t, uriOf(outs).IsNull(), "without the program's inputs the URI is not returned at all")
		require.NotContains(t, string(h.worldBytes()), "s3cr3t", "the world file holds a digest only")
	})
}

// TestSubscriptionDeployment covers Azure's rules for deployments at the
// subscription scope as the simulator applies them.
func TestSubscriptionDeployment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	deployment := func(mut func(o obj)) resource.PropertyMap {
		o := obj{"deploymentName": "defender-kv", "location": "westeurope",
			"properties": obj{"mode": "Incremental", "template": defenderTemplate()}}
		if mut != nil {
			mut(o)
		}
		return pm(o)
	}
	idIn := func(sub string) string {
		return "/subscriptions/" + sub + "/providers/Microsoft.Resources/deployments/defender-kv"
	}

	t.Run("runs in the provider's subscription", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		id, _ := h.mustCreate(tokSubDeployment, "d", deployment(nil))
		require.Equal(t, idIn(testSub), id)

		const envSub = "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb"
		id, _, err := h.createWith(h.newServer(map[string]string{EnvSubscriptionID: envSub}), tokSubDeployment, "d", deployment(nil))
		require.NoError(t, err)
		require.Equal(t, idIn(envSub), id, "AZSIM_SUBSCRIPTION_ID")

		const cfgSub = "eeeeeeee-5555-4555-8555-eeeeeeeeeeee"
		srv := h.newServer(nil)
		_, err = srv.Configure(ctx, &pulumirpc.ConfigureRequest{Args: mustMarshal(t, pm(obj{"subscriptionId": cfgSub}))})
		require.NoError(t, err)
		id, _, err = h.createWith(srv, tokSubDeployment, "d", deployment(nil))
		require.NoError(t, err)
		require.Equal(t, idIn(cfgSub), id, "azure-native:subscriptionId")
	})

	t.Run("rules", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		for _, tc := range []struct {
			name string
			mut  func(o obj)
			code string
		}{
			{"no location and no provider location", func(o obj) { delete(o, "location") }, "LocationRequired"},
			{"mode", func(o obj) { o["properties"].(obj)["mode"] = "Replace" }, "InvalidDeploymentMode"},
			{"no template", func(o obj) { delete(o["properties"].(obj), "template") }, "InvalidTemplate"},
		} {
			_, _, err := h.create(tokSubDeployment, "d", deployment(tc.mut))
			requireAzureCode(t, err, tc.code)
		}
		require.Empty(t, h.ids(), "a refused deployment writes nothing")

		srv := h.newServer(nil)
		_, err := srv.Configure(ctx, &pulumirpc.ConfigureRequest{Args: mustMarshal(t, pm(obj{"location": "northeurope"}))})
		require.NoError(t, err)
		_, outs, err := h.createWith(srv, tokSubDeployment, "d", deployment(func(o obj) { delete(o, "location") }))
		require.NoError(t, err)
		require.Equal(t, "northeurope", get(outs, "location"), "the provider's location is the default")
		linked, _, err := h.createWith(srv, tokSubDeployment, "l", deployment(func(o obj) {
			o["deploymentName"] = "linked"
			o["properties"] = obj{"mode": "Incremental", "templateLink": obj{"uri": "https://example.com/t.json"}}
		}))
		require.NoError(t, err, "a linked template is recorded as well")
		require.Equal(t, "/subscriptions/"+testSub+"/providers/Microsoft.Resources/deployments/linked", linked)
	})

	t.Run("outputs, preview and replacement", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		resp, err := h.srv.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(tokSubDeployment, "d"), Type: tokSubDeployment,
			Properties: mustMarshal(t, deployment(nil)), Preview: true})
		require.NoError(t, err)
		preview := mustUnmarshal(t, resp.GetProperties())
		require.True(t, preview["properties"].ObjectValue()["provisioningState"].IsComputed())
		require.True(t, preview["properties"].ObjectValue()["outputs"].IsComputed())
		require.Equal(t, "defender-kv", get(preview, "name"))
		require.Nil(t, h.worldBytes(), "a preview writes nothing")

		id, outs := h.mustCreate(tokSubDeployment, "d", deployment(nil))
		requireOutputs(t, outs, map[string]any{"name": "defender-kv", "location": "westeurope", "properties.mode": "Incremental",
			"properties.provisioningState": "Succeeded", "properties.outputs": map[string]any{}, "properties.correlationId": guidPattern},
			[]string{"properties.template", "deploymentName"})

		moved := h.diff(tokSubDeployment, id, deployment(nil), deployment(func(o obj) { o["location"] = "eastus" }))
		require.Equal(t, []string{"location"}, moved.GetReplaces())
		require.True(t, moved.GetDeleteBeforeReplace(), "Azure refuses a deployment name in a second location")
		same := h.diff(tokSubDeployment, id, deployment(nil), deployment(nil))
		require.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, same.GetChanges())
	})

	t.Run("delete removes the record only", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
		id, _ := h.mustCreate(tokSubDeployment, "d", deployment(nil))
		before := h.ids()
		require.NoError(t, h.del(h.srv, tokSubDeployment, id))
		require.Equal(t, []string{rgID("rg-app")}, h.ids())
		require.Len(t, before, 2)
		require.NoError(t, h.del(h.srv, tokSubDeployment, id), "deleting it again succeeds")
	})
}
