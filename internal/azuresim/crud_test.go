package azuresim

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/require"
)

var (
	guidPattern    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	versionPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// fixtures holds the IDs created by a test case's setup.
type fixtures map[string]string

// crudCase drives one resource type through create, read, update and
// delete.
type crudCase struct {
	typ    string
	setup  func(h *harness) fixtures
	props  func(fx fixtures) resource.PropertyMap
	wantID func(fx fixtures) string
	// want maps output paths to expected values; a *regexp.Regexp matches
	// strings.
	want   map[string]any
	absent []string
	// change edits the inputs for the update step.
	change func(p resource.PropertyMap)
	// changed is an output path and the value it must have after update.
	changedPath string
	changedWant any
	// softDeleted marks vaults, which a delete moves to the deleted vaults.
	softDeleted bool
}

func setTag(p resource.PropertyMap) { p["tags"] = pv(obj{"env": "test", "owner": "team"}) }

func withBaseline(h *harness) fixtures {
	v, s := h.baseline("kv-crud", nil)
	return fixtures{"vault": v, "subnet": s}
}

func withWorkspace(h *harness) fixtures {
	fx := withBaseline(h)
	fx["workspace"], _ = h.mustCreate(tokWorkspace, "ws", pm(obj{"resourceGroupName": "rg-app", "workspaceName": "log-app",
		"sku": obj{"name": "PerGB2018"}, "retentionInDays": 30}))
	return fx
}

func withRG(h *harness) fixtures {
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	return fixtures{"rg": rgID("rg-app")}
}

func withEndpoint(h *harness) fixtures {
	fx := withBaseline(h)
	fx["pe"], _ = h.mustCreate(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-kv", fx["subnet"], fx["vault"], nil))
	fx["zone"], _ = h.mustCreate(tokPrivateZone, "zone", pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.vaultcore.azure.net", "location": "Global"}))
	return fx
}

func crudCases() []crudCase {
	nicRE := regexp.MustCompile(`^/subscriptions/` + testSub + `/resourceGroups/rg-app/providers/Microsoft\.Network/networkInterfaces/pe-kv\.nic\.[0-9a-f-]{36}$`)
	return []crudCase{
		{
			typ:         tokResourceGroup,
			setup:       func(*harness) fixtures { return fixtures{} },
			props:       func(fixtures) resource.PropertyMap { return rgProps("rg-x") },
			wantID:      func(fixtures) string { return rgID("rg-x") },
			want:        map[string]any{"name": "rg-x", "location": "westeurope", "type": "Microsoft.Resources/resourceGroups", "properties.provisioningState": "Succeeded"},
			absent:      []string{"resourceGroupName"},
			change:      setTag,
			changedPath: "tags.owner", changedWant: "team",
		},
		{
			typ:   tokVirtualNetwork,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return vnetProps("rg-app", "vnet-1", "10.1.0.0/16", arr{obj{"name": "a", "addressPrefix": "10.1.0.0/24"}})
			},
			wantID: func(fixtures) string { return rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-1" },
			want: map[string]any{"name": "vnet-1", "location": "westeurope", "provisioningState": "Succeeded",
				"addressSpace.addressPrefixes[0]": "10.1.0.0/16", "resourceGuid": guidPattern,
				"subnets[0].id": rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-1/subnets/a"},
			change:      setTag,
			changedPath: "tags.env", changedWant: "test",
		},
		{
			typ: tokSubnet,
			setup: func(h *harness) fixtures {
				withRG(h)
				h.mustCreate(tokVirtualNetwork, "vnet", vnetProps("rg-app", "vnet-1", "10.1.0.0/16", nil))
				return fixtures{}
			},
			props: func(fixtures) resource.PropertyMap { return subnetProps("rg-app", "vnet-1", "snet-1", "10.1.2.0/24") },
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-1/subnets/snet-1"
			},
			want:        map[string]any{"name": "snet-1", "addressPrefix": "10.1.2.0/24", "provisioningState": "Succeeded", "type": "Microsoft.Network/virtualNetworks/subnets"},
			change:      func(p resource.PropertyMap) { p["privateEndpointNetworkPolicies"] = pv("Enabled") },
			changedPath: "privateEndpointNetworkPolicies", changedWant: "Enabled",
		},
		{
			typ:   tokPrivateEndpoint,
			setup: withBaseline,
			props: func(fx fixtures) resource.PropertyMap {
				return peProps("rg-app", "pe-kv", fx["subnet"], fx["vault"], nil)
			},
			wantID: func(fixtures) string { return rgID("rg-app") + "/providers/Microsoft.Network/privateEndpoints/pe-kv" },
			want: map[string]any{"name": "pe-kv", "provisioningState": "Succeeded", "networkInterfaces[0].id": nicRE,
				"customDnsConfigs[0].fqdn": "kv-crud.vault.azure.net", "customDnsConfigs[0].ipAddresses[0]": "10.10.1.4",
				"privateLinkServiceConnections[0].privateLinkServiceConnectionState.status": "Approved",
				"subnet.id": rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-pe"},
			change:      setTag,
			changedPath: "tags.owner", changedWant: "team",
		},
		{
			typ:   tokPrivateZone,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.vaultcore.azure.net"})
			},
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
			},
			want:        map[string]any{"name": "privatelink.vaultcore.azure.net", "location": "global", "numberOfRecordSets": 1.0, "provisioningState": "Succeeded"},
			change:      setTag,
			changedPath: "tags.env", changedWant: "test",
		},
		{
			typ: tokVirtualNetworkLink,
			setup: func(h *harness) fixtures {
				fx := withEndpoint(h)
				fx["vnet"] = rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-app"
				return fx
			},
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.vaultcore.azure.net",
					"virtualNetworkLinkName": "link-app", "location": "Global", "virtualNetwork": obj{"id": fx["vnet"]}})
			},
			wantID: func(fx fixtures) string { return fx["zone"] + "/virtualNetworkLinks/link-app" },
			want: map[string]any{"name": "link-app", "virtualNetworkLinkState": "Completed", "registrationEnabled": false,
				"location": "Global", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks"},
			change:      setTag,
			changedPath: "tags.env", changedWant: "test",
		},
		{
			typ:   tokPrivateDNSZoneGroup,
			setup: withEndpoint,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "privateEndpointName": "pe-kv", "privateDnsZoneGroupName": "default",
					"privateDnsZoneConfigs": arr{obj{"name": "kv", "privateDnsZoneId": fx["zone"]}}})
			},
			wantID: func(fx fixtures) string { return fx["pe"] + "/privateDnsZoneGroups/default" },
			want: map[string]any{"name": "default",
				"privateDnsZoneConfigs[0].recordSets[0].fqdn":           "kv-crud.privatelink.vaultcore.azure.net",
				"privateDnsZoneConfigs[0].recordSets[0].ipAddresses[0]": "10.10.1.4",
				"privateDnsZoneConfigs[0].recordSets[0].recordType":     "A"},
			change: func(p resource.PropertyMap) {
				p["privateDnsZoneConfigs"].ArrayValue()[0].ObjectValue()["name"] = pv("vault-zone")
			},
			changedPath: "privateDnsZoneConfigs[0].name", changedWant: "vault-zone",
		},
		{
			typ:   tokWorkspace,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "workspaceName": "log-app", "sku": obj{"name": "PerGB2018"}, "retentionInDays": 30})
			},
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.OperationalInsights/workspaces/log-app"
			},
			want:        map[string]any{"customerId": guidPattern, "location": "westeurope", "retentionInDays": 30.0, "sku.name": "PerGB2018", "provisioningState": "Succeeded"},
			change:      func(p resource.PropertyMap) { p["retentionInDays"] = pv(60) },
			changedPath: "retentionInDays", changedWant: 60.0,
		},
		{
			typ:    tokVault,
			setup:  withRG,
			props:  func(fixtures) resource.PropertyMap { return vaultProps("rg-app", "kv-one", nil) },
			wantID: func(fixtures) string { return vaultID("rg-app", "kv-one") },
			want: map[string]any{"name": "kv-one", "location": "westeurope", "type": "Microsoft.KeyVault/vaults",
				"properties.vaultUri": "https://kv-one.vault.azure.net/", "properties.provisioningState": "Succeeded",
				"properties.enableRbacAuthorization": true, "properties.softDeleteRetentionInDays": 90.0,
				"properties.networkAcls.defaultAction": "Deny", "tags.env": "dev"},
			absent:      []string{"vaultName", "resourceGroupName", "properties.createMode"},
			change:      setTag,
			changedPath: "tags.owner", changedWant: "team",
			softDeleted: true,
		},
		{
			typ:   tokKey,
			setup: withBaseline,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-crud", "keyName": "cmk",
					"properties": obj{"kty": "RSA", "keySize": 3072, "keyOps": arr{"wrapKey", "unwrapKey"}}})
			},
			wantID: func(fx fixtures) string { return fx["vault"] + "/keys/cmk" },
			want: map[string]any{"name": "cmk", "kty": "RSA", "keySize": 3072.0, "keyUri": "https://kv-crud.vault.azure.net/keys/cmk",
				"keyUriWithVersion":  regexp.MustCompile(`^https://kv-crud\.vault\.azure\.net/keys/cmk/[0-9a-f]{32}$`),
				"attributes.enabled": true, "attributes.recoveryLevel": "Recoverable+Purgeable", "location": "westeurope"},
			absent:      []string{"properties", "vaultName"},
			change:      func(p resource.PropertyMap) { p["tags"] = pv(obj{"x": "y"}) },
			changedPath: "keyUri", changedWant: "https://kv-crud.vault.azure.net/keys/cmk",
		},
		{
			typ:   tokSecret,
			setup: withBaseline,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-crud", "secretName": "db-password",
					"properties": obj{"value": secret("hunter2-correct-horse"), "contentType": "text/plain"}})
			},
			wantID: func(fx fixtures) string { return fx["vault"] + "/secrets/db-password" },
			want: map[string]any{"name": "db-password", "properties.secretUri": "https://kv-crud.vault.azure.net/secrets/db-password",
				"properties.secretUriWithVersion": regexp.MustCompile(`^https://kv-crud\.vault\.azure\.net/secrets/db-password/[0-9a-f]{32}$`),
				"properties.contentType":          "text/plain", "properties.attributes.enabled": true},
			absent: []string{"properties.value"},
			change: func(p resource.PropertyMap) {
				p["properties"].ObjectValue()["contentType"] = pv("application/x-pem-file")
			},
			changedPath: "properties.contentType", changedWant: "application/x-pem-file",
		},
		{
			typ:   tokRoleAssignment,
			setup: withBaseline,
			props: func(fx fixtures) resource.PropertyMap {
				return roleAssignmentProps(raName1, fx["vault"], principalA, roleSecretsUser)
			},
			wantID: func(fx fixtures) string {
				return fx["vault"] + "/providers/Microsoft.Authorization/roleAssignments/" + raName1
			},
			want: map[string]any{"name": raName1, "principalId": principalA, "principalType": "ServicePrincipal",
				"scope": vaultID("rg-app", "kv-crud"), "type": "Microsoft.Authorization/roleAssignments", "createdBy": DefaultObjectID},
			absent:      []string{"roleAssignmentName"},
			change:      func(p resource.PropertyMap) { p["description"] = pv("app reads secrets") },
			changedPath: "description", changedWant: "app reads secrets",
		},
		{
			typ:   tokManagementLock,
			setup: withBaseline,
			props: func(fx fixtures) resource.PropertyMap {
				return lockProps("kv-lock", fx["vault"], "CanNotDelete")
			},
			wantID:      func(fx fixtures) string { return fx["vault"] + "/providers/Microsoft.Authorization/locks/kv-lock" },
			want:        map[string]any{"name": "kv-lock", "level": "CanNotDelete", "notes": "test lock", "type": "Microsoft.Authorization/locks"},
			absent:      []string{"scope", "lockName"},
			change:      func(p resource.PropertyMap) { p["notes"] = pv("changed") },
			changedPath: "notes", changedWant: "changed",
		},
		{
			typ:   tokDiagnosticSetting,
			setup: withWorkspace,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"name": "kv-diag", "resourceUri": fx["vault"], "workspaceId": fx["workspace"],
					"logs": arr{obj{"categoryGroup": "audit", "enabled": true}}})
			},
			wantID: func(fx fixtures) string {
				return fx["vault"] + "/providers/Microsoft.Insights/diagnosticSettings/kv-diag"
			},
			want: map[string]any{"name": "kv-diag", "workspaceId": rgID("rg-app") + "/providers/Microsoft.OperationalInsights/workspaces/log-app",
				"logs[0].categoryGroup": "audit", "type": "Microsoft.Insights/diagnosticSettings"},
			absent: []string{"resourceUri"},
			change: func(p resource.PropertyMap) {
				p["metrics"] = pv(arr{obj{"category": "AllMetrics", "enabled": true}})
			},
			changedPath: "metrics[0].category", changedWant: "AllMetrics",
		},
		{
			typ:   tokPimEligibility,
			setup: withRG,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"roleEligibilityScheduleRequestName": raName2, "scope": fx["rg"], "principalId": principalB,
					"roleDefinitionId": "/subscriptions/" + testSub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleReader,
					"requestType":      "AdminAssign", "scheduleInfo": obj{"expiration": obj{"type": "AfterDuration", "duration": "P365D"}}})
			},
			wantID: func(fx fixtures) string {
				return fx["rg"] + "/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/" + raName2
			},
			want:        map[string]any{"status": "Provisioned", "scope": rgID("rg-app"), "principalId": principalB, "requestorId": DefaultObjectID},
			change:      func(p resource.PropertyMap) {},
			changedPath: "status", changedWant: "Provisioned",
		},
		{
			typ:   tokRoleMgmtPolicy,
			setup: withRG,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"roleManagementPolicyName": raName1, "scope": fx["rg"],
					"rules": arr{obj{"id": "Expiration_Admin_Eligibility", "ruleType": "RoleManagementPolicyExpirationRule", "maximumDuration": "P180D"}}})
			},
			wantID: func(fx fixtures) string {
				return fx["rg"] + "/providers/Microsoft.Authorization/roleManagementPolicies/" + raName1
			},
			want:        map[string]any{"effectiveRules[0].maximumDuration": "P180D", "policyProperties.scope.id": rgID("rg-app")},
			change:      func(p resource.PropertyMap) { p["description"] = pv("eligibility only") },
			changedPath: "description", changedWant: "eligibility only",
		},
		{
			typ:   tokPolicyAssignment,
			setup: withRG,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"policyAssignmentName": "kv-no-public", "scope": fx["rg"],
					"policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/405c5871-3e91-4644-8a63-58e19d68ff5b"})
			},
			wantID: func(fx fixtures) string {
				return fx["rg"] + "/providers/Microsoft.Authorization/policyAssignments/kv-no-public"
			},
			want:        map[string]any{"scope": rgID("rg-app"), "enforcementMode": "Default", "name": "kv-no-public"},
			change:      func(p resource.PropertyMap) { p["displayName"] = pv("No public vaults") },
			changedPath: "displayName", changedWant: "No public vaults",
		},
		{
			typ:   tokActionGroup,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "actionGroupName": "ag-sec", "groupShortName": "sec", "enabled": true,
					"emailReceivers": arr{obj{"name": "soc", "emailAddress": "soc@example.com"}}})
			},
			wantID:      func(fixtures) string { return rgID("rg-app") + "/providers/Microsoft.Insights/actionGroups/ag-sec" },
			want:        map[string]any{"location": "Global", "groupShortName": "sec", "emailReceivers[0].status": "Enabled"},
			change:      func(p resource.PropertyMap) { p["enabled"] = pv(false) },
			changedPath: "enabled", changedWant: false,
		},
		{
			typ:   tokScheduledQueryRule,
			setup: withWorkspace,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "ruleName": "kv-denied", "enabled": true, "severity": 2,
					"scopes":   arr{fx["workspace"]},
					"criteria": obj{"allOf": arr{obj{"query": "AzureDiagnostics | where ResultType == 'Forbidden'", "operator": "GreaterThan", "threshold": 0, "timeAggregation": "Count"}}}})
			},
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.Insights/scheduledQueryRules/kv-denied"
			},
			want:        map[string]any{"location": "westeurope", "severity": 2.0, "createdWithApiVersion": "2023-12-01"},
			change:      func(p resource.PropertyMap) { p["description"] = pv("denied requests") },
			changedPath: "description", changedWant: "denied requests",
		},
		{
			typ:   tokMetricAlert,
			setup: withBaseline,
			props: func(fx fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "ruleName": "kv-availability", "enabled": true, "severity": 3,
					"scopes": arr{fx["vault"]}, "evaluationFrequency": "PT5M", "windowSize": "PT15M",
					"criteria": obj{"odataType": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"}})
			},
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.Insights/metricAlerts/kv-availability"
			},
			want:        map[string]any{"location": "global", "isMigrated": false},
			change:      func(p resource.PropertyMap) { p["severity"] = pv(1) },
			changedPath: "severity", changedWant: 1.0,
		},
		{
			typ:   tokActivityLogAlert,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "activityLogAlertName": "kv-deleted", "location": "global",
					"scopes":    arr{"/subscriptions/" + testSub},
					"condition": obj{"allOf": arr{obj{"field": "operationName", "equals": "Microsoft.KeyVault/vaults/delete"}}},
					"actions":   obj{"actionGroups": arr{}}})
			},
			wantID: func(fixtures) string {
				return rgID("rg-app") + "/providers/Microsoft.Insights/activityLogAlerts/kv-deleted"
			},
			want:        map[string]any{"location": "global", "type": "Microsoft.Insights/ActivityLogAlerts"},
			change:      func(p resource.PropertyMap) { p["enabled"] = pv(false) },
			changedPath: "enabled", changedWant: false,
		},
		{
			typ:   tokDeployment,
			setup: withRG,
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"resourceGroupName": "rg-app", "deploymentName": "baseline",
					"properties": obj{"mode": "Incremental", "template": obj{"$schema": "x", "resources": arr{}}}})
			},
			wantID:      func(fixtures) string { return rgID("rg-app") + "/providers/Microsoft.Resources/deployments/baseline" },
			want:        map[string]any{"properties.provisioningState": "Succeeded", "properties.mode": "Incremental"},
			absent:      []string{"properties.template"},
			change:      func(p resource.PropertyMap) { p["tags"] = pv(obj{"a": "b"}) },
			changedPath: "tags.a", changedWant: "b",
		},
		{
			typ:   tokSubDeployment,
			setup: func(*harness) fixtures { return fixtures{} },
			props: func(fixtures) resource.PropertyMap {
				return pm(obj{"deploymentName": "defender-kv", "location": "westeurope",
					"properties": obj{"mode": "Incremental", "template": defenderTemplate()}})
			},
			wantID: func(fixtures) string {
				return "/subscriptions/" + testSub + "/providers/Microsoft.Resources/deployments/defender-kv"
			},
			want: map[string]any{"name": "defender-kv", "location": "westeurope", "type": "Microsoft.Resources/deployments",
				"properties.provisioningState": "Succeeded", "properties.outputs": map[string]any{}},
			absent:      []string{"properties.template", "deploymentName"},
			change:      func(p resource.PropertyMap) { p["tags"] = pv(obj{"a": "b"}) },
			changedPath: "tags.a", changedWant: "b",
		},
	}
}

