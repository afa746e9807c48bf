package rules

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// analyzerAddr is the address of the pack's analyzer server, started once per test binary
// with Serve exactly as policy/main.go starts it.
var analyzerAddr string

func TestMain(m *testing.M) {
	addr, err := startAnalyzer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting analyzer:", err)
		os.Exit(1)
	}
	analyzerAddr = addr
	os.Exit(m.Run())
}

// startAnalyzer runs Serve in this process and reads the port it prints on its first
// stdout line, the way the engine does. Nothing else runs yet, so redirecting os.Stdout for
// that one line is safe.
func startAnalyzer() (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	orig := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = orig }()
	done := make(chan error, 1)
	go func() {
		done <- Serve()
		_ = w.Close()
	}()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		select {
		case serr := <-done:
			return "", errors.Join(err, serr)
		default:
			return "", err
		}
	}
	return "127.0.0.1:" + strings.TrimSpace(line), nil
}

// marshal converts test literals to the wire form the engine sends (unknowns and secrets kept).
func marshal(t *testing.T, props obj) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(resource.ToResourcePropertyMap(pm(props)), plugin.MarshalOptions{
		KeepUnknowns: true,
		KeepSecrets:  true,
	})
	require.NoError(t, err)
	return s
}

// wireResource converts a test resource into an AnalyzeStack resource.
func wireResource(t *testing.T, r policyx.AnalyzerResource) *pulumirpc.AnalyzerResource {
	t.Helper()
	deps := map[string]*pulumirpc.AnalyzerPropertyDependencies{}
	for k, v := range r.PropertyDependencies {
		deps[k] = &pulumirpc.AnalyzerPropertyDependencies{Urns: v}
	}
	return &pulumirpc.AnalyzerResource{
		Type:                 r.Type,
		Urn:                  r.URN,
		Name:                 r.Name,
		Properties:           marshal(t, toObj(r.Properties)),
		Parent:               r.Parent,
		Dependencies:         r.Dependencies,
		PropertyDependencies: deps,
	}
}

type diag struct {
	level   pulumirpc.EnforcementLevel
	urn     string
	message string
}

func diagsByPolicy(ds []*pulumirpc.AnalyzeDiagnostic) map[string][]diag {
	out := map[string][]diag{}
	for _, d := range ds {
		out[d.GetPolicyName()] = append(out[d.GetPolicyName()], diag{d.GetEnforcementLevel(), d.GetUrn(), d.GetMessage()})
	}
	return out
}

