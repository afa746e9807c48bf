package rules

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// resourcePolicySpec describes one resource validation policy.
type resourcePolicySpec struct {
	name   string
	desc   string
	level  policyx.EnforcementLevel
	schema *policyx.ConfigSchema
	// kinds lists the resource kinds the policy inspects; others return at once.
	kinds []kind
	check func(c *resourceCheck) error
}

// resourceCheck is what a resource policy's check function works with.
type resourceCheck struct {
	res   *policyx.AnalyzerResource
	props property.Map
	cfg   map[string]any
	kind  kind
	m     policyx.PolicyManager
}

// report records one violation against the resource being validated.
func (c *resourceCheck) report(msg string) { c.m.ReportViolation(msg, c.res.URN) }

// reportf formats and records one violation.
func (c *resourceCheck) reportf(format string, args ...any) { c.report(fmt.Sprintf(format, args...)) }

// malformed records a violation for a property that holds a value of the wrong kind. fix is
// the imperative remedy ("set properties.enableSoftDelete to true").
func (c *resourceCheck) malformed(label string, f field, fix string) {
	c.report(malformedMessage(label, f, fix))
}

// malformedMessage is the one-sentence message for a malformed property.
func malformedMessage(label string, f field, fix string) string {
	return fmt.Sprintf("%s must fix %s, which holds %s where %s belongs: %s.", label, f.badPath, f.got, f.want, fix)
}

// newResourcePolicy builds a policyx resource validation policy from a spec. The wrapper
// returns early for resource kinds the policy does not inspect and turns a panic into an
// error, so that a bug can fail one preview but never crash the analyzer process.
func newResourcePolicy(s resourcePolicySpec) policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy(s.name, policyx.ResourceValidationPolicyArgs{
		Description:      s.desc,
		EnforcementLevel: s.level,
		ConfigSchema:     s.schema,
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) (err error) {
			k := classify(args.Resource.Type)
			applies := false
			for _, want := range s.kinds {
				if k == want {
					applies = true
					break
				}
			}
			if !applies {
				return nil
			}
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("policy %s panicked on %s: %v", s.name, args.Resource.URN, r)
				}
			}()
			return s.check(&resourceCheck{
				res:   &args.Resource,
				props: args.Resource.Properties,
				cfg:   args.Config,
				kind:  k,
				m:     args.Manager,
			})
		},
	})
}

// stackPolicySpec describes one stack validation policy.
type stackPolicySpec struct {
	name   string
	desc   string
	level  policyx.EnforcementLevel
	schema *policyx.ConfigSchema
	// needs, when set, lists the resource kinds without which the policy has nothing to
	// check: a stack holding none of them is skipped before the index is built.
	needs []kind
	check func(c *stackCheck) error
}

// stackCheck is what a stack policy's check function works with.
type stackCheck struct {
	idx *index
	cfg map[string]any
	m   policyx.PolicyManager
}

// reportf formats and records one violation against the resource with the given URN.
func (c *stackCheck) reportf(urn, format string, args ...any) {
	c.m.ReportViolation(fmt.Sprintf(format, args...), urn)
}

// newStackPolicy builds a policyx stack validation policy from a spec. Config comes from the
// context (see withStackConfig); the resource index is taken from the context when Evaluate
// built it once for all stack policies, and built here otherwise.
func newStackPolicy(s stackPolicySpec) policyx.StackValidationPolicy {
	return policyx.NewStackValidationPolicy(s.name, policyx.StackValidationPolicyArgs{
		Description:      s.desc,
		EnforcementLevel: s.level,
		ConfigSchema:     s.schema,
		ValidateStack: func(ctx context.Context, args policyx.StackValidationArgs) (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("policy %s panicked: %v", s.name, r)
				}
			}()
			if len(s.needs) > 0 && !holdsAny(args.Resources, s.needs) {
				return nil
			}
			idx := indexFromContext(ctx, args.Resources)
			return s.check(&stackCheck{idx: idx, cfg: stackConfig(ctx), m: args.Manager})
		},
	})
}

// holdsAny reports whether any resource is of one of the kinds.
func holdsAny(resources []policyx.AnalyzerResource, kinds []kind) bool {
	for i := range resources {
		k := classify(resources[i].Type)
		for _, want := range kinds {
			if k == want {
				return true
			}
		}
	}
	return false
}

// schema builds a config schema from property fragments.
func schema(props map[string]map[string]any) *policyx.ConfigSchema {
	return &policyx.ConfigSchema{Properties: props}
}

// quote formats a resource name for messages.
func quote(s string) string { return "'" + s + "'" }

// resourceName returns the Azure name of the resource being checked when it is known, else
// the Pulumi name from its URN.
func (c *resourceCheck) resourceName(paths ...string) string {
	if s, ok := firstString(c.props, paths...); ok {
		return s
	}
	return c.res.Name
}

// vaultLabel names a vault for messages: "Key Vault 'kv-prod'".
func (c *resourceCheck) vaultLabel() string {
	return "Key Vault " + quote(c.resourceName("vaultName", "name"))
}

// keyLabel names a key for messages: "Key Vault key 'cmk'".
func (c *resourceCheck) keyLabel() string {
	if c.kind == kManagedHsmKey {
		return "Managed HSM key " + quote(c.resourceName("keyName", "name"))
	}
	return "Key Vault key " + quote(c.resourceName("keyName", "name"))
}

// secretLabel names a secret for messages: "Key Vault secret 'db-password'".
func (c *resourceCheck) secretLabel() string {
	return "Key Vault secret " + quote(c.resourceName("secretName", "name"))
}

// Enforcement levels, shortened for the policy tables.
const (
	mandatory = policyx.EnforcementLevelMandatory
	advisory  = policyx.EnforcementLevelAdvisory
)

// usable reports whether a read produced a value to judge: a known value or an absent one
// replaced by its default. Unknown values are skipped and malformed ones were reported.
func usable(st state) bool { return st == stKnown || st == stAbsent }

// str reads a string property; an absent one yields def. A malformed one is reported against
// label with the remedy fix.
func (c *resourceCheck) str(label, path, def, fix string) (string, state) {
	s, f := get(c.props, path).str()
	switch f.st {
	case stAbsent:
		return def, stAbsent
	case stMalformed:
		c.malformed(label, f, fix)
	}
	return s, f.st
}

// boolean reads a bool property; an absent one yields def.
func (c *resourceCheck) boolean(label, path string, def bool, fix string) (bool, state) {
	b, f := get(c.props, path).boolean()
	switch f.st {
	case stAbsent:
		return def, stAbsent
	case stMalformed:
		c.malformed(label, f, fix)
	}
	return b, f.st
}

// number reads a numeric property; an absent one yields def.
func (c *resourceCheck) number(label, path string, def float64, fix string) (float64, state) {
	n, f := get(c.props, path).number()
	switch f.st {
	case stAbsent:
		return def, stAbsent
	case stMalformed:
		c.malformed(label, f, fix)
	}
	return n, f.st
}

// array reads a list property; an absent one yields an empty list.
func (c *resourceCheck) array(label, path, fix string) (property.Array, state) {
	a, f := get(c.props, path).array()
	if f.st == stMalformed {
		c.malformed(label, f, fix)
	}
	return a, f.st
}
