package component_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

// BenchmarkNewZeroTrustVault constructs n components with default options
// under mocks; ns/op and allocs/op are per run, the vault metrics per vault.
func BenchmarkNewZeroTrustVault(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("vaults=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := azmock.New("bench", "dev")
				err := pulumi.RunErr(func(ctx *pulumi.Context) error {
					for i := 0; i < n; i++ {
						if _, err := component.NewZeroTrustVault(ctx, fmt.Sprintf("kv%d", i), baseArgs()); err != nil {
							return err
						}
					}
					return nil
				}, m.RunOption())
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e3, "µs/vault")
		})
	}
}
