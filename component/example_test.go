package component_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

// A vault reachable only through one private endpoint, readable by one
// managed identity. Here it runs under mocks; in a program, call it inside
// pulumi.Run.
func ExampleNewZeroTrustVault() {
	mocks := azmock.New("payments", "dev")
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		kv, err := component.NewZeroTrustVault(ctx, "payments", &component.ZeroTrustVaultArgs{
			ResourceGroupName: pulumi.String("rg-payments"),
			Location:          pulumi.String("westeurope"),
			PrivateEndpoints: []component.PrivateEndpointArgs{{
				SubnetID: pulumi.String("/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"),
			}},
			RoleAssignments: []component.RoleAssignmentArgs{{
				Key:         "api",
				PrincipalID: pulumi.String("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"),
				Role:        "Key Vault Secrets User",
			}},
		})
		if err != nil {
			return err
		}
		ctx.Export("vaultUri", kv.VaultURI)
		return nil
	}, mocks.RunOption())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	counts := map[string]int{}
	for _, r := range mocks.Resources() {
		counts[r.Type]++
	}
	fmt.Println("vaults:", counts["azure-native:keyvault:Vault"])
	fmt.Println("private endpoints:", counts["azure-native:network:PrivateEndpoint"])
	fmt.Println("role assignments:", counts["azure-native:authorization:RoleAssignment"])
	fmt.Println("diagnostic settings:", counts["azure-native:insights:DiagnosticSetting"])
	fmt.Println("locks:", counts["azure-native:authorization:ManagementLockByScope"])
	// Output:
	// vaults: 1
	// private endpoints: 1
	// role assignments: 1
	// diagnostic settings: 1
	// locks: 2
}
