package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/offline"
)

// The tests in this folder run the built plugin through the pinned Pulumi
// CLI, the way `pulumi package get-schema`, `gen-sdk` and `package add` do.
// They share one build of the CLI (the repository's .bin/cli, built from the
// Go module proxy when missing) and of the plugin (in a temporary folder).

var (
	buildOnce sync.Once
	built     struct {
		layout offline.Layout
		cli    auto.PulumiCommand
		plugin string
		err    error
	}
	// scratch holds the test plugin builds; TestMain removes it.
	scratch string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zerotrust-plugin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scratch = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// pluginAndCLI builds the plugin with its default version and returns it
// with the pinned CLI.
func pluginAndCLI(t *testing.T) (context.Context, offline.Layout, auto.PulumiCommand, string) {
	t.Helper()
	buildOnce.Do(func() {
		var log bytes.Buffer
		ctx := context.Background()
		root, err := filepath.Abs("..")
		if err != nil {
			built.err = err
			return
		}
		built.layout = offline.NewLayout(root, scratch)
		if built.cli, err = offline.EnsureCLI(ctx, built.layout, &log); err != nil {
			built.err = fmt.Errorf("%w\n%s", err, log.String())
			return
		}
		built.plugin = filepath.Join(scratch, "pulumi-resource-zerotrust")
		start := time.Now()
		if err := offline.BuildComponentPluginAt(ctx, built.layout, built.plugin, "", &log); err != nil {
			built.err = fmt.Errorf("%w\n%s", err, log.String())
			return
		}
		fmt.Printf("built %s in %s\n", built.plugin, time.Since(start).Round(time.Millisecond))
	})
	require.NoError(t, built.err, "building the CLI and the plugin")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	return ctx, built.layout, built.cli, built.plugin
}

// pulumi runs the CLI in dir with a PULUMI_HOME of the test's own.
func pulumi(t *testing.T, ctx context.Context, cli auto.PulumiCommand, dir string, args ...string) string {
	t.Helper()
	env := []string{
		"PULUMI_HOME=" + t.TempDir(),
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
	}
	stdout, stderr, code, err := cli.Run(ctx, dir, nil, nil, nil, env, args...)
	require.NoError(t, err, "pulumi %s (exit %d):\n%s", strings.Join(args, " "), code, stderr)
	return stdout
}

// getSchema is `pulumi package get-schema <plugin>`.
func getSchema(t *testing.T, ctx context.Context, cli auto.PulumiCommand, plugin string) []byte {
	t.Helper()
	return []byte(pulumi(t, ctx, cli, filepath.Dir(plugin), "package", "get-schema", plugin))
}
