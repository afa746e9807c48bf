// Command policy serves the zerotrust-keyvault CrossGuard policy pack over the Pulumi analyzer
// protocol. Build it with `go build -o <file> ./policy` and pass the file to
// `pulumi preview --policy-pack <file>`, or point --policy-pack at this directory.
package main

import (
	"fmt"
	"os"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/policy/rules"
)

func main() {
	if err := rules.Serve(); err != nil {
		fmt.Fprintln(os.Stderr, "zerotrust-keyvault policy pack:", err)
		os.Exit(1)
	}
}
