package component_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

const (
	tActionGroup   = "azure-native:insights:ActionGroup"
	tQueryRule     = "azure-native:insights:ScheduledQueryRule"
	tMetricAlert   = "azure-native:insights:MetricAlert"
	tActivityAlert = "azure-native:insights:ActivityLogAlert"
	tSubDeployment = "azure-native:resources:DeploymentAtSubscriptionScope"
	hubActionGroup = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Insights/actionGroups/ag-platform"
)

func alerting() component.ThreatDetectionArgs {
	return component.ThreatDetectionArgs{Enabled: true, EmailAddresses: []string{"secops@contoso.com"}}
}

func metricAlerts(t *testing.T, m *azmock.Mocks) map[string]azmock.Resource {
	t.Helper()
	out := map[string]azmock.Resource{}
	for _, r := range m.OfType(tMetricAlert) {
		out[path(t, r, "criteria.allOf[0].metricName").StringValue()] = r
	}
	return out
}

func TestThreatDetectionIsOffByDefault(t *testing.T) {
	t.Parallel()
	r, out := runBeyond(t, baseArgs())
	require.NoError(t, r.err)
	c := typeCounts(r.mocks)
	assert.Zero(t, c[tActionGroup]+c[tQueryRule]+c[tMetricAlert]+c[tActivityAlert]+c[tSubDeployment])
	assert.Empty(t, out.ActionGroupID)
	assert.Empty(t, out.AlertRuleIDs)
	assert.Empty(t, out.DefenderDeploymentID)
}

