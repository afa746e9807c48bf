package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewHSMKeyInPremiumVault returns stack rule 4: an HSM-backed key (RSA-HSM, EC-HSM) lives in
// a premium vault; Azure rejects it in a standard one. The key is related to its vault by
// vaultName or by a dependency on the vault's URN.
func NewHSMKeyInPremiumVault() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-hsm-key-premium-vault",
		desc:  "HSM-backed keys live in premium Key Vaults (stack rule 4; guide 3 Enable Encryption; Azure Key Vault service limits).",
		level: mandatory,
		check: func(c *stackCheck) error {
			idx := c.idx
			for _, k := range idx.byKind[kKey] {
				kty, f := get(idx.nodes[k].r.Properties, "properties.kty").str()
				if !f.known() || !isHSMKeyType(kty) {
					continue
				}
				vaults, _ := idx.vaultsByName(k)
				for _, v := range vaults {
					sku, sf := get(idx.nodes[v].r.Properties, "properties.sku.name").str()
					if sf.known() && !eqFold(sku, "premium") {
						c.reportf(idx.nodes[k].r.URN, "Key Vault key %s is HSM-backed (%s), so Key Vault %s must use the premium SKU: set properties.sku.name to 'premium' on the vault, or use kty 'RSA' or 'EC'.", quote(idx.displayName(k)), kty, quote(idx.displayName(v)))
					}
				}
			}
			return nil
		},
	})
}
