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
	tVault      = "azure-native:keyvault:Vault"
	tPE         = "azure-native:network:PrivateEndpoint"
	tZone       = "azure-native:network:PrivateZone"
	tLink       = "azure-native:network:VirtualNetworkLink"
	tZoneGroup  = "azure-native:network:PrivateDnsZoneGroup"
	tRole       = "azure-native:authorization:RoleAssignment"
	tLock       = "azure-native:authorization:ManagementLockByScope"
	tDiag       = "azure-native:insights:DiagnosticSetting"
	tWorkspace  = "azure-native:operationalinsights:Workspace"
	tComponent  = component.TypeToken
	componentRN = "app"
)

func typeCounts(m *azmock.Mocks) map[string]int {
	c := map[string]int{}
	for _, r := range m.Resources() {
		c[r.Type]++
	}
	return c
}

func TestDefaultsCreateTheZeroTrustResourceSet(t *testing.T) {
	t.Parallel()
	r := run(t, baseArgs())
	require.NoError(t, r.err)

	assert.Equal(t, map[string]int{
		tComponent: 1, tVault: 1, tPE: 1, tZone: 1, tLink: 1, tZoneGroup: 1,
		tWorkspace: 1, tDiag: 1, tLock: 2,
	}, typeCounts(r.mocks))

	comp := only(t, r.mocks, tComponent)
	for _, res := range r.mocks.Resources() {
		if res.Type == tComponent {
			continue
		}
		assert.True(t, strings.HasPrefix(res.Name, componentRN+"-"), "%s %q is not named from the component", res.Type, res.Name)
		assert.NotEmpty(t, res.Parent, "%s %q has no parent", res.Type, res.Name)
	}
	// Direct children hang off the component; grandchildren off their owner.
	pe := only(t, r.mocks, tPE)
	zone := only(t, r.mocks, tZone)
	for _, typ := range []string{tVault, tPE, tZone, tWorkspace, tDiag} {
		assert.Equal(t, comp.URN, only(t, r.mocks, typ).Parent, "parent of %s", typ)
	}
	assert.Equal(t, pe.URN, only(t, r.mocks, tZoneGroup).Parent)
	assert.Equal(t, zone.URN, only(t, r.mocks, tLink).Parent)
}

func TestDefaultVaultCarriesEveryGuideRule(t *testing.T) {
	t.Parallel()
	r := run(t, baseArgs())
	require.NoError(t, r.err)
	v := only(t, r.mocks, tVault)

	want := map[string]any{
		"properties.enableRbacAuthorization":      true,
		"properties.enableSoftDelete":             true,
		"properties.softDeleteRetentionInDays":    float64(90),
		"properties.enablePurgeProtection":        true,
		"properties.publicNetworkAccess":          "Disabled",
		"properties.networkAcls.defaultAction":    "Deny",
		"properties.networkAcls.bypass":           "None",
		"properties.enabledForDeployment":         false,
		"properties.enabledForDiskEncryption":     false,
		"properties.enabledForTemplateDeployment": false,
		"properties.sku.name":                     "standard",
		"properties.sku.family":                   "A",
		"properties.tenantId":                     azmock.TenantID,
		"location":                                "westeurope",
		"resourceGroupName":                       "rg-app",
	}
	for p, w := range want {
		assert.Equal(t, w, path(t, v, p).V, p)
	}
	assert.True(t, path(t, v, "properties.accessPolicies").IsNull(), "access policies must never be sent")
	name := path(t, v, "vaultName").StringValue()
	require.NoError(t, component.ValidateVaultName(name))
	assert.Equal(t, component.DeriveVaultName("proj", "dev", componentRN), name)
	assert.Equal(t, "pulumi", path(t, v, "tags.managed-by").V)
	assert.Equal(t, componentRN, path(t, v, "tags.zerotrust-vault").V)
	assert.False(t, v.Protect)
	assert.Contains(t, r.mocks.Calls(), "azure-native:authorization:getClientConfig")
}

