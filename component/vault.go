package component

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// vault registers the Key Vault with the zero-trust settings of the plan.
func (b *builder) vault() (*keyvault.Vault, error) {
	a := &b.p.args

	tenant := a.TenantID
	if tenant == nil {
		tenant = authorization.GetClientConfigOutput(b.ctx, b.parent).TenantId()
	}

	bypass := "None"
	if a.Network.AllowTrustedAzureServices {
		bypass = "AzureServices"
	}
	publicAccess := "Disabled"
	if a.Network.AllowPublicNetworkAccess {
		publicAccess = "Enabled"
	}
	ipRules := keyvault.IPRuleArray{}
	for _, r := range b.p.ipRules {
		ipRules = append(ipRules, keyvault.IPRuleArgs{Value: pulumi.String(r)})
	}
	vnetRules := keyvault.VirtualNetworkRuleArray{}
	for _, id := range a.Network.VirtualNetworkSubnetIDs {
		vnetRules = append(vnetRules, keyvault.VirtualNetworkRuleArgs{
			Id:                               pulumi.String(id),
			IgnoreMissingVnetServiceEndpoint: pulumi.Bool(false),
		})
	}
	if !a.Network.AllowPublicNetworkAccess && len(b.p.ipRules) > 0 {
		b.ctx.Log.Warn(fmt.Sprintf("ZeroTrustVault %q: Network.IPRules take effect only while public network access is allowed; they are kept on the firewall for when it is", b.p.name), nil)
	}

	var extra []pulumi.ResourceOption
	if a.Protect {
		extra = append(extra, pulumi.Protect(true))
	}
	var createMode keyvault.CreateModePtrInput
	if a.Recover {
		createMode = keyvault.CreateModeRecover
	}
	v, err := keyvault.NewVault(b.ctx, childName(b.p.name, "vault"), &keyvault.VaultArgs{
		VaultName:         pulumi.String(b.p.vaultName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          stringPtr(a.Location),
		Tags:              pulumi.ToStringMap(a.Tags),
		Properties: keyvault.VaultPropertiesArgs{
			TenantId:   tenant,
			CreateMode: createMode,
			Sku: keyvault.SkuArgs{
				Family: pulumi.String("A"),
				Name:   keyvault.SkuName(b.p.sku),
			},
			// RBAC only: access policies are never sent.
			EnableRbacAuthorization:      pulumi.Bool(true),
			EnableSoftDelete:             pulumi.Bool(true),
			SoftDeleteRetentionInDays:    pulumi.Int(a.SoftDeleteRetentionDays),
			EnablePurgeProtection:        pulumi.Bool(true),
			EnabledForDeployment:         pulumi.Bool(a.EnabledForDeployment),
			EnabledForDiskEncryption:     pulumi.Bool(a.EnabledForDiskEncryption),
			EnabledForTemplateDeployment: pulumi.Bool(a.EnabledForTemplateDeployment),
			PublicNetworkAccess:          pulumi.String(publicAccess),
			NetworkAcls: keyvault.NetworkRuleSetArgs{
				DefaultAction:       pulumi.String("Deny"),
				Bypass:              pulumi.String(bypass),
				IpRules:             ipRules,
				VirtualNetworkRules: vnetRules,
			},
		},
	}, b.opts(extra...)...)
	if err != nil {
		return nil, fmt.Errorf("creating vault: %w", err)
	}
	b.c.VaultID = v.ID().ToStringOutput()
	b.c.VaultName = v.Name
	b.c.VaultURI = v.Properties.VaultUri()
	return v, nil
}
