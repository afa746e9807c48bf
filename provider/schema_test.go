package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/blang/semver"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/offline"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault"
)

// goldenSchema is the checked-in schema of the package at its default
// version; SDKs and API reviews are made from it.
const goldenSchema = "schema.json"

// updateEnv regenerates the golden schema instead of comparing with it.
const updateEnv = "ZEROTRUST_UPDATE_SCHEMA"

// The schema the built plugin reports (`pulumi package get-schema`) is the
// checked-in one, byte for byte: a change to the package's API is made on
// purpose, by regenerating the file, and shows in review.
func TestSchemaIsGolden(t *testing.T) {
	ctx, _, cli, plugin := pluginAndCLI(t)
	got := getSchema(t, ctx, cli, plugin)
	require.True(t, json.Valid(got), "get-schema printed invalid JSON:\n%s", got)
	if os.Getenv(updateEnv) != "" {
		require.NoError(t, os.WriteFile(goldenSchema, got, 0o644))
		t.Logf("wrote %s", goldenSchema)
		return
	}
	want, err := os.ReadFile(goldenSchema)
	require.NoError(t, err)
	if !bytes.Equal(want, got) {
		t.Fatalf("the plugin's schema differs from provider/%s:\n%s\n"+
			"If the change is intended, regenerate the file and commit it:\n"+
			"    make provider-schema    (or: cd provider && %s=1 go test -run TestSchemaIsGolden .)",
			goldenSchema, firstDifference(string(want), string(got)), updateEnv)
	}
}

// firstDifference shows where two texts first differ, with some context.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (golden %d lines, plugin %d lines):\n", i+1, len(w), len(g))
	for j := max(0, i-3); j < i; j++ {
		fmt.Fprintf(&b, "    %s\n", w[j])
	}
	for j := i; j < min(len(w), i+4); j++ {
		fmt.Fprintf(&b, "  - %s\n", w[j])
	}
	for j := i; j < min(len(g), i+4); j++ {
		fmt.Fprintf(&b, "  + %s\n", g[j])
	}
	return b.String()
}

// A release build links the tag in; the schema then carries it without the "v".
func TestReleaseBuildCarriesItsVersion(t *testing.T) {
	ctx, l, cli, plugin := pluginAndCLI(t)
	release := filepath.Join(t.TempDir(), filepath.Base(plugin))
	require.NoError(t, offline.BuildComponentPluginAt(ctx, l, release, "v9.8.7", testWriter{t}))
	var spec struct{ Version string }
	require.NoError(t, json.Unmarshal(getSchema(t, ctx, cli, release), &spec))
	assert.Equal(t, "9.8.7", spec.Version)
}

// `pulumi package add <repo>/provider@vX.Y.Z` builds the plugin from the
// tagged source without linker flags, so at a release tag the default
// version must be the tag's, and between releases it must not fall behind
// the newest tag.
func TestDefaultVersionFollowsTheReleaseTags(t *testing.T) {
	def, err := semver.Parse(keyvault.DefaultVersion)
	require.NoError(t, err, "keyvault.DefaultVersion must be a semantic version")
	tag := func(args ...string) (semver.Version, string, bool) {
		out, err := exec.Command("git", append([]string{"describe", "--tags"}, args...)...).Output()
		name := strings.TrimSpace(string(out))
		v, perr := semver.Parse(strings.TrimPrefix(name, "v"))
		return v, name, err == nil && perr == nil
	}
	if v, name, ok := tag("--exact-match", "HEAD"); ok {
		assert.True(t, def.Equals(v), "HEAD is tagged %s: set keyvault.DefaultVersion to match before tagging", name)
		return
	}
	if v, name, ok := tag("--abbrev=0"); ok {
		assert.True(t, def.GTE(v), "keyvault.DefaultVersion %s is behind the newest release tag %s", def, name)
	}
}

// testWriter sends build output to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