func TestDefaultChildren(t *testing.T) {
	t.Parallel()
	r := run(t, baseArgs())
	require.NoError(t, r.err)
	vault := only(t, r.mocks, tVault)

	pe := only(t, r.mocks, tPE)
	assert.Equal(t, subnetID, path(t, pe, "subnet.id").V)
	assert.Equal(t, []resource.PropertyValue{resource.NewProperty("vault")}, path(t, pe, "privateLinkServiceConnections[0].groupIds").ArrayValue())
	assert.Contains(t, pe.PropertyDependencies["privateLinkServiceConnections"], vault.URN, "endpoint must reference the vault")
	assert.True(t, path(t, pe, "manualPrivateLinkServiceConnections").IsNull())

	zone := only(t, r.mocks, tZone)
	assert.Equal(t, "privatelink.vaultcore.azure.net", path(t, zone, "privateZoneName").V)
	assert.Equal(t, "Global", path(t, zone, "location").V)
	link := only(t, r.mocks, tLink)
	assert.Equal(t, strings.TrimSuffix(subnetID, "/subnets/snet-pe"), path(t, link, "virtualNetwork.id").V)
	assert.Equal(t, false, path(t, link, "registrationEnabled").V)
	zg := only(t, r.mocks, tZoneGroup)
	assert.Equal(t, zone.ID, path(t, zg, "privateDnsZoneConfigs[0].privateDnsZoneId").V)

	diag := only(t, r.mocks, tDiag)
	ws := only(t, r.mocks, tWorkspace)
	assert.Equal(t, vault.ID, path(t, diag, "resourceUri").V)
	assert.Equal(t, ws.ID, path(t, diag, "workspaceId").V)
	assert.Equal(t, float64(90), path(t, ws, "retentionInDays").V)
	var groups []string
	for _, l := range path(t, diag, "logs").ArrayValue() {
		groups = append(groups, l.ObjectValue()["categoryGroup"].StringValue())
		assert.True(t, l.ObjectValue()["enabled"].BoolValue())
	}
	assert.Equal(t, []string{"audit", "allLogs"}, groups)
	assert.Equal(t, "AllMetrics", path(t, diag, "metrics[0].category").V)

	locks := r.mocks.OfType(tLock)
	scopes := []string{}
	for _, l := range locks {
		assert.Equal(t, "CanNotDelete", path(t, l, "level").V)
		scopes = append(scopes, path(t, l, "scope").StringValue())
		// The lock outlives every other child: it depends on the vault, endpoint, zone group and diagnostics.
		for _, dep := range []string{vault.URN, pe.URN, zg.URN, diag.URN} {
			assert.Contains(t, l.Dependencies, dep, "lock %s must depend on %s", l.Name, dep)
		}
	}
	assert.ElementsMatch(t, []string{pe.ID, vault.ID}, scopes)

	assert.Equal(t, vault.ID, r.out.VaultID)
	assert.Equal(t, "https://"+path(t, vault, "vaultName").StringValue()+".vault.azure.net/", r.out.VaultURI)
	assert.Equal(t, map[string]string{"pe": pe.ID}, r.out.PrivateEndpointIDs)
	assert.Equal(t, map[string]string{"pe": azmock.PrivateIP}, r.out.PrivateIPAddresses)
	assert.Equal(t, zone.ID, r.out.DNSZoneID)
	assert.Equal(t, ws.ID, r.out.WorkspaceID)
	assert.Equal(t, diag.ID, r.out.DiagnosticSettingID)
	assert.Empty(t, r.out.RoleAssignmentIDs)
}

