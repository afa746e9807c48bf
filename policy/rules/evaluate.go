package rules

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Violation is one policy violation found by Evaluate.
type Violation struct {
	// Policy is the violated policy's name.
	Policy string
	// Level is the enforcement level in force (the policy's default or the configured one).
	Level policyx.EnforcementLevel
	// URN is the resource the violation is about; stack policies may leave it empty.
	URN string
	// Message is the policy's message. The engine shows the policy's description, a newline
	// and this message.
	Message string
}

// recorder is a policyx.PolicyManager that collects violations for one policy.
type recorder struct {
	policy  string
	level   policyx.EnforcementLevel
	defURN  string
	results *[]Violation
}

// ReportViolation implements policyx.PolicyManager.
func (r *recorder) ReportViolation(message, urn string) {
	if urn == "" {
		urn = r.defURN
	}
	*r.results = append(*r.results, Violation{Policy: r.policy, Level: r.level, URN: urn, Message: message})
}

// Evaluate runs the pack in process, the way the analyzer server does: every resource policy
// on every resource (Analyze) and every stack policy on the whole set (AnalyzeStack).
//
// config is keyed by policy name, like the engine's policy config. As in the policyx server, a
// policy with an entry uses the entry's EnforcementLevel (so an entry must carry a level: the
// zero value is advisory) and its Properties; a disabled policy does not run. Use
// [DefaultConfig] to start from the defaults and change only what a test needs. Like the pack's own
// analyzer server (see [Serve]) and unlike policyx's, it hands stack policies their
// Properties too.
//
// Resources are related through URNs, Parent, Dependencies and PropertyDependencies as well
// as by IDs, so that resources recorded under Pulumi mocks (see [ResourceFromMock]) evaluate
// as they would in a preview. The error is the first policy error (a malformed config value).
func Evaluate(
	ctx context.Context, resources []policyx.AnalyzerResource, config map[string]policyx.PolicyConfig,
) ([]Violation, error) {
	var out []Violation
	for i := range resources {
		vs, err := analyzeResource(ctx, Policies(), resources[i], config)
		out = append(out, vs...)
		if err != nil {
			return out, err
		}
	}
	vs, err := analyzeStack(ctx, Policies(), resources, config)
	return append(out, vs...), err
}

// levelAndConfig is the enforcement level and properties in force for p.
func levelAndConfig(p policyx.Policy, config map[string]policyx.PolicyConfig) (policyx.EnforcementLevel, map[string]any) {
	if c, ok := config[p.Name()]; ok {
		return c.EnforcementLevel, c.Properties
	}
	return p.EnforcementLevel(), nil
}

// analyzeResource runs every enabled resource policy on one resource.
func analyzeResource(
	ctx context.Context, policies []policyx.Policy, r policyx.AnalyzerResource, config map[string]policyx.PolicyConfig,
) ([]Violation, error) {
	var out []Violation
	for _, p := range policies {
		rp, ok := p.(policyx.ResourceValidationPolicy)
		if !ok {
			continue
		}
		level, props := levelAndConfig(p, config)
		if level == policyx.EnforcementLevelDisabled {
			continue
		}
		rec := &recorder{policy: p.Name(), level: level, defURN: r.URN, results: &out}
		if err := rp.Validate(ctx, policyx.ResourceValidationArgs{Manager: rec, Resource: r, Config: props}); err != nil {
			return out, fmt.Errorf("validating %s with %s: %w", r.URN, p.Name(), err)
		}
	}
	return out, nil
}

// analyzeStack runs every enabled stack policy on the resources, with its
// config properties in the context and one shared index of the resources.
func analyzeStack(
	ctx context.Context, policies []policyx.Policy, resources []policyx.AnalyzerResource, config map[string]policyx.PolicyConfig,
) ([]Violation, error) {
	var out []Violation
	var idx *index
	for _, p := range policies {
		sp, ok := p.(policyx.StackValidationPolicy)
		if !ok {
			continue
		}
		level, props := levelAndConfig(p, config)
		if level == policyx.EnforcementLevelDisabled {
			continue
		}
		if idx == nil {
			idx = buildIndex(resources)
		}
		rec := &recorder{policy: p.Name(), level: level, results: &out}
		sctx := withIndex(withStackConfig(ctx, props), idx)
		if err := sp.Validate(sctx, policyx.StackValidationArgs{Manager: rec, Resources: resources}); err != nil {
			return out, fmt.Errorf("validating stack with %s: %w", p.Name(), err)
		}
	}
	return out, nil
}

// DefaultConfig returns a config entry for every policy with its default enforcement level
// and no properties, so that callers of Evaluate can override one level or one property
// without turning the other policies advisory.
func DefaultConfig() map[string]policyx.PolicyConfig {
	policies := Policies()
	out := make(map[string]policyx.PolicyConfig, len(policies))
	for _, p := range policies {
		out[p.Name()] = policyx.PolicyConfig{EnforcementLevel: p.EnforcementLevel()}
	}
	return out
}
