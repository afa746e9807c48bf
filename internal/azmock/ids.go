package azmock

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// armPath describes how an azure-native type's ARM ID is built from its inputs.
type armPath struct {
	// scopeKey, when set, makes the ID an extension of the resource in that input.
	scopeKey string
	// subscription puts the resource at subscription level (no resource group).
	subscription bool
	// segments alternate ARM path segments and the input holding each name
	// ("" = the resource's logical name).
	provider string
	segments [][2]string
}

var armPaths = map[string]armPath{
	"azure-native:resources:ResourceGroup":             {segments: [][2]string{{"resourceGroups", "resourceGroupName"}}},
	"azure-native:keyvault:Vault":                      {provider: "Microsoft.KeyVault", segments: [][2]string{{"vaults", "vaultName"}}},
	"azure-native:keyvault:Key":                        {provider: "Microsoft.KeyVault", segments: [][2]string{{"vaults", "vaultName"}, {"keys", "keyName"}}},
	"azure-native:keyvault:Secret":                     {provider: "Microsoft.KeyVault", segments: [][2]string{{"vaults", "vaultName"}, {"secrets", "secretName"}}},
	"azure-native:network:VirtualNetwork":              {provider: "Microsoft.Network", segments: [][2]string{{"virtualNetworks", "virtualNetworkName"}}},
	"azure-native:network:Subnet":                      {provider: "Microsoft.Network", segments: [][2]string{{"virtualNetworks", "virtualNetworkName"}, {"subnets", "subnetName"}}},
	"azure-native:network:PrivateEndpoint":             {provider: "Microsoft.Network", segments: [][2]string{{"privateEndpoints", "privateEndpointName"}}},
	"azure-native:network:PrivateDnsZoneGroup":         {provider: "Microsoft.Network", segments: [][2]string{{"privateEndpoints", "privateEndpointName"}, {"privateDnsZoneGroups", "privateDnsZoneGroupName"}}},
	"azure-native:network:PrivateZone":                 {provider: "Microsoft.Network", segments: [][2]string{{"privateDnsZones", "privateZoneName"}}},
	"azure-native:network:VirtualNetworkLink":          {provider: "Microsoft.Network", segments: [][2]string{{"privateDnsZones", "privateZoneName"}, {"virtualNetworkLinks", "virtualNetworkLinkName"}}},
	"azure-native:operationalinsights:Workspace":       {provider: "Microsoft.OperationalInsights", segments: [][2]string{{"workspaces", "workspaceName"}}},
	"azure-native:authorization:RoleAssignment":        {scopeKey: "scope", provider: "Microsoft.Authorization", segments: [][2]string{{"roleAssignments", "roleAssignmentName"}}},
	"azure-native:authorization:ManagementLockByScope": {scopeKey: "scope", provider: "Microsoft.Authorization", segments: [][2]string{{"locks", "lockName"}}},
	"azure-native:insights:DiagnosticSetting":          {scopeKey: "resourceUri", provider: "Microsoft.Insights", segments: [][2]string{{"diagnosticSettings", "name"}}},

	// Just-in-time access, threat detection and guardrails.
	"azure-native:authorization:PimRoleEligibilitySchedule": {scopeKey: "scope", provider: "Microsoft.Authorization", segments: [][2]string{{"roleEligibilitySchedules", ""}}},
	"azure-native:authorization:RoleManagementPolicy":       {scopeKey: "scope", provider: "Microsoft.Authorization", segments: [][2]string{{"roleManagementPolicies", "roleManagementPolicyName"}}},
	"azure-native:authorization:PolicyAssignment":           {scopeKey: "scope", provider: "Microsoft.Authorization", segments: [][2]string{{"policyAssignments", "policyAssignmentName"}}},
	"azure-native:insights:ActionGroup":                     {provider: "Microsoft.Insights", segments: [][2]string{{"actionGroups", "actionGroupName"}}},
	"azure-native:insights:ScheduledQueryRule":              {provider: "Microsoft.Insights", segments: [][2]string{{"scheduledQueryRules", "ruleName"}}},
	"azure-native:insights:MetricAlert":                     {provider: "Microsoft.Insights", segments: [][2]string{{"metricAlerts", "ruleName"}}},
	"azure-native:insights:ActivityLogAlert":                {provider: "Microsoft.Insights", segments: [][2]string{{"activityLogAlerts", "activityLogAlertName"}}},
	"azure-native:resources:DeploymentAtSubscriptionScope":  {subscription: true, provider: "Microsoft.Resources", segments: [][2]string{{"deployments", "deploymentName"}}},
}

