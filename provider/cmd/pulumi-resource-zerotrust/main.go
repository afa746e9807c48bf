// Command pulumi-resource-zerotrust is the plugin of the zerotrust Pulumi
// package: it serves the ZeroTrustVault component to programs in every
// Pulumi language. Build it with
//
//	go build -o pulumi-resource-zerotrust ./cmd/pulumi-resource-zerotrust
//
// (add -ldflags "-X github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault.Version=<tag>"
// for a release) and put it on PATH, or let `pulumi package add` build it.
package main

import "github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault"

func main() { keyvault.Main() }
