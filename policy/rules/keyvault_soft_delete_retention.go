package rules

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewSoftDeleteRetention returns rule V9: soft-deleted objects are kept at least
// minRetentionDays (default 90, the maximum Azure allows). The SDK fills 90 when omitted.
func NewSoftDeleteRetention() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-soft-delete-retention",
		desc:  "Key Vaults retain soft-deleted objects long enough to recover them (V9; guide 7 Enable Soft Delete; Trivy AVD-AZU-0016).",
		level: advisory,
		kinds: []kind{kVault},
		schema: schema(map[string]map[string]any{
			"minRetentionDays": schemaInt("Minimum softDeleteRetentionInDays (Azure accepts 7 to 90).", 90, 7, 90),
		}),
		check: func(c *resourceCheck) error {
			minDays, err := cfgInt(c.cfg, "minRetentionDays", 90)
			if err != nil {
				return err
			}
			label := c.vaultLabel()
			fix := fmt.Sprintf("set properties.softDeleteRetentionInDays to at least %d", minDays)
			days, st := c.number(label, "properties.softDeleteRetentionInDays", 90, fix)
			if usable(st) && days < float64(minDays) {
				c.reportf("%s must retain soft-deleted objects for at least %d days (it keeps them %v): %s.", label, minDays, days, fix)
			}
			return nil
		},
	})
}
