// Package keyvault serves the ZeroTrustVault Go component as a Pulumi
// component package (package "zerotrust", module "keyvault"), so that
// TypeScript, Python, YAML, C# and Java programs can use it.
//
// It holds no rule of its own: the argument types only describe the schema,
// and construction maps them onto component.ZeroTrustVaultArgs and calls
// component.NewZeroTrustVault, whose defaults, validation and error messages
// are therefore the same in every language.
package keyvault

import (
	"context"
	"fmt"
	"os"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Name is the Pulumi package name; the plugin executable is
// pulumi-resource-zerotrust.
const Name = "zerotrust"

// DefaultVersion is the schema version of a build that was not given one.
const DefaultVersion = "0.1.0"

// Version is the package version the plugin reports and writes into its
// schema. Release builds set it to the release tag:
//
//	go build -ldflags "-X github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault.Version=v0.2.0" ./cmd/pulumi-resource-zerotrust
//
// A leading "v" is dropped. Unset, it is DefaultVersion.
var Version string

// SchemaVersion is Version without a leading "v", or DefaultVersion.
func SchemaVersion() string {
	v := strings.TrimPrefix(strings.TrimSpace(Version), "v")
	if v == "" {
		return DefaultVersion
	}
	return v
}

// Provider builds the component provider.
func Provider() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("Zero-trust Azure Key Vault").
		WithDescription("A zero-trust Azure Key Vault component: private endpoints, RBAC, diagnostics, a delete "+
			"lock and safe defaults that cannot be switched off.").
		WithKeywords("azure", "keyvault", "key vault", "zero trust", "security", "category/cloud", "kind/component").
		WithHomepage("https://github.com/zerotrust-kv/pulumi-zerotrust-keyvault").
		WithRepository("https://github.com/zerotrust-kv/pulumi-zerotrust-keyvault").
		WithPublisher("zerotrust-kv").
		WithLanguageMap(map[string]any{
			"nodejs": map[string]any{
				"packageName":          "@zerotrust-kv/zerotrust",
				"respectSchemaVersion": true,
			},
			"python": map[string]any{
				"packageName":          "pulumi_zerotrust",
				"respectSchemaVersion": true,
				"pyproject":            map[string]any{"enabled": true},
			},
			"csharp": map[string]any{
				"rootNamespace":        "ZeroTrustKv",
				"respectSchemaVersion": true,
			},
			// Go programs use the component package directly; this only
			// names the module of an SDK generated for Go.
			"go": map[string]any{
				"importBasePath":                 "github.com/zerotrust-kv/pulumi-zerotrust-keyvault/sdk/go/zerotrust",
				"generateResourceContainerTypes": true,
				"respectSchemaVersion":           true,
			},
		}).
		WithComponents(infer.ComponentF(NewZeroTrustVault)).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	return withPlainArguments(prov), nil
}

// Main serves the provider to the engine; it is the whole of the plugin's
// main function.
func Main() {
	prov, err := Provider()
	if err == nil {
		err = prov.Run(context.Background(), Name, SchemaVersion())
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-%s: %v\n", Name, err)
		os.Exit(1)
	}
}
