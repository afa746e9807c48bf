// Package sdkgen generates a package's SDK from its schema in process, with
// the code generators that the Pulumi language hosts call
// (github.com/pulumi/pulumi/pkg/v3/codegen/nodejs and .../python).
//
// `pulumi package gen-sdk` hands SDK generation to the language hosts
// pulumi-language-nodejs and pulumi-language-python. They ship with the
// Pulumi CLI but are not served by the Go module proxy, so a machine that
// builds the CLI from source has neither; the SDK test uses the CLI when
// they are on PATH and this package otherwise. Both paths run the same
// generator code of the same Pulumi version (the provider module requires
// pkg/v3 at the CLI's version).
package sdkgen

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Languages are the languages Generate supports, as `pulumi package gen-sdk
// --language` names them.
var Languages = []string{"nodejs", "python"}

// Generate writes the SDK for language ("nodejs" or "python") of the package
// described by schemaJSON into dir.
func Generate(schemaJSON []byte, language, dir string) error {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, selfContained{}, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding the schema: %w", err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding the schema: %s", diags.Error())
	}
	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, false, selfContained{})
	case "python":
		files, err = python.GeneratePackage("pulumi-language-python", pkg, nil, selfContained{})
	default:
		return fmt.Errorf("language %q is not one of %v", language, Languages)
	}
	if err != nil {
		return fmt.Errorf("generating the %s SDK: %w", language, err)
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// selfContained is the schema loader of a package that refers to no other
// package: any lookup is an error.
type selfContained struct{}

func (selfContained) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", pkg)
}

func (l selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (selfContained) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", pkg)
}

func (l selfContained) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}
