package azuresim

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// fleetStep is one resource of the benchmark fleet: its type, logical name
// and inputs (which may refer to the IDs of earlier steps).
type fleetStep struct {
	typ, name string
	props     func(ids map[string]string) resource.PropertyMap
}

// fleetShared are the resources every vault of the fleet shares, as in the
// offline engine benchmark (internal/offline): one group, one network with
// one endpoint subnet, one privatelink zone linked to the network.
func fleetShared() []fleetStep {
	return []fleetStep{
		{tokResourceGroup, "rg", func(map[string]string) resource.PropertyMap { return rgProps("rg-fleet") }},
		{tokVirtualNetwork, "vnet", func(map[string]string) resource.PropertyMap {
			return vnetProps("rg-fleet", "vnet-fleet", "10.40.0.0/16", nil)
		}},
		{tokSubnet, "snet", func(map[string]string) resource.PropertyMap {
			return subnetProps("rg-fleet", "vnet-fleet", "snet-pe", "10.40.0.0/20")
		}},
		{tokPrivateZone, "zone", func(map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "privateZoneName": "privatelink.vaultcore.azure.net"})
		}},
		{tokVirtualNetworkLink, "link", func(ids map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "privateZoneName": "privatelink.vaultcore.azure.net",
				"virtualNetworkLinkName": "vnet-fleet", "virtualNetwork": obj{"id": ids["vnet"]}})
		}},
	}
}

// fleetVault are the 11 resources of one default ZeroTrustVault: the vault,
// its workspace and diagnostic setting, a private endpoint with its DNS zone
// group, two role assignments, a key, a secret, and the delete locks on the
// vault and the endpoint.
func fleetVault(i int) []fleetStep {
	v := fmt.Sprintf("kv-fleet-%04d", i)
	n := func(s string) string { return fmt.Sprintf("%s-%04d", s, i) }
	guid := func(k int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", k, i) }
	return []fleetStep{
		{tokVault, n("vault"), func(map[string]string) resource.PropertyMap {
			return vaultProps("rg-fleet", v, obj{"enablePurgeProtection": true})
		}},
		{tokWorkspace, n("law"), func(map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "workspaceName": n("law"), "sku": obj{"name": "PerGB2018"}, "retentionInDays": 90})
		}},
		{tokDiagnosticSetting, n("diag"), func(ids map[string]string) resource.PropertyMap {
			return pm(obj{"name": "audit", "resourceUri": ids[n("vault")], "workspaceId": ids[n("law")],
				"logs": arr{obj{"categoryGroup": "audit", "enabled": true}}, "metrics": arr{obj{"category": "AllMetrics", "enabled": true}}})
		}},
		{tokPrivateEndpoint, n("pe"), func(ids map[string]string) resource.PropertyMap {
			return peProps("rg-fleet", n("pe"), ids["snet"], ids[n("vault")], nil)
		}},
		{tokPrivateDNSZoneGroup, n("dns"), func(ids map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "privateEndpointName": n("pe"), "privateDnsZoneGroupName": "default",
				"privateDnsZoneConfigs": arr{obj{"name": "vault", "privateDnsZoneId": ids["zone"]}}})
		}},
		{tokRoleAssignment, n("ra-admin"), func(ids map[string]string) resource.PropertyMap {
			return roleAssignmentProps(guid(1), ids[n("vault")], principalA, "00482a5a-887f-4fb3-b363-3b7fe8e74483")
		}},
		{tokRoleAssignment, n("ra-reader"), func(ids map[string]string) resource.PropertyMap {
			return roleAssignmentProps(guid(2), ids[n("vault")], principalB, roleSecretsUser)
		}},
		{tokKey, n("cmk"), func(map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "vaultName": v, "keyName": "cmk", "properties": obj{"kty": "RSA", "keySize": 3072}})
		}},
		{tokSecret, n("secret"), func(map[string]string) resource.PropertyMap {
			return pm(obj{"resourceGroupName": "rg-fleet", "vaultName": v, "secretName": "db-password",
				"properties": obj{"value": secret("benchmark-only-" + v), "contentType": "text/plain"}})
		}},
		{tokManagementLock, n("lock"), func(ids map[string]string) resource.PropertyMap {
			return lockProps("kv-no-delete", ids[n("vault")], "CanNotDelete")
		}},
		{tokManagementLock, n("pe-lock"), func(ids map[string]string) resource.PropertyMap {
			return lockProps("pe-no-delete", ids[n("pe")], "CanNotDelete")
		}},
	}
}

