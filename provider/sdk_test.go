package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/internal/sdkgen"
)

// The TypeScript and Python SDKs generate from the plugin and compile
// offline, and so do the examples the README shows, against them:
// TypeScript with the pinned tsc and @pulumi/pulumi of tools/node (installed
// with `npm ci` into .bin/node), Python with `python3 -m py_compile` plus a
// check that the example only calls classes and keyword arguments the SDK has.
func TestTypeScriptSDKCompiles(t *testing.T) {
	ctx, l, cli, plugin := pluginAndCLI(t)
	sdk := genSDK(t, ctx, cli, plugin, "nodejs")
	modules := nodeToolchain(t, l.Root)
	tsc := filepath.Join(modules, ".bin", "tsc")

	// The SDK itself, built like a published package.
	require.NoError(t, os.Symlink(modules, filepath.Join(sdk, "node_modules")))
	built := t.TempDir()
	run(t, sdk, nil, tsc, "-p", sdk, "--outDir", built, "--pretty", "false")
	var pkg struct{ Name string }
	raw, err := os.ReadFile(filepath.Join(sdk, "package.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &pkg))
	require.Equal(t, "@zerotrust-kv/zerotrust", pkg.Name)
	manifest, err := json.Marshal(map[string]string{"name": pkg.Name, "main": "index.js", "types": "index.d.ts"})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(built, "package.json"), manifest, 0o644))
	require.NoError(t, os.Symlink(modules, filepath.Join(built, "node_modules"))) // its own dependencies

	// The example program, type-checked against it.
	example := t.TempDir()
	for _, f := range []string{"index.ts", "tsconfig.json"} {
		copyFile(t, filepath.Join(l.Root, "examples", "typescript", f), filepath.Join(example, f))
	}
	nm := filepath.Join(example, "node_modules")
	entries, err := os.ReadDir(modules)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(nm, filepath.Dir(pkg.Name)), 0o755))
	for _, e := range entries {
		require.NoError(t, os.Symlink(filepath.Join(modules, e.Name()), filepath.Join(nm, e.Name())))
	}
	require.NoError(t, os.Symlink(built, filepath.Join(nm, pkg.Name)))
	run(t, example, nil, tsc, "-p", example, "--noEmit", "--pretty", "false")
}

func TestPythonSDKCompiles(t *testing.T) {
	ctx, l, cli, plugin := pluginAndCLI(t)
	sdk := genSDK(t, ctx, cli, plugin, "python")
	python, err := exec.LookPath("python3")
	require.NoError(t, err, "python3 is needed to compile the generated Python SDK")

	var files []string
	require.NoError(t, filepath.WalkDir(sdk, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
			files = append(files, path)
		}
		return err
	}))
	require.NotEmpty(t, files)
	example := filepath.Join(l.Root, "examples", "python", "__main__.py")
	env := []string{"PYTHONPYCACHEPREFIX=" + t.TempDir()} // nothing written into the repository
	run(t, sdk, env, python, append([]string{"-m", "py_compile", example}, files...)...)

	check := filepath.Join(t.TempDir(), "check_example.py")
	require.NoError(t, os.WriteFile(check, []byte(pythonExampleCheck), 0o644))
	run(t, sdk, env, python, check, filepath.Join(sdk, "pulumi_zerotrust", "keyvault"), example)
}

// pythonExampleCheck verifies that every zerotrust.keyvault.X(...) call in a
// program names a class of the generated module and only keyword arguments
// its constructor takes (the SDK cannot be imported: pulumi is not installed).
const pythonExampleCheck = `
import ast, pathlib, sys

module, program = pathlib.Path(sys.argv[1]), sys.argv[2]
params = {}
for source in module.glob("*.py"):
    for node in ast.parse(source.read_text()).body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    a = item.args
                    params.setdefault(node.name, set()).update(x.arg for x in a.args + a.kwonlyargs)

errors, calls = [], 0
for node in ast.walk(ast.parse(pathlib.Path(program).read_text())):
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        continue
    owner = node.func.value
    if not (isinstance(owner, ast.Attribute) and owner.attr == "keyvault"):
        continue
    calls += 1
    name = node.func.attr
    if name not in params:
        errors.append("line %d: %s is not in the SDK" % (node.lineno, name))
        continue
    for kw in node.keywords:
        if kw.arg not in params[name]:
            errors.append("line %d: %s takes no argument %s" % (node.lineno, name, kw.arg))
if calls == 0:
    errors.append("no zerotrust.keyvault call found")
if errors:
    sys.exit("\n".join(errors))
print("%d calls match the SDK" % calls)
`

// genSDK is `pulumi package gen-sdk <plugin> --language <language>` when the
// language host is on PATH, and otherwise the same generator in process
// (see internal/sdkgen); it returns the SDK's folder.
func genSDK(t *testing.T, ctx context.Context, cli auto.PulumiCommand, plugin, language string) string {
	t.Helper()
	out := t.TempDir()
	if _, err := exec.LookPath("pulumi-language-" + language); err == nil {
		pulumi(t, ctx, cli, out, "package", "gen-sdk", plugin, "--language", language, "--out", out)
		return filepath.Join(out, language)
	}
	t.Logf("pulumi-language-%s is not on PATH (the Go module proxy does not serve it): "+
		"generating with the same code generator in process", language)
	dir := filepath.Join(out, language)
	require.NoError(t, sdkgen.Generate(getSchema(t, ctx, cli, plugin), language, dir))
	return dir
}

// nodeToolchain installs tools/node's pinned packages into .bin/node with
// `npm ci` (again only when the lock file changed) and returns its
// node_modules.
func nodeToolchain(t *testing.T, root string) string {
	t.Helper()
	src, dst := filepath.Join(root, "tools", "node"), filepath.Join(root, ".bin", "node")
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	require.NoError(t, err)
	modules := filepath.Join(dst, "node_modules")
	if installed, err := os.ReadFile(filepath.Join(dst, "package-lock.json")); err == nil && bytes.Equal(installed, lock) {
		if _, err := os.Stat(filepath.Join(modules, ".bin", "tsc")); err == nil {
			return modules
		}
	}
	npm, err := exec.LookPath("npm")
	require.NoError(t, err, "npm is needed to install the pinned TypeScript compiler (tools/node)")
	require.NoError(t, os.MkdirAll(dst, 0o755))
	for _, f := range []string{"package.json", "package-lock.json"} {
		copyFile(t, filepath.Join(src, f), filepath.Join(dst, f))
	}
	run(t, dst, nil, npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	return modules
}

// run runs a command in dir and fails the test with its output on error.
func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", filepath.Base(name), strings.Join(args, " "), out)
	if len(out) > 0 {
		t.Logf("%s: %s", filepath.Base(name), strings.TrimSpace(string(out)))
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dst, b, 0o644))
}
