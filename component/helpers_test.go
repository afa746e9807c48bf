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
				c.PrivateEndpointIDs, c.PrivateIPAddresses, c.RoleAssignmentIDs).ApplyT(func(v []any) error {
				mu.Lock()
				defer mu.Unlock()
				keys, secrets := out.KeyIDs != nil, out.SecretIDs != nil
				kid, kuri, kver, sid, suri, sver := out.KeyIDs, out.KeyURIs, out.KeyVersionedURIs, out.SecretIDs, out.SecretURIs, out.SecretVersioned
				out = outputs{
					VaultID: v[0].(string), VaultName: v[1].(string), VaultURI: v[2].(string),
					DNSZoneID: v[3].(string), WorkspaceID: v[4].(string), DiagnosticSettingID: v[5].(string),
					PrivateEndpointIDs: v[6].(map[string]string), PrivateIPAddresses: v[7].(map[string]string),
					RoleAssignmentIDs: v[8].(map[string]string),
				}
				// The key and secret outputs resolve in a second apply; keep them.
				if keys || secrets {
					out.KeyIDs, out.KeyURIs, out.KeyVersionedURIs = kid, kuri, kver
					out.SecretIDs, out.SecretURIs, out.SecretVersioned = sid, suri, sver
				}
				return nil
			})
			pulumi.All(c.KeyIDs, c.KeyURIs, c.KeyVersionedURIs, c.SecretIDs, c.SecretURIs, c.SecretVersionedURIs).ApplyT(func(v []any) error {
				mu.Lock()
				defer mu.Unlock()
				out.KeyIDs, out.KeyURIs, out.KeyVersionedURIs = v[0].(map[string]string), v[1].(map[string]string), v[2].(map[string]string)
				out.SecretIDs, out.SecretURIs, out.SecretVersioned = v[3].(map[string]string), v[4].(map[string]string), v[5].(map[string]string)
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
