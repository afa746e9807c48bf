package rules

import "testing"

func TestPublicNetworkAccessDisabled(t *testing.T) {
	t.Parallel()
	const path = "properties.publicNetworkAccess"
	runResourceTable(t, NewPublicNetworkAccessDisabled(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "compliant lower case", props: with(goodVault(), path, "disabled")},
		{name: "versioned token", typ: "azure-native:keyvault/v20230701:Vault", props: with(goodVault(), path, "Enabled"), want: []string{"Key Vault 'kv-prod' must disable public network access: set properties.publicNetworkAccess to 'Disabled'."}},
		{name: "violating", props: with(goodVault(), path, "Enabled"), want: []string{"must disable public network access"}},
		{name: "missing means SDK default enabled", props: with(goodVault(), path, deleted), want: []string{"must disable public network access"}},
		{name: "unknown", props: with(goodVault(), path, unknown)},
		{name: "unknown properties", props: with(goodVault(), "properties", unknown)},
		{name: "secret value unwrapped", props: with(goodVault(), path, secret("Disabled"))},
		{name: "malformed bool", props: with(goodVault(), path, true), want: []string{"must fix properties.publicNetworkAccess, which holds a boolean where a string belongs"}},
		{name: "malformed properties list", props: with(goodVault(), "properties", list{}), want: []string{"must fix properties, which holds a list where an object belongs"}},
		{name: "other type ignored", typ: tokKey, props: with(goodVault(), path, "Enabled")},
		{name: "override advisory", props: with(goodVault(), path, "Enabled"), override: true, level: lvlAdvisory, want: []string{"public network access"}},
		{name: "override disabled", props: with(goodVault(), path, "Enabled"), override: true, level: lvlDisabled, want: []string{"public network access"}},
	})
}

func TestFirewallDefaultDeny(t *testing.T) {
	t.Parallel()
	const path = "properties.networkAcls.defaultAction"
	open := with(goodVault(), "properties.publicNetworkAccess", "Enabled")
	runResourceTable(t, NewFirewallDefaultDeny(), tokVault, []rcase{
		{name: "compliant deny", props: open},
		{name: "compliant private vault allows", props: with(goodVault(), path, "Allow")},
		{name: "violating", props: with(open, path, "Allow"), want: []string{"Key Vault 'kv-prod' must deny network access by default: set properties.networkAcls.defaultAction to 'Deny'"}},
		{name: "missing networkAcls means allow", props: with(open, "properties.networkAcls", deleted), want: []string{"must deny network access by default"}},
		{name: "unknown action", props: with(open, path, unknown)},
		{name: "unknown public access", props: with(with(open, path, "Allow"), "properties.publicNetworkAccess", unknown)},
		{name: "malformed action", props: with(open, path, 3), want: []string{"must fix properties.networkAcls.defaultAction, which holds a number where a string belongs"}},
		{name: "malformed networkAcls", props: with(open, "properties.networkAcls", "Deny"), want: []string{"must fix properties.networkAcls, which holds a string where an object belongs"}},
		{name: "override advisory", props: with(open, path, "allow"), override: true, level: lvlAdvisory, want: []string{"deny"}},
		{name: "override disabled", props: with(open, path, "allow"), override: true, level: lvlDisabled, want: []string{"deny"}},
	})
}

