package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// stackOpts varies the generated stack.
type stackOpts struct {
	// byID relates resources through known ARM IDs instead of URN dependencies.
	byID bool
}

// vaultStack returns a compliant set of resources for one vault called name: the vault, a
// private endpoint, its zone and zone group, a diagnostic setting, a role assignment, a key
// and a secret. Relations go through PropertyDependencies on URNs with unknown IDs (as in a
// preview), or through known ARM IDs when o.byID is set.
func vaultStack(name string, o stackOpts) []policyx.AnalyzerResource {
	vault := res(tokVault, name, with(goodVault(), "vaultName", name))
	zone := res(tokPrivateZone, name+"-zone", obj{"privateZoneName": "privatelink.vaultcore.azure.net", "resourceGroupName": "rg-prod", "location": "global"})
	zoneID := "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"

	var plsID, resourceURI, scope, dnsZoneID any = unknown, unknown, unknown, unknown
	if o.byID {
		plsID, resourceURI, scope, dnsZoneID = vaultID(name), vaultID(name), vaultID(name), zoneID
	}
	pe := res(tokPrivateEndpoint, name+"-pe", obj{
		"privateEndpointName": name + "-pe",
		"resourceGroupName":   "rg-prod",
		"subnet":              obj{"id": unknown},
		"privateLinkServiceConnections": list{obj{
			"name":                 name + "-plsc",
			"privateLinkServiceId": plsID,
			"groupIds":             list{"vault"},
		}},
	})
	zg := res(tokPrivateDNSZoneGrp, name+"-zg", obj{
		"privateEndpointName":     name + "-pe",
		"privateDnsZoneGroupName": "default",
		"resourceGroupName":       "rg-prod",
		"privateDnsZoneConfigs":   list{obj{"name": "vault", "privateDnsZoneId": dnsZoneID}},
	})
	diag := res(tokDiagnosticSetting, name+"-diag", obj{
		"name":        "audit",
		"resourceUri": resourceURI,
		"workspaceId": unknown,
		"logs":        list{obj{"categoryGroup": "audit", "enabled": true}},
		"metrics":     list{obj{"category": "AllMetrics", "enabled": true}},
	})
	ra := res(tokRoleAssignment, name+"-ra", with(goodRoleAssignment(), "scope", scope))
	key := res(tokKey, name+"-key", with(goodKey(), "vaultName", name))
	sec := res(tokSecret, name+"-secret", with(goodSecret(), "vaultName", name))
	if !o.byID {
		pe = withDeps(pe, "privateLinkServiceConnections", vault.URN)
		zg = withDeps(withDeps(zg, "privateEndpointName", pe.URN), "privateDnsZoneConfigs", zone.URN)
		diag = withDeps(diag, "resourceUri", vault.URN)
		ra = withDeps(ra, "scope", vault.URN)
		key = withDeps(key, "vaultName", vault.URN)
		sec = withDeps(sec, "vaultName", vault.URN)
	}
	return []policyx.AnalyzerResource{vault, zone, pe, zg, diag, ra, key, sec}
}

// stackRoot returns the root stack resource with the given outputs.
func stackRoot(outputs obj) policyx.AnalyzerResource {
	return res(tokRootStack, "zt-dev", outputs)
}

// defender returns a Defender for Key Vault plan resource.
func defender(tier any) policyx.AnalyzerResource {
	return res(tokSecurityPricing, "defender-kv", obj{"pricingName": "KeyVaults", "pricingTier": tier})
}

// replace returns rs with the resource whose name is name replaced by fn(resource).
func replace(rs []policyx.AnalyzerResource, name string, fn func(policyx.AnalyzerResource) policyx.AnalyzerResource) []policyx.AnalyzerResource {
	out := make([]policyx.AnalyzerResource, 0, len(rs))
	for _, r := range rs {
		if r.Name == name {
			r = fn(r)
		}
		out = append(out, r)
	}
	return out
}

// drop returns rs without the resource called name.
func drop(rs []policyx.AnalyzerResource, name string) []policyx.AnalyzerResource {
	out := make([]policyx.AnalyzerResource, 0, len(rs))
	for _, r := range rs {
		if r.Name != name {
			out = append(out, r)
		}
	}
	return out
}

// setProps returns a function that sets a property path on a resource.
func setProps(path string, v any) func(policyx.AnalyzerResource) policyx.AnalyzerResource {
	return func(r policyx.AnalyzerResource) policyx.AnalyzerResource {
		r.Properties = pm(with(toObj(r.Properties), path, v))
		return r
	}
}

// toObj turns a property.Map back into test literals (computed and secret markers kept).
func toObj(m propertyMap) obj {
	out := obj{}
	for k, v := range m.AllStable {
		out[k] = fromValue(v)
	}
	return out
}

func fromValue(v propertyValue) any {
	var x any
	switch {
	case v.IsComputed():
		x = unknown
	case v.IsNull():
		x = nil
	case v.IsString():
		x = v.AsString()
	case v.IsBool():
		x = v.AsBool()
	case v.IsNumber():
		x = v.AsNumber()
	case v.IsArray():
		l := list{}
		for _, e := range v.AsArray().All {
			l = append(l, fromValue(e))
		}
		x = l
	case v.IsMap():
		x = toObj(v.AsMap())
	}
	if v.Secret() {
		return secret(x)
	}
	return x
}

// plus returns a new slice holding rs followed by more (never sharing rs's backing array).
func plus(rs []policyx.AnalyzerResource, more ...policyx.AnalyzerResource) []policyx.AnalyzerResource {
	out := make([]policyx.AnalyzerResource, 0, len(rs)+len(more))
	return append(append(out, rs...), more...)
}

// defenderDeployment returns a subscription-scope deployment with the given inputs.
func defenderDeployment(props obj) policyx.AnalyzerResource {
	return res(tokSubDeployment, "defender-deploy", props)
}

// pimStack returns, for the vault of vaultStack(name), a role management policy and a Key
// Vault Administrator eligibility related the way the ZeroTrustVault component relates them:
// both scopes depend on the vault (IDs unknown, as in a preview) and the eligibility depends
// on the policy.
func pimStack(name string) []policyx.AnalyzerResource {
	vault := urnOf(tokVault, name)
	pol := withDeps(res(tokRoleMgmtPolicy, name+"-jit-policy", with(goodRoleManagementPolicy(), "scope", unknown)), "scope", vault)
	elig := withDeps(res(tokPimEligibility, name+"-jit-admins", with(with(goodEligibility(), "scope", unknown), "roleDefinitionId", unknown)),
		"scope", vault)
	elig = withDeps(elig, "roleDefinitionId", vault)
	elig.Dependencies = append(elig.Dependencies, pol.URN)
	return []policyx.AnalyzerResource{pol, elig}
}
