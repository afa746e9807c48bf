package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewNoPreviewAPIVersion returns rule V17: Key Vault resources do not use a preview API
// version (a type token such as azure-native:keyvault/v20241201preview:Vault).
func NewNoPreviewAPIVersion() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-no-preview-api-version",
		desc:  "Key Vault resources use a stable API version (V17; Pulumi compliance packs' no-preview-API rule).",
		level: advisory,
		kinds: []kind{kVault, kKey, kSecret, kAccessPolicy, kManagedHsm, kManagedHsmKey, kOther},
		check: func(c *resourceCheck) error {
			t := parseToken(c.res.Type)
			if t.pkg != azureNativePackage || t.module != "keyvault" {
				return nil
			}
			if strings.Contains(strings.ToLower(t.version), "preview") {
				c.reportf("Key Vault resource %s must not use the preview API version %s: use the default token azure-native:keyvault:%s or a stable versioned module.", quote(c.res.Name), t.version, t.typ)
			}
			return nil
		},
	})
}
