package offline

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

// Runner runs one stack's operations with the policy pack as a gate.
type Runner struct {
	Stack  auto.Stack
	Layout Layout
	Target Target
	// Out receives the progress display and the reports.
	Out io.Writer
	// PolicyPack is the pack executable (or directory) passed to the engine;
	// empty runs without the gate (only tests of Azure's own rules do that).
	PolicyPack string
	// Quiet suppresses the engine's progress display (tests).
	Quiet bool
}

// Preview runs a preview gated by the policy pack.
func (r *Runner) Preview(ctx context.Context) (*Recorder, auto.PreviewResult, error) {
	rec := NewRecorder()
	opts := []optpreview.Option{optpreview.EventStreams(rec.Channel()), optpreview.Color("never")}
	if r.PolicyPack != "" {
		opts = append(opts, optpreview.PolicyPacks(r.PolicyPack))
	}
	if !r.Quiet {
		opts = append(opts, optpreview.ProgressStreams(r.Out))
	}
	res, err := r.Stack.Preview(ctx, opts...)
	rec.Wait()
	return rec, res, err
}

// Up runs an update gated by the policy pack.
func (r *Runner) Up(ctx context.Context) (*Recorder, auto.UpResult, error) {
	rec := NewRecorder()
	opts := []optup.Option{optup.EventStreams(rec.Channel()), optup.Color("never")}
	if r.PolicyPack != "" {
		opts = append(opts, optup.PolicyPacks(r.PolicyPack))
	}
	if !r.Quiet {
		opts = append(opts, optup.ProgressStreams(r.Out))
	}
	res, err := r.Stack.Up(ctx, opts...)
	rec.Wait()
	return rec, res, err
}

// Refresh reads the (simulated) cloud back into the state.
func (r *Runner) Refresh(ctx context.Context) (auto.RefreshResult, error) {
	opts := []optrefresh.Option{optrefresh.Color("never")}
	if !r.Quiet {
		opts = append(opts, optrefresh.ProgressStreams(r.Out))
	}
	return r.Stack.Refresh(ctx, opts...)
}

// GatedUp previews first and updates only when the preview passes the policy
// pack. During an update the engine checks each resource as it goes and
// creates those that pass before it reaches one that fails; the preview makes
// the gate all-or-nothing.
func (r *Runner) GatedUp(ctx context.Context) (*Recorder, auto.UpResult, error) {
	rec, _, err := r.Preview(ctx)
	if err != nil {
		return rec, auto.UpResult{}, fmt.Errorf("preview refused, nothing was changed: %w", err)
	}
	return r.Up(ctx)
}

// Destroy deletes the stack's resources after a destroy preview passes. The
// engine refuses to delete a protected resource but, once a destroy runs,
// deletes the unprotected ones around it; the preview makes the refusal
// all-or-nothing.
func (r *Runner) Destroy(ctx context.Context) (auto.DestroyResult, error) {
	if _, err := r.Stack.PreviewDestroy(ctx, optdestroy.Color("never")); err != nil {
		return auto.DestroyResult{}, fmt.Errorf("destroy refused, nothing was deleted: %w", err)
	}
	opts := []optdestroy.Option{optdestroy.Color("never")}
	if !r.Quiet {
		opts = append(opts, optdestroy.ProgressStreams(r.Out))
	}
	return r.Stack.Destroy(ctx, opts...)
}

// Demo is the main job: preview with the policy pack, print the plan and the
// policy results, update, print the outputs, and say plainly where it went.
func (r *Runner) Demo(ctx context.Context) error {
	w := r.Out
	r.banner()
	fmt.Fprintf(w, "\n== Preview of stack %q with the policy pack\n", r.Stack.Name())
	rec, _, err := r.Preview(ctx)
	rec.PrintSteps(w, "Plan")
	rec.PrintPolicies(w)
	if err != nil {
		return fmt.Errorf("preview refused: %w", err)
	}
	fmt.Fprintf(w, "\n== Update of stack %q with the policy pack (preview passed)\n", r.Stack.Name())
	rec, res, err := r.Up(ctx)
	rec.PrintPolicies(w)
	if err != nil {
		return fmt.Errorf("update failed: %w", err)
	}
	fmt.Fprintf(w, "\n== Outputs of stack %q\n", r.Stack.Name())
	keys := make([]string, 0, len(res.Outputs))
	for k := range res.Outputs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := res.Outputs[k]
		if v.Secret {
			fmt.Fprintf(w, "  %-20s [secret]\n", k)
			continue
		}
		fmt.Fprintf(w, "  %-20s %v\n", k, v.Value)
	}
	r.banner()
	return nil
}

func (r *Runner) banner() {
	if r.Target == TargetOffline {
		fmt.Fprintf(r.Out, "\n*** SIMULATED DEPLOYMENT: the real Pulumi engine ran against the local Azure simulator, a test double of\n"+
			"*** Azure Resource Manager. Nothing was sent to Azure; IDs and outputs are simulated. Simulated cloud: %s\n", r.Layout.WorldFile())
		return
	}
	fmt.Fprintln(r.Out, "\n*** AZURE DEPLOYMENT: this run uses your Azure credentials and the real azure-native provider.")
}
