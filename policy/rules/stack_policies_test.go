package rules

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

func urnOf(typ, name string) string { return testURN(typ, name) }

func TestPrivateEndpointRequired(t *testing.T) {
	t.Parallel()
	kv := urnOf(tokVault, "kv-a")
	base := vaultStack("kv-a", stackOpts{})
	noPE := drop(drop(base, "kv-a-pe"), "kv-a-zg")
	orphanPE := replace(base, "kv-a-pe", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r.PropertyDependencies, r.Dependencies = nil, nil
		return r
	})
	runStackTable(t, NewPrivateEndpointRequired(), []scase{
		{name: "compliant by dependency", resources: base},
		{name: "compliant by id", resources: vaultStack("kv-a", stackOpts{byID: true})},
		{name: "compliant by parent", resources: replace(orphanPE, "kv-a-pe", func(r policyx.AnalyzerResource) policyx.AnalyzerResource { r.Parent = kv; return r })},
		{name: "missing endpoint", resources: noPE, want: map[string][]string{kv: {"Key Vault 'kv-a' has public network access disabled, so it must have a private endpoint: add an azure-native:network:PrivateEndpoint"}}},
		{name: "public vault needs none", resources: replace(noPE, "kv-a", setProps("properties.publicNetworkAccess", "Enabled"))},
		{name: "unknown public access", resources: replace(noPE, "kv-a", setProps("properties.publicNetworkAccess", unknown))},
		{name: "endpoint target unknown and unrelated", resources: orphanPE},
		{name: "endpoint to another vault id", resources: replace(orphanPE, "kv-a-pe", setProps("privateLinkServiceConnections", list{obj{"privateLinkServiceId": vaultID("kv-other"), "groupIds": list{"vault"}}})), want: map[string][]string{kv: {"must have a private endpoint"}}},
		{name: "wrong group", resources: replace(base, "kv-a-pe", setProps("privateLinkServiceConnections", list{obj{"privateLinkServiceId": unknown, "groupIds": list{"managedhsm"}}})), want: map[string][]string{kv: {"must be targeted with the 'vault' sub-resource"}}},
		{name: "manual connection", resources: replace(base, "kv-a-pe", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			r = setProps("manualPrivateLinkServiceConnections", list{obj{"privateLinkServiceId": vaultID("kv-a"), "groupIds": list{"vault"}}})(r)
			return setProps("privateLinkServiceConnections", deleted)(r)
		}), want: map[string][]string{kv: {"must be reached through an auto-approved connection"}}},
		{name: "malformed connections", resources: replace(base, "kv-a-pe", setProps("privateLinkServiceConnections", "kv-a")), want: map[string][]string{kv: {"must have a private endpoint"}}},
		{name: "versioned tokens", resources: retype(noPE, "azure-native:keyvault/v20230701:Vault"), want: map[string][]string{urnOf("azure-native:keyvault/v20230701:Vault", "kv-a"): {"must have a private endpoint"}}},
		{name: "override advisory", resources: noPE, override: true, level: lvlAdvisory, want: map[string][]string{kv: {"private endpoint"}}},
		{name: "override disabled", resources: noPE, override: true, level: lvlDisabled, want: map[string][]string{kv: {"private endpoint"}}},
	})
}

// retype changes the type token (and URN) of the vault called kv-a.
func retype(rs []policyx.AnalyzerResource, typ string) []policyx.AnalyzerResource {
	return replace(rs, "kv-a", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r.Type = typ
		r.URN = urnOf(typ, r.Name)
		return r
	})
}