// benchStruct encodes a property map for a request.
func benchStruct(b *testing.B, m resource.PropertyMap) *structpb.Struct {
	st, err := plugin.MarshalProperties(m, propsOpts("bench"))
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// deployFleet sends every resource of the fleet through Check, Create,
// Diff (no change) and Read, as an engine's up followed by a preview and a
// refresh would, and returns the number of resources.
func deployFleet(b *testing.B, srv *Server, steps []fleetStep) int {
	ctx := context.Background()
	ids := map[string]string{}
	for _, s := range steps {
		u := urn(s.typ, s.name)
		news := benchStruct(b, s.props(ids))
		chk, err := srv.Check(ctx, &pulumirpc.CheckRequest{Urn: u, Name: s.name, Type: s.typ, News: news, RandomSeed: []byte(s.name)})
		if err != nil || len(chk.GetFailures()) > 0 {
			b.Fatalf("check %s: %v %v", s.name, err, chk.GetFailures())
		}
		created, err := srv.Create(ctx, &pulumirpc.CreateRequest{Urn: u, Name: s.name, Type: s.typ, Properties: chk.GetInputs()})
		if err != nil {
			b.Fatalf("create %s: %v", s.name, err)
		}
		ids[s.name] = created.GetId()
		diff, err := srv.Diff(ctx, &pulumirpc.DiffRequest{Id: created.GetId(), Urn: u, Name: s.name, Type: s.typ,
			OldInputs: chk.GetInputs(), Olds: created.GetProperties(), News: chk.GetInputs()})
		if err != nil || diff.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
			b.Fatalf("diff %s: %v %v", s.name, err, diff.GetDiffs())
		}
		read, err := srv.Read(ctx, &pulumirpc.ReadRequest{Id: created.GetId(), Urn: u, Name: s.name, Type: s.typ,
			Inputs: chk.GetInputs(), Properties: created.GetProperties()})
		if err != nil || read.GetId() != created.GetId() {
			b.Fatalf("read %s: %v", s.name, err)
		}
	}
	return len(steps)
}

// BenchmarkCreateVaults deploys fleets of 10, 100 and 500 vaults (11
// resources each, plus 5 shared) into a fresh simulated cloud through the
// provider server, in-process. ns/resource is the cost of one resource's
// Check, Create, Diff and Read; it must not grow with the fleet.
func BenchmarkCreateVaults(b *testing.B) {
	// Measure the store as it runs in the plugin, not as the tests set it up.
	verify, compactMin := verifyPersisted.Load(), journalCompactMin
	verifyPersisted.Store(false)
	journalCompactMin = 1 << 20
	b.Cleanup(func() { verifyPersisted.Store(verify); journalCompactMin = compactMin })
	for _, n := range []int{10, 100, 500} {
		b.Run(fmt.Sprintf("vaults=%d", n), func(b *testing.B) {
			steps := fleetShared()
			for i := range n {
				steps = append(steps, fleetVault(i)...)
			}
			resources := 0
			for b.Loop() {
				b.StopTimer()
				env := map[string]string{EnvState: filepath.Join(b.TempDir(), "world.json")}
				srv, err := NewServer(Options{Getenv: func(k string) string { return env[k] }})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				resources += deployFleet(b, srv, steps)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(resources), "ns/resource")
		})
	}
}
