package component_test

import (
	"context"
	"sort"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/policy/rules"
)

// violations runs the policy pack with its defaults over what the component registered.
func violations(t *testing.T, r result) []string {
	t.Helper()
	require.NoError(t, r.err)
	vs, err := rules.Evaluate(context.Background(), r.mocks.AnalyzerResources(), rules.DefaultConfig())
	require.NoError(t, err)
	var out []string
	for _, v := range vs {
		level := "advisory"
		if v.Level == policyx.EnforcementLevelMandatory {
			level = "mandatory"
		}
		out = append(out, level+" "+v.Policy)
	}
	sort.Strings(out)
	return out
}

// defenderAdvice is the one result every stack without Defender for Key
// Vault gets: Defender is subscription-wide, so the component leaves it to an
// explicit opt-in (ThreatDetection.EnableDefenderForKeyVault) and the pack
// reminds, at advisory level.
const defenderAdvice = "advisory keyvault-defender-enabled"

// The component's defaults, and every safe option, pass its own policy pack:
// no mandatory violation, and no advisory one but the Defender reminder.
func TestComponentPassesThePolicyPack(t *testing.T) {
	t.Parallel()
	cases := map[string]func(a *component.ZeroTrustVaultArgs){
		"defaults": func(*component.ZeroTrustVaultArgs) {},
		"premium, roles, existing zone and workspace": func(a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.PrivateDNS = component.PrivateDNSArgs{Mode: component.DNSModeExistingZone, ZoneID: pulumi.String(hubZoneID)}
			a.Diagnostics.WorkspaceID = pulumi.String(workspaceID)
			a.RoleAssignments = []component.RoleAssignmentArgs{
				{Key: "app", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"},
				{Key: "ops", PrincipalID: pulumi.String(principalB), PrincipalType: "Group", Role: "Key Vault Reader"},
			}
		},
		"keys and secrets with short validity": func(a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.Keys = []component.KeyArgs{
				{Name: "cmk", Type: "RSA-HSM", ValidityDays: 90, RotateBeforeExpiryDays: 30},
				{Name: "sig", Type: "EC-HSM", Curve: "P-384", ValidityDays: 90},
			}
			a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("v"), ContentType: "text/plain"}}
		},
	}
	for name, modify := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			modify(a)
			assert.Equal(t, []string{defenderAdvice}, violations(t, run(t, a)))
		})
	}
}

// Each unsafe opt-in shows up as the policy violation a reviewer would expect.
func TestUnsafeOptInsAreVisibleToThePolicyPack(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(a *component.ZeroTrustVaultArgs)
		want   []string
	}{
		{"public network access", func(a *component.ZeroTrustVaultArgs) {
			a.Network.AllowPublicNetworkAccess = true
			a.Network.IPRules = []string{"20.50.0.0/24"}
		}, []string{"mandatory keyvault-public-network-access-disabled"}},
		{"trusted services bypass", func(a *component.ZeroTrustVaultArgs) { a.Network.AllowTrustedAzureServices = true },
			[]string{"advisory keyvault-trusted-services-restricted"}},
		{"enabled for deployment", func(a *component.ZeroTrustVaultArgs) { a.EnabledForDeployment = true },
			[]string{"advisory keyvault-trusted-services-restricted"}},
		{"owner role", func(a *component.ZeroTrustVaultArgs) {
			a.AllowPrivilegedRoles = true
			a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "x", PrincipalID: pulumi.String(principalA), Role: "Owner"}}
		}, []string{"mandatory authorization-no-privileged-roles"}},
		{"unreachable vault without endpoint", func(a *component.ZeroTrustVaultArgs) {
			a.PrivateEndpoints = nil
			a.Network.IntentionallyUnreachable = true
		}, []string{"mandatory keyvault-private-endpoint-required"}},
		{"DNS left to Azure Policy", func(a *component.ZeroTrustVaultArgs) { a.PrivateDNS.Mode = component.DNSModeExternal },
			[]string{"mandatory keyvault-private-endpoint-dns-zone-group"}},
		{"short soft-delete retention", func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = 7 },
			[]string{"advisory keyvault-soft-delete-retention"}},
		{"no key auto-rotation", func(a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.Keys = []component.KeyArgs{{Name: "k", ValidityDays: 90, DisableAutoRotation: true}}
		}, []string{"advisory keyvault-key-rotation-consistent", "advisory keyvault-key-rotation-policy"}},
		{"software key in a standard vault", func(a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "k", ValidityDays: 90}}
		}, []string{"advisory keyvault-key-hsm-backed"}},
		// Issue 4 sets a key's default validity to one year; the pack's
		// defaults follow the strictest source (ALZ: 90 days, rotation within
		// 90 days), so a default key is flagged, at advisory level, for both
		// its first version's expiry and its rotation policy.
		{"key valid for the default year", func(a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.Keys = []component.KeyArgs{{Name: "k"}}
		}, []string{"advisory keyvault-key-max-validity", "advisory keyvault-key-max-validity",
			"advisory keyvault-key-rotation-consistent", "advisory keyvault-key-rotation-policy"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			tc.modify(a)
			want := append([]string{defenderAdvice}, tc.want...)
			sort.Strings(want)
			assert.Equal(t, want, violations(t, run(t, a)))
		})
	}
}

// With Defender turned on and a maximal, safe configuration the pack has
// nothing at all to report.
func TestMaximalConfigurationHasNoViolation(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.SKU = "premium"
	a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "app", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"}}
	a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 90, RoleAssignments: []component.RoleAssignmentArgs{
		{Key: "storage", PrincipalID: pulumi.String(principalB), Role: "Key Vault Crypto Service Encryption User"},
	}}}
	a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("v"), ContentType: "text/plain"}}
	a.ThreatDetection = component.ThreatDetectionArgs{Enabled: true, EmailAddresses: []string{"secops@contoso.example"}, EnableDefenderForKeyVault: true}
	a.JustInTime = component.JustInTimeArgs{
		Eligibilities:             []component.EligibilityArgs{{Key: "admins", PrincipalID: pulumi.String(principalB)}},
		RoleManagementPolicyNames: map[string]string{"Key Vault Administrator": "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b"},
	}
	a.Guardrails.Enabled = true
	r := run(t, a)
	assert.Empty(t, violations(t, r))
	assert.NotEmpty(t, r.mocks.OfType("azure-native:authorization:PimRoleEligibilitySchedule"))
	assert.NotEmpty(t, r.mocks.OfType("azure-native:authorization:PolicyAssignment"))
}