func TestPrivateEndpointDNSZoneGroup(t *testing.T) {
	t.Parallel()
	kv := urnOf(tokVault, "kv-a")
	base := vaultStack("kv-a", stackOpts{})
	noZG := drop(base, "kv-a-zg")
	wrongZone := replace(base, "kv-a-zone", setProps("privateZoneName", "privatelink.blob.core.windows.net"))
	runStackTable(t, NewPrivateEndpointDNSZoneGroup(), []scase{
		{name: "compliant by dependency", resources: base},
		{name: "compliant by id", resources: vaultStack("kv-a", stackOpts{byID: true})},
		{name: "compliant china cloud", resources: replace(vaultStack("kv-a", stackOpts{byID: true}), "kv-a-zg", setProps("privateDnsZoneConfigs", list{obj{"privateDnsZoneId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.cn"}}))},
		{name: "missing zone group", resources: noZG, want: map[string][]string{kv: {"Key Vault 'kv-a' must resolve to its private endpoint: add an azure-native:network:PrivateDnsZoneGroup"}}},
		{name: "wrong zone by dependency", resources: wrongZone, want: map[string][]string{kv: {"its endpoint's zone group uses 'privatelink.blob.core.windows.net'"}}},
		{name: "wrong zone by id", resources: replace(vaultStack("kv-a", stackOpts{byID: true}), "kv-a-zg", setProps("privateDnsZoneConfigs", list{obj{"privateDnsZoneId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/example.com"}})), want: map[string][]string{kv: {"uses 'example.com'"}}},
		{name: "zone group related by parent", resources: replace(replace(base, "kv-a-zg", setProps("privateEndpointName", unknown)), "kv-a-zg", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			delete(r.PropertyDependencies, "privateEndpointName")
			r.Dependencies = nil
			r.Parent = urnOf(tokPrivateEndpoint, "kv-a-pe")
			return r
		})},
		{name: "unknown zone configs", resources: replace(base, "kv-a-zg", setProps("privateDnsZoneConfigs", unknown))},
		{name: "unrelated zone group with unknown endpoint", resources: replace(noZG, "kv-a-pe", func(r policyx.AnalyzerResource) policyx.AnalyzerResource { return r }), want: map[string][]string{kv: {"must resolve to its private endpoint"}}},
		{name: "zone group endpoint unknown", resources: plus(noZG, res(tokPrivateDNSZoneGrp, "zg-x", obj{"privateEndpointName": unknown}))},
		{name: "malformed zone configs", resources: replace(base, "kv-a-zg", setProps("privateDnsZoneConfigs", obj{})), want: map[string][]string{kv: {"must resolve to its private endpoint"}}},
		{name: "config dns managed externally", resources: noZG, cfg: obj{"dnsManagedExternally": true}},
		{name: "config allowed zones", resources: wrongZone, cfg: obj{"allowedZones": list{"privatelink.blob.core.windows.net"}}},
		{name: "override advisory", resources: noZG, override: true, level: lvlAdvisory, want: map[string][]string{kv: {"PrivateDnsZoneGroup"}}},
		{name: "override disabled", resources: noZG, override: true, level: lvlDisabled, want: map[string][]string{kv: {"PrivateDnsZoneGroup"}}},
	})
}

func TestDiagnosticSettingsAudit(t *testing.T) {
	t.Parallel()
	kv := urnOf(tokVault, "kv-a")
	base := vaultStack("kv-a", stackOpts{})
	noDiag := drop(base, "kv-a-diag")
	runStackTable(t, NewDiagnosticSettingsAudit(), []scase{
		{name: "compliant by dependency", resources: base},
		{name: "compliant by id", resources: vaultStack("kv-a", stackOpts{byID: true})},
		{name: "compliant allLogs", resources: replace(base, "kv-a-diag", setProps("logs", list{obj{"categoryGroup": "allLogs", "enabled": true}}))},
		{name: "compliant AuditEvent", resources: replace(base, "kv-a-diag", setProps("logs", list{obj{"category": "AuditEvent", "enabled": true}}))},
		{name: "missing", resources: noDiag, want: map[string][]string{kv: {"Key Vault 'kv-a' must have audit diagnostics: add an azure-native:insights:DiagnosticSetting"}}},
		{name: "disabled audit", resources: replace(base, "kv-a-diag", setProps("logs", list{obj{"categoryGroup": "audit", "enabled": false}})), want: map[string][]string{kv: {"must log audit events"}}},
		{name: "storage only", resources: replace(base, "kv-a-diag", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			return setProps("storageAccountId", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs")(setProps("workspaceId", deleted)(r))
		}), want: map[string][]string{kv: {"must send its audit logs to Log Analytics: set workspaceId"}}},
		{name: "setting for another resource", resources: replace(noDiag, "kv-a", func(r policyx.AnalyzerResource) policyx.AnalyzerResource { return r }), want: map[string][]string{kv: {"must have audit diagnostics"}}},
		{name: "unknown target unrelated", resources: plus(noDiag, res(tokDiagnosticSetting, "d-x", obj{"resourceUri": unknown}))},
		{name: "unknown logs", resources: replace(base, "kv-a-diag", setProps("logs", unknown))},
		{name: "malformed logs", resources: replace(base, "kv-a-diag", setProps("logs", "audit")), want: map[string][]string{kv: {"must log audit events"}}},
		{name: "config any destination", resources: replace(base, "kv-a-diag", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			return setProps("eventHubAuthorizationRuleId", "/subscriptions/s/x")(setProps("workspaceId", deleted)(r))
		}), cfg: obj{"requireLogAnalytics": false}},
		{name: "override advisory", resources: noDiag, override: true, level: lvlAdvisory, want: map[string][]string{kv: {"audit"}}},
		{name: "override disabled", resources: noDiag, override: true, level: lvlDisabled, want: map[string][]string{kv: {"audit"}}},
	})
}

