package azuresim

import (
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The simulator works on plain values: nil, bool, float64, string, []any and
// map[string]any, as encoding/json produces them, plus two markers:
//
//   - a secret marker, map[string]any{"$azsimSecretSha256": "<hex>"}, that
//     stands for a secret value whose plaintext is never stored;
//   - unknownValue, an in-memory marker for a value that is not known yet
//     during a preview. It is never persisted.

// unknownValue marks a value that is unknown during a preview.
type unknownValue struct{}

// unknown is the single unknownValue.
var unknown = unknownValue{}

// secretMarkerKey is the only key of a secret marker object.
const secretMarkerKey = "$azsimSecretSha256"

// isSecretMarker reports whether v is a secret marker.
func isSecretMarker(v any) bool {
	_, ok := secretDigestOf(v)
	return ok
}

// secretDigestOf returns the digest held by a secret marker.
func secretDigestOf(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return "", false
	}
	d, ok := m[secretMarkerKey].(string)
	return d, ok
}

// secretMarker builds a secret marker for a digest.
func secretMarker(digest string) map[string]any {
	return map[string]any{secretMarkerKey: digest}
}

// containsUnknown reports whether v holds an unknown anywhere.
func containsUnknown(v any) bool {
	switch t := v.(type) {
	case unknownValue:
		return true
	case []any:
		for _, e := range t {
			if containsUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if containsUnknown(e) {
				return true
			}
		}
	}
	return false
}

// deepCopy copies a plain value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = deepCopy(e)
		}
		return out
	case map[string]any:
		return copyMap(t)
	case int:
		return float64(t)
	case int64:
		return float64(t)
	}
	return v
}

// copyMap copies a plain object (nil stays nil).
func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[k] = deepCopy(e)
	}
	return out
}

// plainEqual compares two plain values; a key holding null is the same as
// a missing key, and numbers compare by value.
func plainEqual(a, b any) bool {
	if fa, ok := toFloat(a); ok {
		fb, ok := toFloat(b)
		return ok && fa == fb
	}
	switch ta := a.(type) {
	case nil:
		return b == nil
	case bool, string:
		return a == b
	case unknownValue:
		return false
	case []any:
		tb, ok := b.([]any)
		if !ok || len(ta) != len(tb) {
			return false
		}
		for i := range ta {
			if !plainEqual(ta[i], tb[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		tb, ok := b.(map[string]any)
		if !ok {
			return false
		}
		for k, va := range ta {
			if !plainEqual(va, tb[k]) {
				return false
			}
		}
		for k, vb := range tb {
			if _, ok := ta[k]; !ok && vb != nil {
				return false
			}
		}
		return true
	}
	return false
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// converter turns Pulumi property values into plain values.
type converter struct {
	// book receives every secret met; nil means secrets are unwrapped
	// into plaintext (only for in-memory comparisons, never stored).
	book *secretBook
}

// unwrapping converts with secrets unwrapped, for diffs.
var unwrapping = converter{}

// object converts a property map.
func (c converter) object(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = c.value(v)
	}
	return out
}

// value converts one property value.
func (c converter) value(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = c.value(e)
		}
		return out
	case v.IsObject():
		return c.object(v.ObjectValue())
	case v.IsSecret():
		return c.secret(v.SecretValue().Element)
	case v.IsComputed():
		return unknown
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return unknown
		}
		if o.Secret {
			return c.secret(o.Element)
		}
		return c.value(o.Element)
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		switch {
		case ref.ID.IsString() && ref.ID.StringValue() != "":
			return ref.ID.StringValue()
		case ref.ID.IsComputed() || (ref.ID.IsOutput() && !ref.ID.OutputValue().Known):
			return unknown
		}
		return string(ref.URN)
	}
	// Assets and archives have no meaning for Azure Resource Manager.
	return nil
}

// secret converts the element of a secret.
func (c converter) secret(elem resource.PropertyValue) any {
	inner := unwrapping.value(elem)
	if c.book == nil {
		return inner
	}
	if containsUnknown(inner) {
		return unknown
	}
	return c.book.seal(inner)
}

// toProperty turns a plain value back into a property value. Secret
// markers become secrets again when the book knows their plaintext, and are
// dropped (ok=false) when it does not: the simulator cannot reveal what it
// never stored.
func toProperty(v any, book *secretBook) (resource.PropertyValue, bool) {
	if d, ok := secretDigestOf(v); ok {
		inner, known := book.open(d)
		if !known {
			return resource.PropertyValue{}, false
		}
		pv, ok := toProperty(inner, book)
		if !ok {
			return resource.PropertyValue{}, false
		}
		return resource.MakeSecret(pv), true
	}
	switch t := v.(type) {
	case nil:
		return resource.NewNullProperty(), true
	case bool:
		return resource.NewBoolProperty(t), true
	case string:
		return resource.NewStringProperty(t), true
	case float64:
		return resource.NewNumberProperty(t), true
	case int:
		return resource.NewNumberProperty(float64(t)), true
	case int64:
		return resource.NewNumberProperty(float64(t)), true
	case unknownValue:
		return resource.MakeComputed(resource.NewStringProperty("")), true
	case []any:
		out := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			pv, ok := toProperty(e, book)
			if !ok {
				pv = resource.NewNullProperty()
			}
			out[i] = pv
		}
		return resource.NewArrayProperty(out), true
	case map[string]any:
		return resource.NewObjectProperty(toPropertyMap(t, book)), true
	}
	return resource.NewNullProperty(), true
}

// toPropertyMap turns a plain object into a property map (see toProperty).
func toPropertyMap(m map[string]any, book *secretBook) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		if pv, ok := toProperty(v, book); ok {
			out[resource.PropertyKey(k)] = pv
		}
	}
	return out
}
