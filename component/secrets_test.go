package component_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
)

const tSecret = "azure-native:keyvault:Secret"

func TestSecretsAreAlwaysPulumiSecrets(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	a.Secrets = []component.SecretArgs{
		// A plain string: the component must wrap it.
		{Name: "db-password", Value: pulumi.String("plain-text-value"), ContentType: "text/plain",
			RoleAssignments: []component.RoleAssignmentArgs{{Key: "api", PrincipalID: pulumi.String(principalA), Role: "Key Vault Secrets User"}}},
		{Name: "api-key", Value: pulumi.ToSecret(pulumi.String("already-secret")).(pulumi.StringOutput), ContentType: "text/plain", ValidityDays: 30},
	}
	start := time.Now()
	r := run(t, a)
	require.NoError(t, r.err)

	secrets := r.mocks.OfType(tSecret)
	require.Len(t, secrets, 2)
	for _, s := range secrets {
		raw := s.Inputs["properties"].ObjectValue()["value"]
		assert.True(t, raw.IsSecret(), "%s: the value must reach the engine as a secret", s.Name)
		assert.Equal(t, "text/plain", path(t, s, "properties.contentType").V)
		days := 90.0
		if strings.HasSuffix(s.Name, "api-key") {
			days = 30
		}
		expires := time.Unix(int64(path(t, s, "properties.attributes.expires").NumberValue()), 0)
		assert.WithinDuration(t, start.Add(time.Duration(days*24)*time.Hour), expires, 2*time.Minute, s.Name)
	}
	ra := only(t, r.mocks, tRole)
	var db string
	for _, s := range secrets {
		if strings.HasSuffix(s.Name, "db-password") {
			db = s.ID
			assert.Equal(t, s.URN, ra.Parent)
		}
	}
	assert.Equal(t, db, path(t, ra, "scope").V, "the grant is scoped to the one secret")

	assert.Len(t, r.out.SecretIDs, 2)
	assert.Regexp(t, `^https://[a-z0-9-]+\.vault\.azure\.net/secrets/db-password$`, r.out.SecretURIs["db-password"])
	assert.Regexp(t, `^https://[a-z0-9-]+\.vault\.azure\.net/secrets/api-key/[0-9a-f]{32}$`, r.out.SecretVersioned["api-key"])
	for _, uri := range r.out.SecretURIs {
		assert.NotContains(t, uri, "plain-text-value")
	}
}

func TestRecoverSetsCreateMode(t *testing.T) {
	t.Parallel()
	a := baseArgs()
	r := run(t, a)
	require.NoError(t, r.err)
	assert.True(t, path(t, only(t, r.mocks, tVault), "properties.createMode").IsNull(), "a normal run sends no create mode")

	a = baseArgs()
	a.Recover = true
	r = run(t, a)
	require.NoError(t, r.err)
	assert.Equal(t, "recover", path(t, only(t, r.mocks, tVault), "properties.createMode").V)
}
