//go:build e2e

package offline

import (
	"context"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/aznetwork"
)

// fleet is a program with n default ZeroTrustVaults sharing one spoke network.
func fleet(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{ResourceGroupName: pulumi.String("rg-fleet")})
		if err != nil {
			return err
		}
		vnet, err := aznetwork.New(ctx, aznetwork.TypeVirtualNetwork, "vnet", pulumi.Map{
			"virtualNetworkName": pulumi.String("vnet-fleet"),
			"resourceGroupName":  rg.Name,
			"addressSpace":       pulumi.Map{"addressPrefixes": pulumi.StringArray{pulumi.String("10.40.0.0/16")}},
		})
		if err != nil {
			return err
		}
		subnet, err := aznetwork.New(ctx, aznetwork.TypeSubnet, "snet", pulumi.Map{
			"subnetName": pulumi.String("snet-pe"), "virtualNetworkName": vnet.Name, "resourceGroupName": rg.Name,
			"addressPrefix": pulumi.String("10.40.0.0/22"),
		})
		if err != nil {
			return err
		}
		var zone pulumi.StringOutput
		for i := 0; i < n; i++ {
			args := &component.ZeroTrustVaultArgs{
				ResourceGroupName: rg.Name,
				PrivateEndpoints:  []component.PrivateEndpointArgs{{SubnetID: subnet.ID().ToStringOutput()}},
			}
			if i > 0 { // one privatelink zone per network: later vaults use the first one's
				args.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: zone}
			}
			kv, err := component.NewZeroTrustVault(ctx, fmt.Sprintf("kv%02d", i), args)
			if err != nil {
				return err
			}
			if i == 0 {
				zone = kv.DNSZoneID
			}
		}
		return nil
	}
}

// benchRunner opens a fresh stack with its own world for one measurement.
func benchRunner(b *testing.B, ctx context.Context, n int, env map[string]string) *Runner {
	b.Helper()
	l := NewLayout(repoRoot, b.TempDir())
	s, err := OpenStack(ctx, l, cli, StackOptions{Stack: "dev", Target: TargetOffline, Program: fleet(n), Env: env})
	if err != nil {
		b.Fatal(err)
	}
	return &Runner{Stack: s, Layout: l, Target: TargetOffline, PolicyPack: l.PolicyPackPath(), Quiet: true}
}

// BenchmarkOfflinePreview measures a preview of n vaults with and without the
// policy pack in the same run, so the gate's overhead is their ratio; with
// the engine's state checkpoints (the default) and without them.
func BenchmarkOfflinePreview(b *testing.B) {
	ctx, _ := setupBench(b)
	for _, n := range []int{1, 10, 50} {
		for _, checkpoints := range []bool{true, false} {
			var env map[string]string
			if !checkpoints {
				env = map[string]string{"PULUMI_SKIP_CHECKPOINTS": "true"}
			}
			for _, gate := range []bool{false, true} {
				b.Run(fmt.Sprintf("vaults=%d/checkpoints=%v/pack=%v", n, checkpoints, gate), func(b *testing.B) {
					r := benchRunner(b, ctx, n, env)
					if !gate {
						r.PolicyPack = ""
					}
					for b.Loop() {
						if _, _, err := r.Preview(ctx); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/preview")
				})
			}
		}
	}
}

// BenchmarkOfflineUp measures an update that creates n vaults from nothing,
// with the engine's per-step state checkpoints (the default) and without
// them (PULUMI_SKIP_CHECKPOINTS), which isolates the engine's own cost of
// rewriting the whole state file after every step.
func BenchmarkOfflineUp(b *testing.B) {
	ctx, _ := setupBench(b)
	for _, n := range []int{1, 10, 50} {
		for _, checkpoints := range []bool{true, false} {
			var env map[string]string
			if !checkpoints {
				env = map[string]string{"PULUMI_SKIP_CHECKPOINTS": "true"}
			}
			b.Run(fmt.Sprintf("vaults=%d/checkpoints=%v", n, checkpoints), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					r := benchRunner(b, ctx, n, env)
					r.PolicyPack = ""
					b.StartTimer()
					if _, _, err := r.Up(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/vault")
			})
		}
	}
}
