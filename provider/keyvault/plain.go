package keyvault

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The provider framework marks only top-level primitive arguments "plain".
// Every argument of the Go API that is not a pulumi input is a plain value
// (the component decides on it before registering anything), wherever it is
// nested: a network's subnet IDs, a key's name, the list of keys itself. A
// schema that called them inputs would let TypeScript or Python pass an
// Output there and fail only at deployment with a conversion error.
// withPlainArguments fixes the schema from the argument types themselves, so
// the generated SDKs take plain values exactly where the Go API does.

var inputType = reflect.TypeFor[pulumi.Input]()

// withPlainArguments wraps GetSchema to mark plain arguments.
func withPlainArguments(prov p.Provider) p.Provider {
	inner := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := inner(ctx, req)
		if err != nil {
			return resp, err
		}
		patched, err := markPlain(resp.Schema)
		if err != nil {
			return p.GetSchemaResponse{}, fmt.Errorf("marking plain arguments in the schema: %w", err)
		}
		return p.GetSchemaResponse{Schema: patched}, nil
	}
	return prov
}

// markPlain sets plain on every argument of ZeroTrustVault, and every
// property of the argument types, whose Go type is not a pulumi input.
func markPlain(schemaJSON string) (string, error) {
	var spec pschema.PackageSpec
	if err := json.Unmarshal([]byte(schemaJSON), &spec); err != nil {
		return "", err
	}
	token := Name + ":keyvault:ZeroTrustVault"
	res, ok := spec.Resources[token]
	if !ok {
		return "", fmt.Errorf("resource %s is missing", token)
	}
	m := plainMarker{spec: &spec, done: map[string]bool{}}
	if err := m.properties(res.InputProperties, reflect.TypeFor[ZeroTrustVaultArgs]()); err != nil {
		return "", err
	}
	spec.Resources[token] = res
	out, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return "", err
	}
	return string(out), nil
}

type plainMarker struct {
	spec *pschema.PackageSpec
	done map[string]bool // object types already marked
}

// properties marks the schema properties of the Go struct type t.
func (m plainMarker) properties(props map[string]pschema.PropertySpec, t reflect.Type) error {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok {
			continue
		}
		name := strings.Split(tag, ",")[0]
		prop, ok := props[name]
		if !ok {
			return fmt.Errorf("%s.%s: property %q is not in the schema", t.Name(), f.Name, name)
		}
		if err := m.typeSpec(&prop.TypeSpec, f.Type); err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		props[name] = prop
	}
	return nil
}

// typeSpec marks ts, the schema of a value of Go type t.
func (m plainMarker) typeSpec(ts *pschema.TypeSpec, t reflect.Type) error {
	if t.Implements(inputType) {
		return nil // an input: it may be an Output
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	ts.Plain = true
	switch t.Kind() {
	case reflect.Slice:
		if ts.Items == nil {
			return fmt.Errorf("a list is not an array in the schema")
		}
		return m.typeSpec(ts.Items, t.Elem())
	case reflect.Map:
		if ts.AdditionalProperties == nil {
			return fmt.Errorf("a map is not an object in the schema")
		}
		return m.typeSpec(ts.AdditionalProperties, t.Elem())
	case reflect.Struct:
		tok, ok := strings.CutPrefix(ts.Ref, "#/types/")
		if !ok {
			return fmt.Errorf("a struct is not a type reference in the schema")
		}
		if m.done[tok] {
			return nil
		}
		m.done[tok] = true
		obj, ok := m.spec.Types[tok]
		if !ok {
			return fmt.Errorf("type %s is missing", tok)
		}
		if err := m.properties(obj.Properties, t); err != nil {
			return err
		}
		m.spec.Types[tok] = obj
	}
	return nil
}
