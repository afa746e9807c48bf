package component_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

const tKey = "azure-native:keyvault:Key"

func strs(t *testing.T, r azmock.Resource, p string) []string {
	t.Helper()
	var out []string
	for _, v := range path(t, r, p).ArrayValue() {
		out = append(out, v.StringValue())
	}
	return out
}

func TestKeyDefaults(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.Keys = []component.KeyArgs{{Name: "cmk"}}
	start := time.Now()
	r := run(t, a)
	require.NoError(t, r.err)
	k := only(t, r.mocks, tKey)
	vault := only(t, r.mocks, tVault)

	assert.Equal(t, "cmk", path(t, k, "keyName").V)
	assert.Equal(t, path(t, vault, "vaultName").V, path(t, k, "vaultName").V)
	assert.Contains(t, k.PropertyDependencies["vaultName"], vault.URN)
	assert.Equal(t, "RSA", path(t, k, "properties.kty").V)
	assert.Equal(t, float64(3072), path(t, k, "properties.keySize").V)
	assert.True(t, path(t, k, "properties.curveName").IsNull())
	assert.Equal(t, []string{"wrapKey", "unwrapKey"}, strs(t, k, "properties.keyOps"))
	assert.Equal(t, false, path(t, k, "properties.attributes.exportable").V)
	assert.Equal(t, true, path(t, k, "properties.attributes.enabled").V)
	expires := time.Unix(int64(path(t, k, "properties.attributes.expires").NumberValue()), 0)
	assert.WithinDuration(t, start.Add(365*24*time.Hour), expires, 2*time.Minute)
	assert.Equal(t, "P365D", path(t, k, "properties.rotationPolicy.attributes.expiryTime").V)
	assert.Equal(t, "Rotate", path(t, k, "properties.rotationPolicy.lifetimeActions[0].action.type").V)
	assert.Equal(t, "P30D", path(t, k, "properties.rotationPolicy.lifetimeActions[0].trigger.timeBeforeExpiry").V)
	assert.Equal(t, "Notify", path(t, k, "properties.rotationPolicy.lifetimeActions[1].action.type").V)
	assert.Equal(t, "P30D", path(t, k, "properties.rotationPolicy.lifetimeActions[1].trigger.timeBeforeExpiry").V)

	assert.Equal(t, map[string]string{"cmk": k.ID}, r.out.KeyIDs)
	assert.Regexp(t, `^https://[a-z0-9-]+\.vault\.azure\.net/keys/cmk$`, r.out.KeyURIs["cmk"])
	assert.Regexp(t, `^https://[a-z0-9-]+\.vault\.azure\.net/keys/cmk/[0-9a-f]{32}$`, r.out.KeyVersionedURIs["cmk"])
	// The lock outlives the key.
	for _, l := range r.mocks.OfType(tLock) {
		assert.Contains(t, l.Dependencies, k.URN)
	}
}

func TestKeyOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		sku   string
		key   component.KeyArgs
		check func(t *testing.T, k azmock.Resource, r result)
	}{
		{"EC with curve and ops", "", component.KeyArgs{Name: "sig", Type: "EC", Curve: "P-384", Operations: []string{"sign"}},
			func(t *testing.T, k azmock.Resource, _ result) {
				assert.Equal(t, "EC", path(t, k, "properties.kty").V)
				assert.Equal(t, "P-384", path(t, k, "properties.curveName").V)
				assert.True(t, path(t, k, "properties.keySize").IsNull())
				assert.Equal(t, []string{"sign"}, strs(t, k, "properties.keyOps"))
			}},
		{"EC default curve", "", component.KeyArgs{Name: "sig", Type: "EC"}, func(t *testing.T, k azmock.Resource, _ result) {
			assert.Equal(t, "P-256", path(t, k, "properties.curveName").V)
			assert.Equal(t, []string{"sign", "verify"}, strs(t, k, "properties.keyOps"))
		}},
		{"RSA-HSM on premium", "premium", component.KeyArgs{Name: "hsm", Type: "RSA-HSM", Size: 4096}, func(t *testing.T, k azmock.Resource, _ result) {
			assert.Equal(t, "RSA-HSM", path(t, k, "properties.kty").V)
			assert.Equal(t, float64(4096), path(t, k, "properties.keySize").V)
		}},
		{"RSA 2048 with opt-in", "", component.KeyArgs{Name: "legacy", Size: 2048, AllowRSA2048: true}, func(t *testing.T, k azmock.Resource, _ result) {
			assert.Equal(t, float64(2048), path(t, k, "properties.keySize").V)
		}},
		{"custom rotation", "", component.KeyArgs{Name: "k", ValidityDays: 90, RotateBeforeExpiryDays: 14, NotifyBeforeExpiryDays: 21}, func(t *testing.T, k azmock.Resource, _ result) {
			assert.Equal(t, "P90D", path(t, k, "properties.rotationPolicy.attributes.expiryTime").V)
			assert.Equal(t, "P14D", path(t, k, "properties.rotationPolicy.lifetimeActions[0].trigger.timeBeforeExpiry").V)
			assert.Equal(t, "P21D", path(t, k, "properties.rotationPolicy.lifetimeActions[1].trigger.timeBeforeExpiry").V)
		}},
		{"no auto rotation", "", component.KeyArgs{Name: "k", DisableAutoRotation: true}, func(t *testing.T, k azmock.Resource, _ result) {
			acts := path(t, k, "properties.rotationPolicy.lifetimeActions").ArrayValue()
			require.Len(t, acts, 1)
			assert.Equal(t, "Notify", path(t, k, "properties.rotationPolicy.lifetimeActions[0].action.type").V)
		}},
		{"per-key role assignment", "", component.KeyArgs{Name: "cmk", RoleAssignments: []component.RoleAssignmentArgs{
			{Key: "storage", PrincipalID: pulumi.String(principalA), Role: "Key Vault Crypto Service Encryption User"},
		}}, func(t *testing.T, k azmock.Resource, r result) {
			ra := only(t, r.mocks, tRole)
			assert.Equal(t, k.ID, path(t, ra, "scope").V, "the grant is scoped to the key")
			assert.Equal(t, k.URN, ra.Parent)
			assert.Equal(t, "ServicePrincipal", path(t, ra, "principalType").V)
			assert.Contains(t, path(t, ra, "roleDefinitionId").StringValue(), "e147488a-f6f5-4113-8e2d-b22465e65bf6")
			assert.Equal(t, component.RoleAssignmentName(k.ID, principalA, path(t, ra, "roleDefinitionId").StringValue()), path(t, ra, "roleAssignmentName").V)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := baseArgs()
			a.SKU = tc.sku
			a.Keys = []component.KeyArgs{tc.key}
			r := run(t, a)
			require.NoError(t, r.err)
			tc.check(t, only(t, r.mocks, tKey), r)
		})
	}
}

