package azuresim

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// buildPlugin builds the plugin binary into a temporary folder.
func buildPlugin(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	bin := filepath.Join(t.TempDir(), "pulumi-resource-azure-native")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/pulumi-resource-azure-native")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build ./cmd/pulumi-resource-azure-native:\n%s", out)
	return bin
}

// TestPluginBinary builds the plugin, drives its admin CLI and talks to it
// as the engine does: start it, read the port it prints, call it over gRPC.
func TestPluginBinary(t *testing.T) {
	t.Parallel()
	bin := buildPlugin(t)
	world := filepath.Join(t.TempDir(), "world.json")
	env := append(os.Environ(), EnvState+"="+world)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{AdminCommand}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return string(out), code
	}

	rg := "/subscriptions/" + testSub + "/resourceGroups/rg-hub"
	out, code := run("put", tokResourceGroup, rg, `{"location":"westeurope"}`)
	require.Equal(t, 0, code, out)
	zone := rg + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
	out, code = run("put", tokPrivateZone, zone, `{}`)
	require.Equal(t, 0, code, out)
	out, code = run("list")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, zone)
	require.Contains(t, out, "(seeded)")
	out, code = run("show", zone)
	require.Equal(t, 0, code, out)
	require.Contains(t, out, `"location": "global"`)
	out, code = run("set", zone, "tags.owner", `"network-team"`)
	require.Equal(t, 0, code, out)
	out, code = run("show", zone)
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "network-team")
	out, code = run("deleted")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "SCHEDULED PURGE")
	out, code = run("delete", zone)
	require.Equal(t, 0, code, out)
	out, code = run("show", zone)
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "ResourceNotFound")
	out, code = run("frobnicate")
	require.Equal(t, 2, code, out)
	require.Contains(t, out, "usage:")
	out, code = run("types")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, tokVault)

	// As a plugin: it prints its port and answers the provider protocol.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	port, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	client := pulumirpc.NewResourceProviderClient(conn)
	info, err := client.GetPluginInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	require.Equal(t, PluginVersion, info.GetVersion())
	_, err = client.Create(ctx, &pulumirpc.CreateRequest{Urn: urn("azure-native:web:WebApp", "app"), Type: "azure-native:web:WebApp"})
	require.Error(t, err)
	require.Contains(t, err.Error(), "azure simulator: resource type azure-native:web:WebApp is not simulated")
	resp, err := client.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(tokResourceGroup, "rg"), Type: tokResourceGroup,
		Properties: mustMarshal(t, rgProps("rg-app"))})
	require.NoError(t, err)
	require.Equal(t, "/subscriptions/"+testSub+"/resourceGroups/rg-app", resp.GetId())
	out, code = run("list")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "rg-app", "the plugin and the CLI share the simulated cloud")
}

func TestEngineAddressArgument(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"127.0.0.1:4000"}, "127.0.0.1:4000"},
		{[]string{"--logtostderr", "-v=9", "127.0.0.1:4000"}, "127.0.0.1:4000"},
		{[]string{"--tracing", "http://zipkin:9411", "127.0.0.1:4000"}, "127.0.0.1:4000"},
		{[]string{"--tracing", "http://zipkin:9411"}, ""},
	} {
		require.Equal(t, tc.want, engineAddress(tc.args), "%v", tc.args)
	}
}
