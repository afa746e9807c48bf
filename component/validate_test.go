package component_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
)

// TestBadInputsAreRefusedBeforeAnythingIsRegistered feeds one bad argument at a
// time and expects an error that names the field and the rule, and an empty
// mock recording.
func TestBadInputsAreRefusedBeforeAnythingIsRegistered(t *testing.T) {
	t.Parallel()
	role := func(key, principal, role string) component.RoleAssignmentArgs {
		return component.RoleAssignmentArgs{Key: key, PrincipalID: pulumi.String(principal), Role: role}
	}
	cases := []struct {
		name   string
		modify func(a *component.ZeroTrustVaultArgs)
		field  string // must appear in the error
		rule   string // must appear in the error
	}{
		{"name too short", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "kv" }, "VaultName", "3–24 characters"},
		{"name too long", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "kv-abcdefghijklmnopqrstuv" }, "VaultName", "3–24 characters"},
		{"name starts with digit", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "1kv-app" }, "VaultName", "start with a letter"},
		{"name double hyphen", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "kv--app" }, "VaultName", "consecutive hyphens"},
		{"name ends with hyphen", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "kv-app-" }, "VaultName", "end with a letter or digit"},
		{"name underscore", func(a *component.ZeroTrustVaultArgs) { a.VaultName = "kv_app" }, "VaultName", "only letters, digits and hyphens"},
		{"retention 6", func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = 6 }, "SoftDeleteRetentionDays", "between 7 and 90"},
		{"retention 91", func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = 91 }, "SoftDeleteRetentionDays", "between 7 and 90"},
		{"retention negative", func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = -1 }, "SoftDeleteRetentionDays", "between 7 and 90"},
		{"unknown sku", func(a *component.ZeroTrustVaultArgs) { a.SKU = "basic" }, "SKU", `"standard" or "premium"`},
		{"missing resource group", func(a *component.ZeroTrustVaultArgs) { a.ResourceGroupName = nil }, "ResourceGroupName", "is required"},
		{"empty resource group", func(a *component.ZeroTrustVaultArgs) { a.ResourceGroupName = pulumi.String(" ") }, "ResourceGroupName", "must not be empty"},
		{"tenant not a GUID", func(a *component.ZeroTrustVaultArgs) { a.TenantID = pulumi.String("contoso.com") }, "TenantID", "GUID"},
		{"whole internet", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"0.0.0.0/0"} }, "Network.IPRules[0]", "whole internet"},
		{"private CIDR", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"10.1.0.0/16"} }, "Network.IPRules[0]", "private (RFC 1918)"},
		{"private 172.16", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"20.1.2.3", "172.20.0.0/16"} }, "Network.IPRules[1]", "private (RFC 1918)"},
		{"loopback", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"127.0.0.1"} }, "Network.IPRules[0]", "loopback"},
		{"link-local", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"169.254.169.254"} }, "Network.IPRules[0]", "link-local"},
		{"reserved", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"240.0.0.1"} }, "Network.IPRules[0]", "reserved"},
		{"too wide", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"20.0.0.0/8"} }, "Network.IPRules[0]", "wider than /16"},
		{"wider than configured", func(a *component.ZeroTrustVaultArgs) {
			a.Network.MaxIPRulePrefixWidth = 24
			a.Network.IPRules = []string{"20.50.0.0/23"}
		}, "Network.IPRules[0]", "wider than /24"},
		{"host bits", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"20.50.0.7/24"} }, "Network.IPRules[0]", "network address 20.50.0.0/24"},
		{"IPv6", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"2001:db8::/48"} }, "Network.IPRules[0]", "IPv4 only"},
		{"garbage IP", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"office"} }, "Network.IPRules[0]", "not an IPv4 address or CIDR"},
		{"duplicate IP", func(a *component.ZeroTrustVaultArgs) { a.Network.IPRules = []string{"20.1.2.3", "20.1.2.3/32"} }, "Network.IPRules[1]", "repeats Network.IPRules[0]"},
		{"bad prefix limit", func(a *component.ZeroTrustVaultArgs) { a.Network.MaxIPRulePrefixWidth = 40 }, "Network.MaxIPRulePrefixWidth", "between 1 and 32"},
		{"malformed vnet rule", func(a *component.ZeroTrustVaultArgs) {
			a.Network.VirtualNetworkSubnetIDs = []string{"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"}
		}, "Network.VirtualNetworkSubnetIDs[0]", "not a subnet resource ID"},
		{"malformed endpoint subnet", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints[0].SubnetID = pulumi.String("snet-pe")
		}, "PrivateEndpoints[0].SubnetID", "not a subnet resource ID"},
		{"endpoint without subnet", func(a *component.ZeroTrustVaultArgs) { a.PrivateEndpoints[0].SubnetID = nil }, "PrivateEndpoints[0].SubnetID", "is required"},
		{"duplicate endpoint names", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints = append(a.PrivateEndpoints, component.PrivateEndpointArgs{Name: "pe", SubnetID: pulumi.String(subnet2ID)})
		}, "PrivateEndpoints[1].Name", `"pe" repeats PrivateEndpoints[0].Name`},
		{"public static IP", func(a *component.ZeroTrustVaultArgs) { a.PrivateEndpoints[0].StaticIPAddress = "20.1.2.3" }, "PrivateEndpoints[0].StaticIPAddress", "private IPv4"},
		{"bad NIC name", func(a *component.ZeroTrustVaultArgs) { a.PrivateEndpoints[0].NetworkInterfaceName = "nic name" }, "PrivateEndpoints[0].NetworkInterfaceName", "letters, digits"},
		{"unreachable vault", func(a *component.ZeroTrustVaultArgs) { a.PrivateEndpoints = nil }, "PrivateEndpoints", "Network.IntentionallyUnreachable"},
		{"existing zone without ID", func(a *component.ZeroTrustVaultArgs) { a.PrivateDNS.Mode = component.DNSModeExistingZone }, "PrivateDNS.ZoneID", "required in ExistingZone mode"},
		{"existing zone of wrong type", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: pulumi.String(workspaceID)}
		}, "PrivateDNS.ZoneID", "Microsoft.Network/privateDnsZones"},
		{"existing zone not privatelink", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: pulumi.String(strings.Replace(hubZoneID, "privatelink.vaultcore.azure.net", "contoso.com", 1))}
		}, "PrivateDNS.ZoneID", "privatelink.vaultcore"},
		{"zone ID in create mode", func(a *component.ZeroTrustVaultArgs) { a.PrivateDNS.ZoneID = pulumi.String(hubZoneID) }, "PrivateDNS.ZoneID", "only used in ExistingZone mode"},
		{"unknown DNS mode", func(a *component.ZeroTrustVaultArgs) { a.PrivateDNS.Mode = "Auto" }, "PrivateDNS.Mode", "CreateZone, ExistingZone or External"},
		{"unknown cloud", func(a *component.ZeroTrustVaultArgs) { a.PrivateDNS.Cloud = "AzureGermany" }, "PrivateDNS.Cloud", "AzurePublic, AzureUSGovernment or AzureChina"},
		{"DNS without endpoints", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints = nil
			a.Network.IntentionallyUnreachable = true
			a.PrivateDNS.Mode = component.DNSModeCreateZone
		}, "PrivateDNS", "only used with private endpoints"},
		{"link without vnet", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS.VirtualNetworkLinks = []component.VirtualNetworkLinkArgs{{Name: "hub"}}
		}, "PrivateDNS.VirtualNetworkLinks[0].VirtualNetworkID", "is required"},
		{"unknown role name", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "Key Vault Secret Reader")}
		}, "RoleAssignments[0].Role", "not a known built-in role"},
		{"empty role", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "")}
		}, "RoleAssignments[0].Role", "is required"},
		{"malformed role definition ID", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "/providers/Microsoft.Authorization/roleDefinitions/not-a-guid")}
		}, "RoleAssignments[0].Role", "not a role definition ID"},
		{"owner without opt-in", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "Owner")}
		}, "RoleAssignments[0].Role", "Owner is a privileged role"},
		{"contributor GUID without opt-in", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "b24988ac-6180-42a0-ab88-20f7382dd24c")}
		}, "RoleAssignments[0].Role", "Contributor is a privileged role"},
		{"key vault administrator without opt-in", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "key vault administrator")}
		}, "RoleAssignments[0].Role", "Key Vault Administrator is a privileged role"},
		{"user access administrator without opt-in", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "User Access Administrator")}
		}, "RoleAssignments[0].Role", "User Access Administrator is a privileged role"},
		{"data access administrator without condition", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "Key Vault Data Access Administrator")}
		}, "RoleAssignments[0].Condition", "required for Key Vault Data Access Administrator"},
		{"duplicate role keys", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", principalA, "Key Vault Reader"), role("app", principalB, "Key Vault Reader")}
		}, "RoleAssignments[1].Key", "repeats index 0: keys must be unique"},
		{"empty role key", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("", principalA, "Key Vault Reader")}
		}, "RoleAssignments[0].Key", "1–64 letters"},
		{"principal not a GUID", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{role("app", "alice@contoso.com", "Key Vault Reader")}
		}, "RoleAssignments[0].PrincipalID", "object ID (a GUID)"},
		{"unknown principal type", func(a *component.ZeroTrustVaultArgs) {
			r := role("app", principalA, "Key Vault Reader")
			r.PrincipalType = "ManagedIdentity"
			a.RoleAssignments = []component.RoleAssignmentArgs{r}
		}, "RoleAssignments[0].PrincipalType", "User, Group, ServicePrincipal"},
		{"condition version without condition", func(a *component.ZeroTrustVaultArgs) {
			r := role("app", principalA, "Key Vault Reader")
			r.ConditionVersion = "2.0"
			a.RoleAssignments = []component.RoleAssignmentArgs{r}
		}, "RoleAssignments[0].ConditionVersion", "only used with Condition"},
		{"access policies", func(a *component.ZeroTrustVaultArgs) {
			a.AccessPolicies = []component.AccessPolicy{{ObjectID: principalA, Secrets: []string{"get", "list"}}}
		}, "AccessPolicies[0]", "RBAC permission model"},
		{"workspace retention too short", func(a *component.ZeroTrustVaultArgs) { a.Diagnostics.WorkspaceRetentionDays = 7 }, "Diagnostics.WorkspaceRetentionDays", "between 30 and 730"},
		{"retention with existing workspace", func(a *component.ZeroTrustVaultArgs) {
			a.Diagnostics = component.DiagnosticsArgs{WorkspaceID: pulumi.String(workspaceID), WorkspaceRetentionDays: 90}
		}, "Diagnostics.WorkspaceRetentionDays", "only used when the component creates the workspace"},
		{"malformed workspace ID", func(a *component.ZeroTrustVaultArgs) { a.Diagnostics.WorkspaceID = pulumi.String("law-hub") }, "Diagnostics.WorkspaceID", "Microsoft.OperationalInsights/workspaces"},
		{"unknown category group", func(a *component.ZeroTrustVaultArgs) { a.Diagnostics.CategoryGroups = []string{"AuditEvent"} }, "Diagnostics.CategoryGroups[0]", `"audit" or "allLogs"`},
		{"duplicate category group", func(a *component.ZeroTrustVaultArgs) { a.Diagnostics.CategoryGroups = []string{"audit", "audit"} }, "Diagnostics.CategoryGroups[1]", "listed twice"},
		{"event hub name without rule", func(a *component.ZeroTrustVaultArgs) { a.Diagnostics.EventHubName = pulumi.String("kv") }, "Diagnostics.EventHubName", "needs Diagnostics.EventHubAuthorizationRuleID"},
	}
	require.GreaterOrEqual(t, len(cases), 30)
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
			assert.Contains(t, r.err.Error(), `ZeroTrustVault "app"`)
			assert.Empty(t, r.mocks.Resources(), "nothing may be registered")
		})
	}
}