func TestRBACVaultNoAccessPolicies(t *testing.T) {
	t.Parallel()
	kv := urnOf(tokVault, "kv-a")
	base := vaultStack("kv-a", stackOpts{})
	entry := obj{"tenantId": "t", "objectId": "o", "permissions": obj{"secrets": list{"get"}}}
	ap := res(tokAccessPolicy, "ap", obj{"vaultName": "kv-a", "policy": entry})
	apByDep := withDeps(res(tokAccessPolicy, "ap2", obj{"vaultName": unknown, "policy": entry}), "vaultName", kv)
	runStackTable(t, NewRBACVaultNoAccessPolicies(), []scase{
		{name: "compliant", resources: base},
		{name: "inline", resources: replace(base, "kv-a", setProps("properties.accessPolicies", list{entry})), want: map[string][]string{kv: {"Key Vault 'kv-a' uses RBAC, so it must not carry access policies: remove properties.accessPolicies."}}},
		{name: "standalone by name", resources: plus(base, ap), want: map[string][]string{ap.URN: {"Access policy 'ap' must be removed because Key Vault 'kv-a' uses RBAC"}}},
		{name: "standalone by dependency", resources: plus(base, apByDep), want: map[string][]string{apByDep.URN: {"uses RBAC"}}},
		{name: "access policy vault", resources: append(replace(base, "kv-a", setProps("properties.enableRbacAuthorization", false)), ap)},
		{name: "missing rbac flag", resources: append(replace(base, "kv-a", setProps("properties.enableRbacAuthorization", deleted)), ap)},
		{name: "unknown", resources: append(replace(base, "kv-a", setProps("properties.enableRbacAuthorization", unknown)), ap)},
		{name: "malformed", resources: replace(base, "kv-a", setProps("properties.accessPolicies", "x"))},
		{name: "override advisory", resources: plus(base, ap), override: true, level: lvlAdvisory, want: map[string][]string{ap.URN: {"RBAC"}}},
		{name: "override disabled", resources: plus(base, ap), override: true, level: lvlDisabled, want: map[string][]string{ap.URN: {"RBAC"}}},
	})
}

func TestHSMKeyInPremiumVault(t *testing.T) {
	t.Parallel()
	base := vaultStack("kv-a", stackOpts{})
	key := urnOf(tokKey, "kv-a-key")
	standard := replace(base, "kv-a", setProps("properties.sku.name", "standard"))
	runStackTable(t, NewHSMKeyInPremiumVault(), []scase{
		{name: "compliant", resources: base},
		{name: "standard vault", resources: standard, want: map[string][]string{key: {"Key Vault key 'cmk' is HSM-backed (RSA-HSM), so Key Vault 'kv-a' must use the premium SKU: set properties.sku.name to 'premium'"}}},
		{name: "by dependency", resources: replace(standard, "kv-a-key", setProps("vaultName", unknown)), want: map[string][]string{key: {"premium SKU"}}},
		{name: "software key in standard vault", resources: replace(standard, "kv-a-key", setProps("properties.kty", "RSA"))},
		{name: "vault not in stack", resources: drop(standard, "kv-a")},
		{name: "missing sku", resources: replace(base, "kv-a", setProps("properties.sku", deleted))},
		{name: "unknown sku", resources: replace(base, "kv-a", setProps("properties.sku.name", unknown))},
		{name: "malformed sku", resources: replace(base, "kv-a", setProps("properties.sku", "premium"))},
		{name: "override advisory", resources: standard, override: true, level: lvlAdvisory, want: map[string][]string{key: {"premium"}}},
		{name: "override disabled", resources: standard, override: true, level: lvlDisabled, want: map[string][]string{key: {"premium"}}},
	})
}

