// Package rules holds the zerotrust-keyvault CrossGuard policies: one policy per file, each built
// by an exported constructor, plus the pack that bundles them ([NewPack], [Policies]) and an
// in-process evaluator ([Evaluate]) that other packages' tests use to run the pack over the
// resources they recorded under Pulumi mocks.
//
// The policies enforce the zero-trust Key Vault guide
// (shared/seed/zero-trust-key-vault-guide.md) and the union of the rule sets it draws on:
// Azure Policy built-ins, the Azure Landing Zones Key Vault guardrails, Checkov, PSRule for
// Azure, Trivy, the Microsoft Cloud Security Benchmark and the CIS Azure Foundations benchmark.
// Rule identifiers (V1, K6, S6, R1, stack rule 1, ...) follow policy-rules.md, plus the pack's
// own P1, P2 and stack rule 9 for just-in-time administration through PIM, which the sources
// do not cover; [RuleID] maps a policy name back to its identifier.
//
// Every policy reads resource properties exactly as the Pulumi engine sends them for
// azure-native v2.90.0 and follows the same conventions:
//
//   - a missing property is judged by the default the azure-native Go SDK or Azure applies;
//   - an unknown (computed) value is skipped, so a preview never produces a false violation;
//   - a value of the wrong kind (a string where a boolean belongs, a list where an object
//     belongs) is reported as a violation that names the property;
//   - secret values are inspected like plain ones, except by the policies that check secrecy;
//   - type tokens match both the default module (azure-native:keyvault:Vault) and any versioned
//     one (azure-native:keyvault/v20230701:Vault); enum strings compare case-insensitively.
//
// The experimental policyx SDK is used only inside this package, so that a move to a stable Go
// policy SDK touches one place.
package rules