func TestThreatDetectionDefaults(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.ThreatDetection = alerting()
	r, out := runBeyond(t, a)
	require.NoError(t, r.err)
	c := typeCounts(r.mocks)
	assert.Equal(t, 1, c[tActionGroup])
	assert.Equal(t, 1, c[tQueryRule])
	assert.Equal(t, 2, c[tMetricAlert], "availability and saturation are separate rules: criteria of one rule are ANDed")
	assert.Equal(t, 1, c[tActivityAlert])
	assert.Zero(t, c[tSubDeployment], "Defender is a separate opt-in")

	comp := only(t, r.mocks, tComponent)
	vault := only(t, r.mocks, tVault)
	ws := only(t, r.mocks, tWorkspace)
	vaultName := path(t, vault, "vaultName").StringValue()

	ag := only(t, r.mocks, tActionGroup)
	assert.Equal(t, comp.URN, ag.Parent)
	assert.Equal(t, "ag-"+vaultName, path(t, ag, "actionGroupName").V)
	assert.Equal(t, "rg-app", path(t, ag, "resourceGroupName").V)
	assert.Equal(t, "Global", path(t, ag, "location").V)
	assert.Equal(t, strings.TrimRight(vaultName[:min(12, len(vaultName))], "-"), path(t, ag, "groupShortName").V)
	assert.Equal(t, true, path(t, ag, "enabled").V)
	assert.Equal(t, "secops@contoso.com", path(t, ag, "emailReceivers[0].emailAddress").V)
	assert.Equal(t, "email-1", path(t, ag, "emailReceivers[0].name").V)
	assert.Equal(t, true, path(t, ag, "emailReceivers[0].useCommonAlertSchema").V)
	assert.Equal(t, "pulumi", path(t, ag, "tags.managed-by").V)

	q := only(t, r.mocks, tQueryRule)
	assert.Equal(t, comp.URN, q.Parent)
	assert.Equal(t, vaultName+"-denied-requests", path(t, q, "ruleName").V)
	assert.Equal(t, "LogAlert", path(t, q, "kind").V)
	assert.Equal(t, "westeurope", path(t, q, "location").V)
	assert.Equal(t, []resource.PropertyValue{resource.NewProperty(ws.ID)}, path(t, q, "scopes").ArrayValue(), "the query runs in the diagnostics workspace")
	assert.Contains(t, q.PropertyDependencies["scopes"], ws.URN)
	assert.Equal(t, "PT5M", path(t, q, "windowSize").V)
	assert.Equal(t, "PT5M", path(t, q, "evaluationFrequency").V)
	assert.Equal(t, float64(1), path(t, q, "severity").V)
	assert.Equal(t, "Count", path(t, q, "criteria.allOf[0].timeAggregation").V)
	assert.Equal(t, "GreaterThanOrEqual", path(t, q, "criteria.allOf[0].operator").V)
	assert.Equal(t, float64(5), path(t, q, "criteria.allOf[0].threshold").V)
	assert.Equal(t, "Denial", path(t, q, "criteria.allOf[0].dimensions[0].name").V)
	query := path(t, q, "criteria.allOf[0].query").StringValue()
	for _, want := range []string{
		`let vault = "` + strings.ToLower(vault.ID) + `";`,
		"AzureDiagnostics", `Category == "AuditEvent"`, "AZKVAuditLogs", "union isfuzzy=true",
		"httpStatusCode_d", "isAddressAuthorized_b", "Status in (401, 403)", `"firewall"`,
	} {
		assert.Contains(t, query, want)
	}
	assert.Equal(t, []resource.PropertyValue{resource.NewProperty(ag.ID)}, path(t, q, "actions.actionGroups").ArrayValue())

	ms := metricAlerts(t, r.mocks)
	avail, sat := ms["Availability"], ms["SaturationShoebox"]
	for _, m := range []azmock.Resource{avail, sat} {
		assert.Equal(t, comp.URN, m.Parent)
		assert.Equal(t, "global", path(t, m, "location").V)
		assert.Equal(t, vault.ID, path(t, m, "scopes[0]").V)
		assert.Equal(t, "PT15M", path(t, m, "windowSize").V)
		assert.Equal(t, "PT5M", path(t, m, "evaluationFrequency").V)
		assert.Equal(t, "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", path(t, m, "criteria.odataType").V)
		assert.Equal(t, "Microsoft.KeyVault/vaults", path(t, m, "criteria.allOf[0].metricNamespace").V)
		assert.Equal(t, "Average", path(t, m, "criteria.allOf[0].timeAggregation").V)
		assert.Equal(t, ag.ID, path(t, m, "actions[0].actionGroupId").V)
	}
	assert.Equal(t, "LessThan", path(t, avail, "criteria.allOf[0].operator").V)
	assert.Equal(t, 99.9, path(t, avail, "criteria.allOf[0].threshold").V)
	assert.Equal(t, "GreaterThan", path(t, sat, "criteria.allOf[0].operator").V)
	assert.Equal(t, float64(75), path(t, sat, "criteria.allOf[0].threshold").V)
	assert.Equal(t, vaultName+"-availability", path(t, avail, "ruleName").V)

	al := only(t, r.mocks, tActivityAlert)
	assert.Equal(t, comp.URN, al.Parent)
	assert.Equal(t, "Global", path(t, al, "location").V)
	assert.Equal(t, vault.ID, path(t, al, "scopes[0]").V)
	assert.Equal(t, "category", path(t, al, "condition.allOf[0].field").V)
	assert.Equal(t, "Administrative", path(t, al, "condition.allOf[0].equals").V)
	var ops []string
	for _, o := range path(t, al, "condition.allOf[1].anyOf").ArrayValue() {
		assert.Equal(t, "operationName", o.ObjectValue()["field"].V)
		ops = append(ops, o.ObjectValue()["equals"].StringValue())
	}
	assert.ElementsMatch(t, []string{
		"Microsoft.KeyVault/vaults/delete", "Microsoft.Authorization/roleAssignments/write",
		"Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/locks/delete",
	}, ops)
	assert.Equal(t, ag.ID, path(t, al, "actions.actionGroups[0].actionGroupId").V)

	assert.Equal(t, ag.ID, out.ActionGroupID)
	assert.Equal(t, map[string]string{
		component.AlertDeniedRequests: q.ID, component.AlertAvailability: avail.ID,
		component.AlertSaturation: sat.ID, component.AlertActivity: al.ID,
	}, out.AlertRuleIDs)
}

func TestThreatDetectionOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(td *component.ThreatDetectionArgs, a *component.ZeroTrustVaultArgs)
		check  func(t *testing.T, r result, out beyondOutputs)
	}{
		{"webhook URIs are secrets", func(td *component.ThreatDetectionArgs, _ *component.ZeroTrustVaultArgs) {
			td.Webhooks = []component.WebhookArgs{{Name: "soar", URI: pulumi.String("https://soar.contoso.com/hook?token=abc")}}
			td.EmailAddresses = append(td.EmailAddresses, "oncall@contoso.com")
		}, func(t *testing.T, r result, _ beyondOutputs) {
			ag := only(t, r.mocks, tActionGroup)
			uri := ag.Inputs["webhookReceivers"].ArrayValue()[0].ObjectValue()["serviceUri"]
			assert.True(t, uri.IsSecret(), "a webhook URI often carries a token")
			assert.Equal(t, "https://soar.contoso.com/hook?token=abc", uri.SecretValue().Element.V)
			assert.Equal(t, "soar", path(t, ag, "webhookReceivers[0].name").V)
			assert.Equal(t, true, path(t, ag, "webhookReceivers[0].useCommonAlertSchema").V)
			assert.Equal(t, "email-2", path(t, ag, "emailReceivers[1].name").V)
		}},
		{"webhook only", func(td *component.ThreatDetectionArgs, _ *component.ZeroTrustVaultArgs) {
			td.EmailAddresses = nil
			td.Webhooks = []component.WebhookArgs{{Name: "teams", URI: pulumi.String("https://contoso.webhook.office.com/x")}}
		}, func(t *testing.T, r result, _ beyondOutputs) {
			assert.Len(t, path(t, only(t, r.mocks, tActionGroup), "emailReceivers").ArrayValue(), 0)
		}},
		{"existing action group", func(td *component.ThreatDetectionArgs, _ *component.ZeroTrustVaultArgs) {
			td.EmailAddresses = nil
			td.ActionGroupID = pulumi.String(hubActionGroup)
		}, func(t *testing.T, r result, out beyondOutputs) {
			assert.Zero(t, typeCounts(r.mocks)[tActionGroup])
			assert.Equal(t, hubActionGroup, path(t, only(t, r.mocks, tQueryRule), "actions.actionGroups[0]").V)
			assert.Equal(t, hubActionGroup, path(t, only(t, r.mocks, tActivityAlert), "actions.actionGroups[0].actionGroupId").V)
			assert.Equal(t, hubActionGroup, out.ActionGroupID)
		}},
		{"thresholds, window and short name", func(td *component.ThreatDetectionArgs, _ *component.ZeroTrustVaultArgs) {
			td.DeniedRequestThreshold = 20
			td.DeniedRequestWindowMinutes = 15
			td.AvailabilityThreshold = 99
			td.SaturationThreshold = 90
			td.ActionGroupShortName = "kv-pay"
		}, func(t *testing.T, r result, _ beyondOutputs) {
			q := only(t, r.mocks, tQueryRule)
			assert.Equal(t, float64(20), path(t, q, "criteria.allOf[0].threshold").V)
			assert.Equal(t, "PT15M", path(t, q, "windowSize").V)
			ms := metricAlerts(t, r.mocks)
			assert.Equal(t, float64(99), path(t, ms["Availability"], "criteria.allOf[0].threshold").V)
			assert.Equal(t, float64(90), path(t, ms["SaturationShoebox"], "criteria.allOf[0].threshold").V)
			assert.Equal(t, "kv-pay", path(t, only(t, r.mocks, tActionGroup), "groupShortName").V)
		}},
		{"short name cut from a long vault name", func(_ *component.ThreatDetectionArgs, a *component.ZeroTrustVaultArgs) {
			a.VaultName = "kv-payments-prod-01"
		}, func(t *testing.T, r result, _ beyondOutputs) {
			ag := only(t, r.mocks, tActionGroup)
			assert.Equal(t, "kv-payments", path(t, ag, "groupShortName").V, "12 characters, no trailing hyphen")
			assert.Equal(t, "ag-kv-payments-prod-01", path(t, ag, "actionGroupName").V)
		}},
		{"existing workspace", func(_ *component.ThreatDetectionArgs, a *component.ZeroTrustVaultArgs) {
			a.Diagnostics.WorkspaceID = pulumi.String(workspaceID)
		}, func(t *testing.T, r result, _ beyondOutputs) {
			assert.Equal(t, workspaceID, path(t, only(t, r.mocks, tQueryRule), "scopes[0]").V)
		}},
		{"Defender with alerts", func(td *component.ThreatDetectionArgs, _ *component.ZeroTrustVaultArgs) {
			td.EnableDefenderForKeyVault = true
		}, func(t *testing.T, r result, out beyondOutputs) {
			d := only(t, r.mocks, tSubDeployment)
			assert.Equal(t, d.ID, out.DefenderDeploymentID)
			assert.Len(t, out.AlertRuleIDs, 4)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			td := alerting()
			tc.modify(&td, a)
			a.ThreatDetection = td
			r, out := runBeyond(t, a)
			require.NoError(t, r.err)
			tc.check(t, r, out)
		})
	}
}

