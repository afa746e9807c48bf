package component

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// vaultGroupID is the private link sub-resource of a Key Vault.
const vaultGroupID = "vault"

// privateEndpoints registers the private endpoints, the private DNS zone and
// its virtual-network links (CreateZone mode), and one DNS zone group per
// endpoint (CreateZone and ExistingZone modes).
func (b *builder) privateEndpoints(vault *keyvault.Vault) ([]*network.PrivateEndpoint, error) {
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

	var out []*network.PrivateEndpoint
	for i, e := range b.p.endpoints {
		field := fmt.Sprintf("PrivateEndpoints[%d].SubnetID", i)
		subnetID := e.SubnetID.ToStringOutput().ApplyT(func(id string) (string, error) {
			if err := ValidateSubnetID(id); err != nil {
				return "", fmt.Errorf("ZeroTrustVault %q: %w", b.p.name, &ArgError{Field: field, Rule: err.Error()})
			}
			return id, nil
		}).(pulumi.StringOutput)
		rg := stringOr(e.ResourceGroupName, a.ResourceGroupName)
		args := &network.PrivateEndpointArgs{
			PrivateEndpointName: pulumi.String("pe-" + b.p.vaultName + "-" + e.Name),
			ResourceGroupName:   rg,
			Location:            stringPtr(stringOr(e.Location, a.Location)),
			Subnet:              network.SubnetTypeArgs{Id: subnetID.ToStringPtrOutput()},
			Tags:                pulumi.ToStringMap(a.Tags),
			PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{
				network.PrivateLinkServiceConnectionArgs{
					Name:                 pulumi.String(childName(b.p.name, e.Name)),
					PrivateLinkServiceId: vault.ID(),
					GroupIds:             pulumi.StringArray{pulumi.String(vaultGroupID)},
				},
			},
		}
		if e.NetworkInterfaceName != "" {
			args.CustomNetworkInterfaceName = pulumi.String(e.NetworkInterfaceName)
		}
		if e.StaticIPAddress != "" {
			args.IpConfigurations = network.PrivateEndpointIPConfigurationArray{
				network.PrivateEndpointIPConfigurationArgs{
					Name:             pulumi.String(childName(e.Name, "ipconfig")),
					GroupId:          pulumi.String(vaultGroupID),
					MemberName:       pulumi.String("default"),
					PrivateIPAddress: pulumi.String(e.StaticIPAddress),
				},
			}
		}
		pe, err := network.NewPrivateEndpoint(b.ctx, childName(b.p.name, e.Name), args, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("creating private endpoint %q: %w", e.Name, err)
		}
		out = append(out, pe)
		b.lockDeps = append(b.lockDeps, pe)
		ids[e.Name] = pe.ID().ToStringOutput()
		ips[e.Name] = b.privateIP(pe, rg, e)

		if zoneID != nil {
			zg, err := network.NewPrivateDnsZoneGroup(b.ctx, childName(b.p.name, e.Name+"-dns"), &network.PrivateDnsZoneGroupArgs{
				PrivateEndpointName:     pe.Name,
				ResourceGroupName:       rg,
				PrivateDnsZoneGroupName: pulumi.String("default"),
				PrivateDnsZoneConfigs: network.PrivateDnsZoneConfigArray{
					network.PrivateDnsZoneConfigArgs{
						Name:             pulumi.String(strings.ReplaceAll(b.p.dnsZone, ".", "-")),
						PrivateDnsZoneId: zoneID,
					},
				},
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

// privateIP is the endpoint's private IP: the static one when given, else the
// address Azure allocated on the endpoint's network interface.
func (b *builder) privateIP(pe *network.PrivateEndpoint, rg pulumi.StringInput, e PrivateEndpointArgs) pulumi.StringOutput {
	if e.StaticIPAddress != "" {
		return pulumi.String(e.StaticIPAddress).ToStringOutput()
	}
	nicName := pe.NetworkInterfaces.Index(pulumi.Int(0)).Id().ApplyT(func(id *string) string {
		if id == nil {
			return ""
		}
		return (*id)[strings.LastIndex(*id, "/")+1:]
	}).(pulumi.StringOutput)
	nic := network.LookupNetworkInterfaceOutput(b.ctx, network.LookupNetworkInterfaceOutputArgs{
		ResourceGroupName:    rg,
		NetworkInterfaceName: nicName,
	}, b.parent)
	return nic.IpConfigurations().Index(pulumi.Int(0)).PrivateIPAddress().ApplyT(func(ip *string) string {
		if ip == nil {
			return ""
		}
		return *ip
	}).(pulumi.StringOutput)
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
	zone, err := network.NewPrivateZone(b.ctx, childName(b.p.name, "dns-zone"), &network.PrivateZoneArgs{
		PrivateZoneName:   pulumi.String(b.p.dnsZone),
		ResourceGroupName: rg,
		Location:          pulumi.String("Global"),
		Tags:              pulumi.ToStringMap(a.Tags),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("creating private DNS zone: %w", err)
	}
	for _, l := range b.p.links {
		if _, err := network.NewVirtualNetworkLink(b.ctx, childName(b.p.name, "dns-link-"+l.Name), &network.VirtualNetworkLinkArgs{
			PrivateZoneName:        zone.Name,
			ResourceGroupName:      rg,
			VirtualNetworkLinkName: pulumi.String(childName(b.p.name, l.Name)),
			Location:               pulumi.String("Global"),
			RegistrationEnabled:    pulumi.Bool(false),
			VirtualNetwork:         network.SubResourceArgs{Id: stringPtr(l.VirtualNetworkID)},
			Tags:                   pulumi.ToStringMap(a.Tags),
		}, b.opts(pulumi.Parent(zone))...); err != nil {
			return nil, fmt.Errorf("creating virtual network link %q: %w", l.Name, err)
		}
	}
	b.c.DNSZoneID = zone.ID().ToStringOutput()
	return zone.ID(), nil
}