func TestVNetRuleSubnetServiceEndpoint(t *testing.T) {
	t.Parallel()
	subnetID := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/app"
	vault := res(tokVault, "kv-a", with(goodVault(), "properties.networkAcls.virtualNetworkRules", list{obj{"id": subnetID}}))
	subnet := func(eps any) policyx.AnalyzerResource {
		return res(tokSubnet, "app", obj{"virtualNetworkName": "vnet-a", "subnetName": "app", "serviceEndpoints": eps})
	}
	vnet := func(eps any) policyx.AnalyzerResource {
		return res("azure-native:network:VirtualNetwork", "vnet-a", obj{"virtualNetworkName": "vnet-a", "subnets": list{obj{"name": "app", "serviceEndpoints": eps}}})
	}
	kvEP := list{obj{"service": "Microsoft.KeyVault"}}
	runStackTable(t, NewVNetRuleSubnetServiceEndpoint(), []scase{
		{name: "compliant subnet", resources: []policyx.AnalyzerResource{vault, subnet(kvEP)}},
		{name: "compliant inline", resources: []policyx.AnalyzerResource{vault, vnet(kvEP)}},
		{name: "subnet missing endpoint", resources: []policyx.AnalyzerResource{vault, subnet(list{obj{"service": "Microsoft.Storage"}})}, want: map[string][]string{subnet(nil).URN: {"Subnet 'app' is allowed by Key Vault 'kv-prod', so it must enable the Key Vault service endpoint"}}},
		{name: "inline missing endpoint", resources: []policyx.AnalyzerResource{vault, vnet(nil)}, want: map[string][]string{vnet(nil).URN: {"Subnet 'app' of virtual network 'vnet-a' is allowed by Key Vault 'kv-prod'"}}},
		{name: "subnet not in stack", resources: []policyx.AnalyzerResource{vault}},
		{name: "unknown endpoints", resources: []policyx.AnalyzerResource{vault, subnet(unknown)}},
		{name: "unknown rule id", resources: []policyx.AnalyzerResource{res(tokVault, "kv-a", with(goodVault(), "properties.networkAcls.virtualNetworkRules", list{obj{"id": unknown}})), subnet(nil)}},
		{name: "malformed endpoints", resources: []policyx.AnalyzerResource{vault, subnet("Microsoft.KeyVault")}, want: map[string][]string{subnet(nil).URN: {"service endpoint"}}},
		{name: "override mandatory", resources: []policyx.AnalyzerResource{vault, subnet(nil)}, override: true, level: lvlMand, want: map[string][]string{subnet(nil).URN: {"service endpoint"}}},
		{name: "override disabled", resources: []policyx.AnalyzerResource{vault, subnet(nil)}, override: true, level: lvlDisabled, want: map[string][]string{subnet(nil).URN: {"service endpoint"}}},
	})
}