func TestDefenderForKeyVault(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.ThreatDetection.EnableDefenderForKeyVault = true // no alerts, no receivers needed
	r, out := runBeyond(t, a)
	require.NoError(t, r.err)
	c := typeCounts(r.mocks)
	assert.Zero(t, c[tActionGroup]+c[tQueryRule]+c[tMetricAlert]+c[tActivityAlert])

	d := only(t, r.mocks, tSubDeployment)
	vault := only(t, r.mocks, tVault)
	assert.Equal(t, only(t, r.mocks, tComponent).URN, d.Parent)
	assert.Equal(t, "defender-kv-"+path(t, vault, "vaultName").StringValue(), path(t, d, "deploymentName").V)
	assert.Equal(t, "westeurope", path(t, d, "location").V)
	assert.Contains(t, d.PropertyDependencies["location"], vault.URN, "the deployment's metadata lives in the vault's region")
	assert.Equal(t, "Incremental", path(t, d, "properties.mode").V)
	assert.Contains(t, path(t, d, "properties.template.$schema").StringValue(), "subscriptionDeploymentTemplate.json")
	res := path(t, d, "properties.template.resources[0]")
	require.True(t, res.IsObject())
	pricing := res.ObjectValue()
	assert.Equal(t, "Microsoft.Security/pricings", pricing["type"].V)
	assert.Equal(t, "KeyVaults", pricing["name"].V)
	assert.Equal(t, "Standard", pricing["properties"].ObjectValue()["pricingTier"].V)
	assert.Equal(t, "/subscriptions/"+azmock.SubscriptionID+"/providers/Microsoft.Resources/deployments/"+path(t, d, "deploymentName").StringValue(), d.ID,
		"a subscription-scope deployment, in the vault's subscription")
	assert.Equal(t, d.ID, out.DefenderDeploymentID)
	assert.Empty(t, out.ActionGroupID)
}

