package azuresim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// pathElem is one step of a property path: a map key or an array index.
type pathElem struct {
	key   string
	index int
	isIdx bool
}

// propertyPath is a parsed property path such as
// properties.networkAcls.ipRules[0].value or tags["cost.center"].
type propertyPath []pathElem

// parsePath parses the dotted property path syntax used by Pulumi
// (a.b[0].c, with ["quoted keys"] for keys that contain dots).
func parsePath(s string) (propertyPath, error) {
	var p propertyPath
	i := 0
	expectKey := true
	for i < len(s) {
		switch c := s[i]; {
		case c == '.':
			if expectKey {
				return nil, fmt.Errorf("property path %q: empty key at offset %d", s, i)
			}
			expectKey = true
			i++
		case c == '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("property path %q: missing ']'", s)
			}
			inner := s[i+1 : i+end]
			if strings.HasPrefix(inner, `"`) {
				key, err := strconv.Unquote(inner)
				if err != nil {
					return nil, fmt.Errorf("property path %q: bad quoted key %s: %w", s, inner, err)
				}
				p = append(p, pathElem{key: key})
			} else {
				n, err := strconv.Atoi(inner)
				if err != nil || n < 0 {
					return nil, fmt.Errorf("property path %q: bad index %q", s, inner)
				}
				p = append(p, pathElem{index: n, isIdx: true})
			}
			expectKey = false
			i += end + 1
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			p = append(p, pathElem{key: s[i:j]})
			expectKey = false
			i = j
		}
	}
	if len(p) == 0 || expectKey {
		return nil, fmt.Errorf("property path %q is empty or ends with '.'", s)
	}
	return p, nil
}

// mustPath parses a path written in this package's source code.
func mustPath(s string) propertyPath {
	p, err := parsePath(s)
	if err != nil {
		panic(err)
	}
	return p
}

var simpleKey = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// String renders the path in Pulumi's property path syntax.
func (p propertyPath) String() string {
	var b strings.Builder
	for i, e := range p {
		switch {
		case e.isIdx:
			fmt.Fprintf(&b, "[%d]", e.index)
		case simpleKey.MatchString(e.key):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e.key)
		default:
			fmt.Fprintf(&b, "[%s]", strconv.Quote(e.key))
		}
	}
	return b.String()
}

// child returns p extended by one key.
func (p propertyPath) child(key string) propertyPath {
	out := make(propertyPath, len(p), len(p)+1)
	copy(out, p)
	return append(out, pathElem{key: key})
}

// hasPrefix reports whether q is a prefix of p (keys compared exactly).
func (p propertyPath) hasPrefix(q propertyPath) bool {
	if len(q) > len(p) {
		return false
	}
	for i := range q {
		if q[i] != p[i] {
			return false
		}
	}
	return true
}

// getPath returns the value at p inside v.
func getPath(v any, p propertyPath) (any, bool) {
	cur := v
	for _, e := range p {
		if e.isIdx {
			arr, ok := cur.([]any)
			if !ok || e.index >= len(arr) {
				return nil, false
			}
			cur = arr[e.index]
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok || isSecretMarker(m) {
			return nil, false
		}
		cur, ok = m[e.key]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// setPath stores val at p inside m, creating intermediate objects. Array
// elements must already exist.
func setPath(m map[string]any, p propertyPath, val any) error {
	if len(p) == 0 || p[0].isIdx {
		return fmt.Errorf("property path %s must start with a key", p)
	}
	var cur any = m
	for i, e := range p {
		last := i == len(p)-1
		if e.isIdx {
			arr, ok := cur.([]any)
			if !ok || e.index >= len(arr) {
				return fmt.Errorf("property path %s: no array element %d", p, e.index)
			}
			if last {
				arr[e.index] = val
				return nil
			}
			if arr[e.index] == nil && !p[i+1].isIdx {
				arr[e.index] = map[string]any{}
			}
			cur = arr[e.index]
			continue
		}
		obj, ok := cur.(map[string]any)
		if !ok || isSecretMarker(obj) {
			return fmt.Errorf("property path %s: %s is not an object", p, p[:i])
		}
		if last {
			obj[e.key] = val
			return nil
		}
		next, ok := obj[e.key]
		if !ok || next == nil {
			if p[i+1].isIdx {
				return fmt.Errorf("property path %s: no array at %s", p, p[:i+1])
			}
			next = map[string]any{}
			obj[e.key] = next
		}
		cur = next
	}
	return nil
}

// deletePath removes the value at p, if present.
func deletePath(m map[string]any, p propertyPath) {
	if len(p) == 0 {
		return
	}
	parent, ok := getPath(m, p[:len(p)-1])
	if !ok {
		return
	}
	last := p[len(p)-1]
	switch c := parent.(type) {
	case map[string]any:
		if !last.isIdx {
			delete(c, last.key)
		}
	case []any:
		if last.isIdx && last.index < len(c) {
			c[last.index] = nil
		}
	}
}

// getStr returns the string at path s, or "" when absent or not a string.
func getStr(m map[string]any, s string) string {
	v, _ := getPath(m, mustPath(s))
	str, _ := v.(string)
	return str
}

// getBool returns the boolean at path s and whether it is set.
func getBool(m map[string]any, s string) (val, set bool) {
	v, _ := getPath(m, mustPath(s))
	b, ok := v.(bool)
	return b, ok
}

// getNum returns the number at path s and whether it is set.
func getNum(m map[string]any, s string) (float64, bool) {
	v, _ := getPath(m, mustPath(s))
	return toFloat(v)
}

// getList returns the array at path s (nil when absent).
func getList(m map[string]any, s string) []any {
	v, _ := getPath(m, mustPath(s))
	l, _ := v.([]any)
	return l
}

// getObj returns the object at path s (nil when absent or a secret).
func getObj(m map[string]any, s string) map[string]any {
	v, _ := getPath(m, mustPath(s))
	o, _ := v.(map[string]any)
	if isSecretMarker(o) {
		return nil
	}
	return o
}

// isSet reports whether path s holds a non-null value.
func isSet(m map[string]any, s string) bool {
	v, ok := getPath(m, mustPath(s))
	return ok && v != nil
}

// toFloat converts the numeric kinds that appear in plain values.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}
