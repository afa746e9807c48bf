package offline

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// PolicyResult is one policy violation reported by the engine.
type PolicyResult struct {
	Policy   string
	Level    string // "mandatory", "advisory" (the engine says "warning"), ...
	Resource string // URN, empty for stack-level results
	Message  string
}

// Recorder collects engine events: policy results and resource steps.
type Recorder struct {
	mu       sync.Mutex
	policies []PolicyResult
	steps    map[string]int // op -> count
	done     chan struct{}
	ch       chan events.EngineEvent
}

// NewRecorder returns a recorder whose Channel must be handed to one operation.
func NewRecorder() *Recorder {
	r := &Recorder{steps: map[string]int{}, done: make(chan struct{}), ch: make(chan events.EngineEvent)}
	go func() {
		defer close(r.done)
		for e := range r.ch {
			r.record(e.EngineEvent)
		}
	}()
	return r
}

// Channel is the event channel to pass to optpreview/optup/optdestroy.EventStreams.
// The Automation API closes it when the operation ends.
func (r *Recorder) Channel() chan<- events.EngineEvent { return r.ch }

// Wait blocks until the operation's event stream is closed. The Automation
// API closes it only when the CLI streamed events, which it does not when it
// fails before the engine starts (a configuration error, say), so Wait, called
// after the operation returned, gives up after a short grace period.
func (r *Recorder) Wait() {
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
	}
}

func (r *Recorder) record(e apitype.EngineEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := e.PolicyEvent; p != nil {
		level := p.EnforcementLevel
		if level == "warning" {
			level = "advisory"
		}
		msg := p.Message
		r.policies = append(r.policies, PolicyResult{Policy: p.PolicyName, Level: level, Resource: p.ResourceURN, Message: msg})
	}
	if s := e.ResourcePreEvent; s != nil && s.Metadata.Type != "pulumi:pulumi:Stack" {
		r.steps[string(s.Metadata.Op)]++
	}
}

// Policies returns the policy results, mandatory first.
func (r *Recorder) Policies() []PolicyResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]PolicyResult(nil), r.policies...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Level != out[j].Level {
			return out[i].Level == "mandatory"
		}
		return out[i].Policy < out[j].Policy
	})
	return out
}

// Mandatory returns the mandatory violations.
func (r *Recorder) Mandatory() []PolicyResult {
	var out []PolicyResult
	for _, p := range r.Policies() {
		if p.Level == "mandatory" {
			out = append(out, p)
		}
	}
	return out
}

// Steps returns how many resource steps of each kind were planned or run.
func (r *Recorder) Steps() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.steps {
		out[k] = v
	}
	return out
}

// PrintPolicies writes the policy results as a short report.
func (r *Recorder) PrintPolicies(w io.Writer) {
	ps := r.Policies()
	if len(ps) == 0 {
		fmt.Fprintln(w, "Policy pack zerotrust-keyvault: no violations.")
		return
	}
	fmt.Fprintf(w, "Policy pack zerotrust-keyvault: %d result(s):\n", len(ps))
	for _, p := range ps {
		res := p.Resource
		if i := strings.LastIndex(res, "::"); i >= 0 {
			res = res[i+2:]
		}
		if res == "" {
			res = "(stack)"
		}
		fmt.Fprintf(w, "  [%s] %s on %s\n      %s\n", p.Level, p.Policy, res, oneLine(p.Message))
	}
}

// PrintSteps writes the plan summary.
func (r *Recorder) PrintSteps(w io.Writer, verb string) {
	steps := r.Steps()
	keys := make([]string, 0, len(steps))
	for k := range steps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d to %s", steps[k], k))
	}
	if len(parts) == 0 {
		parts = []string{"no resource steps"}
	}
	fmt.Fprintf(w, "%s: %s\n", verb, strings.Join(parts, ", "))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
