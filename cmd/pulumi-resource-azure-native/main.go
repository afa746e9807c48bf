// Command pulumi-resource-azure-native is the OFFLINE AZURE SIMULATOR: a
// Pulumi resource provider plugin that stands in for the real azure-native
// provider so that the Pulumi engine can run preview, up, refresh and
// destroy without Azure. It is a test double; it never contacts Azure.
//
// Started by the engine (with the engine's address as its argument) it
// serves the provider protocol. Started as
//
//	pulumi-resource-azure-native sim <command> ...
//
// it administers the simulated cloud instead (see "sim help"). Both use the
// JSON file named by AZSIM_STATE. See internal/azuresim/README.md.
package main

import (
	"fmt"
	"os"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azuresim"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == azuresim.AdminCommand {
		os.Exit(azuresim.RunAdmin(os.Args[2:], os.Stdout, os.Stderr, os.Getenv))
	}
	if err := azuresim.ServePlugin(os.Args[1:], os.Stdout, azuresim.Options{}); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure-native (azure simulator): %v\n", err)
		os.Exit(1)
	}
}