// armID builds the ARM ID Azure would give the resource.
func armID(typ, name string, in resource.PropertyMap) string {
	p, ok := armPaths[typ]
	if !ok {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Mock.Unknown/%s/%s",
			SubscriptionID, str(in, "resourceGroupName", "rg"), strings.ReplaceAll(typ, ":", "-"), name)
	}
	var b strings.Builder
	switch {
	case p.scopeKey != "":
		b.WriteString(str(in, p.scopeKey, "/subscriptions/"+SubscriptionID))
	case typ == "azure-native:resources:ResourceGroup", p.subscription:
		b.WriteString("/subscriptions/" + SubscriptionID)
	default:
		b.WriteString("/subscriptions/" + SubscriptionID + "/resourceGroups/" + str(in, "resourceGroupName", "rg"))
	}
	if p.provider != "" {
		b.WriteString("/providers/" + p.provider)
	}
	for _, seg := range p.segments {
		b.WriteString("/" + seg[0] + "/" + str(in, seg[1], name))
	}
	return b.String()
}

// enrich adds the computed outputs the component and programs read.
func enrich(typ, id string, out resource.PropertyMap) {
	name := id[strings.LastIndex(id, "/")+1:]
	switch typ {
	case "azure-native:keyvault:Vault":
		props := resource.PropertyMap{}
		if v, ok := out["properties"]; ok && v.IsObject() {
			props = v.ObjectValue().Copy()
		}
		props["vaultUri"] = resource.NewProperty("https://" + name + ".vault.azure.net/")
		props["provisioningState"] = resource.NewProperty("Succeeded")
		out["properties"] = resource.NewProperty(props)
	case "azure-native:network:PrivateEndpoint":
		rgPrefix := id[:strings.Index(id, "/providers/")]
		out["networkInterfaces"] = resource.NewProperty([]resource.PropertyValue{
			resource.NewProperty(resource.PropertyMap{
				"id": resource.NewProperty(rgPrefix + "/providers/Microsoft.Network/networkInterfaces/" + name + ".nic.0"),
			}),
		})
	case "azure-native:keyvault:Key":
		vault, key := vaultItem(id)
		out["keyUri"] = resource.NewProperty("https://" + vault + ".vault.azure.net/keys/" + key)
		out["keyUriWithVersion"] = resource.NewProperty("https://" + vault + ".vault.azure.net/keys/" + key + "/" + version(id))
	case "azure-native:keyvault:Secret":
		vault, secret := vaultItem(id)
		props := resource.PropertyMap{}
		if v, ok := out["properties"]; ok && v.IsObject() {
			props = v.ObjectValue().Copy()
		}
		delete(props, "value") // Azure never returns a secret's value
		props["secretUri"] = resource.NewProperty("https://" + vault + ".vault.azure.net/secrets/" + secret)
		props["secretUriWithVersion"] = resource.NewProperty("https://" + vault + ".vault.azure.net/secrets/" + secret + "/" + version(id))
		out["properties"] = resource.NewProperty(props)
	case "azure-native:operationalinsights:Workspace":
		sum := sha256.Sum256([]byte(id))
		out["customerId"] = resource.NewProperty(fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16]))
	}
}

// str reads a string input, unwrapping secrets; fallback when absent or not a string.
func str(in resource.PropertyMap, key, fallback string) string {
	v, ok := in[resource.PropertyKey(key)]
	if !ok {
		return fallback
	}
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	if v.IsString() && v.StringValue() != "" {
		return v.StringValue()
	}
	return fallback
}

// vaultItem splits .../vaults/{vault}/{keys|secrets}/{item}.
func vaultItem(id string) (vault, item string) {
	parts := strings.Split(id, "/")
	for i := 0; i+3 < len(parts); i++ {
		if parts[i] == "vaults" {
			return parts[i+1], parts[i+3]
		}
	}
	return "", ""
}

// version is a stable fake version identifier for an item.
func version(id string) string {
	sum := sha256.Sum256([]byte("version:" + id))
	return fmt.Sprintf("%x", sum[:16])
}