func TestIPRulesRestricted(t *testing.T) {
	t.Parallel()
	const path = "properties.networkAcls.ipRules"
	rules := func(vals ...any) obj {
		l := list{}
		for _, v := range vals {
			l = append(l, obj{"value": v})
		}
		return with(goodVault(), path, l)
	}
	runResourceTable(t, NewIPRulesRestricted(), tokVault, []rcase{
		{name: "compliant", props: rules("203.0.113.0/24", "198.51.100.7")},
		{name: "no rules", props: goodVault()},
		{name: "boundary /16 passes", props: rules("203.0.0.0/16")},
		{name: "whole internet", props: rules("0.0.0.0/0"), want: []string{"must not allow every address with properties.networkAcls.ipRules[0].value \"0.0.0.0/0\""}},
		{name: "too wide", props: rules("203.0.0.0/15"), want: []string{"must not allow a range wider than /16"}},
		{name: "private range", props: rules("203.0.113.1", "10.1.0.0/24"), want: []string{"must not list the private or reserved range 10.0.0.0/8 in properties.networkAcls.ipRules[1].value"}},
		{name: "not ipv4", props: rules("2001:db8::/64"), want: []string{"must use an IPv4 address or CIDR range"}},
		{name: "garbage", props: rules("example.com"), want: []string{"must use an IPv4 address or CIDR range"}},
		{name: "missing value skipped", props: with(goodVault(), path, list{obj{}})},
		{name: "unknown rules", props: with(goodVault(), path, unknown)},
		{name: "unknown value", props: rules(unknown)},
		{name: "malformed rules map", props: with(goodVault(), path, obj{"value": "1.2.3.4"}), want: []string{"must fix properties.networkAcls.ipRules, which holds an object where a list belongs"}},
		{name: "malformed value", props: rules(true), want: []string{"must fix properties.networkAcls.ipRules[0].value, which holds a boolean where a string belongs"}},
		{name: "malformed element", props: with(goodVault(), path, list{"1.2.3.4"}), want: []string{"must fix properties.networkAcls.ipRules[0], which holds a string where an object belongs"}},
		{name: "config narrower width", props: rules("203.0.113.0/24"), cfg: obj{"maxPrefixWidth": 28}, want: []string{"wider than /28"}},
		{name: "config allowed ranges pass", props: rules("203.0.113.8/29"), cfg: obj{"allowedIpRanges": list{"203.0.113.0/24"}}},
		{name: "config allowed ranges fail", props: rules("198.51.100.0/24"), cfg: obj{"allowedIpRanges": []string{"203.0.113.0/24"}}, want: []string{"must allow only the configured ranges"}},
		{name: "config malformed", props: rules("203.0.113.0/24"), cfg: obj{"allowedIpRanges": list{"nope"}}, wantErr: true},
		{name: "config wrong type", props: rules("203.0.113.0/24"), cfg: obj{"maxPrefixWidth": "16"}, wantErr: true},
		{name: "override advisory", props: rules("0.0.0.0/0"), override: true, level: lvlAdvisory, want: []string{"every address"}},
		{name: "override disabled", props: rules("0.0.0.0/0"), override: true, level: lvlDisabled, want: []string{"every address"}},
	})
}