func TestKeyAndSecretBadInputs(t *testing.T) {
	t.Parallel()
	secret := func(s component.SecretArgs) *component.ZeroTrustVaultArgs {
		a := baseArgs()
		a.Secrets = []component.SecretArgs{s}
		return a
	}
	key := func(k component.KeyArgs) *component.ZeroTrustVaultArgs {
		a := baseArgs()
		a.Keys = []component.KeyArgs{k}
		return a
	}
	v := pulumi.String("s3cr3t")
	cases := []struct {
		name        string
		args        *component.ZeroTrustVaultArgs
		field, rule string
	}{
		{"key name", key(component.KeyArgs{Name: "cmk_1"}), "Keys[0].Name", "letters, digits or hyphens"},
		{"key type", key(component.KeyArgs{Name: "k", Type: "oct"}), "Keys[0].Type", "RSA, EC, RSA-HSM or EC-HSM"},
		{"HSM on standard", key(component.KeyArgs{Name: "k", Type: "RSA-HSM"}), "Keys[0].Type", `need SKU "premium"`},
		{"RSA 2048", key(component.KeyArgs{Name: "k", Size: 2048}), "Keys[0].Size", "AllowRSA2048"},
		{"RSA 1024", key(component.KeyArgs{Name: "k", Size: 1024, AllowRSA2048: true}), "Keys[0].Size", "3072 or 4096"},
		{"EC with size", key(component.KeyArgs{Name: "k", Type: "EC", Size: 256}), "Keys[0].Size", "EC keys take Curve"},
		{"RSA with curve", key(component.KeyArgs{Name: "k", Curve: "P-256"}), "Keys[0].Curve", "RSA keys take Size"},
		{"bad curve", key(component.KeyArgs{Name: "k", Type: "EC", Curve: "P-256K"}), "Keys[0].Curve", "P-256, P-384 or P-521"},
		{"export op", key(component.KeyArgs{Name: "k", Operations: []string{"wrapKey", "export"}}), "Keys[0].Operations[1]", "never leave it"},
		{"EC encrypt", key(component.KeyArgs{Name: "k", Type: "EC", Operations: []string{"encrypt"}}), "Keys[0].Operations[0]", "not a EC key operation"},
		{"duplicate op", key(component.KeyArgs{Name: "k", Operations: []string{"sign", "sign"}}), "Keys[0].Operations[1]", "listed twice"},
		{"validity too short", key(component.KeyArgs{Name: "k", ValidityDays: 7}), "Keys[0].ValidityDays", "between 28 and 730"},
		{"validity too long", key(component.KeyArgs{Name: "k", ValidityDays: 1000}), "Keys[0].ValidityDays", "between 28 and 730"},
		{"rotation after expiry", key(component.KeyArgs{Name: "k", ValidityDays: 30, RotateBeforeExpiryDays: 30}), "Keys[0].RotateBeforeExpiryDays", "between 7 and ValidityDays-7 (23)"},
		{"notify too late", key(component.KeyArgs{Name: "k", NotifyBeforeExpiryDays: 3}), "Keys[0].NotifyBeforeExpiryDays", "between 7 and"},
		{"rotation contradiction", key(component.KeyArgs{Name: "k", DisableAutoRotation: true, RotateBeforeExpiryDays: 30}), "Keys[0].RotateBeforeExpiryDays", "contradicts DisableAutoRotation"},
		{"duplicate key", func() *component.ZeroTrustVaultArgs {
			a := key(component.KeyArgs{Name: "cmk"})
			a.Keys = append(a.Keys, component.KeyArgs{Name: "CMK"})
			return a
		}(), "Keys[1].Name", "case-insensitive"},
		{"key role privileged", key(component.KeyArgs{Name: "k", RoleAssignments: []component.RoleAssignmentArgs{{Key: "x", PrincipalID: pulumi.String(principalA), Role: "Owner"}}}), "Keys[0].RoleAssignments[0].Role", "privileged"},
		{"secret without value", secret(component.SecretArgs{Name: "db", ContentType: "text/plain"}), "Secrets[0].Value", "is required"},
		{"secret without content type", secret(component.SecretArgs{Name: "db", Value: v}), "Secrets[0].ContentType", "is required"},
		{"secret name", secret(component.SecretArgs{Name: "db.password", Value: v, ContentType: "text/plain"}), "Secrets[0].Name", "letters, digits or hyphens"},
		{"secret validity", secret(component.SecretArgs{Name: "db", Value: v, ContentType: "text/plain", ValidityDays: 400}), "Secrets[0].ValidityDays", "between 1 and 365"},
		{"secret role unknown", secret(component.SecretArgs{Name: "db", Value: v, ContentType: "text/plain", RoleAssignments: []component.RoleAssignmentArgs{{Key: "x", PrincipalID: pulumi.String(principalA), Role: "Secret Reader"}}}), "Secrets[0].RoleAssignments[0].Role", "not a known built-in role"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args)
			require.ErrorIs(t, r.err, component.ErrInvalidArgs)
			assert.Contains(t, r.err.Error(), tc.field+": ")
			assert.Contains(t, r.err.Error(), tc.rule)
			assert.Empty(t, r.mocks.Resources())
		})
	}
}

func TestPremiumVaultKeysDefaultToHSM(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.SKU = "premium"
	a.Keys = []component.KeyArgs{{Name: "rsa"}, {Name: "soft", Type: "RSA"}}
	r := run(t, a)
	require.NoError(t, r.err)
	types := map[string]any{}
	for _, k := range r.mocks.OfType(tKey) {
		types[path(t, k, "keyName").StringValue()] = path(t, k, "properties.kty").V
	}
	assert.Equal(t, map[string]any{"rsa": "RSA-HSM", "soft": "RSA"}, types)
}
