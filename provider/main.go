// The provider folder is itself the plugin's main package because that is
// what `pulumi package add <this folder>` runs: PulumiPlugin.yaml says
// `runtime: go`, and the Go language host builds the package next to it.
// cmd/pulumi-resource-zerotrust is the same program under the plugin's
// conventional executable name, for building it by hand or in CI.
package main

import "github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault"

func main() { keyvault.Main() }
