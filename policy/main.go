// Command policy serves the zerotrust-keyvault CrossGuard policy pack over the Pulumi analyzer
// protocol. Build it with `go build -o <file> ./policy` and pass the file to
// `pulumi preview --policy-pack <file>`, or point --policy-pack at this directory.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/policy/rules"
)

func main() {
	err := policyx.Main(func(*pulumi.Context) (policyx.PolicyPack, error) {
		return rules.NewPack()
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