// TestAnalyzerServer drives the pack's gRPC analyzer as the engine does: Handshake,
// ConfigureStack, GetAnalyzerInfo, Configure, Analyze and AnalyzeStack. It does not call
// t.Parallel: the server keeps the configuration of the last Configure call.
func TestAnalyzerServer(t *testing.T) {
	conn, err := grpc.NewClient(analyzerAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	client := pulumirpc.NewAnalyzerClient(conn)
	ctx := context.Background()

	// Unlike policyx's server, the pack answers GetPluginInfo before
	// ConfigureStack (what `pulumi policy publish` does first).
	early, err := client.GetPluginInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, PackVersion, early.GetVersion())

	dir := t.TempDir()
	_, err = client.Handshake(ctx, &pulumirpc.AnalyzerHandshakeRequest{EngineAddress: "127.0.0.1:1", RootDirectory: &dir, ProgramDirectory: &dir})
	require.NoError(t, err)
	_, err = client.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Stack: "dev", Project: "zt", Organization: "org", DryRun: true})
	require.NoError(t, err)

	info, err := client.GetAnalyzerInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, PackName, info.GetName())
	assert.Equal(t, PackVersion, info.GetVersion())
	assert.True(t, info.GetSupportsConfig())
	defaults := map[string]pulumirpc.EnforcementLevel{}
	for _, p := range Policies() {
		defaults[p.Name()] = pulumirpc.EnforcementLevel(p.EnforcementLevel())
	}
	require.Len(t, info.GetPolicies(), len(defaults))
	for _, p := range info.GetPolicies() {
		assert.Equal(t, defaults[p.GetName()], p.GetEnforcementLevel(), p.GetName())
		assert.NotEmpty(t, p.GetDescription(), p.GetName())
	}
	plugInfo, err := client.GetPluginInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, PackVersion, plugInfo.GetVersion())

	props := func(m map[string]any) *structpb.Struct {
		s, err := structpb.NewStruct(m)
		require.NoError(t, err)
		return s
	}
	_, err = client.Configure(ctx, &pulumirpc.ConfigureAnalyzerRequest{PolicyConfig: map[string]*pulumirpc.PolicyConfig{
		"keyvault-purge-protection-enabled":        {EnforcementLevel: pulumirpc.EnforcementLevel_ADVISORY},
		"keyvault-soft-delete-retention":           {EnforcementLevel: pulumirpc.EnforcementLevel_MANDATORY, Properties: props(map[string]any{"minRetentionDays": 30})},
		"keyvault-name-valid":                      {EnforcementLevel: pulumirpc.EnforcementLevel_DISABLED},
		"keyvault-private-endpoint-dns-zone-group": {EnforcementLevel: pulumirpc.EnforcementLevel_MANDATORY, Properties: props(map[string]any{"dnsManagedExternally": true})},
	}})
	require.NoError(t, err)

	t.Run("Analyze", func(t *testing.T) {
		vault := with(with(with(with(with(goodVault(),
			"vaultName", "1kv"),
			"properties.publicNetworkAccess", "Enabled"),
			"properties.enablePurgeProtection", deleted),
			"properties.softDeleteRetentionInDays", 20),
			"properties.networkAcls.defaultAction", unknown)
		vault = with(vault, "properties.tenantId", secret("tenant"))
		urn := testURN(tokVault, "kv")
		resp, err := client.Analyze(ctx, &pulumirpc.AnalyzeRequest{Type: tokVault, Urn: urn, Name: "kv", Properties: marshal(t, vault)})
		require.NoError(t, err)
		got := diagsByPolicy(resp.GetDiagnostics())
		assert.ElementsMatch(t, []string{
			"keyvault-public-network-access-disabled",
			"keyvault-purge-protection-enabled",
			"keyvault-soft-delete-retention",
		}, keys(got), "name-valid is disabled and the unknown default action is skipped")
		pna := got["keyvault-public-network-access-disabled"]
		require.Len(t, pna, 1)
		assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, pna[0].level)
		assert.Equal(t, urn, pna[0].urn)
		assert.Equal(t, NewPublicNetworkAccessDisabled().Description()+"\nKey Vault '1kv' must disable public network access: set properties.publicNetworkAccess to 'Disabled'.", pna[0].message)
		require.Len(t, got["keyvault-purge-protection-enabled"], 1)
		assert.Equal(t, pulumirpc.EnforcementLevel_ADVISORY, got["keyvault-purge-protection-enabled"][0].level)
		ret := got["keyvault-soft-delete-retention"]
		require.Len(t, ret, 1)
		assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, ret[0].level)
		assert.Contains(t, ret[0].message, "at least 30 days (it keeps them 20)")

		// A malformed value is a violation, not an error.
		resp, err = client.Analyze(ctx, &pulumirpc.AnalyzeRequest{Type: "azure-native:keyvault/v20230701:Vault", Urn: urn, Name: "kv", Properties: marshal(t, with(goodVault(), "properties", list{"x"}))})
		require.NoError(t, err)
		assert.NotEmpty(t, resp.GetDiagnostics())
		for _, d := range resp.GetDiagnostics() {
			assert.Contains(t, d.GetMessage(), "which holds a list where an object belongs")
		}
	})

	t.Run("AnalyzeStack", func(t *testing.T) {
		stack := vaultStack("kv-a", stackOpts{})
		noEndpoint := drop(drop(stack, "kv-a-pe"), "kv-a-zg")
		wire := func(rs []policyx.AnalyzerResource) []*pulumirpc.AnalyzerResource {
			out := make([]*pulumirpc.AnalyzerResource, len(rs))
			for i, r := range rs {
				out[i] = wireResource(t, r)
			}
			return out
		}
		resp, err := client.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: wire(noEndpoint)})
		require.NoError(t, err)
		got := diagsByPolicy(resp.GetDiagnostics())
		pe := got["keyvault-private-endpoint-required"]
		require.Len(t, pe, 1)
		assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, pe[0].level)
		assert.Equal(t, testURN(tokVault, "kv-a"), pe[0].urn)
		assert.Contains(t, pe[0].message, "must have a private endpoint")

		// The complete stack, related only through URN dependencies with unknown IDs, passes
		// the mandatory stack rules.
		resp, err = client.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: wire(stack)})
		require.NoError(t, err)
		for _, d := range resp.GetDiagnostics() {
			assert.NotEqual(t, pulumirpc.EnforcementLevel_MANDATORY, d.GetEnforcementLevel(), "%s: %s", d.GetPolicyName(), d.GetMessage())
		}

		// Stack policies get their config through the server (policyx v3.276.0's server
		// passes none): dnsManagedExternally, configured above, lets a stack without a zone
		// group through, and Evaluate agrees.
		resp, err = client.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: wire(drop(stack, "kv-a-zg"))})
		require.NoError(t, err)
		assert.Empty(t, diagsByPolicy(resp.GetDiagnostics())["keyvault-private-endpoint-dns-zone-group"])
		conf := DefaultConfig()
		conf["keyvault-private-endpoint-dns-zone-group"] = policyx.PolicyConfig{EnforcementLevel: lvlMand, Properties: map[string]any{"dnsManagedExternally": true}}
		vs, err := Evaluate(ctx, drop(stack, "kv-a-zg"), conf)
		require.NoError(t, err)
		for _, v := range vs {
			assert.NotEqual(t, "keyvault-private-endpoint-dns-zone-group", v.Policy)
		}
	})
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
