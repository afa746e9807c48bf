//go:build e2e

package offline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

// The YAML test runs examples/yaml/Pulumi.yaml, a Pulumi YAML program that
// uses the component package (zerotrust:keyvault:ZeroTrustVault), through
// the real engine: the pinned CLI, the YAML language host built from
// pulumi-yaml, the component plugin built from provider/ and the Azure
// simulator, all found on PATH in .bin/plugins, with the policy-pack
// executable as the gate. The program takes its resource group and subnet
// from configuration, and the test seeds them in the simulated cloud: the
// simulator does not serve the azure-native schema (GetSchema), which the
// YAML language host would need to declare azure-native resources directly.

var (
	yamlBuildOnce sync.Once
	yamlBuildErr  error
)

// yamlSetup adds the component plugin and the YAML language host to the
// shared build of the CLI, simulator and policy pack.
func yamlSetup(t *testing.T) (context.Context, Layout) {
	t.Helper()
	ctx, l := setup(t)
	yamlBuildOnce.Do(func() {
		var log bytes.Buffer
		start := time.Now()
		if err := BuildComponentPlugin(ctx, l, &log); err != nil {
			yamlBuildErr = &buildError{err, log.String()}
			return
		}
		t.Logf("component plugin built in %s", time.Since(start).Round(time.Millisecond))
		start = time.Now()
		if err := BuildYAMLLanguageHost(ctx, l, &log); err != nil {
			yamlBuildErr = &buildError{err, log.String()}
			return
		}
		t.Logf("YAML language host built in %s", time.Since(start).Round(time.Millisecond))
	})
	require.NoError(t, yamlBuildErr, "building the component plugin and the YAML language host")
	return ctx, l
}

const (
	yamlStack     = "dev"
	yamlRG        = "rg-zt-yaml"
	yamlPrincipal = "0b1f6d2e-7c3a-4d5e-9f10-2a3b4c5d6e7f"
)

func yamlSubnetID() string {
	return "/subscriptions/" + SimSubscriptionID + "/resourceGroups/" + yamlRG +
		"/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
}

// yamlStackOf seeds the landing zone the example expects (resource group,
// virtual network, subnet) in the test's simulated cloud and opens the
// example as a local-source stack in the test's own folder, with the
// example's required configuration set.
func yamlStackOf(t *testing.T, ctx context.Context, l Layout) auto.Stack {
	t.Helper()
	sub := "/subscriptions/" + SimSubscriptionID + "/resourceGroups/" + yamlRG
	for _, seed := range [][3]string{
		{"azure-native:resources:ResourceGroup", sub, `{"location":"westeurope"}`},
		{"azure-native:network:VirtualNetwork", sub + "/providers/Microsoft.Network/virtualNetworks/vnet-spoke",
			`{"location":"westeurope","addressSpace":{"addressPrefixes":["10.30.0.0/16"]}}`},
		{"azure-native:network:Subnet", yamlSubnetID(), `{"addressPrefix":"10.30.1.0/24"}`},
	} {
		out, err := sim(t, ctx, l, "put", seed[0], seed[1], seed[2])
		require.NoError(t, err, out)
	}

	dir := filepath.Join(l.Work, "yaml")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, d := range []string{l.StateDir(), l.PulumiHome()} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	program, err := os.ReadFile(filepath.Join(l.Root, "examples", "yaml", "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), program, 0o644))

	s, err := auto.UpsertStackLocalSource(ctx, yamlStack, dir,
		auto.Pulumi(cli), auto.EnvVars(l.OfflineEnv()), auto.PulumiHome(l.PulumiHome()))
	require.NoError(t, err)
	require.NoError(t, s.SetAllConfig(ctx, auto.ConfigMap{
		"azure-native:location": {Value: "westeurope"},
		"resourceGroupName":     {Value: yamlRG},
		"endpointSubnetId":      {Value: yamlSubnetID()},
		"appPrincipalId":        {Value: yamlPrincipal},
	}))
	return s
}

// goMessage is the error the Go API gives for the example's arguments with
// the given change: what YAML users must see too.
func goMessage(t *testing.T, change func(*component.ZeroTrustVaultArgs)) string {
	t.Helper()
	args := &component.ZeroTrustVaultArgs{
		ResourceGroupName:       pulumi.String(yamlRG),
		Location:                pulumi.String("westeurope"),
		SoftDeleteRetentionDays: 90,
		PrivateEndpoints:        []component.PrivateEndpointArgs{{SubnetID: pulumi.String(yamlSubnetID())}},
		RoleAssignments: []component.RoleAssignmentArgs{{
			Key: "app", PrincipalID: pulumi.String(yamlPrincipal), Role: "Key Vault Secrets User",
		}},
		Tags: map[string]string{"cost-center": "platform"},
	}
	change(args)
	var ctorErr error
	_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, ctorErr = component.NewZeroTrustVault(ctx, "vault", args)
		return ctorErr
	}, azmock.New("zerotrust-keyvault-yaml", yamlStack).RunOption())
	require.ErrorIs(t, ctorErr, component.ErrInvalidArgs)
	return ctorErr.Error()
}