func TestVNetRulesRequireServiceEndpoint(t *testing.T) {
	t.Parallel()
	const path = "properties.networkAcls.virtualNetworkRules"
	rule := func(ignore any) obj {
		return with(goodVault(), path, list{obj{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets/app", "ignoreMissingVnetServiceEndpoint": ignore}})
	}
	runResourceTable(t, NewVNetRulesRequireServiceEndpoint(), tokVault, []rcase{
		{name: "compliant", props: rule(false)},
		{name: "violating", props: rule(true), want: []string{"Key Vault 'kv-prod' must not ignore a missing service endpoint: set properties.networkAcls.virtualNetworkRules[0].ignoreMissingVnetServiceEndpoint to false"}},
		{name: "missing flag defaults false", props: rule(nil)},
		{name: "unknown", props: rule(unknown)},
		{name: "unknown rules", props: with(goodVault(), path, unknown)},
		{name: "malformed flag", props: rule("true"), want: []string{"holds a string where a boolean belongs"}},
		{name: "malformed rules", props: with(goodVault(), path, "subnet"), want: []string{"holds a string where a list belongs"}},
		{name: "override advisory", props: rule(true), override: true, level: lvlMand, want: []string{"service endpoint"}},
		{name: "override disabled", props: rule(true), override: true, level: lvlDisabled, want: []string{"service endpoint"}},
	})
}

func TestTrustedServicesRestricted(t *testing.T) {
	t.Parallel()
	const bypass = "properties.networkAcls.bypass"
	runResourceTable(t, NewTrustedServicesRestricted(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "bypass azure services", props: with(goodVault(), bypass, "AzureServices"), want: []string{"Key Vault 'kv-prod' must not let trusted Azure services bypass the firewall: set properties.networkAcls.bypass to 'None'."}},
		{name: "missing bypass is azure default", props: with(goodVault(), bypass, deleted), want: []string{"bypass the firewall"}},
		{name: "no networkAcls no bypass check", props: with(goodVault(), "properties.networkAcls", deleted)},
		{name: "enabledFor flag", props: with(goodVault(), "properties.enabledForTemplateDeployment", true), want: []string{"must not grant Azure platform access through properties.enabledForTemplateDeployment"}},
		{name: "missing flags default false", props: with(with(goodVault(), "properties.enabledForDeployment", deleted), "properties.enabledForDiskEncryption", deleted)},
		{name: "unknown", props: with(with(goodVault(), bypass, unknown), "properties.enabledForDeployment", unknown)},
		{name: "malformed flag", props: with(goodVault(), "properties.enabledForDeployment", "false"), want: []string{"must fix properties.enabledForDeployment, which holds a string where a boolean belongs"}},
		{name: "malformed bypass", props: with(goodVault(), bypass, list{"None"}), want: []string{"holds a list where a string belongs"}},
		{name: "config allows bypass and disk encryption", props: with(with(goodVault(), bypass, "AzureServices"), "properties.enabledForDiskEncryption", true), cfg: obj{"allowAzureServicesBypass": true, "allowedEnabledFor": list{"enabledForDiskEncryption"}}},
		{name: "config wrong type", props: goodVault(), cfg: obj{"allowAzureServicesBypass": "yes"}, wantErr: true},
		{name: "override mandatory", props: with(goodVault(), bypass, "AzureServices"), override: true, level: lvlMand, want: []string{"bypass"}},
		{name: "override disabled", props: with(goodVault(), bypass, "AzureServices"), override: true, level: lvlDisabled, want: []string{"bypass"}},
	})
}

func TestSoftDeleteEnabled(t *testing.T) {
	t.Parallel()
	const path = "properties.enableSoftDelete"
	runResourceTable(t, NewSoftDeleteEnabled(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "violating", props: with(goodVault(), path, false), want: []string{"Key Vault 'kv-prod' must keep soft delete enabled: set properties.enableSoftDelete to true."}},
		{name: "missing is SDK default true", props: with(goodVault(), path, deleted)},
		{name: "null is SDK default true", props: with(goodVault(), path, nil)},
		{name: "unknown", props: with(goodVault(), path, unknown)},
		{name: "secret false", props: with(goodVault(), path, secret(false)), want: []string{"soft delete"}},
		{name: "malformed", props: with(goodVault(), path, "true"), want: []string{"holds a string where a boolean belongs"}},
		{name: "override advisory", props: with(goodVault(), path, false), override: true, level: lvlAdvisory, want: []string{"soft delete"}},
		{name: "override disabled", props: with(goodVault(), path, false), override: true, level: lvlDisabled, want: []string{"soft delete"}},
	})
}

func TestSoftDeleteRetention(t *testing.T) {
	t.Parallel()
	const path = "properties.softDeleteRetentionInDays"
	runResourceTable(t, NewSoftDeleteRetention(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "violating", props: with(goodVault(), path, 7), want: []string{"Key Vault 'kv-prod' must retain soft-deleted objects for at least 90 days (it keeps them 7): set properties.softDeleteRetentionInDays to at least 90."}},
		{name: "missing is SDK default 90", props: with(goodVault(), path, deleted)},
		{name: "unknown", props: with(goodVault(), path, unknown)},
		{name: "malformed", props: with(goodVault(), path, "90"), want: []string{"holds a string where a number belongs"}},
		{name: "config lower minimum passes", props: with(goodVault(), path, 30), cfg: obj{"minRetentionDays": 30}},
		{name: "config lower minimum fails", props: with(goodVault(), path, 29), cfg: obj{"minRetentionDays": 30.0}, want: []string{"at least 30 days"}},
		{name: "config not integer", props: goodVault(), cfg: obj{"minRetentionDays": 30.5}, wantErr: true},
		{name: "override mandatory", props: with(goodVault(), path, 7), override: true, level: lvlMand, want: []string{"retain"}},
		{name: "override disabled", props: with(goodVault(), path, 7), override: true, level: lvlDisabled, want: []string{"retain"}},
	})
}