func TestOptions(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, r result)
	cases := []struct {
		name   string
		modify func(a *component.ZeroTrustVaultArgs)
		check  check
	}{
		{"explicit name, premium, retention, tenant", func(a *component.ZeroTrustVaultArgs) {
			a.VaultName, a.SKU, a.SoftDeleteRetentionDays = "kv-explicit-01", "premium", 7
			a.TenantID = pulumi.String(principalB)
		}, func(t *testing.T, r result) {
			v := only(t, r.mocks, tVault)
			assert.Equal(t, "kv-explicit-01", path(t, v, "vaultName").V)
			assert.Equal(t, "premium", path(t, v, "properties.sku.name").V)
			assert.Equal(t, float64(7), path(t, v, "properties.softDeleteRetentionInDays").V)
			assert.Equal(t, principalB, path(t, v, "properties.tenantId").V)
			assert.NotContains(t, r.mocks.Calls(), "azure-native:authorization:getClientConfig", "no lookup when the tenant is given")
		}},
		{"tags merge over the component's", func(a *component.ZeroTrustVaultArgs) {
			a.Tags = map[string]string{"env": "dev", "managed-by": "platform"}
		}, func(t *testing.T, r result) {
			for _, typ := range []string{tVault, tPE, tZone, tWorkspace} {
				res := only(t, r.mocks, typ)
				assert.Equal(t, "dev", path(t, res, "tags.env").V, typ)
				assert.Equal(t, "platform", path(t, res, "tags.managed-by").V, typ)
				assert.Equal(t, componentRN, path(t, res, "tags.zerotrust-vault").V, typ)
			}
		}},
		{"public access with firewall rules and trusted services", func(a *component.ZeroTrustVaultArgs) {
			a.Network = component.NetworkArgs{
				AllowPublicNetworkAccess: true, AllowTrustedAzureServices: true,
				IPRules:                 []string{"20.50.0.0/24", "52.10.20.30", "52.10.20.31/32"},
				VirtualNetworkSubnetIDs: []string{subnet2ID},
			}
		}, func(t *testing.T, r result) {
			v := only(t, r.mocks, tVault)
			assert.Equal(t, "Enabled", path(t, v, "properties.publicNetworkAccess").V)
			assert.Equal(t, "Deny", path(t, v, "properties.networkAcls.defaultAction").V, "the firewall stays Deny")
			assert.Equal(t, "AzureServices", path(t, v, "properties.networkAcls.bypass").V)
			var ips []string
			for _, ip := range path(t, v, "properties.networkAcls.ipRules").ArrayValue() {
				ips = append(ips, ip.ObjectValue()["value"].StringValue())
			}
			assert.Equal(t, []string{"20.50.0.0/24", "52.10.20.30", "52.10.20.31"}, ips)
			assert.Equal(t, subnet2ID, path(t, v, "properties.networkAcls.virtualNetworkRules[0].id").V)
			assert.Equal(t, false, path(t, v, "properties.networkAcls.virtualNetworkRules[0].ignoreMissingVnetServiceEndpoint").V)
		}},
		{"no endpoint, intentionally unreachable", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints = nil
			a.Network.IntentionallyUnreachable = true
		}, func(t *testing.T, r result) {
			c := typeCounts(r.mocks)
			assert.Zero(t, c[tPE]+c[tZone]+c[tLink]+c[tZoneGroup])
			assert.Equal(t, 1, c[tLock])
			assert.Empty(t, r.out.PrivateEndpointIDs)
			assert.Empty(t, r.out.DNSZoneID)
		}},
		{"enabledFor opt-ins", func(a *component.ZeroTrustVaultArgs) {
			a.EnabledForDeployment, a.EnabledForDiskEncryption, a.EnabledForTemplateDeployment = true, true, true
		}, func(t *testing.T, r result) {
			v := only(t, r.mocks, tVault)
			for _, p := range []string{"enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment"} {
				assert.Equal(t, true, path(t, v, "properties."+p).V, p)
			}
		}},
		{"two endpoints, static IP, NIC name, other resource group, explicit links", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints = []component.PrivateEndpointArgs{
				{Name: "spoke", SubnetID: pulumi.String(subnetID), StaticIPAddress: "10.20.1.10", NetworkInterfaceName: "nic-kv-spoke"},
				{Name: "other", SubnetID: pulumi.String(subnet2ID), ResourceGroupName: pulumi.String("rg-other"), Location: pulumi.String("northeurope")},
			}
			a.PrivateDNS = component.PrivateDNSArgs{
				Cloud:                 component.CloudUSGovernment,
				ZoneResourceGroupName: pulumi.String("rg-dns"),
				VirtualNetworkLinks: []component.VirtualNetworkLinkArgs{
					{Name: "spoke", VirtualNetworkID: pulumi.String(strings.TrimSuffix(subnetID, "/subnets/snet-pe"))},
					{Name: "other", VirtualNetworkID: pulumi.String(strings.TrimSuffix(subnet2ID, "/subnets/snet-pe"))},
				},
			}
		}, func(t *testing.T, r result) {
			c := typeCounts(r.mocks)
			assert.Equal(t, 2, c[tPE])
			assert.Equal(t, 2, c[tLink])
			assert.Equal(t, 2, c[tZoneGroup])
			assert.Equal(t, 3, c[tLock])
			zone := only(t, r.mocks, tZone)
			assert.Equal(t, "privatelink.vaultcore.usgovcloudapi.net", path(t, zone, "privateZoneName").V)
			assert.Equal(t, "rg-dns", path(t, zone, "resourceGroupName").V)
			byName := map[string]azmock.Resource{}
			for _, pe := range r.mocks.OfType(tPE) {
				byName[pe.Name] = pe
			}
			spoke, other := byName["app-spoke"], byName["app-other"]
			assert.Equal(t, "10.20.1.10", path(t, spoke, "ipConfigurations[0].privateIPAddress").V)
			assert.Equal(t, "vault", path(t, spoke, "ipConfigurations[0].groupId").V)
			assert.Equal(t, "nic-kv-spoke", path(t, spoke, "customNetworkInterfaceName").V)
			assert.Equal(t, "rg-other", path(t, other, "resourceGroupName").V)
			assert.Equal(t, "northeurope", path(t, other, "location").V)
			assert.Equal(t, map[string]string{"spoke": "10.20.1.10", "other": azmock.PrivateIP}, r.out.PrivateIPAddresses)
		}},
		{"existing hub zone", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: pulumi.String(hubZoneID)}
		}, func(t *testing.T, r result) {
			c := typeCounts(r.mocks)
			assert.Zero(t, c[tZone]+c[tLink])
			assert.Equal(t, hubZoneID, path(t, only(t, r.mocks, tZoneGroup), "privateDnsZoneConfigs[0].privateDnsZoneId").V)
			assert.Equal(t, hubZoneID, r.out.DNSZoneID)
		}},
		{"DNS managed by Azure Policy", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExternal}
		}, func(t *testing.T, r result) {
			c := typeCounts(r.mocks)
			assert.Zero(t, c[tZone]+c[tLink]+c[tZoneGroup])
			assert.Equal(t, 1, c[tPE])
			assert.Empty(t, r.out.DNSZoneID)
		}},
		{"role assignments", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{
				{Key: "app", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"},
				{Key: "ops", PrincipalID: pulumi.String(principalB), PrincipalType: component.PrincipalTypeGroup, Role: "21090545-7ca7-4776-b22c-e363652d74d2", Description: "ops read"},
				{Key: "dataadmin", PrincipalID: pulumi.String(principalB), PrincipalType: component.PrincipalTypeUser,
					Role:      "/providers/Microsoft.Authorization/roleDefinitions/8b54135c-b56d-4d72-a534-26097cfdc8d8",
					Condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {4633458b-17de-408a-b874-0445c86b69e6}))"},
			}
		}, func(t *testing.T, r result) {
			vault := only(t, r.mocks, tVault)
			ras := map[string]azmock.Resource{}
			for _, ra := range r.mocks.OfType(tRole) {
				ras[ra.Name] = ra
				assert.Equal(t, vault.ID, path(t, ra, "scope").V)
				assert.Contains(t, ra.PropertyDependencies["scope"], vault.URN)
				name := path(t, ra, "roleAssignmentName").StringValue()
				assert.Equal(t, component.RoleAssignmentName(vault.ID, path(t, ra, "principalId").StringValue(), path(t, ra, "roleDefinitionId").StringValue()), name)
			}
			require.Len(t, ras, 3)
			app := ras["app-role-app"]
			assert.Equal(t, "ServicePrincipal", path(t, app, "principalType").V)
			assert.Equal(t, "/subscriptions/"+azmock.SubscriptionID+"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6", path(t, app, "roleDefinitionId").V)
			assert.True(t, path(t, app, "condition").IsNull())
			ops := ras["app-role-ops"]
			assert.Equal(t, "Group", path(t, ops, "principalType").V)
			assert.Equal(t, "ops read", path(t, ops, "description").V)
			da := ras["app-role-dataadmin"]
			assert.Equal(t, "/providers/Microsoft.Authorization/roleDefinitions/8b54135c-b56d-4d72-a534-26097cfdc8d8", path(t, da, "roleDefinitionId").V)
			assert.Equal(t, "2.0", path(t, da, "conditionVersion").V)
			assert.Len(t, r.out.RoleAssignmentIDs, 3)
			assert.Equal(t, app.ID, r.out.RoleAssignmentIDs["app"])
		}},
		{"privileged role with the opt-in", func(a *component.ZeroTrustVaultArgs) {
			a.AllowPrivilegedRoles = true
			a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "admin", PrincipalID: pulumi.String(principalA), PrincipalType: "User", Role: "Key Vault Administrator"}}
		}, func(t *testing.T, r result) {
			assert.Equal(t, "User", path(t, only(t, r.mocks, tRole), "principalType").V)
		}},
		{"existing workspace, storage, event hub, audit only, no metrics", func(a *component.ZeroTrustVaultArgs) {
			a.Diagnostics = component.DiagnosticsArgs{
				WorkspaceID:                 pulumi.String(workspaceID),
				StorageAccountID:            pulumi.String("/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Storage/storageAccounts/stlogs"),
				EventHubAuthorizationRuleID: pulumi.String("/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-hub/providers/Microsoft.EventHub/namespaces/ehns/authorizationRules/send"),
				EventHubName:                pulumi.String("kv-logs"),
				CategoryGroups:              []string{"audit"},
				DisableMetrics:              true,
			}
		}, func(t *testing.T, r result) {
			assert.Zero(t, typeCounts(r.mocks)[tWorkspace])
			d := only(t, r.mocks, tDiag)
			assert.Equal(t, workspaceID, path(t, d, "workspaceId").V)
			assert.Contains(t, path(t, d, "storageAccountId").StringValue(), "stlogs")
			assert.Contains(t, path(t, d, "eventHubAuthorizationRuleId").StringValue(), "authorizationRules/send")
			assert.Equal(t, "kv-logs", path(t, d, "eventHubName").V)
			assert.Len(t, path(t, d, "logs").ArrayValue(), 1)
			assert.True(t, path(t, d, "metrics").IsNull())
			assert.Equal(t, workspaceID, r.out.WorkspaceID)
		}},
		{"workspace retention", func(a *component.ZeroTrustVaultArgs) {
			a.Diagnostics.WorkspaceRetentionDays = 365
		}, func(t *testing.T, r result) {
			assert.Equal(t, float64(365), path(t, only(t, r.mocks, tWorkspace), "retentionInDays").V)
		}},
		{"lock disabled", func(a *component.ZeroTrustVaultArgs) { a.DisableDeleteLock = true }, func(t *testing.T, r result) {
			assert.Zero(t, typeCounts(r.mocks)[tLock])
		}},
		{"protect", func(a *component.ZeroTrustVaultArgs) { a.Protect = true }, func(t *testing.T, r result) {
			assert.True(t, only(t, r.mocks, tVault).Protect)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			tc.modify(a)
			r := run(t, a)
			require.NoError(t, r.err)
			tc.check(t, r)
		})
	}
}

