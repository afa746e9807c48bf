package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
)

// Config values arrive as JSON-decoded values from the engine (numbers are float64, lists are
// []any) and as plain Go values from callers of Evaluate (int, []string). The readers accept
// both. A value of the wrong type is an error: the engine validates policy config against each
// policy's schema before it configures the pack, so only a programming error reaches here.

// cfgBool reads a boolean config property.
func cfgBool(cfg map[string]any, key string, def bool) (bool, error) {
	v, ok := cfg[key]
	if !ok || v == nil {
		return def, nil
	}
	b, ok := v.(bool)
	if !ok {
		return def, fmt.Errorf("config property %q must be a boolean, got %T", key, v)
	}
	return b, nil
}

// cfgInt reads an integer config property.
func cfgInt(cfg map[string]any, key string, def int) (int, error) {
	v, ok := cfg[key]
	if !ok || v == nil {
		return def, nil
	}
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case float32:
		f = float64(n)
	case int:
		return n, nil
	case int32:
		return int(n), nil
	case int64:
		return int(n), nil
	case json.Number:
		i, err := n.Int64()
		if err != nil {
			return def, fmt.Errorf("config property %q must be an integer: %w", key, err)
		}
		return int(i), nil
	default:
		return def, fmt.Errorf("config property %q must be an integer, got %T", key, v)
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return def, fmt.Errorf("config property %q must be an integer, got %v", key, f)
	}
	return int(f), nil
}

// cfgStrings reads a list-of-strings config property.
func cfgStrings(cfg map[string]any, key string, def []string) ([]string, error) {
	v, ok := cfg[key]
	if !ok || v == nil {
		return def, nil
	}
	switch l := v.(type) {
	case []string:
		return l, nil
	case []any:
		out := make([]string, 0, len(l))
		for i, e := range l {
			s, ok := e.(string)
			if !ok {
				return def, fmt.Errorf("config property %q[%d] must be a string, got %T", key, i, e)
			}
			out = append(out, s)
		}
		return out, nil
	default:
		return def, fmt.Errorf("config property %q must be a list of strings, got %T", key, v)
	}
}

// Schema fragments used by the policies' config schemas.

func schemaBool(desc string, def bool) map[string]any {
	return map[string]any{"type": "boolean", "description": desc, "default": def}
}

func schemaInt(desc string, def, minimum, maximum int) map[string]any {
	return map[string]any{"type": "integer", "description": desc, "default": def, "minimum": minimum, "maximum": maximum}
}

func schemaStrings(desc string, def []string) map[string]any {
	items := make([]any, len(def))
	for i, s := range def {
		items[i] = s
	}
	return map[string]any{"type": "array", "description": desc, "items": map[string]any{"type": "string"}, "default": items}
}

// stackConfigKey carries a stack policy's config properties through the context. policyx
// passes no config to stack policies (StackValidationArgs has no Config field); Evaluate puts
// it here, and the policies fall back to their schema defaults when it is absent.
type stackConfigKey struct{}

// withStackConfig returns ctx carrying the config properties of one stack policy.
func withStackConfig(ctx context.Context, props map[string]any) context.Context {
	return context.WithValue(ctx, stackConfigKey{}, props)
}

// stackConfig returns the config properties Evaluate attached to ctx, or nil.
func stackConfig(ctx context.Context) map[string]any {
	props, _ := ctx.Value(stackConfigKey{}).(map[string]any)
	return props
}