// requireOutputs checks expected output values.
func requireOutputs(t *testing.T, outs resource.PropertyMap, want map[string]any, absent []string) {
	t.Helper()
	for path, w := range want {
		got := get(outs, path)
		if re, ok := w.(*regexp.Regexp); ok {
			s, _ := got.(string)
			require.Regexp(t, re, s, "output %s", path)
			continue
		}
		require.Equal(t, w, got, "output %s", path)
	}
	for _, path := range absent {
		_, present := getPath(unwrapping.object(outs), mustPath(path))
		require.False(t, present, "output %s must be absent", path)
	}
}

func TestCreateReadUpdateDeleteEveryType(t *testing.T) {
	t.Parallel()
	covered := map[string]bool{}
	for _, tc := range crudCases() {
		covered[tc.typ] = true
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			fx := tc.setup(h)
			props := tc.props(fx)

			id, outs := h.mustCreate(tc.typ, "subject", props)
			require.Equal(t, tc.wantID(fx), id)
			requireOutputs(t, outs, tc.want, tc.absent)

			gotID, readOuts, readIns := h.read(h.srv, tc.typ, id, props)
			require.Equal(t, id, gotID)
			require.Equal(t, unwrapping.object(outs), unwrapping.object(readOuts), "a read right after create shows the same resource")
			require.True(t, plainEqual(unwrapping.object(props), unwrapping.object(readIns)), "no drift: the read inputs equal the inputs")

			newProps := props.Copy()
			tc.change(newProps)
			upd, err := h.update(h.srv, tc.typ, id, props, newProps)
			require.NoError(t, err)
			require.Equal(t, tc.changedWant, get(upd, tc.changedPath))

			require.NoError(t, h.del(h.srv, tc.typ, id))
			gone, _, _ := h.read(h.srv, tc.typ, id, newProps)
			require.Empty(t, gone, "a deleted resource reads as gone")
			_, stillThere := h.world().Get(id)
			require.False(t, stillThere)
			if tc.softDeleted {
				require.Contains(t, h.world().DeletedVaults, "kv-one")
			}
		})
	}
	for _, tok := range SimulatedTypes() {
		require.True(t, covered[tok], "type %s has no create/read/update/delete case", tok)
	}
}

func TestVersionedTokensAreAliases(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate("azure-native:resources/v20240301:ResourceGroup", "rg", rgProps("rg-app"))
	id, outs := h.mustCreate("azure-native:keyvault/v20230701:Vault", "kv", vaultProps("rg-app", "kv-versioned", nil))
	require.Equal(t, vaultID("rg-app", "kv-versioned"), id)
	require.Equal(t, "https://kv-versioned.vault.azure.net/", get(outs, "properties.vaultUri"))
	r, ok := h.world().Get(id)
	require.True(t, ok)
	require.Equal(t, tokVault, r.Type, "records carry the canonical token")
	gotID, _, _ := h.read(h.srv, "azure-native:keyvault:Vault", id, nil)
	require.Equal(t, id, gotID)
}
