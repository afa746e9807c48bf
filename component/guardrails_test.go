package component_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

const (
	tPolicyAssignment = "azure-native:authorization:PolicyAssignment"
	appRGID           = "/subscriptions/" + azmock.SubscriptionID + "/resourceGroups/rg-app"
)

// assignments returns the guardrail assignments by key.
func assignments(t *testing.T, m *azmock.Mocks) map[string]azmock.Resource {
	t.Helper()
	out := map[string]azmock.Resource{}
	for _, r := range m.OfType(tPolicyAssignment) {
		out[r.Name[len("app-guardrail-"):]] = r
	}
	return out
}

func TestGuardrailsAreOffByDefault(t *testing.T) {
	t.Parallel()
	r, out := runBeyond(t, baseArgs())
	require.NoError(t, r.err)
	assert.Zero(t, typeCounts(r.mocks)[tPolicyAssignment])
	assert.Empty(t, out.PolicyAssignmentIDs)
}

func TestGuardrailDefaults(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.Guardrails.Enabled = true
	r, out := runBeyond(t, a)
	require.NoError(t, r.err)

	comp := only(t, r.mocks, tComponent)
	vault := only(t, r.mocks, tVault)
	vaultName := path(t, vault, "vaultName").StringValue()
	as := assignments(t, r.mocks)
	require.Len(t, as, len(component.GuardrailDefinitions))

	// The strictest effect each definition supports; HSM-backed keys audited.
	want := map[string]string{
		"public-network-access": "Deny", "firewall": "Deny", "private-link": "Audit", "soft-delete": "Deny",
		"deletion-protection": "Deny", "rbac": "Deny", "resource-logs": "AuditIfNotExists", "vnet-service-endpoint": "Audit",
		"key-expiry": "Deny", "key-max-validity": "Deny", "key-active-period": "Deny", "key-min-days-before-expiry": "Deny",
		"key-hsm-backed": "Audit", "key-types": "Deny", "key-rsa-min-size": "Deny", "key-ec-curves": "Deny", "key-rotation": "Audit",
		"secret-expiry": "Deny", "secret-max-validity": "Deny", "secret-active-period": "Deny",
		"secret-min-days-before-expiry": "Deny", "secret-content-type": "Deny", "certificate-max-validity": "Deny",
	}
	ids := map[string]string{}
	for _, d := range component.GuardrailDefinitions {
		pa, ok := as[d.Key]
		require.True(t, ok, d.Key)
		ids[d.Key] = pa.ID
		assert.Equal(t, comp.URN, pa.Parent, d.Key)
		assert.Equal(t, appRGID, path(t, pa, "scope").V, "%s is assigned to the vault's resource group", d.Key)
		assert.Contains(t, pa.PropertyDependencies["scope"], vault.URN, d.Key)
		assert.Equal(t, "/providers/Microsoft.Authorization/policyDefinitions/"+d.GUID, path(t, pa, "policyDefinitionId").V, d.Key)
		assert.Equal(t, vaultName+"-"+d.Key, path(t, pa, "policyAssignmentName").V, d.Key)
		assert.LessOrEqual(t, len(path(t, pa, "policyAssignmentName").StringValue()), 64, d.Key)
		assert.Equal(t, want[d.Key], path(t, pa, "parameters.effect.value").V, d.Key)
		assert.Equal(t, "Default", path(t, pa, "enforcementMode").V, d.Key)
		assert.NotEmpty(t, path(t, pa, "nonComplianceMessages[0].message").StringValue(), d.Key)
	}
	params := map[string]map[string]any{
		"key-max-validity":              {"maximumValidityInDays": float64(90)},
		"key-active-period":             {"maximumValidityInDays": float64(90)},
		"key-min-days-before-expiry":    {"minimumDaysBeforeExpiration": float64(30)},
		"key-rotation":                  {"maximumDaysToRotate": float64(90)},
		"key-rsa-min-size":              {"minimumRSAKeySize": float64(2048)},
		"secret-max-validity":           {"maximumValidityInDays": float64(90)},
		"secret-active-period":          {"maximumValidityInDays": float64(90)},
		"secret-min-days-before-expiry": {"minimumDaysBeforeExpiration": float64(30)},
		"certificate-max-validity":      {"maximumValidityInMonths": float64(12)},
	}
	for key, ps := range params {
		for p, v := range ps {
			assert.Equal(t, v, path(t, as[key], "parameters."+p+".value").V, "%s %s", key, p)
		}
	}
	assert.Equal(t, []string{"RSA", "RSA-HSM", "EC", "EC-HSM"}, strs(t, as["key-types"], "parameters.allowedKeyTypes.value"))
	assert.Equal(t, []string{"P-256", "P-384", "P-521"}, strs(t, as["key-ec-curves"], "parameters.allowedECNames.value"))
	assert.Len(t, as["soft-delete"].Inputs["parameters"].ObjectValue(), 1, "definitions without parameters get only the effect")
	assert.Equal(t, ids, out.PolicyAssignmentIDs)
}

func TestGuardrailOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs)
		check  func(t *testing.T, as map[string]azmock.Resource)
	}{
		{"effects overridden, case-insensitively", func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.Effects = map[string]string{"vnet-service-endpoint": "disabled", "key-max-validity": "Audit"}
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Equal(t, "Disabled", path(t, as["vnet-service-endpoint"], "parameters.effect.value").V)
			assert.Equal(t, "Audit", path(t, as["key-max-validity"], "parameters.effect.value").V)
		}},
		{"stricter parameters", func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.KeyMaxValidityDays, g.KeyMaxActiveDays, g.KeyMinDaysBeforeExpiry, g.KeyMaxDaysToRotate = 60, 60, 14, 45
			g.MinimumRSAKeySize = 3072
			g.AllowedKeyTypes = []string{"RSA-HSM", "EC-HSM"}
			g.AllowedECCurves = []string{"P-384"}
			g.SecretMaxValidityDays, g.SecretMaxActiveDays, g.SecretMinDaysBeforeExpiry = 30, 30, 7
			g.CertificateMaxValidityMonths = 6
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Equal(t, float64(60), path(t, as["key-max-validity"], "parameters.maximumValidityInDays.value").V)
			assert.Equal(t, float64(60), path(t, as["key-active-period"], "parameters.maximumValidityInDays.value").V)
			assert.Equal(t, float64(14), path(t, as["key-min-days-before-expiry"], "parameters.minimumDaysBeforeExpiration.value").V)
			assert.Equal(t, float64(45), path(t, as["key-rotation"], "parameters.maximumDaysToRotate.value").V)
			assert.Equal(t, float64(3072), path(t, as["key-rsa-min-size"], "parameters.minimumRSAKeySize.value").V)
			assert.Equal(t, []string{"RSA-HSM", "EC-HSM"}, strs(t, as["key-types"], "parameters.allowedKeyTypes.value"))
			assert.Equal(t, []string{"P-384"}, strs(t, as["key-ec-curves"], "parameters.allowedECNames.value"))
			assert.Equal(t, float64(30), path(t, as["secret-max-validity"], "parameters.maximumValidityInDays.value").V)
			assert.Equal(t, float64(7), path(t, as["secret-min-days-before-expiry"], "parameters.minimumDaysBeforeExpiration.value").V)
			assert.Equal(t, float64(6), path(t, as["certificate-max-validity"], "parameters.maximumValidityInMonths.value").V)
		}},
		{"keys and secrets that meet the guardrails", func(_ *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 90}, {Name: "sign", Type: "EC", Curve: "P-384", ValidityDays: 60}}
			a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("x"), ContentType: "text/plain"}}
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Len(t, as, len(component.GuardrailDefinitions))
		}},
		{"audited key validity allows the component's one-year keys", func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk"}}
			g.Effects = map[string]string{"key-max-validity": "Audit", "key-active-period": "Audit"}
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Equal(t, "Audit", path(t, as["key-max-validity"], "parameters.effect.value").V)
		}},
		{"HSM-backed keys denied on a premium vault", func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.Keys = []component.KeyArgs{{Name: "cmk", Type: "RSA-HSM", ValidityDays: 90}}
			g.Effects = map[string]string{"key-hsm-backed": "Deny"}
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Equal(t, "Deny", path(t, as["key-hsm-backed"], "parameters.effect.value").V)
		}},
		{"public access with the guardrail audited", func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Network.AllowPublicNetworkAccess = true
			a.Network.IPRules = []string{"20.50.0.0/24"}
			g.Effects = map[string]string{"public-network-access": "Audit"}
		}, func(t *testing.T, as map[string]azmock.Resource) {
			assert.Equal(t, "Audit", path(t, as["public-network-access"], "parameters.effect.value").V)
			assert.Equal(t, "Deny", path(t, as["firewall"], "parameters.effect.value").V, "the firewall still defaults to Deny")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			g := component.GuardrailArgs{Enabled: true}
			tc.modify(&g, a)
			a.Guardrails = g
			r, _ := runBeyond(t, a)
			require.NoError(t, r.err)
			tc.check(t, assignments(t, r.mocks))
		})
	}
}