func TestOutputsNoPlaintextSecrets(t *testing.T) {
	t.Parallel()
	base := vaultStack("kv-a", stackOpts{})
	root := stackRoot(obj{"vaultUri": "https://kv-a.vault.azure.net/", "dbPassword": "s3cr3t-value", "nested": obj{"list": list{"x", "s3cr3t-value"}}})
	runStackTable(t, NewOutputsNoPlaintextSecrets(), []scase{
		{name: "compliant", resources: plus(base, stackRoot(obj{"vaultUri": "https://kv-a.vault.azure.net/", "dbPassword": secret("s3cr3t-value")}))},
		{name: "plaintext exports", resources: plus(base, root), want: map[string][]string{root.URN: {
			"Stack output 'dbPassword' must not export the value of Key Vault secret 'db-password' in plaintext",
			"Stack output 'nested.list[1]'",
		}}},
		{name: "secret container", resources: plus(base, stackRoot(obj{"all": secret(obj{"p": "s3cr3t-value"})}))},
		{name: "no stack resource", resources: base},
		{name: "missing secret value", resources: append(replace(base, "kv-a-secret", setProps("properties.value", deleted)), root)},
		{name: "unknown secret value", resources: append(replace(base, "kv-a-secret", setProps("properties.value", unknown)), root)},
		{name: "unknown output", resources: plus(base, stackRoot(obj{"dbPassword": unknown}))},
		{name: "malformed secret value", resources: append(replace(base, "kv-a-secret", setProps("properties", "s3cr3t-value")), root)},
		{name: "override mandatory", resources: plus(base, stackRoot(obj{"p": "s3cr3t-value"})), override: true, level: lvlMand, want: map[string][]string{root.URN: {"plaintext"}}},
		{name: "override disabled", resources: plus(base, stackRoot(obj{"p": "s3cr3t-value"})), override: true, level: lvlDisabled, want: map[string][]string{root.URN: {"plaintext"}}},
	})
}

func TestKeyRotationConsistent(t *testing.T) {
	t.Parallel()
	base := vaultStack("kv-a", stackOpts{})
	key := urnOf(tokKey, "kv-a-key")
	const exp = "properties.rotationPolicy.attributes.expiryTime"
	const acts = "properties.rotationPolicy.lifetimeActions"
	late := replace(base, "kv-a-key", setProps(acts, list{obj{"action": obj{"type": "Rotate"}, "trigger": obj{"timeAfterCreate": "P90D"}}}))
	runStackTable(t, NewKeyRotationConsistent(), []scase{
		{name: "compliant", resources: base},
		{name: "rotate not before expiry", resources: late, want: map[string][]string{key: {"Key Vault key 'cmk' must rotate before its versions expire (timeAfterCreate \"P90D\" is not shorter than expiryTime \"P90D\")"}}},
		{name: "expiry too long", resources: replace(base, "kv-a-key", setProps(exp, "P2Y")), want: map[string][]string{key: {"must expire rotated versions within 90 days: set properties.rotationPolicy.attributes.expiryTime to at most 'P90D'."}}},
		{name: "expiry without rotate", resources: replace(base, "kv-a-key", setProps(acts, list{obj{"action": obj{"type": "Notify"}, "trigger": obj{"timeBeforeExpiry": "P30D"}}})), want: map[string][]string{key: {"sets an expiryTime without a Rotate action"}}},
		{name: "missing expiry", resources: replace(base, "kv-a-key", setProps(exp, deleted))},
		{name: "unknown", resources: replace(base, "kv-a-key", setProps(exp, unknown))},
		{name: "unknown actions", resources: replace(base, "kv-a-key", setProps(acts, unknown))},
		{name: "malformed expiry", resources: replace(base, "kv-a-key", setProps(exp, "ninety days")), want: map[string][]string{key: {"must use an ISO-8601 duration"}}},
		{name: "config longer validity", resources: replace(base, "kv-a-key", setProps(exp, "P1Y")), cfg: obj{"maxValidityDays": 400}},
		{name: "override mandatory", resources: late, override: true, level: lvlMand, want: map[string][]string{key: {"rotate before"}}},
		{name: "override disabled", resources: late, override: true, level: lvlDisabled, want: map[string][]string{key: {"rotate before"}}},
	})
}

