package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// NewDefenderForKeyVault returns stack rule 8: a stack that deploys vaults or Managed HSMs
// also enables Microsoft Defender for Key Vault on the subscription. Two shapes count:
//
//   - an azure-native:security:Pricing named 'KeyVaults' with pricingTier 'Standard';
//   - an azure-native:resources:DeploymentAtSubscriptionScope whose template (an object or a
//     JSON string, nested deployments included) deploys a Microsoft.Security/pricings
//     resource named 'KeyVaults' with properties.pricingTier 'Standard', which is how the
//     ZeroTrustVault component's ThreatDetection.EnableDefenderForKeyVault does it.
//
// A deployment whose template the pack cannot see or evaluate (unknown values, ARM
// expressions, a linked template, or outputs that omit the template) counts as possibly
// enabling the plan, like any unknown value. A pricing or a deployment that sets the plan to
// another tier is reported even when something else in the stack enables it, because the two
// would overwrite each other. Set managedExternally when the subscription's Defender plans are
// managed elsewhere.
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
			enabled, reported := false, false
			for _, p := range idx.byKind[kSecurityPricing] {
				if idx.nodes[p].name != "keyvaults" {
					continue
				}
				tier, f := get(idx.nodes[p].r.Properties, "pricingTier").str()
				if f.st == stUnknown || f.known() && eqFold(tier, "Standard") {
					enabled = true
					continue
				}
				c.reportf(idx.nodes[p].r.URN, "Defender plan %s must be on: set pricingTier to 'Standard'.", quote(idx.displayName(p)))
				reported = true
			}
			for _, d := range idx.byKind[kSubscriptionDeployment] {
				switch verdict, tier := deploymentDefenderPlan(idx.nodes[d].r.Properties); verdict {
				case planOn, planMaybe:
					enabled = true
				case planOff:
					c.reportf(idx.nodes[d].r.URN, "Deployment %s must deploy the Defender plan 'KeyVaults' at the Standard tier (its template sets %s): set properties.pricingTier of its Microsoft.Security/pricings resource to 'Standard'.", quote(idx.displayName(d)), tier)
					reported = true
				}
			}
			if enabled || reported {
				return nil
			}
			urn := idx.nodes[vaults[0]].r.URN
			if st := idx.byKind[kStack]; len(st) > 0 {
				urn = idx.nodes[st[0]].r.URN
			}
			c.reportf(urn, "Stack deploys Key Vault %s without Microsoft Defender for Key Vault: add an azure-native:security:Pricing with pricingName 'KeyVaults' and pricingTier 'Standard', or an azure-native:resources:DeploymentAtSubscriptionScope whose template deploys Microsoft.Security/pricings 'KeyVaults' at 'Standard' (ZeroTrustVault: ThreatDetection.EnableDefenderForKeyVault), or set managedExternally.", quote(idx.displayName(vaults[0])))
			return nil
		},
	})
}
