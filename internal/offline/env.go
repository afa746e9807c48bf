package offline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Target is where a deployment goes.
type Target string

const (
	// TargetOffline deploys to the local Azure simulator.
	TargetOffline Target = "offline"
	// TargetAzure deploys to real Azure with the user's credentials.
	TargetAzure Target = "azure"
)

// Passphrase protects the secrets of offline stacks. It is public on
// purpose: offline state holds simulated resources only. Real stacks use the
// user's own backend and secrets provider.
const Passphrase = "zerotrust-offline-only"

// The identity the simulator reports through getClientConfig for offline
// stacks (placeholders; nothing is authenticated offline).
const (
	SimTenantID       = "7d3b2a10-5c4e-4f6a-9b8c-0d1e2f3a4b5c"
	SimSubscriptionID = "3f2e1d0c-9b8a-4765-8432-10fedcba9876"
	SimObjectID       = "c0ffee00-1234-4abc-8def-0123456789ab"
)

// simEnv is the environment that points the simulator at the offline world.
func (l Layout) simEnv() map[string]string {
	return map[string]string{
		"AZSIM_STATE":           l.WorldFile(),
		"AZSIM_TENANT_ID":       SimTenantID,
		"AZSIM_SUBSCRIPTION_ID": SimSubscriptionID,
		"AZSIM_OBJECT_ID":       SimObjectID,
	}
}

// PulumiVersion is the pinned Pulumi CLI version.
const PulumiVersion = "3.276.0"

// ProjectName is the Pulumi project name (Pulumi.yaml).
const ProjectName = "zerotrust-keyvault"

// Layout names the project-local folders the offline path uses.
type Layout struct {
	// Root is the repository root (the folder with Pulumi.yaml).
	Root string
	// Work is where offline state lives; default Root/.offline.
	Work string
}

// FindRoot walks up from dir to the folder that holds Pulumi.yaml and go.mod.
func FindRoot(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if fileExists(filepath.Join(d, "Pulumi.yaml")) && fileExists(filepath.Join(d, "go.mod")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("no Pulumi.yaml with go.mod found in this folder or above: run from the repository")
		}
		d = parent
	}
}

// NewLayout returns the layout of the repository at root, with offline state in work ("" = root/.offline).
func NewLayout(root, work string) Layout {
	if work == "" {
		work = filepath.Join(root, ".offline")
	}
	return Layout{Root: root, Work: work}
}

// BinDir holds built executables (git-ignored).
func (l Layout) BinDir() string { return filepath.Join(l.Root, ".bin") }

// CLIRoot is where the pinned CLI is built (CLIRoot/bin/pulumi).
func (l Layout) CLIRoot() string { return filepath.Join(l.BinDir(), "cli", "v"+PulumiVersion) }

// PluginDir holds the simulator plugin; it is put first on PATH offline.
func (l Layout) PluginDir() string { return filepath.Join(l.BinDir(), "plugins") }

// SimulatorPath is the simulator plugin executable.
func (l Layout) SimulatorPath() string {
	return filepath.Join(l.PluginDir(), "pulumi-resource-azure-native")
}

// PolicyPackPath is the policy-pack executable.
func (l Layout) PolicyPackPath() string {
	return filepath.Join(l.BinDir(), "zerotrust-keyvault-policy")
}

// StateDir is the file backend's folder.
func (l Layout) StateDir() string { return filepath.Join(l.Work, "state") }

// PulumiHome is the offline PULUMI_HOME (nothing goes to ~/.pulumi).
func (l Layout) PulumiHome() string { return filepath.Join(l.Work, "home") }

// WorldFile is the simulated cloud, kept next to the state.
func (l Layout) WorldFile() string { return filepath.Join(l.StateDir(), "azure-simulator.json") }

// ProjectDir is a working copy of Pulumi.yaml and the stack files, so that
// offline runs never write into the committed stacks/ (Pulumi adds an
// encryption salt to a stack file when it creates the stack).
func (l Layout) ProjectDir() string { return filepath.Join(l.Work, "project") }

// PrepareProject copies Pulumi.yaml and stacks/Pulumi.<stack>.yaml into
// ProjectDir, unless the copy of the stack file already exists (it then holds
// the salt of the offline stack and must be kept). The committed stack file
// wins when it is newer, keeping the salt line the copy already has.
func (l Layout) PrepareProject(stack string) error {
	dst := l.ProjectDir()
	if err := os.MkdirAll(filepath.Join(dst, "stacks"), 0o755); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(l.Root, "Pulumi.yaml"), filepath.Join(dst, "Pulumi.yaml")); err != nil {
		return err
	}
	src := filepath.Join(l.Root, "stacks", "Pulumi."+stack+".yaml")
	if !fileExists(src) {
		return fmt.Errorf("stack %q has no configuration: %s does not exist", stack, src)
	}
	return mergeStackFile(src, filepath.Join(dst, "stacks", "Pulumi."+stack+".yaml"))
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// mergeStackFile writes src to dst, keeping the encryptionsalt line that a
// previous offline run recorded in dst.
func mergeStackFile(src, dst string) error {
	body, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(dst); err == nil {
		for _, line := range strings.Split(string(old), "\n") {
			if strings.HasPrefix(line, "encryptionsalt:") && !strings.Contains(string(body), "encryptionsalt:") {
				body = append([]byte(line+"\n"), body...)
			}
		}
	}
	return os.WriteFile(dst, body, 0o644)
}
