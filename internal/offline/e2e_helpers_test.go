//go:build e2e

package offline

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// The engine-level tests share one build of the CLI, the simulator and the
// policy pack (in the repository's .bin), and give every test its own state
// backend, PULUMI_HOME and simulated cloud in a temporary folder.
var (
	buildOnce sync.Once
	buildErr  error
	cli       auto.PulumiCommand
	repoRoot  string
)

func setup(t *testing.T) (context.Context, Layout) {
	t.Helper()
	build()
	require.NoError(t, buildErr, "building the CLI, simulator and policy pack")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	t.Cleanup(cancel)
	return ctx, NewLayout(repoRoot, t.TempDir())
}

// setupBench is setup for benchmarks.
func setupBench(b *testing.B) (context.Context, Layout) {
	b.Helper()
	build()
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	b.Cleanup(cancel)
	return ctx, NewLayout(repoRoot, b.TempDir())
}

// build builds the CLI, the simulator and the policy pack once per process.
func build() {
	buildOnce.Do(func() {
		var log bytes.Buffer
		ctx := context.Background()
		wd, err := os.Getwd()
		if err != nil {
			buildErr = err
			return
		}
		if repoRoot, buildErr = FindRoot(wd); buildErr != nil {
			return
		}
		l := NewLayout(repoRoot, "")
		if cli, buildErr = EnsureCLI(ctx, l, &log); buildErr != nil {
			buildErr = &buildError{buildErr, log.String()}
			return
		}
		if buildErr = BuildSimulator(ctx, l, &log); buildErr != nil {
			buildErr = &buildError{buildErr, log.String()}
			return
		}
		if buildErr = BuildPolicyPack(ctx, l, &log); buildErr != nil {
			buildErr = &buildError{buildErr, log.String()}
		}
	})
}

type buildError struct {
	err error
	log string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.log }

// runner opens a stack with the given program in the test's own world.
func runner(t *testing.T, ctx context.Context, l Layout, stack string, prog pulumi.RunFunc, env map[string]string) *Runner {
	t.Helper()
	s, err := OpenStack(ctx, l, cli, StackOptions{Stack: stack, Target: TargetOffline, Program: prog, Env: env})
	require.NoError(t, err)
	return &Runner{Stack: s, Layout: l, Target: TargetOffline, Out: testWriter{t}, PolicyPack: l.PolicyPackPath(), Quiet: true}
}

// sim runs the simulator's admin CLI against the test's world.
func sim(t *testing.T, ctx context.Context, l Layout, args ...string) (string, error) {
	t.Helper()
	out, err := simCommand(ctx, l, args...).CombinedOutput()
	return string(out), err
}

// testWriter sends engine output to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// changes sums an operation's resource changes by kind, ignoring "same".
func changes(m *map[string]int) map[string]int {
	out := map[string]int{}
	if m == nil {
		return out
	}
	for k, v := range *m {
		if k != "same" && v > 0 {
			out[k] = v
		}
	}
	return out
}