func TestDefenderForKeyVault(t *testing.T) {
	t.Parallel()
	base := vaultStack("kv-a", stackOpts{})
	root := stackRoot(obj{})
	withRoot := append(append([]policyx.AnalyzerResource(nil), base...), root)
	free := defender("Free")
	runStackTable(t, NewDefenderForKeyVault(), []scase{
		{name: "compliant", resources: plus(withRoot, defender("Standard"))},
		{name: "no vaults", resources: []policyx.AnalyzerResource{root}},
		{name: "missing", resources: withRoot, want: map[string][]string{root.URN: {"Stack deploys Key Vault 'kv-a' without Microsoft Defender for Key Vault: add an azure-native:security:Pricing"}}},
		{name: "missing without root reports on vault", resources: base, want: map[string][]string{urnOf(tokVault, "kv-a"): {"Defender"}}},
		{name: "free tier", resources: plus(withRoot, free), want: map[string][]string{free.URN: {"Defender plan 'KeyVaults' must be on: set pricingTier to 'Standard'."}}},
		{name: "unknown tier", resources: plus(withRoot, defender(unknown))},
		{name: "malformed tier", resources: plus(withRoot, defender(list{})), want: map[string][]string{free.URN: {"pricingTier"}}},
		{name: "config managed externally", resources: withRoot, cfg: obj{"managedExternally": true}},
		{name: "override mandatory", resources: withRoot, override: true, level: lvlMand, want: map[string][]string{root.URN: {"Defender"}}},
		{name: "override disabled", resources: withRoot, override: true, level: lvlDisabled, want: map[string][]string{root.URN: {"Defender"}}},
	})
}