func TestThreatDetectionBadInputs(t *testing.T) {
	t.Parallel()
	td := func(f func(td *component.ThreatDetectionArgs)) func(a *component.ZeroTrustVaultArgs) {
		return func(a *component.ZeroTrustVaultArgs) {
			x := alerting()
			f(&x)
			a.ThreatDetection = x
		}
	}
	checkBadInputs(t, []badCase{
		{"no receiver", td(func(x *component.ThreatDetectionArgs) { x.EmailAddresses = nil }), "ThreatDetection.EmailAddresses", "at least one receiver is required"},
		{"receivers while disabled", func(a *component.ZeroTrustVaultArgs) {
			a.ThreatDetection = component.ThreatDetectionArgs{EmailAddresses: []string{"secops@contoso.com"}}
		}, "ThreatDetection.Enabled", "set ThreatDetection.Enabled"},
		{"threshold while disabled", func(a *component.ZeroTrustVaultArgs) {
			a.ThreatDetection = component.ThreatDetectionArgs{DeniedRequestThreshold: 3, EnableDefenderForKeyVault: true}
		}, "ThreatDetection.Enabled", "not used"},
		{"bad e-mail", td(func(x *component.ThreatDetectionArgs) { x.EmailAddresses = []string{"secops"} }), "ThreatDetection.EmailAddresses[0]", "not an e-mail address"},
		{"duplicate e-mail", td(func(x *component.ThreatDetectionArgs) {
			x.EmailAddresses = append(x.EmailAddresses, "SecOps@contoso.com")
		}),
			"ThreatDetection.EmailAddresses[1]", "repeats ThreatDetection.EmailAddresses[0]"},
		{"http webhook", td(func(x *component.ThreatDetectionArgs) {
			x.Webhooks = []component.WebhookArgs{{Name: "hook", URI: pulumi.String("http://soar.contoso.com/hook")}}
		}), "ThreatDetection.Webhooks[0].URI", "https:// URL"},
		{"webhook without URI", td(func(x *component.ThreatDetectionArgs) { x.Webhooks = []component.WebhookArgs{{Name: "hook"}} }),
			"ThreatDetection.Webhooks[0].URI", "is required"},
		{"webhook without name", td(func(x *component.ThreatDetectionArgs) {
			x.Webhooks = []component.WebhookArgs{{URI: pulumi.String("https://soar.contoso.com/hook")}}
		}), "ThreatDetection.Webhooks[0].Name", "1–30 letters"},
		{"duplicate webhook names", td(func(x *component.ThreatDetectionArgs) {
			x.Webhooks = []component.WebhookArgs{{Name: "a", URI: pulumi.String("https://a.contoso.com")}, {Name: "a", URI: pulumi.String("https://b.contoso.com")}}
		}), "ThreatDetection.Webhooks[1].Name", "repeats ThreatDetection.Webhooks[0].Name"},
		{"action group and receivers", td(func(x *component.ThreatDetectionArgs) { x.ActionGroupID = pulumi.String(hubActionGroup) }),
			"ThreatDetection.ActionGroupID", "give one or the other"},
		{"malformed action group", td(func(x *component.ThreatDetectionArgs) {
			x.EmailAddresses = nil
			x.ActionGroupID = pulumi.String("ag-platform")
		}), "ThreatDetection.ActionGroupID", "Microsoft.Insights/actionGroups"},
		{"short name too long", td(func(x *component.ThreatDetectionArgs) { x.ActionGroupShortName = "kv-payments-prod" }),
			"ThreatDetection.ActionGroupShortName", "1–12 characters"},
		{"negative threshold", td(func(x *component.ThreatDetectionArgs) { x.DeniedRequestThreshold = -1 }), "ThreatDetection.DeniedRequestThreshold", "between 1 and 10000"},
		{"odd window", td(func(x *component.ThreatDetectionArgs) { x.DeniedRequestWindowMinutes = 7 }), "ThreatDetection.DeniedRequestWindowMinutes", "5, 10, 15, 30, 45 or 60"},
		{"availability over 100", td(func(x *component.ThreatDetectionArgs) { x.AvailabilityThreshold = 100.1 }), "ThreatDetection.AvailabilityThreshold", "at most 100"},
		{"negative availability", td(func(x *component.ThreatDetectionArgs) { x.AvailabilityThreshold = -5 }), "ThreatDetection.AvailabilityThreshold", "above 0"},
		{"saturation over 100", td(func(x *component.ThreatDetectionArgs) { x.SaturationThreshold = 150 }), "ThreatDetection.SaturationThreshold", "between 1 and 100"},
	})
}
