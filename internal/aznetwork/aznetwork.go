// Package aznetwork registers the handful of azure-native network resources
// the project needs (private endpoints and their DNS, virtual networks and
// subnets) without importing github.com/pulumi/pulumi-azure-native-sdk/network/v2.
//
// That SDK module is the largest Go package in the azure-native SDK: a cold
// compile takes minutes and several gigabytes of memory (see BENCHMARKS.md),
// and every program that imports the component would pay it. The engine and
// the provider see exactly what the SDK would send — the same type tokens,
// provider version and ARM property names — so deployments are unchanged;
// only the Go types are narrower (property maps in, the outputs the project
// reads out).
package aznetwork

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ProviderVersion is the azure-native provider version the rest of the
// project's SDK modules use (v2.90.0); resources registered here must use
// the same provider plugin.
const ProviderVersion = "2.90.0"

// Type tokens of the resources registered here.
const (
	TypePrivateEndpoint     = "azure-native:network:PrivateEndpoint"
	TypePrivateDNSZoneGroup = "azure-native:network:PrivateDnsZoneGroup"
	TypePrivateZone         = "azure-native:network:PrivateZone"
	TypeVirtualNetworkLink  = "azure-native:network:VirtualNetworkLink"
	TypeVirtualNetwork      = "azure-native:network:VirtualNetwork"
	TypeSubnet              = "azure-native:network:Subnet"
	invokeGetNIC            = "azure-native:network:getNetworkInterface"
)

// Resource is a registered network resource whose Azure name is an output.
type Resource struct {
	pulumi.CustomResourceState
	// Name is the resource's Azure name.
	Name pulumi.StringOutput `pulumi:"name"`
}

// PrivateEndpoint is a registered private endpoint.
type PrivateEndpoint struct {
	pulumi.CustomResourceState
	// Name is the endpoint's Azure name.
	Name pulumi.StringOutput `pulumi:"name"`
	// NetworkInterfaces are the endpoint's network interfaces ({id: ...}).
	NetworkInterfaces pulumi.ArrayOutput `pulumi:"networkInterfaces"`
}

// register registers one resource with the pinned provider version.
func register(ctx *pulumi.Context, typ, name string, args pulumi.Map, res pulumi.CustomResource, opts []pulumi.ResourceOption) error {
	return ctx.RegisterResource(typ, name, args, res, append(opts, pulumi.Version(ProviderVersion))...)
}

// NewPrivateEndpoint registers an azure-native:network:PrivateEndpoint.
// args use the ARM property names (privateEndpointName, resourceGroupName,
// subnet, privateLinkServiceConnections, ipConfigurations, ...).
func NewPrivateEndpoint(ctx *pulumi.Context, name string, args pulumi.Map, opts ...pulumi.ResourceOption) (*PrivateEndpoint, error) {
	var r PrivateEndpoint
	if err := register(ctx, TypePrivateEndpoint, name, args, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// New registers any of the other network types (TypePrivateZone,
// TypeVirtualNetworkLink, TypePrivateDNSZoneGroup, TypeVirtualNetwork,
// TypeSubnet) with ARM-named args.
func New(ctx *pulumi.Context, typ, name string, args pulumi.Map, opts ...pulumi.ResourceOption) (*Resource, error) {
	var r Resource
	if err := register(ctx, typ, name, args, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// FirstNICName is the name of the endpoint's first network interface, the
// last segment of its resource ID.
func (pe *PrivateEndpoint) FirstNICName() pulumi.StringOutput {
	return pe.NetworkInterfaces.ApplyT(func(nics []any) string {
		if len(nics) == 0 {
			return ""
		}
		nic, _ := nics[0].(map[string]any)
		id, _ := nic["id"].(string)
		for i := len(id) - 1; i >= 0; i-- {
			if id[i] == '/' {
				return id[i+1:]
			}
		}
		return id
	}).(pulumi.StringOutput)
}

// nicResult is the part of getNetworkInterface's result the project reads.
type nicResult struct {
	IPConfigurations []struct {
		PrivateIPAddress *string `pulumi:"privateIPAddress"`
	} `pulumi:"ipConfigurations"`
}

// PrivateIPAddress looks up the first private IP address of a network
// interface (azure-native:network:getNetworkInterface) once its resource
// group and name are known.
func PrivateIPAddress(ctx *pulumi.Context, resourceGroup, nicName pulumi.StringInput, opts ...pulumi.InvokeOption) pulumi.StringOutput {
	opts = append(opts, pulumi.Version(ProviderVersion))
	return pulumi.All(resourceGroup, nicName).ApplyT(func(v []any) (string, error) {
		var res nicResult
		err := ctx.Invoke(invokeGetNIC, map[string]any{
			"resourceGroupName":    v[0].(string),
			"networkInterfaceName": v[1].(string),
		}, &res, opts...)
		if err != nil || len(res.IPConfigurations) == 0 || res.IPConfigurations[0].PrivateIPAddress == nil {
			return "", err
		}
		return *res.IPConfigurations[0].PrivateIPAddress, nil
	}).(pulumi.StringOutput)
}
