package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
)

// readmeSection is the README's section about other languages.
const readmeSection = "## Use it from TypeScript / Python / YAML"

// readmeBlocks returns the fenced code blocks of that section by language.
func readmeBlocks(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(raw), readmeSection+"\n")
	require.True(t, ok, "README.md has no %q section", readmeSection)
	if next := strings.Index(section, "\n## "); next >= 0 {
		section = section[:next]
	}
	blocks := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)```(\\w+)\n(.*?)```").FindAllStringSubmatch(section, -1) {
		blocks[m[1]] = m[2]
	}
	return blocks
}

// code drops comments, docstrings and blank lines.
func code(src string) string {
	var out []string
	inDoc := false
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, `"""`) {
			if !(len(trimmed) > 3 && strings.HasSuffix(trimmed, `"""`)) {
				inDoc = !inDoc
			}
			continue
		}
		if inDoc || trimmed == "" || strings.HasPrefix(trimmed, "//") || strings.HasPrefix(trimmed, "#") {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// The README's TypeScript and Python programs are the examples that the SDK
// tests compile, and its YAML program uses only arguments the schema has, as
// the YAML example (deployed by the engine-level tests) does.
func TestReadmeProgramsAreTheTestedExamples(t *testing.T) {
	blocks := readmeBlocks(t)
	for lang, example := range map[string]string{
		"typescript": filepath.Join("..", "examples", "typescript", "index.ts"),
		"python":     filepath.Join("..", "examples", "python", "__main__.py"),
	} {
		src, err := os.ReadFile(example)
		require.NoError(t, err)
		require.Contains(t, blocks, lang)
		require.Greater(t, strings.Count(code(string(src)), "\n"), 10, "%s has code", example)
		assert.Equal(t, code(string(src)), code(blocks[lang]), "the README's %s program must be %s", lang, example)
	}

	var spec struct {
		Resources map[string]struct {
			InputProperties map[string]json.RawMessage `json:"inputProperties"`
		} `json:"resources"`
	}
	raw, err := os.ReadFile(goldenSchema)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &spec))
	inputs := spec.Resources[component.TypeToken].InputProperties
	require.NotEmpty(t, inputs)

	example, err := os.ReadFile(filepath.Join("..", "examples", "yaml", "Pulumi.yaml"))
	require.NoError(t, err)
	require.Contains(t, blocks, "yaml")
	for name, program := range map[string]string{"README": blocks["yaml"], "examples/yaml": string(example)} {
		var doc struct {
			Runtime   string `yaml:"runtime"`
			Resources map[string]struct {
				Type       string         `yaml:"type"`
				Properties map[string]any `yaml:"properties"`
			} `yaml:"resources"`
		}
		require.NoError(t, yaml.Unmarshal([]byte(program), &doc), name)
		assert.Equal(t, "yaml", doc.Runtime, name)
		vault, ok := doc.Resources["vault"]
		require.True(t, ok, "%s declares no vault", name)
		assert.Equal(t, component.TypeToken, vault.Type, name)
		for prop := range vault.Properties {
			assert.Contains(t, inputs, prop, "%s: %s is not an argument of ZeroTrustVault", name, prop)
		}
	}
}
