package component

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/aznetwork"
)

// vaultGroupID is the private link sub-resource of a Key Vault.
const vaultGroupID = "vault"

// privateEndpoints registers the private endpoints, the private DNS zone and
// its virtual-network links (CreateZone mode), and one DNS zone group per
// endpoint (CreateZone and ExistingZone modes). The network resources go
// through internal/aznetwork, which keeps the azure-native network SDK (the
// costliest package to compile) out of every program that uses the component.
func (b *builder) privateEndpoints(vault *keyvault.Vault) ([]*aznetwork.PrivateEndpoint, error) {
	a := &b.p.args
	ids := pulumi.StringMap{}
	ips := pulumi.StringMap{}
	b.c.DNSZoneID = pulumi.String("").ToStringOutput()
	if len(b.p.endpoints) == 0 {
		b.c.PrivateEndpointIDs = ids.ToStringMapOutput()
		b.c.PrivateIPAddresses = ips.ToStringMapOutput()
		return nil, nil
	}

	zoneID, err := b.dnsZone()
	if err != nil {
		return nil, err
	}

	var out []*aznetwork.PrivateEndpoint
	for i, e := range b.p.endpoints {
		field := fmt.Sprintf("PrivateEndpoints[%d].SubnetID", i)
		subnetID := e.SubnetID.ToStringOutput().ApplyT(func(id string) (string, error) {
			if err := ValidateSubnetID(id); err != nil {
				return "", fmt.Errorf("ZeroTrustVault %q: %w", b.p.name, &ArgError{Field: field, Rule: err.Error()})
			}
			return id, nil
		}).(pulumi.StringOutput)
		rg := stringOr(e.ResourceGroupName, a.ResourceGroupName)
		args := pulumi.Map{
			"privateEndpointName": pulumi.String("pe-" + b.p.vaultName + "-" + e.Name),
			"resourceGroupName":   rg,
			"subnet":              pulumi.Map{"id": subnetID},
			"tags":                pulumi.ToStringMap(a.Tags),
			"privateLinkServiceConnections": pulumi.Array{pulumi.Map{
				"name":                 pulumi.String(childName(b.p.name, e.Name)),
				"privateLinkServiceId": vault.ID(),
				"groupIds":             pulumi.StringArray{pulumi.String(vaultGroupID)},
			}},
		}
		if loc := stringOr(e.Location, a.Location); loc != nil {
			args["location"] = loc
		}
		if e.NetworkInterfaceName != "" {
			args["customNetworkInterfaceName"] = pulumi.String(e.NetworkInterfaceName)
		}
		if e.StaticIPAddress != "" {
			args["ipConfigurations"] = pulumi.Array{pulumi.Map{
				"name":             pulumi.String(childName(e.Name, "ipconfig")),
				"groupId":          pulumi.String(vaultGroupID),
				"memberName":       pulumi.String("default"),
				"privateIPAddress": pulumi.String(e.StaticIPAddress),
			}}
		}
		pe, err := aznetwork.NewPrivateEndpoint(b.ctx, childName(b.p.name, e.Name), args, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("creating private endpoint %q: %w", e.Name, err)
		}
		out = append(out, pe)
		b.lockDeps = append(b.lockDeps, pe)
		ids[e.Name] = pe.ID().ToStringOutput()
		if e.StaticIPAddress != "" {
			ips[e.Name] = pulumi.String(e.StaticIPAddress).ToStringOutput()
		} else {
			ips[e.Name] = aznetwork.PrivateIPAddress(b.ctx, rg, pe.FirstNICName(), b.parent)
		}

		if zoneID != nil {
			zg, err := aznetwork.New(b.ctx, aznetwork.TypePrivateDNSZoneGroup, childName(b.p.name, e.Name+"-dns"), pulumi.Map{
				"privateEndpointName":     pe.Name,
				"resourceGroupName":       rg,
				"privateDnsZoneGroupName": pulumi.String("default"),
				"privateDnsZoneConfigs": pulumi.Array{pulumi.Map{
					"name":             pulumi.String(strings.ReplaceAll(b.p.dnsZone, ".", "-")),
					"privateDnsZoneId": zoneID,
				}},
			}, b.opts(pulumi.Parent(pe))...)
			if err != nil {
				return nil, fmt.Errorf("creating DNS zone group of private endpoint %q: %w", e.Name, err)
			}
			b.lockDeps = append(b.lockDeps, zg)
		}
	}
	b.c.PrivateEndpointIDs = ids.ToStringMapOutput()
	b.c.PrivateIPAddresses = ips.ToStringMapOutput()
	return out, nil
}

// dnsZone returns the zone ID that DNS zone groups point at: a created zone
// (CreateZone), the given one (ExistingZone), or nil (External).
func (b *builder) dnsZone() (pulumi.StringInput, error) {
	a := &b.p.args
	switch b.p.dnsMode {
	case DNSModeExternal:
		return nil, nil
	case DNSModeExistingZone:
		id := a.PrivateDNS.ZoneID.ToStringOutput().ApplyT(func(id string) (string, error) {
			if err := validateResourceID(id, "Microsoft.Network", "privateDnsZones"); err != nil {
				return "", fmt.Errorf("ZeroTrustVault %q: %w", b.p.name, &ArgError{Field: "PrivateDNS.ZoneID", Rule: err.Error()})
			}
			return id, nil
		}).(pulumi.StringOutput)
		b.c.DNSZoneID = id
		return id, nil
	}
	rg := stringOr(a.PrivateDNS.ZoneResourceGroupName, a.ResourceGroupName)
	zone, err := aznetwork.New(b.ctx, aznetwork.TypePrivateZone, childName(b.p.name, "dns-zone"), pulumi.Map{
		"privateZoneName":   pulumi.String(b.p.dnsZone),
		"resourceGroupName": rg,
		"location":          pulumi.String("Global"),
		"tags":              pulumi.ToStringMap(a.Tags),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("creating private DNS zone: %w", err)
	}
	for _, l := range b.p.links {
		if _, err := aznetwork.New(b.ctx, aznetwork.TypeVirtualNetworkLink, childName(b.p.name, "dns-link-"+l.Name), pulumi.Map{
			"privateZoneName":        zone.Name,
			"resourceGroupName":      rg,
			"virtualNetworkLinkName": pulumi.String(childName(b.p.name, l.Name)),
			"location":               pulumi.String("Global"),
			"registrationEnabled":    pulumi.Bool(false),
			"virtualNetwork":         pulumi.Map{"id": l.VirtualNetworkID},
			"tags":                   pulumi.ToStringMap(a.Tags),
		}, b.opts(pulumi.Parent(zone))...); err != nil {
			return nil, fmt.Errorf("creating virtual network link %q: %w", l.Name, err)
		}
	}
	b.c.DNSZoneID = zone.ID().ToStringOutput()
	return zone.ID(), nil
}
