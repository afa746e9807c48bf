package offline

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// StackOptions choose the stack and where it deploys.
type StackOptions struct {
	// Stack is the stack name (stacks/Pulumi.<Stack>.yaml).
	Stack string
	// Target is offline (the simulator) or azure.
	Target Target
	// Program is the Pulumi program; the project's program.Run by default.
	Program pulumi.RunFunc
	// Env are extra environment variables for the engine and its plugins
	// (for example the simulator's fault knobs).
	Env map[string]string
}

// OpenStack creates or selects the stack with an inline program. Offline, it
// uses the project-local file backend, PULUMI_HOME and simulator; for Azure it
// uses the caller's environment (backend, login, credentials) and the
// repository's own project folder.
func OpenStack(ctx context.Context, l Layout, cli auto.PulumiCommand, o StackOptions) (auto.Stack, error) {
	env := map[string]string{"PULUMI_SKIP_UPDATE_CHECK": "true"}
	workDir := l.Root
	if o.Target == TargetOffline {
		for _, d := range []string{l.StateDir(), l.PulumiHome()} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return auto.Stack{}, err
			}
		}
		if err := l.PrepareProject(o.Stack); err != nil {
			return auto.Stack{}, err
		}
		workDir = l.ProjectDir()
		env = l.OfflineEnv()
	}
	for k, v := range o.Env {
		env[k] = v
	}
	opts := []auto.LocalWorkspaceOption{auto.WorkDir(workDir), auto.Pulumi(cli), auto.EnvVars(env)}
	if o.Target == TargetOffline {
		opts = append(opts, auto.PulumiHome(l.PulumiHome()))
	}
	s, err := auto.UpsertStackInlineSource(ctx, o.Stack, ProjectName, o.Program, opts...)
	if err != nil {
		return auto.Stack{}, fmt.Errorf("opening stack %q: %w", o.Stack, err)
	}
	return s, nil
}

// ValidTarget parses a --target value.
func ValidTarget(s string) (Target, error) {
	switch t := Target(strings.ToLower(s)); t {
	case TargetOffline, TargetAzure:
		return t, nil
	}
	return "", fmt.Errorf("--target %q must be offline or azure", s)
}
