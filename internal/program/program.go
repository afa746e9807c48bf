// Package program is the project's Pulumi program: one ZeroTrustVault per
// stack, with the network and resource group it needs when the stack does not
// name existing ones. main.go runs it with pulumi.Run; the offline driver and
// the tests run the very same function.
package program

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/aznetwork"
)

// Run deploys the stack described by the configuration.
func Run(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	tags := map[string]string{"environment": ctx.Stack()}
	for k, v := range cfg.Tags {
		tags[k] = v
	}
	location := pulumi.String(cfg.Location)

	// Resource group: existing by name, or created for a self-contained stack.
	var rgName pulumi.StringInput = pulumi.String(cfg.ResourceGroupName)
	if cfg.ResourceGroupName == "" {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String(fmt.Sprintf("rg-zt-kv-%s", ctx.Stack())),
			Location:          location,
			Tags:              pulumi.ToStringMap(tags),
		})
		if err != nil {
			return fmt.Errorf("creating resource group: %w", err)
		}
		rgName = rg.Name
	}

	// Endpoint subnet: existing by ID (hub and spoke), or a new spoke network.
	var subnetID pulumi.StringInput = pulumi.String(cfg.EndpointSubnetID)
	if cfg.EndpointSubnetID == "" {
		vnet, err := aznetwork.New(ctx, aznetwork.TypeVirtualNetwork, "vnet", pulumi.Map{
			"virtualNetworkName": pulumi.String(fmt.Sprintf("vnet-zt-kv-%s", ctx.Stack())),
			"resourceGroupName":  rgName,
			"location":           location,
			"addressSpace":       pulumi.Map{"addressPrefixes": pulumi.StringArray{pulumi.String(cfg.VNetAddressSpace)}},
			"tags":               pulumi.ToStringMap(tags),
		})
		if err != nil {
			return fmt.Errorf("creating virtual network: %w", err)
		}
		subnet, err := aznetwork.New(ctx, aznetwork.TypeSubnet, "snet-endpoints", pulumi.Map{
			"subnetName":                     pulumi.String("snet-private-endpoints"),
			"virtualNetworkName":             vnet.Name,
			"resourceGroupName":              rgName,
			"addressPrefix":                  pulumi.String(cfg.EndpointSubnetPrefix),
			"privateEndpointNetworkPolicies": pulumi.String("Enabled"),
		})
		if err != nil {
			return fmt.Errorf("creating endpoint subnet: %w", err)
		}
		subnetID = subnet.ID().ToStringOutput()
	}

	args := &component.ZeroTrustVaultArgs{
		ResourceGroupName:       rgName,
		Location:                location,
		VaultName:               cfg.VaultName,
		SKU:                     cfg.SKU,
		SoftDeleteRetentionDays: cfg.SoftDeleteRetentionDays,
		Tags:                    tags,
		Network: component.NetworkArgs{
			AllowPublicNetworkAccess:  cfg.AllowPublicNetworkAccess,
			AllowTrustedAzureServices: cfg.AllowTrustedAzureServices,
			IPRules:                   cfg.AllowedIPRanges,
			VirtualNetworkSubnetIDs:   cfg.AllowedSubnetIDs,
		},
		PrivateEndpoints:  []component.PrivateEndpointArgs{{SubnetID: subnetID}},
		DisableDeleteLock: !cfg.DeleteLock,
		Protect:           cfg.Protect,
	}
	switch {
	case cfg.DNSManagedByPolicy:
		args.PrivateDNS.Mode = component.DNSModeExternal
	case cfg.PrivateDNSZoneID != "":
		args.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: pulumi.String(cfg.PrivateDNSZoneID)}
	}
	if cfg.LogAnalyticsWorkspaceID != "" {
		args.Diagnostics.WorkspaceID = pulumi.String(cfg.LogAnalyticsWorkspaceID)
	} else {
		args.Diagnostics.WorkspaceRetentionDays = cfg.LogRetentionDays
	}
	args.RoleAssignments = roleArgs(cfg.RoleAssignments)
	args.Recover = cfg.RecoverVault
	for _, k := range cfg.Keys {
		args.Keys = append(args.Keys, component.KeyArgs{
			Name: k.Name, Type: k.Type, Size: k.Size, Curve: k.Curve, Operations: k.Operations,
			ValidityDays: k.ValidityDays, RotateBeforeExpiryDays: k.RotateBeforeExpiryDays,
			RoleAssignments: roleArgs(k.RoleAssignments),
		})
	}
	for _, e := range cfg.JustInTimeAdmins {
		args.JustInTime.Eligibilities = append(args.JustInTime.Eligibilities, component.EligibilityArgs{
			Key: e.Key, PrincipalID: pulumi.String(e.PrincipalID), Role: e.Role,
		})
	}
	args.JustInTime.AuthenticationContext = cfg.JITAuthenticationContext
	args.JustInTime.RoleManagementPolicyNames = cfg.JITRoleManagementPolicies
	args.JustInTime.AllowDefaultRoleSettings = cfg.JITAllowDefaultRoleSettings
	if len(cfg.AlertEmails) > 0 {
		args.ThreatDetection.Enabled = true
		args.ThreatDetection.EmailAddresses = cfg.AlertEmails
	}
	args.ThreatDetection.EnableDefenderForKeyVault = cfg.EnableDefender
	args.Guardrails.Enabled = cfg.Guardrails

	conf := config.New(ctx, "")
	for i, s := range cfg.Secrets {
		if s.ValueFrom == "" {
			return fmt.Errorf("stack configuration: %s:secrets[%d].valueFrom must name the secret config key that holds the value", Namespace, i)
		}
		value, err := conf.TrySecret(s.ValueFrom)
		if err != nil {
			return fmt.Errorf("stack configuration: %s:secrets[%d] reads its value from %s:%s, which is not set: run `pulumi config set --secret %s <value>`",
				Namespace, i, Namespace, s.ValueFrom, s.ValueFrom)
		}
		args.Secrets = append(args.Secrets, component.SecretArgs{
			Name: s.Name, Value: value, ContentType: s.ContentType, ValidityDays: s.ValidityDays,
			RoleAssignments: roleArgs(s.RoleAssignments),
		})
	}

	kv, err := component.NewZeroTrustVault(ctx, "kv", args)
	if err != nil {
		return err
	}
	ctx.Export("resourceGroupName", rgName)
	ctx.Export("vaultId", kv.VaultID)
	ctx.Export("vaultName", kv.VaultName)
	ctx.Export("vaultUri", kv.VaultURI)
	ctx.Export("privateEndpointIds", kv.PrivateEndpointIDs)
	ctx.Export("privateIpAddresses", kv.PrivateIPAddresses)
	ctx.Export("dnsZoneId", kv.DNSZoneID)
	ctx.Export("workspaceId", kv.WorkspaceID)
	ctx.Export("diagnosticSettingId", kv.DiagnosticSettingID)
	ctx.Export("roleAssignmentIds", kv.RoleAssignmentIDs)
	ctx.Export("keyUris", kv.KeyURIs)
	ctx.Export("secretUris", kv.SecretURIs)
	return nil
}

// roleArgs converts role assignments from configuration.
func roleArgs(in []RoleConfig) []component.RoleAssignmentArgs {
	var out []component.RoleAssignmentArgs
	for _, r := range in {
		out = append(out, component.RoleAssignmentArgs{
			Key: r.Key, PrincipalID: pulumi.String(r.PrincipalID), PrincipalType: r.PrincipalType,
			Role: r.Role, Condition: r.Condition, Description: r.Description,
		})
	}
	return out
}