func TestArgsAreNotModified(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.Tags = map[string]string{"env": "dev"}
	r := run(t, a)
	require.NoError(t, r.err)
	assert.Equal(t, map[string]string{"env": "dev"}, a.Tags)
	assert.Empty(t, a.VaultName)
	assert.Zero(t, a.SoftDeleteRetentionDays)
	assert.Empty(t, a.PrivateEndpoints[0].Name)
}

func TestTwoComponentsInOneStackDoNotCollide(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "app", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"}}
	r := run(t, a, "payments", "orders")
	require.NoError(t, r.err)
	seenURN := map[string]bool{}
	vaultNames := map[string]bool{}
	raNames := map[string]bool{}
	for _, res := range r.mocks.Resources() {
		assert.False(t, seenURN[res.URN], "duplicate URN %s", res.URN)
		seenURN[res.URN] = true
		switch res.Type {
		case tVault:
			vaultNames[path(t, res, "vaultName").StringValue()] = true
		case tRole:
			raNames[path(t, res, "roleAssignmentName").StringValue()] = true
		}
	}
	assert.Len(t, vaultNames, 2)
	assert.Len(t, raNames, 2)
}

func TestSameInputsGiveIdenticalNames(t *testing.T) {
	t.Parallel()
	names := func() []string {
		a := baseArgs()
		a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "app", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"}}
		r := run(t, a)
		require.NoError(t, r.err)
		var out []string
		for _, res := range r.mocks.Resources() {
			out = append(out, res.URN)
			for _, k := range []string{"vaultName", "roleAssignmentName", "privateZoneName", "workspaceName", "lockName", "name"} {
				if v := path(t, res, k); v.IsString() {
					out = append(out, k+"="+v.StringValue())
				}
			}
		}
		return out
	}
	first, second := names(), names()
	assert.Equal(t, first, second)
	assert.NotEmpty(t, first)
}
