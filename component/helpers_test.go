package component_test

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

// Fixed IDs used across the tests.
const (
	subnetID    = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
	subnet2ID   = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/snet-pe"
	hubZoneID   = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
	workspaceID = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-hub/providers/Microsoft.OperationalInsights/workspaces/law-hub"
	principalA  = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
	principalB  = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
)

// baseArgs is the smallest valid argument set: one private endpoint.
func baseArgs() *component.ZeroTrustVaultArgs {
	return &component.ZeroTrustVaultArgs{
		ResourceGroupName: pulumi.String("rg-app"),
		Location:          pulumi.String("westeurope"),
		PrivateEndpoints:  []component.PrivateEndpointArgs{{SubnetID: pulumi.String(subnetID)}},
	}
}

// outputs are the component's outputs, resolved.
type outputs struct {
	VaultID, VaultName, VaultURI, DNSZoneID, WorkspaceID, DiagnosticSettingID string
	PrivateEndpointIDs, PrivateIPAddresses, RoleAssignmentIDs                 map[string]string
	KeyIDs, KeyURIs, KeyVersionedURIs, SecretIDs, SecretURIs, SecretVersioned map[string]string
}

// result is what one mocked run produced.
type result struct {
	mocks *azmock.Mocks
	out   outputs
	err   error
}

// run constructs one component per name under mocks and resolves the outputs
// of the first.
func run(t *testing.T, args *component.ZeroTrustVaultArgs, names ...string) result {
	t.Helper()
	if len(names) == 0 {
		names = []string{"app"}
	}
	m := azmock.New("proj", "dev")
	var (
		mu  sync.Mutex
		out outputs
	)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		for i, n := range names {
			c, err := component.NewZeroTrustVault(ctx, n, args)
			if err != nil {
				return err
			}
			if i > 0 {
				continue
			}
			pulumi.All(c.VaultID, c.VaultName, c.VaultURI, c.DNSZoneID, c.WorkspaceID, c.DiagnosticSettingID,
				c.PrivateEndpointIDs, c.PrivateIPAddresses, c.RoleAssignmentIDs,
				c.KeyIDs, c.KeyURIs, c.KeyVersionedURIs, c.SecretIDs, c.SecretURIs, c.SecretVersionedURIs).ApplyT(func(v []any) error {
				str := func(i int) string { return v[i].(string) }
				m := func(i int) map[string]string { return v[i].(map[string]string) }
				mu.Lock()
				defer mu.Unlock()
				out = outputs{
					VaultID: str(0), VaultName: str(1), VaultURI: str(2), DNSZoneID: str(3), WorkspaceID: str(4), DiagnosticSettingID: str(5),
					PrivateEndpointIDs: m(6), PrivateIPAddresses: m(7), RoleAssignmentIDs: m(8),
					KeyIDs: m(9), KeyURIs: m(10), KeyVersionedURIs: m(11),
					SecretIDs: m(12), SecretURIs: m(13), SecretVersioned: m(14),
				}
				return nil
			})
		}
		return nil
	}, m.RunOption())
	mu.Lock()
	defer mu.Unlock()
	return result{mocks: m, out: out, err: err}
}

// only returns the single resource of a type, failing otherwise.
func only(t *testing.T, m *azmock.Mocks, typ string) azmock.Resource {
	t.Helper()
	rs := m.OfType(typ)
	if len(rs) != 1 {
		t.Fatalf("want exactly one %s, got %d", typ, len(rs))
	}
	return rs[0]
}

// path reads a nested input such as "properties.networkAcls.bypass".
func path(t *testing.T, r azmock.Resource, p string) resource.PropertyValue {
	t.Helper()
	pp, err := resource.ParsePropertyPath(p)
	if err != nil {
		t.Fatalf("bad path %q: %v", p, err)
	}
	v, ok := pp.Get(resource.NewProperty(r.Inputs))
	if !ok {
		return resource.NewNullProperty()
	}
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v
}
