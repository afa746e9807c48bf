package component

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/operationalinsights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// diagnostics registers the vault's diagnostic setting and, when no
// workspace is given, a Log Analytics workspace for it.
func (b *builder) diagnostics(vault *keyvault.Vault) error {
	a := &b.p.args
	d := a.Diagnostics

	workspaceID := d.WorkspaceID
	if workspaceID == nil {
		ws, err := operationalinsights.NewWorkspace(b.ctx, childName(b.p.name, "logs"), &operationalinsights.WorkspaceArgs{
			ResourceGroupName: a.ResourceGroupName,
			Location:          stringPtr(a.Location),
			WorkspaceName:     pulumi.String("log-" + b.p.vaultName),
			RetentionInDays:   pulumi.Int(d.WorkspaceRetentionDays),
			Sku:               operationalinsights.WorkspaceSkuArgs{Name: pulumi.String("PerGB2018")},
			Tags:              pulumi.ToStringMap(a.Tags),
		}, b.opts()...)
		if err != nil {
			return fmt.Errorf("creating Log Analytics workspace: %w", err)
		}
		workspaceID = ws.ID()
	}

	logs := insights.LogSettingsArray{}
	for _, g := range b.p.groups {
		logs = append(logs, insights.LogSettingsArgs{CategoryGroup: pulumi.String(g), Enabled: pulumi.Bool(true)})
	}
	args := &insights.DiagnosticSettingArgs{
		Name:        pulumi.String(childName(b.p.name, "diag")),
		ResourceUri: vault.ID(),
		WorkspaceId: stringPtr(workspaceID),
		Logs:        logs,
	}
	if !d.DisableMetrics {
		args.Metrics = insights.MetricSettingsArray{
			insights.MetricSettingsArgs{Category: pulumi.String("AllMetrics"), Enabled: pulumi.Bool(true)},
		}
	}
	args.StorageAccountId = stringPtr(d.StorageAccountID)
	args.EventHubAuthorizationRuleId = stringPtr(d.EventHubAuthorizationRuleID)
	args.EventHubName = stringPtr(d.EventHubName)

	ds, err := insights.NewDiagnosticSetting(b.ctx, childName(b.p.name, "diag"), args, b.opts()...)
	if err != nil {
		return fmt.Errorf("creating diagnostic setting: %w", err)
	}
	b.lockDeps = append(b.lockDeps, ds)
	b.c.WorkspaceID = workspaceID.ToStringOutput()
	b.c.DiagnosticSettingID = ds.ID().ToStringOutput()
	return nil
}