func TestPurgeProtectionEnabled(t *testing.T) {
	t.Parallel()
	const path = "properties.enablePurgeProtection"
	runResourceTable(t, NewPurgeProtectionEnabled(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "violating", props: with(goodVault(), path, false), want: []string{"Key Vault 'kv-prod' must enable purge protection: set properties.enablePurgeProtection to true."}},
		{name: "missing is off", props: with(goodVault(), path, deleted), want: []string{"purge protection"}},
		{name: "unknown", props: with(goodVault(), path, unknown)},
		{name: "malformed", props: with(goodVault(), path, 1), want: []string{"holds a number where a boolean belongs"}},
		{name: "versioned preview token", typ: "azure-native:keyvault/v20241201preview:Vault", props: with(goodVault(), path, false), want: []string{"purge protection"}},
		{name: "override advisory", props: with(goodVault(), path, false), override: true, level: lvlAdvisory, want: []string{"purge"}},
		{name: "override disabled", props: with(goodVault(), path, false), override: true, level: lvlDisabled, want: []string{"purge"}},
	})
}

func TestRBACAuthorization(t *testing.T) {
	t.Parallel()
	const path = "properties.enableRbacAuthorization"
	policy := obj{"tenantId": "t", "objectId": "o", "permissions": obj{"secrets": list{"get"}}}
	runResourceTable(t, NewRBACAuthorization(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "violating", props: with(goodVault(), path, false), want: []string{"Key Vault 'kv-prod' must use the Azure RBAC permission model: set properties.enableRbacAuthorization to true."}},
		{name: "missing is SDK default false", props: with(goodVault(), path, deleted), want: []string{"RBAC"}},
		{name: "inline access policies", props: with(goodVault(), "properties.accessPolicies", list{policy}), want: []string{"must not define access policies"}},
		{name: "empty access policies", props: with(goodVault(), "properties.accessPolicies", list{})},
		{name: "standalone access policy", typ: tokAccessPolicy, props: obj{"vaultName": "kv-prod", "policy": policy}, want: []string{"Key Vault access policy 'res1' on vault 'kv-prod' must be replaced by an Azure RBAC role assignment"}},
		{name: "unknown", props: with(with(goodVault(), path, unknown), "properties.accessPolicies", unknown)},
		{name: "malformed", props: with(goodVault(), path, "true"), want: []string{"holds a string where a boolean belongs"}},
		{name: "malformed access policies", props: with(goodVault(), "properties.accessPolicies", obj{}), want: []string{"holds an object where a list belongs"}},
		{name: "override advisory", props: with(goodVault(), path, false), override: true, level: lvlAdvisory, want: []string{"RBAC"}},
		{name: "override disabled", props: with(goodVault(), path, false), override: true, level: lvlDisabled, want: []string{"RBAC"}},
	})
}

func TestAccessPolicyPermissionsLimited(t *testing.T) {
	t.Parallel()
	entry := func(perms obj) obj { return obj{"tenantId": "t", "objectId": "o", "permissions": perms} }
	inline := func(perms obj) obj { return with(goodVault(), "properties.accessPolicies", list{entry(perms)}) }
	runResourceTable(t, NewAccessPolicyPermissionsLimited(), tokVault, []rcase{
		{name: "compliant", props: inline(obj{"secrets": list{"get", "list"}, "keys": list{"wrapKey"}})},
		{name: "no policies", props: goodVault()},
		{name: "all", props: inline(obj{"secrets": list{"All"}}), want: []string{"Key Vault 'kv-prod' must not grant the \"All\" permission in properties.accessPolicies[0].permissions.secrets"}},
		{name: "purge on keys", props: inline(obj{"keys": list{"get", "purge"}, "certificates": list{"all"}}), want: []string{"\"purge\" permission in properties.accessPolicies[0].permissions.keys", "\"all\" permission in properties.accessPolicies[0].permissions.certificates"}},
		{name: "standalone", typ: tokAccessPolicy, props: obj{"vaultName": "kv-prod", "policy": entry(obj{"storage": list{"all"}})}, want: []string{"Key Vault access policy 'res1' must not grant the \"all\" permission in policy.permissions.storage"}},
		{name: "unknown", props: inline(obj{"secrets": unknown, "keys": list{unknown}})},
		{name: "malformed", props: inline(obj{"secrets": "all"}), want: []string{"must fix properties.accessPolicies[0].permissions.secrets, which holds a string where a list belongs"}},
		{name: "malformed element", props: inline(obj{"secrets": list{1}}), want: []string{"holds a number where a string belongs"}},
		{name: "config", props: inline(obj{"secrets": list{"delete"}}), cfg: obj{"forbiddenPermissions": list{"delete"}}, want: []string{"\"delete\" permission"}},
		{name: "override mandatory", props: inline(obj{"secrets": list{"all"}}), override: true, level: lvlMand, want: []string{"all"}},
		{name: "override disabled", props: inline(obj{"secrets": list{"all"}}), override: true, level: lvlDisabled, want: []string{"all"}},
	})
}