func TestGuardrailBadInputs(t *testing.T) {
	t.Parallel()
	gr := func(f func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs)) func(a *component.ZeroTrustVaultArgs) {
		return func(a *component.ZeroTrustVaultArgs) {
			g := component.GuardrailArgs{Enabled: true}
			f(&g, a)
			a.Guardrails = g
		}
	}
	checkBadInputs(t, []badCase{
		{"settings while disabled", func(a *component.ZeroTrustVaultArgs) {
			a.Guardrails = component.GuardrailArgs{KeyMaxValidityDays: 30}
		}, "Guardrails.Enabled", "set Guardrails.Enabled"},
		{"unknown guardrail", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.Effects = map[string]string{"purge": "Deny"}
		}), `Guardrails.Effects["purge"]`, "is not a guardrail"},
		{"effect the definition lacks", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.Effects = map[string]string{"private-link": "Deny"}
		}), `Guardrails.Effects["private-link"]`, "use Audit or Disabled"},
		{"made-up effect", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.Effects = map[string]string{"rbac": "Block"}
		}), `Guardrails.Effects["rbac"]`, "not an effect of rbac"},
		{"negative validity", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) { g.KeyMaxValidityDays = -1 }),
			"Guardrails.KeyMaxValidityDays", "between 1 and 36500"},
		{"certificate validity too long", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.CertificateMaxValidityMonths = 1201
		}),
			"Guardrails.CertificateMaxValidityMonths", "between 1 and 1200"},
		{"RSA size", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) { g.MinimumRSAKeySize = 1024 }),
			"Guardrails.MinimumRSAKeySize", "2048, 3072 or 4096"},
		{"unknown key type", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) { g.AllowedKeyTypes = []string{"oct"} }),
			"Guardrails.AllowedKeyTypes[0]", "RSA, RSA-HSM, EC or EC-HSM"},
		{"duplicate curve", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.AllowedECCurves = []string{"P-256", "P-256"}
		}),
			"Guardrails.AllowedECCurves[1]", "repeats Guardrails.AllowedECCurves[0]"},
		{"unknown curve", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.AllowedECCurves = []string{"secp256k1"}
		}),
			"Guardrails.AllowedECCurves[0]", "P-256, P-256K, P-384 or P-521"},
		// Deny guardrails that the component's own resources would break.
		{"public access denied", gr(func(_ *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Network.AllowPublicNetworkAccess = true
			a.Network.IPRules = []string{"20.50.0.0/24"}
		}), "Network.AllowPublicNetworkAccess", `Guardrails.Effects["public-network-access"] to "Audit"`},
		{"one-year key against the 90-day default", gr(func(_ *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk"}}
		}), "Keys[0].ValidityDays", "365 days exceeds Guardrails.KeyMaxValidityDays (90)"},
		{"key active longer than allowed", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 120}}
			g.KeyMaxValidityDays = 120
		}), "Keys[0].ValidityDays", "exceeds Guardrails.KeyMaxActiveDays (90)"},
		{"key too short-lived", gr(func(_ *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 30, RotateBeforeExpiryDays: 7, NotifyBeforeExpiryDays: 7}}
		}), "Keys[0].ValidityDays", "not more than Guardrails.KeyMinDaysBeforeExpiry (30)"},
		{"key type not allowed", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 90}}
			g.AllowedKeyTypes = []string{"EC"}
		}), "Keys[0].Type", "RSA is not in Guardrails.AllowedKeyTypes"},
		{"RSA smaller than the guardrail", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "cmk", ValidityDays: 90}}
			g.MinimumRSAKeySize = 4096
		}), "Keys[0].Size", "3072 bits is below Guardrails.MinimumRSAKeySize (4096)"},
		{"curve not allowed", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Keys = []component.KeyArgs{{Name: "sign", Type: "EC", ValidityDays: 90}}
			g.AllowedECCurves = []string{"P-384"}
		}), "Keys[0].Curve", "P-256 is not in Guardrails.AllowedECCurves"},
		{"HSM deny on a standard vault", gr(func(g *component.GuardrailArgs, _ *component.ZeroTrustVaultArgs) {
			g.Effects = map[string]string{"key-hsm-backed": "Deny"}
		}), `Guardrails.Effects["key-hsm-backed"]`, `Deny needs SKU "premium"`},
		{"software key under HSM deny", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.SKU = "premium"
			a.Keys = []component.KeyArgs{{Name: "cmk", Type: "RSA", ValidityDays: 90}}
			g.Effects = map[string]string{"key-hsm-backed": "Deny"}
		}), "Keys[0].Type", "RSA is not HSM-backed"},
		{"secret longer than allowed", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("x"), ContentType: "text/plain", ValidityDays: 180}}
		}), "Secrets[0].ValidityDays", "180 days exceeds Guardrails.SecretMaxValidityDays (90)"},
		{"secret active longer than allowed", gr(func(g *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("x"), ContentType: "text/plain", ValidityDays: 120}}
			g.SecretMaxValidityDays = 120
		}), "Secrets[0].ValidityDays", "exceeds Guardrails.SecretMaxActiveDays (90)"},
		{"secret too short-lived", gr(func(_ *component.GuardrailArgs, a *component.ZeroTrustVaultArgs) {
			a.Secrets = []component.SecretArgs{{Name: "db", Value: pulumi.String("x"), ContentType: "text/plain", ValidityDays: 30}}
		}), "Secrets[0].ValidityDays", "not more than Guardrails.SecretMinDaysBeforeExpiry (30)"},
	})
}
