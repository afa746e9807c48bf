package rules

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// enabledForFlags are the vault properties that let Azure platform services read secrets
// outside the firewall and RBAC.
var enabledForFlags = []string{"enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment"}

// NewTrustedServicesRestricted returns rule V5: the firewall's trusted-services bypass is None
// unless allowAzureServicesBypass is set, and the enabledFor* flags are false unless listed in
// allowedEnabledFor. Azure applies bypass AzureServices when networkAcls omits it.
func NewTrustedServicesRestricted() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-trusted-services-restricted",
		desc:  "Key Vaults do not let Azure services bypass the firewall or read secrets for deployments (V5; guide 2 Firewall Rules; PSRule Azure.KeyVault.Firewall guidance).",
		level: advisory,
		kinds: []kind{kVault},
		schema: schema(map[string]map[string]any{
			"allowAzureServicesBypass": schemaBool("Accept networkAcls.bypass 'AzureServices' (needed by some platform integrations).", false),
			"allowedEnabledFor":        schemaStrings("enabledFor* flags that may be true (enabledForDeployment, enabledForDiskEncryption, enabledForTemplateDeployment).", nil),
		}),
		check: func(c *resourceCheck) error {
			allowBypass, err := cfgBool(c.cfg, "allowAzureServicesBypass", false)
			if err != nil {
				return err
			}
			allowedFlags, err := cfgStrings(c.cfg, "allowedEnabledFor", nil)
			if err != nil {
				return err
			}
			label := c.vaultLabel()
			acls := get(c.props, "properties.networkAcls")
			if acls.st == stKnown && !allowBypass {
				const fix = "set properties.networkAcls.bypass to 'None'"
				bypass, st := c.str(label, "properties.networkAcls.bypass", "AzureServices", fix)
				if usable(st) && !eqFold(bypass, "None") {
					c.reportf("%s must not let trusted Azure services bypass the firewall: %s.", label, fix)
				}
			}
			for _, flag := range enabledForFlags {
				if slices.Contains(allowedFlags, flag) {
					continue
				}
				path := "properties." + flag
				fix := "set " + path + " to false"
				on, st := c.boolean(label, path, false, fix)
				if usable(st) && on {
					c.reportf("%s must not grant Azure platform access through %s: %s.", label, path, fix)
				}
			}
			return nil
		},
	})
}
