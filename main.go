// Command zerotrust-keyvault is the project's Pulumi program: `pulumi up`
// deploys one zero-trust Key Vault per stack (see stacks/ and README.md).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/program"
)

func main() { pulumi.Run(program.Run) }