// TestDefenderForKeyVaultDeployment covers the second shape stack rule 8 recognises: a
// subscription-scope ARM deployment of Microsoft.Security/pricings 'KeyVaults', as the
// ZeroTrustVault component's ThreatDetection.EnableDefenderForKeyVault creates it.
func TestDefenderForKeyVaultDeployment(t *testing.T) {
	t.Parallel()
	base := vaultStack("kv-a", stackOpts{})
	root := stackRoot(obj{})
	withRoot := plus(base, root)
	good := goodDefenderDeployment()
	const tmpl = "properties.template"
	dep := func(props obj) []policyx.AnalyzerResource { return plus(withRoot, defenderDeployment(props)) }
	deployURN := defenderDeployment(nil).URN
	jsonTemplate := `{"resources":[{"type":"Microsoft.Security/pricings","apiVersion":"2024-01-01","name":"KeyVaults","properties":{"pricingTier":"Standard"}}]}`
	nested := obj{"resources": list{obj{
		"type": "Microsoft.Resources/deployments", "name": "inner",
		"properties": obj{"mode": "Incremental", "template": defenderTemplate("Standard")},
	}}}
	symbolic := obj{"languageVersion": "2.0", "resources": obj{"kvPlan": defenderTemplate("Standard")["resources"].(list)[0]}}
	storageOnly := obj{"resources": list{obj{"type": "Microsoft.Storage/storageAccounts", "name": "logs"}}}
	otherPlan := obj{"resources": list{obj{"type": "Microsoft.Security/pricings", "name": "StorageAccounts", "properties": obj{"pricingTier": "Standard"}}}}
	outputsOnly := obj{"name": "defender-kv-prod", "properties": obj{"mode": "Incremental", "provisioningState": "Succeeded", "outputs": obj{}}}
	missing := map[string][]string{root.URN: {"Stack deploys Key Vault 'kv-a' without Microsoft Defender for Key Vault: add an azure-native:security:Pricing"}}
	runStackTable(t, NewDefenderForKeyVault(), []scase{
		{name: "compliant component deployment", resources: dep(good)},
		{name: "compliant versioned token", resources: plus(withRoot, res("azure-native:resources/v20240301:DeploymentAtSubscriptionScope", "d", good))},
		{name: "compliant JSON string template", resources: dep(with(good, tmpl, jsonTemplate))},
		{name: "compliant secret template", resources: dep(with(good, tmpl, secret(defenderTemplate("Standard"))))},
		{name: "compliant nested deployment", resources: dep(with(good, tmpl, nested))},
		{name: "compliant symbolic resources", resources: dep(with(good, tmpl, symbolic))},
		{name: "compliant case-insensitive", resources: dep(with(good, tmpl, defenderTemplate("standard")))},
		{name: "compliant state inputs after an update", resources: dep(with(outputsOnly, "__inputs", secret(good)))},
		{name: "free tier", resources: dep(with(good, tmpl, defenderTemplate("Free"))), want: map[string][]string{deployURN: {
			"Deployment 'defender-kv-prod' must deploy the Defender plan 'KeyVaults' at the Standard tier (its template sets 'Free'): set properties.pricingTier of its Microsoft.Security/pricings resource to 'Standard'.",
		}}},
		{name: "free tier in state inputs", resources: dep(with(outputsOnly, "__inputs", secret(with(good, tmpl, defenderTemplate("Free"))))), want: map[string][]string{deployURN: {"sets 'Free'"}}},
		{name: "free tier nested", resources: dep(with(good, tmpl, obj{"resources": list{obj{"type": "Microsoft.Resources/deployments", "properties": obj{"template": defenderTemplate("Free")}}}})), want: map[string][]string{deployURN: {"sets 'Free'"}}},
		{name: "missing tier", resources: dep(with(good, tmpl, defenderTemplate(nil))), want: map[string][]string{deployURN: {"(its template sets no pricingTier)"}}},
		{name: "free pricing wins over a standard deployment", resources: plus(dep(good), defender("Free")), want: map[string][]string{defender(nil).URN: {"Defender plan 'KeyVaults' must be on"}}},
		{name: "template deploys something else", resources: dep(with(good, tmpl, storageOnly)), want: missing},
		{name: "template deploys another plan", resources: dep(with(good, tmpl, otherPlan)), want: missing},
		{name: "template without resources", resources: dep(with(good, tmpl, obj{"$schema": "x"})), want: missing},
		{name: "outputs without the template", resources: dep(outputsOnly)},
		{name: "linked template", resources: dep(with(with(good, tmpl, deleted), "properties.templateLink", obj{"uri": "https://example.com/t.json"}))},
		{name: "unknown template", resources: dep(with(good, tmpl, unknown))},
		{name: "unknown resources", resources: dep(with(good, tmpl, obj{"resources": unknown}))},
		{name: "unknown tier", resources: dep(with(good, tmpl, defenderTemplate(unknown)))},
		{name: "tier expression", resources: dep(with(good, tmpl, defenderTemplate("[parameters('tier')]")))},
		{name: "escaped bracket is a literal tier", resources: dep(with(good, tmpl, defenderTemplate("[[Free]"))), want: map[string][]string{deployURN: {"sets '[[Free]'"}}},
		{name: "malformed tier", resources: dep(with(good, tmpl, defenderTemplate(2))), want: map[string][]string{deployURN: {"(its template sets a number)"}}},
		{name: "malformed template JSON", resources: dep(with(good, tmpl, "{not json")), want: missing},
		{name: "malformed template kind", resources: dep(with(good, tmpl, 42)), want: missing},
		{name: "malformed resources", resources: dep(with(good, tmpl, obj{"resources": "KeyVaults"})), want: missing},
		{name: "malformed properties", resources: dep(with(good, "properties", "x")), want: missing},
		{name: "config managed externally", resources: dep(with(good, tmpl, storageOnly)), cfg: obj{"managedExternally": true}},
		{name: "override mandatory", resources: dep(with(good, tmpl, defenderTemplate("Free"))), override: true, level: lvlMand, want: map[string][]string{deployURN: {"Free"}}},
		{name: "override disabled", resources: dep(with(good, tmpl, defenderTemplate("Free"))), override: true, level: lvlDisabled, want: map[string][]string{deployURN: {"Free"}}},
	})
}

