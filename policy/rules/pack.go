package rules

import (
	"fmt"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

const (
	// PackName is the policy pack's name, as in policy/PulumiPolicy.yaml.
	PackName = "zerotrust-keyvault"
	// PackVersion is the pack's semantic version: a new policy is a minor bump, a stricter
	// default a major one. Keep it equal to the version in policy/PulumiPolicy.yaml.
	PackVersion = "0.2.0"
)

// catalogEntry pairs a policy constructor with its rule identifier: the identifier of
// policy-rules.md, or one of the pack's own for rules the sources do not have (P1, P2 and
// stack rule 9, for just-in-time administration through PIM).
type catalogEntry struct {
	rule string
	make func() policyx.Policy
}

// catalog lists every policy in the pack, resource policies first.
var catalog = []catalogEntry{
	{"V1", func() policyx.Policy { return NewPublicNetworkAccessDisabled() }},
	{"V2", func() policyx.Policy { return NewFirewallDefaultDeny() }},
	{"V3", func() policyx.Policy { return NewIPRulesRestricted() }},
	{"V4", func() policyx.Policy { return NewVNetRulesRequireServiceEndpoint() }},
	{"V5", func() policyx.Policy { return NewTrustedServicesRestricted() }},
	{"V8", func() policyx.Policy { return NewSoftDeleteEnabled() }},
	{"V9", func() policyx.Policy { return NewSoftDeleteRetention() }},
	{"V10", func() policyx.Policy { return NewPurgeProtectionEnabled() }},
	{"V11", func() policyx.Policy { return NewRBACAuthorization() }},
	{"V12", func() policyx.Policy { return NewAccessPolicyPermissionsLimited() }},
	{"V16", func() policyx.Policy { return NewNameValid() }},
	{"V17", func() policyx.Policy { return NewNoPreviewAPIVersion() }},
	{"K1", func() policyx.Policy { return NewKeyExpirySet() }},
	{"K2", func() policyx.Policy { return NewKeyMaxValidity() }},
	{"K5", func() policyx.Policy { return NewKeyHSMBacked() }},
	{"K6", func() policyx.Policy { return NewKeyTypeAllowed() }},
	{"K7", func() policyx.Policy { return NewKeyRSAMinSize() }},
	{"K8", func() policyx.Policy { return NewKeyCurveAllowed() }},
	{"K9", func() policyx.Policy { return NewKeyRotationPolicy() }},
	{"K10", func() policyx.Policy { return NewKeyNotExportableOpsLimited() }},
	{"S1", func() policyx.Policy { return NewSecretExpirySet() }},
	{"S2", func() policyx.Policy { return NewSecretMaxValidity() }},
	{"S5", func() policyx.Policy { return NewSecretContentTypeSet() }},
	{"S6", func() policyx.Policy { return NewSecretValueIsSecret() }},
	{"R1", func() policyx.Policy { return NewNoPrivilegedRoles() }},
	{"R1", func() policyx.Policy { return NewRoleAssignmentScopeAndType() }},
	{"P1", func() policyx.Policy { return NewAdminEligibleNotStanding() }},
	{"P2", func() policyx.Policy { return NewPIMActivationRequiresMFA() }},
	{"H1", func() policyx.Policy { return NewManagedHSMHardened() }},
	{"stack 1", func() policyx.Policy { return NewPrivateEndpointRequired() }},
	{"stack 1", func() policyx.Policy { return NewPrivateEndpointDNSZoneGroup() }},
	{"stack 2", func() policyx.Policy { return NewDiagnosticSettingsAudit() }},
	{"stack 3", func() policyx.Policy { return NewRBACVaultNoAccessPolicies() }},
	{"stack 4", func() policyx.Policy { return NewHSMKeyInPremiumVault() }},
	{"stack 5", func() policyx.Policy { return NewVNetRuleSubnetServiceEndpoint() }},
	{"stack 6", func() policyx.Policy { return NewOutputsNoPlaintextSecrets() }},
	{"stack 7", func() policyx.Policy { return NewKeyRotationConsistent() }},
	{"stack 8", func() policyx.Policy { return NewDefenderForKeyVault() }},
	{"stack 9", func() policyx.Policy { return NewPIMEligibilityHasActivationPolicy() }},
}

// cached holds the policies built once; policies are stateless, so sharing them is safe.
var cached = sync.OnceValues(func() ([]policyx.Policy, map[string]string) {
	policies := make([]policyx.Policy, len(catalog))
	ids := make(map[string]string, len(catalog))
	for i, e := range catalog {
		policies[i] = e.make()
		ids[policies[i].Name()] = e.rule
	}
	return policies, ids
})

// Policies returns every policy of the pack with its default enforcement level, resource
// policies first, then stack policies. The slice is a fresh copy on each call.
func Policies() []policyx.Policy {
	policies, _ := cached()
	return append([]policyx.Policy(nil), policies...)
}

// RuleID returns the rule identifier ("V1", "K6", "R1", "P1", "stack 1", ...) for a policy
// name, or "" for a name the pack does not have. Identifiers are those of policy-rules.md,
// except P1, P2 and stack 9, which the pack adds for just-in-time administration.
func RuleID(policyName string) string {
	_, ids := cached()
	return ids[policyName]
}

// NewPack returns the policy pack served by policy/main.go. policyx ignores the pack-level
// enforcement level, so every policy carries its own.
func NewPack() (policyx.PolicyPack, error) {
	v, err := semver.Parse(PackVersion)
	if err != nil {
		return nil, fmt.Errorf("parsing pack version %q: %w", PackVersion, err)
	}
	return policyx.NewPolicyPack(PackName, v, policyx.EnforcementLevelAdvisory, Policies())
}
