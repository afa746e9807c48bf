package rules

import (
	"math"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// state says what a property lookup found.
type state uint8

const (
	// stAbsent: the property (or one of its parents) is missing or null.
	stAbsent state = iota
	// stUnknown: the property (or one of its parents) is computed, as during a preview.
	stUnknown
	// stKnown: the property holds a known value of the expected kind.
	stKnown
	// stMalformed: the property (or one of its parents) holds a value of the wrong kind.
	stMalformed
)

// field is the result of reading one property path. When st is stMalformed, badPath names the
// offending element, want the kind that belongs there and got the kind that was found.
type field struct {
	v       property.Value
	path    string
	badPath string
	want    string
	got     string
	st      state
	// secret is true when the value or any object on the path to it is a Pulumi secret.
	secret bool
}

// known reports whether the field holds a known value of the expected kind.
func (f field) known() bool { return f.st == stKnown }

// fieldOf classifies a single value found at path.
func fieldOf(v property.Value, path string) field {
	f := field{v: v, path: path, st: stKnown, secret: v.Secret()}
	switch {
	case v.IsComputed():
		f.st = stUnknown
	case v.IsNull():
		f.st = stAbsent
	}
	return f
}

// get reads a dotted property path ("properties.networkAcls.defaultAction") from m. It never
// panics: a computed parent makes the result unknown, a null or missing parent makes it absent,
// and a parent that is not an object makes it malformed.
func get(m property.Map, path string) field {
	cur := m
	rest := path
	consumed := 0
	secret := false
	for {
		seg, tail, more := strings.Cut(rest, ".")
		v := cur.Get(seg)
		consumed += len(seg)
		f := fieldOf(v, path)
		secret = secret || f.secret
		f.secret = secret
		if !more || f.st != stKnown {
			return f
		}
		if !v.IsMap() {
			return field{v: v, path: path, badPath: path[:consumed], want: "an object", got: kindOf(v), st: stMalformed, secret: secret}
		}
		cur = v.AsMap()
		rest = tail
		consumed++ // the dot
	}
}

// bad marks f as malformed because its value is not of the wanted kind.
func (f field) bad(want string) field {
	f.st = stMalformed
	f.badPath = f.path
	f.want = want
	f.got = kindOf(f.v)
	return f
}

// str returns the field's string value; a known non-string makes the field malformed.
func (f field) str() (string, field) {
	if f.st != stKnown {
		return "", f
	}
	if !f.v.IsString() {
		return "", f.bad("a string")
	}
	return f.v.AsString(), f
}

// boolean returns the field's bool value; a known non-bool makes the field malformed.
func (f field) boolean() (bool, field) {
	if f.st != stKnown {
		return false, f
	}
	if !f.v.IsBool() {
		return false, f.bad("a boolean")
	}
	return f.v.AsBool(), f
}

// number returns the field's numeric value; a known non-number (or NaN/Inf) makes the field
// malformed.
func (f field) number() (float64, field) {
	if f.st != stKnown {
		return 0, f
	}
	if !f.v.IsNumber() {
		return 0, f.bad("a number")
	}
	n := f.v.AsNumber()
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, f.bad("a finite number")
	}
	return n, f
}

// array returns the field's array; a known non-array makes the field malformed.
func (f field) array() (property.Array, field) {
	if f.st != stKnown {
		return property.Array{}, f
	}
	if !f.v.IsArray() {
		return property.Array{}, f.bad("a list")
	}
	return f.v.AsArray(), f
}

// object returns the field's map; a known non-map makes the field malformed.
func (f field) object() (property.Map, field) {
	if f.st != stKnown {
		return property.Map{}, f
	}
	if !f.v.IsMap() {
		return property.Map{}, f.bad("an object")
	}
	return f.v.AsMap(), f
}

// elem returns the i-th element of an array as a field whose path reads "path[i]".
func elem(a property.Array, i int, path string) field {
	return fieldOf(a.Get(i), indexPath(path, i))
}

// indexPath formats "path[i]" without fmt.
func indexPath(path string, i int) string {
	var buf [20]byte
	n := len(buf)
	if i == 0 {
		n--
		buf[n] = '0'
	}
	for i > 0 {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
	}
	return path + "[" + string(buf[n:]) + "]"
}

// sub reads a dotted path below an element that is expected to be an object.
func sub(f field, path string) field {
	if f.st != stKnown {
		return f
	}
	if !f.v.IsMap() {
		return f.bad("an object")
	}
	g := get(f.v.AsMap(), path)
	g.secret = g.secret || f.secret
	g.path = f.path + "." + g.path
	if g.st == stMalformed {
		g.badPath = f.path + "." + g.badPath
	}
	return g
}

// kindOf names the kind of v for messages.
func kindOf(v property.Value) string {
	switch {
	case v.IsComputed():
		return "an unknown value"
	case v.IsNull():
		return "null"
	case v.IsBool():
		return "a boolean"
	case v.IsNumber():
		return "a number"
	case v.IsString():
		return "a string"
	case v.IsArray():
		return "a list"
	case v.IsMap():
		return "an object"
	case v.IsAsset():
		return "an asset"
	case v.IsArchive():
		return "an archive"
	case v.IsResourceReference():
		return "a resource reference"
	default:
		return "an unsupported value"
	}
}

// firstString returns the first of the given paths that holds a known string, used where the
// engine sends inputs (vaultName) during Analyze and outputs (name) during AnalyzeStack.
func firstString(m property.Map, paths ...string) (string, bool) {
	for _, p := range paths {
		if s, f := get(m, p).str(); f.known() && s != "" {
			return s, true
		}
	}
	return "", false
}
