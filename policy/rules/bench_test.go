package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// nopManager drops violations.
type nopManager struct{}

func (nopManager) ReportViolation(string, string) {}

// BenchmarkAnalyzeVault runs one vault through every resource policy, as Analyze does.
func BenchmarkAnalyzeVault(b *testing.B) {
	vault := res(tokVault, "kv-prod", with(goodVault(), "properties.networkAcls.ipRules", list{obj{"value": "203.0.113.0/24"}}))
	var rps []policyx.ResourceValidationPolicy
	for _, p := range Policies() {
		if rp, ok := p.(policyx.ResourceValidationPolicy); ok {
			rps = append(rps, rp)
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range rps {
			if err := p.Validate(ctx, policyx.ResourceValidationArgs{Manager: nopManager{}, Resource: vault}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnalyzeVaultGRPC measures one Analyze call on the in-process analyzer server,
// including protobuf unmarshalling (which policyx repeats for every policy).
func BenchmarkAnalyzeVaultGRPC(b *testing.B) {
	conn, err := grpc.NewClient(analyzerAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	client := pulumirpc.NewAnalyzerClient(conn)
	ctx := context.Background()
	dir := b.TempDir()
	if _, err := client.Handshake(ctx, &pulumirpc.AnalyzerHandshakeRequest{RootDirectory: &dir}); err != nil {
		b.Fatal(err)
	}
	if _, err := client.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Stack: "dev", Project: "zt"}); err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	req := &pulumirpc.AnalyzeRequest{Type: tokVault, Urn: testURN(tokVault, "kv"), Name: "kv", Properties: marshal(t, goodVault())}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.Analyze(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// benchStack builds n vault stacks (vault, endpoint, zone, zone group, diagnostic setting,
// role assignment, key, secret) plus the root stack resource and a Defender plan.
func benchStack(n int) []policyx.AnalyzerResource {
	rs := make([]policyx.AnalyzerResource, 0, n*8+2)
	for i := range n {
		rs = append(rs, vaultStack(fmt.Sprintf("kv-%04d", i), stackOpts{})...)
	}
	return append(rs, stackRoot(obj{"vaultUri": "https://kv-0000.vault.azure.net/"}), defender("Standard"))
}

// benchStackJIT is benchStack(n) plus, per vault, a role management policy and an
// eligibility (as the ZeroTrustVault component's just-in-time option creates them) and a
// Defender deployment instead of the pricing.
func benchStackJIT(n int) []policyx.AnalyzerResource {
	rs := benchStack(n)
	rs = rs[:len(rs)-1] // the pricing
	for i := range n {
		rs = append(rs, pimStack(fmt.Sprintf("kv-%04d", i))...)
	}
	return append(rs, defenderDeployment(goodDefenderDeployment()))
}

// BenchmarkAnalyzeStack runs every stack policy over stacks of 10, 100 and 1000 vaults the
// way the server does (each policy indexes the resources itself), and over 1000 vaults with
// just-in-time administration.
func BenchmarkAnalyzeStack(b *testing.B) {
	var sps []policyx.StackValidationPolicy
	for _, p := range Policies() {
		if sp, ok := p.(policyx.StackValidationPolicy); ok {
			sps = append(sps, sp)
		}
	}
	stacks := []struct {
		name string
		rs   []policyx.AnalyzerResource
	}{
		{"10", benchStack(10)}, {"100", benchStack(100)}, {"1000", benchStack(1000)}, {"1000-jit", benchStackJIT(1000)},
	}
	for _, st := range stacks {
		rs := st.rs
		b.Run(st.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range sps {
					if err := p.Validate(ctx, policyx.StackValidationArgs{Manager: nopManager{}, Resources: rs}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(rs)), "resources")
		})
	}
}

// BenchmarkEvaluate1000 runs the whole pack (resource and stack policies) in process over the
// 1000-vault stack, as component tests do with Evaluate.
func BenchmarkEvaluate1000(b *testing.B) {
	rs := benchStack(1000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(ctx, rs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
