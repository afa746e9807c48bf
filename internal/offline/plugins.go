package offline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The component package (provider/, a separate module) and the YAML language
// host (tools/pulumi-yaml, a separate module) are built into PluginDir, next
// to the simulator, so that the engine finds them on PATH: a YAML, TypeScript
// or Python program that uses zerotrust:keyvault:ZeroTrustVault then runs
// offline like the Go program does.

// PulumiYAMLVersion is the pinned version of the YAML language host
// (github.com/pulumi/pulumi-yaml, see tools/pulumi-yaml/go.mod).
const PulumiYAMLVersion = "1.25.0"

// ComponentPackageVersionVar is the linker variable that sets the component
// package's version (see provider/keyvault.Version).
const ComponentPackageVersionVar = "github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault.Version"

// ComponentPluginPath is the plugin of the zerotrust component package.
func (l Layout) ComponentPluginPath() string {
	return filepath.Join(l.PluginDir(), "pulumi-resource-zerotrust")
}

// YAMLLanguageHostPath is the YAML language host.
func (l Layout) YAMLLanguageHostPath() string {
	return filepath.Join(l.PluginDir(), "pulumi-language-yaml")
}

// BuildComponentPlugin builds the component package's plugin into
// ComponentPluginPath with the package's default version.
func BuildComponentPlugin(ctx context.Context, l Layout, log io.Writer) error {
	return BuildComponentPluginAt(ctx, l, l.ComponentPluginPath(), "", log)
}

// BuildComponentPluginAt builds the component package's plugin into out. A
// non-empty version (a release tag such as v0.2.0) is linked in as the
// package version; empty keeps the package's default.
func BuildComponentPluginAt(ctx context.Context, l Layout, out, version string, log io.Writer) error {
	args := []string{"./cmd/pulumi-resource-zerotrust"}
	if version != "" {
		args = append([]string{"-ldflags", "-X " + ComponentPackageVersionVar + "=" + version}, args...)
	}
	if err := goBuild(ctx, filepath.Join(l.Root, "provider"), log, out, args...); err != nil {
		return fmt.Errorf("building the component plugin: %w", err)
	}
	return nil
}

// BuildYAMLLanguageHost builds the pinned YAML language host into
// YAMLLanguageHostPath (tools/pulumi-yaml; a cold build takes about a minute,
// later ones only relink when something changed).
func BuildYAMLLanguageHost(ctx context.Context, l Layout, log io.Writer) error {
	if err := goBuild(ctx, filepath.Join(l.Root, "tools", "pulumi-yaml"), log, l.YAMLLanguageHostPath(),
		"-ldflags", "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v"+PulumiYAMLVersion,
		"github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"); err != nil {
		return fmt.Errorf("building the YAML language host: %w", err)
	}
	return nil
}

// OfflineEnv is the environment of an engine run against the simulator: the
// project-local file backend, PULUMI_HOME and simulated cloud, PluginDir
// first on PATH (simulator, component plugin, YAML language host) and no
// plugin downloads.
func (l Layout) OfflineEnv() map[string]string {
	env := map[string]string{
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"PULUMI_BACKEND_URL":       "file://" + filepath.ToSlash(l.StateDir()),
		"PULUMI_CONFIG_PASSPHRASE": Passphrase,
		"PULUMI_HOME":              l.PulumiHome(),
		"PATH":                     l.PluginDir() + string(os.PathListSeparator) + os.Getenv("PATH"),
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
	for k, v := range l.simEnv() {
		env[k] = v
	}
	return env
}
