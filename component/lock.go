package component

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/aznetwork"
)

// lockNotes explains the lock to whoever meets it in the portal.
const lockNotes = "Managed by ZeroTrustVault: protects the vault from deletion. Remove it by setting DisableDeleteLock in the Pulumi program, not by hand."

// locks registers a CanNotDelete management lock on the vault and one on each
// private endpoint (a lock on the vault does not cover the endpoints, which
// are separate resources). Each lock depends on every other child, so it is
// created last and, on destroy, deleted first.
func (b *builder) locks(vault *keyvault.Vault, endpoints []*aznetwork.PrivateEndpoint) error {
	if b.p.args.DisableDeleteLock {
		return nil
	}
	deps := pulumi.DependsOn(append([]pulumi.Resource{vault}, b.lockDeps...))
	if _, err := authorization.NewManagementLockByScope(b.ctx, childName(b.p.name, "lock"), &authorization.ManagementLockByScopeArgs{
		Scope:    vault.ID(),
		Level:    pulumi.String("CanNotDelete"),
		LockName: pulumi.String(childName(b.p.name, "lock")),
		Notes:    pulumi.String(lockNotes),
	}, b.opts(deps)...); err != nil {
		return fmt.Errorf("creating delete lock on the vault: %w", err)
	}
	for i, pe := range endpoints {
		name := b.p.endpoints[i].Name
		if _, err := authorization.NewManagementLockByScope(b.ctx, childName(b.p.name, name+"-lock"), &authorization.ManagementLockByScopeArgs{
			Scope:    pe.ID(),
			Level:    pulumi.String("CanNotDelete"),
			LockName: pulumi.String(childName(b.p.name, name+"-lock")),
			Notes:    pulumi.String(lockNotes),
		}, b.opts(pulumi.Parent(pe), deps)...); err != nil {
			return fmt.Errorf("creating delete lock on private endpoint %q: %w", name, err)
		}
	}
	return nil
}
