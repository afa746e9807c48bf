package offline

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// EnsureCLI returns the Pulumi CLI to drive: a `pulumi` on PATH of the pinned
// version or newer, else the project-local build in CLIRoot, which it builds
// from the Go module proxy (tools/pulumi, a separate module) when missing.
func EnsureCLI(ctx context.Context, l Layout, log io.Writer) (auto.PulumiCommand, error) {
	minimum := semver.MustParse(PulumiVersion)
	if _, err := exec.LookPath("pulumi"); err == nil {
		if cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Version: minimum}); err == nil {
			fmt.Fprintf(log, "Using the Pulumi CLI on PATH (%s).\n", cmd.Version())
			return cmd, nil
		}
	}
	bin := filepath.Join(l.CLIRoot(), "bin", "pulumi")
	if !fileExists(bin) {
		fmt.Fprintf(log, "Building the pinned Pulumi CLI v%s into %s (once; a cold build takes a few minutes)...\n", PulumiVersion, bin)
		if err := goBuild(ctx, filepath.Join(l.Root, "tools", "pulumi"), log, bin,
			"-ldflags", "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v"+PulumiVersion,
			"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"); err != nil {
			return nil, fmt.Errorf("building the Pulumi CLI: %w", err)
		}
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: l.CLIRoot(), Version: minimum})
	if err != nil {
		return nil, fmt.Errorf("using the Pulumi CLI in %s: %w", l.CLIRoot(), err)
	}
	return cmd, nil
}

// BuildSimulator builds the Azure simulator plugin into PluginDir.
func BuildSimulator(ctx context.Context, l Layout, log io.Writer) error {
	if err := goBuild(ctx, l.Root, log, l.SimulatorPath(), "./cmd/pulumi-resource-azure-native"); err != nil {
		return fmt.Errorf("building the Azure simulator: %w", err)
	}
	return nil
}

// BuildPolicyPack builds the policy-pack executable.
func BuildPolicyPack(ctx context.Context, l Layout, log io.Writer) error {
	if err := goBuild(ctx, l.Root, log, l.PolicyPackPath(), "./policy"); err != nil {
		return fmt.Errorf("building the policy pack: %w", err)
	}
	return nil
}

// goBuild runs `go build -o out args...` in dir.
func goBuild(ctx context.Context, dir string, log io.Writer, out string, args ...string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"build", "-o", out}, args...)...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = log, log
	return cmd.Run()
}