func TestPIMEligibilityHasActivationPolicy(t *testing.T) {
	t.Parallel()
	base := plus(vaultStack("kv-a", stackOpts{}), pimStack("kv-a")...)
	elig := urnOf(tokPimEligibility, "kv-a-jit-admins")
	noPolicy := drop(base, "kv-a-jit-policy")
	undepend := func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r.Dependencies = []string{urnOf(tokVault, "kv-a")}
		return r
	}
	knownScopes := replace(replace(base, "kv-a-jit-admins", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r = setProps("scope", vaultID("kv-a"))(setProps("roleDefinitionId", roleDef(roleKeyVaultAdministrator))(undepend(r)))
		r.PropertyDependencies = nil
		return r
	}), "kv-a-jit-policy", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r = setProps("scope", vaultID("kv-a"))(r)
		r.PropertyDependencies, r.Dependencies = nil, nil
		return r
	})
	// A second eligibility, for Key Vault Reader, at the same vault: the policy in the stack
	// belongs to Key Vault Administrator (the first eligibility depends on it).
	reader := withDeps(res(tokPimEligibility, "kv-a-jit-readers", with(with(goodEligibility(), "scope", unknown), "roleDefinitionId", roleDef(roleKeyVaultReader))),
		"scope", urnOf(tokVault, "kv-a"))
	claimedKnownRole := replace(base, "kv-a-jit-admins", setProps("roleDefinitionId", roleDef(roleKeyVaultAdministrator)))
	missing := map[string][]string{elig: {
		"PIM eligibility 'kv-a-jit-admins' for its role at a Key Vault has no role management policy in the stack, so activating it follows Azure's default role settings: add an azure-native:authorization:RoleManagementPolicy at the same scope",
	}}
	runStackTable(t, NewPIMEligibilityHasActivationPolicy(), []scase{
		{name: "compliant by dependency", resources: base},
		{name: "compliant by known scope", resources: knownScopes},
		{name: "compliant by scope dependency", resources: replace(base, "kv-a-jit-admins", undepend)},
		{name: "compliant known vault id and policy depending on the vault", resources: replace(replace(base, "kv-a-jit-admins", undepend), "kv-a-jit-admins", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			r = setProps("scope", vaultID("kv-a"))(r)
			r.PropertyDependencies = nil
			return r
		})},
		{name: "no eligibilities", resources: vaultStack("kv-a", stackOpts{})},
		{name: "missing policy", resources: noPolicy, want: missing},
		{name: "missing policy with known role and vault", resources: drop(knownScopes, "kv-a-jit-policy"), want: map[string][]string{elig: {
			"PIM eligibility 'kv-a-jit-admins' for Key Vault Administrator at Key Vault 'kv-a' has no role management policy in the stack",
		}}},
		{name: "policy at another vault", resources: replace(knownScopes, "kv-a-jit-policy", setProps("scope", vaultID("kv-b"))), want: map[string][]string{elig: {"Key Vault Administrator at Key Vault 'kv-a'"}}},
		{name: "policy belongs to another role", resources: plus(claimedKnownRole, reader), want: map[string][]string{reader.URN: {"PIM eligibility 'kv-a-jit-readers' for Key Vault Reader"}}},
		{name: "policy claimed by an unknown role", resources: plus(base, reader)},
		{name: "eligibility at a resource group", resources: replace(drop(knownScopes, "kv-a-jit-policy"), "kv-a-jit-admins", setProps("scope", "/subscriptions/s/resourceGroups/rg-prod"))},
		{name: "unknown eligibility scope", resources: replace(noPolicy, "kv-a-jit-admins", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			r.PropertyDependencies = nil
			return r
		})},
		{name: "unknown policy scope", resources: replace(replace(base, "kv-a-jit-admins", undepend), "kv-a-jit-policy", func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
			r.PropertyDependencies = nil
			return r
		})},
		{name: "unknown role, no policy", resources: noPolicy, want: missing},
		{name: "malformed eligibility scope", resources: replace(drop(knownScopes, "kv-a-jit-policy"), "kv-a-jit-admins", setProps("scope", list{}))},
		{name: "malformed role", resources: replace(drop(knownScopes, "kv-a-jit-policy"), "kv-a-jit-admins", setProps("roleDefinitionId", obj{})), want: map[string][]string{elig: {"for its role at Key Vault 'kv-a'"}}},
		{name: "malformed policy scope", resources: replace(knownScopes, "kv-a-jit-policy", setProps("scope", 7))},
		{name: "config managed externally", resources: noPolicy, cfg: obj{"roleSettingsManagedExternally": true}},
		{name: "override mandatory", resources: noPolicy, override: true, level: lvlMand, want: missing},
		{name: "override disabled", resources: noPolicy, override: true, level: lvlDisabled, want: missing},
	})
}
