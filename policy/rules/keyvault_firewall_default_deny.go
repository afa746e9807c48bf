package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewFirewallDefaultDeny returns rule V2: a Key Vault's firewall denies by default unless
// public network access is disabled altogether. Without networkAcls Azure allows all networks.
func NewFirewallDefaultDeny() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-firewall-default-deny",
		desc:  "Key Vault firewalls deny by default unless public access is disabled (V2; guide 2 Firewall Rules; Azure Policy 55615ac9, Trivy AVD-AZU-0013, PSRule Azure.KeyVault.Firewall).",
		level: mandatory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := c.vaultLabel()
			const fix = "set properties.networkAcls.defaultAction to 'Deny'"
			pna, st := c.str(label, "properties.publicNetworkAccess", "enabled", "set properties.publicNetworkAccess to 'Disabled'")
			if st == stKnown && eqFold(pna, "Disabled") {
				return nil
			}
			// An unknown or malformed publicNetworkAccess may still turn out Disabled; V1
			// reports the malformed case.
			pnaUnsure := !usable(st)
			action, ast := c.str(label, "properties.networkAcls.defaultAction", "Allow", fix)
			if !usable(ast) || pnaUnsure {
				return nil
			}
			if !eqFold(action, "Deny") {
				c.reportf("%s must deny network access by default: %s (or set properties.publicNetworkAccess to 'Disabled').", label, fix)
			}
			return nil
		},
	})
}