func TestAllProblemsAreReportedAtOnce(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.VaultName = "1"
	a.SoftDeleteRetentionDays = 100
	a.Network.IPRules = []string{"10.0.0.0/8"}
	r := run(t, a)
	require.Error(t, r.err)
	var ae *component.ArgError
	require.True(t, errors.As(r.err, &ae), "an *ArgError must be reachable with errors.As")
	assert.Equal(t, "VaultName", ae.Field)
	for _, f := range []string{"VaultName: ", "SoftDeleteRetentionDays: ", "Network.IPRules[0]: "} {
		assert.Contains(t, r.err.Error(), f)
	}
}

func TestNilArgs(t *testing.T) {
	t.Parallel()
	r := run(t, nil)
	require.ErrorIs(t, r.err, component.ErrInvalidArgs)
	assert.Contains(t, r.err.Error(), "args: are required")
	assert.Empty(t, r.mocks.Resources())
}

// Inputs that are only known later are validated when they resolve: the
// deployment fails with the same field and rule.
func TestLateInputsAreValidatedWhenKnown(t *testing.T) {
	t.Parallel()
	late := func(s string) pulumi.StringOutput { return pulumi.String(s).ToStringOutput() }
	cases := []struct {
		name   string
		modify func(a *component.ZeroTrustVaultArgs)
		want   string
	}{
		{"subnet", func(a *component.ZeroTrustVaultArgs) { a.PrivateEndpoints[0].SubnetID = late("snet") }, "PrivateEndpoints[0].SubnetID: "},
		{"principal", func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "app", PrincipalID: late("bob"), Role: "Key Vault Reader"}}
		}, "RoleAssignments[0].PrincipalID: "},
		{"zone", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: late("zone")}
		}, "PrivateDNS.ZoneID: "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			tc.modify(a)
			r := run(t, a)
			require.Error(t, r.err)
			assert.Contains(t, r.err.Error(), tc.want)
			assert.ErrorIs(t, r.err, component.ErrInvalidArgs)
		})
	}
}
