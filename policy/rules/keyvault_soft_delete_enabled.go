package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewSoftDeleteEnabled returns rule V8: soft delete stays enabled. The azure-native Go SDK
// fills enableSoftDelete=true when it is omitted, so only an explicit false violates.
func NewSoftDeleteEnabled() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-soft-delete-enabled",
		desc:  "Key Vaults keep soft delete enabled (V8; guide 7 Enable Soft Delete; ALZ Deny, Azure Policy 1e66c121, CIS 8.5).",
		level: mandatory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := c.vaultLabel()
			const fix = "set properties.enableSoftDelete to true"
			on, st := c.boolean(label, "properties.enableSoftDelete", true, fix)
			if usable(st) && !on {
				c.reportf("%s must keep soft delete enabled: %s.", label, fix)
			}
			return nil
		},
	})
}