func TestNameValid(t *testing.T) {
	t.Parallel()
	name := func(n any) obj { return with(goodVault(), "vaultName", n) }
	runResourceTable(t, NewNameValid(), tokVault, []rcase{
		{name: "compliant", props: goodVault()},
		{name: "24 characters", props: name("kv-abcdefghijklmnopqrstu")},
		{name: "3 characters", props: name("kv1")},
		{name: "25 characters", props: name("kv-abcdefghijklmnopqrstuv"), want: []string{"Key Vault 'kv-abcdefghijklmnopqrstuv' must have a valid name (longer than 24 characters)"}},
		{name: "2 characters", props: name("kv"), want: []string{"shorter than 3"}},
		{name: "leading digit", props: name("1kv"), want: []string{"does not start with a letter"}},
		{name: "trailing hyphen", props: name("kv-"), want: []string{"does not end with a letter or digit"}},
		{name: "double hyphen", props: name("kv--prod"), want: []string{"contains '--'"}},
		{name: "underscore", props: name("kv_prod"), want: []string{"other than letters, digits and hyphens"}},
		{name: "missing left to autonaming", props: name(deleted)},
		{name: "unknown", props: name(unknown)},
		{name: "malformed", props: name(42), want: []string{"must fix vaultName, which holds a number where a string belongs"}},
		{name: "override advisory", props: name("1kv"), override: true, level: lvlAdvisory, want: []string{"valid name"}},
		{name: "override disabled", props: name("1kv"), override: true, level: lvlDisabled, want: []string{"valid name"}},
	})
}

func TestNoPreviewAPIVersion(t *testing.T) {
	t.Parallel()
	runResourceTable(t, NewNoPreviewAPIVersion(), tokVault, []rcase{
		{name: "compliant default token", props: goodVault()},
		{name: "compliant stable version", typ: "azure-native:keyvault/v20230701:Vault", props: goodVault()},
		{name: "preview vault", typ: "azure-native:keyvault/v20241201preview:Vault", props: goodVault(), want: []string{"Key Vault resource 'res1' must not use the preview API version v20241201preview: use the default token azure-native:keyvault:Vault"}},
		{name: "preview private endpoint connection", typ: "azure-native:keyvault/v20240401preview:PrivateEndpointConnection", props: obj{}, want: []string{"v20240401preview"}},
		{name: "other module preview ignored", typ: "azure-native:network/v20240101preview:PrivateEndpoint", props: obj{}},
		{name: "missing properties", typ: "azure-native:keyvault/v20241201preview:Secret", props: obj{}, want: []string{"preview"}},
		{name: "unknown properties", typ: "azure-native:keyvault/v20241201preview:Key", props: obj{"properties": unknown}, want: []string{"preview"}},
		{name: "malformed token", typ: "azure-native", props: goodVault()},
		{name: "override mandatory", typ: "azure-native:keyvault/v20241201preview:Vault", props: goodVault(), override: true, level: lvlMand, want: []string{"preview"}},
		{name: "override disabled", typ: "azure-native:keyvault/v20241201preview:Vault", props: goodVault(), override: true, level: lvlDisabled, want: []string{"preview"}},
	})
}
