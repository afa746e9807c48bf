package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewManagedHSMHardened returns rule H1, the Managed HSM equivalents of V1, V10, K1 and K7:
// a Managed HSM disables public network access (the SDK fills "Enabled" when omitted) and
// keeps purge protection (the SDK fills true when omitted); a Managed HSM key has an expiry
// and RSA keys of at least minimumRsaKeySize bits. The ManagedHsmKey token is matched for
// providers that offer it; azure-native v2.90.0 does not.
func NewManagedHSMHardened() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-managed-hsm-hardened",
		desc:  "Managed HSMs disable public access and keep purge protection, and their keys expire and are large enough (H1; guide 2 and 7; Azure Policy c39ba22d, 19ea9d63).",
		level: advisory,
		kinds: []kind{kManagedHsm, kManagedHsmKey},
		schema: schema(map[string]map[string]any{
			"minimumRsaKeySize": schemaInt("Smallest RSA key size in bits for Managed HSM keys.", 2048, 2048, 4096),
		}),
		check: func(c *resourceCheck) error {
			minSize, err := cfgInt(c.cfg, "minimumRsaKeySize", 2048)
			if err != nil {
				return err
			}
			if c.kind == kManagedHsmKey {
				label := c.keyLabel()
				checkExpirySet(c, label, "properties.attributes", false)
				checkRSASize(c, label, minSize)
				return nil
			}
			label := "Managed HSM " + quote(c.resourceName("name"))
			const pnaFix = "set properties.publicNetworkAccess to 'Disabled'"
			pna, st := c.str(label, "properties.publicNetworkAccess", "Enabled", pnaFix)
			if usable(st) && !eqFold(pna, "Disabled") {
				c.reportf("%s must disable public network access: %s.", label, pnaFix)
			}
			const ppFix = "set properties.enablePurgeProtection to true"
			on, pst := c.boolean(label, "properties.enablePurgeProtection", true, ppFix)
			if usable(pst) && !on {
				c.reportf("%s must keep purge protection enabled: %s.", label, ppFix)
			}
			return nil
		},
	})
}
