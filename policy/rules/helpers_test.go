package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Markers for building property values in tables.
type (
	unknownT struct{}
	secretT  struct{ v any }
)

// unknown is a computed value, as during a preview.
var unknown = unknownT{}

// secret wraps a value as a Pulumi secret.
func secret(v any) secretT { return secretT{v} }

// pv converts plain Go test values into a property.Value.
func pv(v any) property.Value {
	switch x := v.(type) {
	case nil:
		return property.New(property.Null)
	case property.Value:
		return x
	case unknownT:
		return property.New(property.Computed)
	case secretT:
		return pv(x.v).WithSecret(true)
	case string:
		return property.New(x)
	case bool:
		return property.New(x)
	case int:
		return property.New(float64(x))
	case int64:
		return property.New(float64(x))
	case float64:
		return property.New(x)
	case []string:
		out := make([]property.Value, len(x))
		for i, s := range x {
			out[i] = property.New(s)
		}
		return property.New(out)
	case []any:
		out := make([]property.Value, len(x))
		for i, e := range x {
			out[i] = pv(e)
		}
		return property.New(out)
	case map[string]any:
		return property.New(pm(x))
	default:
		panic(fmt.Sprintf("pv: unsupported %T", v))
	}
}

// pm converts a plain Go map into a property.Map.
func pm(m map[string]any) property.Map {
	out := make(map[string]property.Value, len(m))
	for k, v := range m {
		out[k] = pv(v)
	}
	return property.NewMap(out)
}

// obj is shorthand for a nested map literal.
type obj = map[string]any

// list is shorthand for a list literal.
type list = []any

// testURN builds a URN for a test resource.
func testURN(typ, name string) string {
	return "urn:pulumi:dev::zt::" + typ + "::" + name
}

// res builds an analyzer resource.
func res(typ, name string, props obj) policyx.AnalyzerResource {
	return policyx.AnalyzerResource{Type: typ, Name: name, URN: testURN(typ, name), Properties: pm(props)}
}

// withDeps returns r with property dependencies on prop.
func withDeps(r policyx.AnalyzerResource, prop string, urns ...string) policyx.AnalyzerResource {
	if r.PropertyDependencies == nil {
		r.PropertyDependencies = map[string][]string{}
	}
	r.PropertyDependencies[prop] = append(r.PropertyDependencies[prop], urns...)
	r.Dependencies = append(r.Dependencies, urns...)
	return r
}

// recorder for direct policy calls.
type recording struct {
	msgs []string
	urns []string
}

func (r *recording) ReportViolation(msg, urn string) {
	r.msgs = append(r.msgs, msg)
	r.urns = append(r.urns, urn)
}

// rcase is one row of a resource policy table.
type rcase struct {
	name  string
	typ   string // type token; the table's default when empty
	props obj
	cfg   obj
	// override sets the enforcement level through config (Evaluate only).
	override bool
	level    policyx.EnforcementLevel
	// want holds one substring per expected violation message, in order.
	want    []string
	wantErr bool
}

// runResourceTable runs each case directly against the policy and through Evaluate.
func runResourceTable(t *testing.T, p policyx.ResourceValidationPolicy, defType string, cases []rcase) {
	t.Helper()
	require.NotEmpty(t, RuleID(p.Name()), "policy %s is not in the catalog", p.Name())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			typ := tc.typ
			if typ == "" {
				typ = defType
			}
			r := res(typ, "res1", tc.props)
			var cfg map[string]any
			if tc.cfg != nil {
				cfg = tc.cfg
			}
			rec := &recording{}
			err := p.Validate(context.Background(), policyx.ResourceValidationArgs{Manager: rec, Resource: r, Config: cfg})
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assertMessages(t, tc.want, rec.msgs)
			for _, u := range rec.urns {
				assert.Equal(t, r.URN, u)
			}

			// The same case through Evaluate, with the level override applied.
			conf := DefaultConfig()
			c := conf[p.Name()]
			c.Properties = cfg
			if tc.override {
				c.EnforcementLevel = tc.level
			}
			conf[p.Name()] = c
			vs, err := Evaluate(context.Background(), []policyx.AnalyzerResource{r}, conf)
			require.NoError(t, err)
			var mine []Violation
			for _, v := range vs {
				if v.Policy == p.Name() {
					mine = append(mine, v)
				}
			}
			if tc.override && tc.level == policyx.EnforcementLevelDisabled {
				assert.Empty(t, mine, "a disabled policy must not run")
				return
			}
			require.Len(t, mine, len(tc.want))
			for _, v := range mine {
				assert.Equal(t, c.EnforcementLevel, v.Level)
				assert.Equal(t, r.URN, v.URN)
			}
		})
	}
}

// assertMessages checks that got has exactly one message per wanted substring, in order, and
// that every message is one sentence ending in a period.
func assertMessages(t *testing.T, want, got []string) {
	t.Helper()
	require.Len(t, got, len(want), "messages: %q", got)
	for i, w := range want {
		assert.Contains(t, got[i], w)
		assert.True(t, strings.HasSuffix(got[i], "."), "message must end with a period: %q", got[i])
		assert.NotContains(t, got[i], "\n")
	}
}

// scase is one row of a stack policy table.
type scase struct {
	name      string
	resources []policyx.AnalyzerResource
	cfg       obj
	override  bool
	level     policyx.EnforcementLevel
	// want maps URN -> substrings expected for that URN (order within a URN matters).
	want map[string][]string
}

// runStackTable runs each case directly against the stack policy and through Evaluate.
func runStackTable(t *testing.T, p policyx.StackValidationPolicy, cases []scase) {
	t.Helper()
	require.NotEmpty(t, RuleID(p.Name()), "policy %s is not in the catalog", p.Name())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recording{}
			ctx := withStackConfig(context.Background(), tc.cfg)
			require.NoError(t, p.Validate(ctx, policyx.StackValidationArgs{Manager: rec, Resources: tc.resources}))
			got := map[string][]string{}
			for i, m := range rec.msgs {
				got[rec.urns[i]] = append(got[rec.urns[i]], m)
			}
			require.Equal(t, sortedURNs(tc.want), sortedURNs(got), "violations: %q", got)
			for urn, w := range tc.want {
				assertMessages(t, w, got[urn])
			}

			conf := DefaultConfig()
			c := conf[p.Name()]
			c.Properties = tc.cfg
			if tc.override {
				c.EnforcementLevel = tc.level
			}
			conf[p.Name()] = c
			vs, err := Evaluate(context.Background(), tc.resources, conf)
			require.NoError(t, err)
			n := 0
			for _, v := range vs {
				if v.Policy == p.Name() {
					n++
					assert.Equal(t, c.EnforcementLevel, v.Level)
				}
			}
			if tc.override && tc.level == policyx.EnforcementLevelDisabled {
				assert.Zero(t, n, "a disabled policy must not run")
				return
			}
			assert.Equal(t, len(rec.msgs), n)
		})
	}
}

func sortedURNs(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Shorthands for enforcement levels in tables.
const (
	lvlDisabled = policyx.EnforcementLevelDisabled
	lvlAdvisory = policyx.EnforcementLevelAdvisory
	lvlMand     = policyx.EnforcementLevelMandatory
)

// daysFromNow returns epoch seconds n days from now.
func daysFromNow(n int) float64 {
	return float64(time.Now().Add(time.Duration(n) * 24 * time.Hour).Unix())
}

// resourceArgs builds validation args for a direct policy call.
func resourceArgs(m policyx.PolicyManager, r policyx.AnalyzerResource) policyx.ResourceValidationArgs {
	return policyx.ResourceValidationArgs{Manager: m, Resource: r}
}
