//go:build tools

// Package tools pins the Pulumi YAML language host that the offline YAML
// tests build (see internal/offline/plugins.go).
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
