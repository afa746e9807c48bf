package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewDefenderForKeyVault returns stack rule 8: a stack that deploys vaults or Managed HSMs
// also enables Microsoft Defender for Key Vault on the subscription, as an
// azure-native:security:Pricing named 'KeyVaults' with pricingTier 'Standard'. Set
// managedExternally when the subscription's Defender plans are managed elsewhere.
func NewDefenderForKeyVault() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-defender-enabled",
		desc:  "Microsoft Defender for Key Vault is enabled for the subscription (stack rule 8; guide 4 Enable Azure Defender for Key Vault; Azure Policy 1f725891, MCSB LT-1).",
		level: advisory,
		schema: schema(map[string]map[string]any{
			"managedExternally": schemaBool("Defender plans are managed outside this stack.", false),
		}),
		check: func(c *stackCheck) error {
			external, err := cfgBool(c.cfg, "managedExternally", false)
			if err != nil {
				return err
			}
			idx := c.idx
			vaults := append(append([]int(nil), idx.byKind[kVault]...), idx.byKind[kManagedHsm]...)
			if external || len(vaults) == 0 {
				return nil
			}
			for _, p := range idx.byKind[kSecurityPricing] {
				if idx.nodes[p].name != "keyvaults" {
					continue
				}
				tier, f := get(idx.nodes[p].r.Properties, "pricingTier").str()
				if f.st == stUnknown || f.known() && eqFold(tier, "Standard") {
					return nil
				}
				c.reportf(idx.nodes[p].r.URN, "Defender plan %s must be on: set pricingTier to 'Standard'.", quote(idx.displayName(p)))
				return nil
			}
			urn := idx.nodes[vaults[0]].r.URN
			if st := idx.byKind[kStack]; len(st) > 0 {
				urn = idx.nodes[st[0]].r.URN
			}
			c.reportf(urn, "Stack deploys Key Vault %s without Microsoft Defender for Key Vault: add an azure-native:security:Pricing with pricingName 'KeyVaults' and pricingTier 'Standard' (or set managedExternally).", quote(idx.displayName(vaults[0])))
			return nil
		},
	})
}