// errorDiagnostics collects the error diagnostics of one operation.
type errorDiagnostics struct {
	ch   chan events.EngineEvent
	done chan struct{}
	msgs []string
}

func newErrorDiagnostics() *errorDiagnostics {
	d := &errorDiagnostics{ch: make(chan events.EngineEvent), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		for e := range d.ch {
			if e.DiagnosticEvent != nil && e.DiagnosticEvent.Severity == "error" {
				d.msgs = append(d.msgs, e.DiagnosticEvent.Message)
			}
		}
	}()
	return d
}

func (d *errorDiagnostics) text() string {
	<-d.done
	return strings.Join(d.msgs, "\n")
}

// The default configuration of the YAML example passes the policy pack and
// is created; an unsafe one is refused by the component's own validation,
// with exactly the Go API's message, at preview and at update, and the
// deployed vault stays as it was.
func TestYAMLProgramUsesTheComponentPackage(t *testing.T) {
	ctx, l := yamlSetup(t)
	s := yamlStackOf(t, ctx, l)
	r := &Runner{Stack: s, Layout: l, Target: TargetOffline, Out: testWriter{t}, PolicyPack: l.PolicyPackPath(), Quiet: true}

	rec, _, err := r.Preview(ctx)
	require.NoError(t, err)
	assert.Empty(t, rec.Mandatory(), "the default configuration must pass every mandatory policy")
	assert.Greater(t, rec.Steps()["create"], 8)

	rec, up, err := r.Up(ctx)
	require.NoError(t, err)
	assert.Empty(t, rec.Mandatory())
	vaultID, _ := up.Outputs["vaultId"].Value.(string)
	require.Contains(t, vaultID, "/resourceGroups/"+yamlRG+"/providers/Microsoft.KeyVault/vaults/")
	vaultName, _ := up.Outputs["vaultName"].Value.(string)
	assert.Equal(t, component.DeriveVaultName("zerotrust-keyvault-yaml", yamlStack, "vault"), vaultName,
		"the vault is named as the Go API names it")
	out, err := sim(t, ctx, l, "show", vaultID)
	require.NoError(t, err, "the vault must exist in the simulated cloud: %s", out)
	assert.Contains(t, out, `"enablePurgeProtection": true`)
	assert.Contains(t, out, `"publicNetworkAccess": "Disabled"`)
	assert.Contains(t, out, `"softDeleteRetentionInDays": 90`)
	ips, _ := up.Outputs["privateIpAddresses"].Value.(map[string]any)
	assert.Regexp(t, `^10\.30\.1\.\d+$`, ips["pe"], "the endpoint's IP comes from the seeded subnet")

	for _, tc := range []struct {
		name   string
		key    string
		value  string
		change func(*component.ZeroTrustVaultArgs)
	}{
		{"retention beyond Azure's range", "softDeleteRetentionDays", "120",
			func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = 120 }},
		{"Owner without the opt-in", "appRole", "Owner",
			func(a *component.ZeroTrustVaultArgs) { a.RoleAssignments[0].Role = "Owner" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := goMessage(t, tc.change)
			require.NoError(t, s.SetConfig(ctx, tc.key, auto.ConfigValue{Value: tc.value}))
			t.Cleanup(func() { _ = s.RemoveConfig(ctx, tc.key) })

			diags := newErrorDiagnostics()
			_, err := s.Preview(ctx, optpreview.EventStreams(diags.ch), optpreview.PolicyPacks(l.PolicyPackPath()),
				optpreview.Color("never"))
			require.Error(t, err, "the preview must be refused")
			assert.Contains(t, diags.text(), want, "the YAML program must see the Go API's message")

			diags = newErrorDiagnostics()
			_, err = s.Up(ctx, optup.EventStreams(diags.ch), optup.PolicyPacks(l.PolicyPackPath()), optup.Color("never"))
			require.Error(t, err, "the update must be refused")
			assert.Contains(t, diags.text(), want)

			out, err := sim(t, ctx, l, "show", vaultID)
			require.NoError(t, err, "a refused update must not delete the vault: %s", out)
			assert.Contains(t, out, `"softDeleteRetentionInDays": 90`)
		})
	}
}
