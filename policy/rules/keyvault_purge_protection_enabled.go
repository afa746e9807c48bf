package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewPurgeProtectionEnabled returns rule V10: purge protection is on. Azure leaves it off
// when omitted, so an absent value violates.
func NewPurgeProtectionEnabled() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-purge-protection-enabled",
		desc:  "Key Vaults enable purge protection (V10; guide 7 Enable Purge Protection; ALZ Deny, Azure Policy 0b60c0b2, CIS 8.3.5).",
		level: mandatory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := c.vaultLabel()
			const fix = "set properties.enablePurgeProtection to true"
			on, st := c.boolean(label, "properties.enablePurgeProtection", false, fix)
			if usable(st) && !on {
				c.reportf("%s must enable purge protection: %s.", label, fix)
			}
			return nil
		},
	})
}
