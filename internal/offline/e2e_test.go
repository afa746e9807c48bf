//go:build e2e

package offline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/program"
)

// The dev stack passes the policy pack, deploys, is idempotent, notices drift,
// and is destroyed, with the delete lock removed by the engine before the vault.
func TestDevStackLifecycle(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", program.Run, nil)

	rec, _, err := r.Preview(ctx)
	require.NoError(t, err)
	assert.Empty(t, rec.Mandatory(), "the dev stack must pass every mandatory policy")
	assert.Greater(t, rec.Steps()["create"], 8)

	rec, up, err := r.Up(ctx)
	require.NoError(t, err)
	assert.Empty(t, rec.Mandatory())
	assert.Greater(t, changes(up.Summary.ResourceChanges)["create"], 8)
	vaultID, _ := up.Outputs["vaultId"].Value.(string)
	require.Contains(t, vaultID, "/providers/Microsoft.KeyVault/vaults/")
	out, err := sim(t, ctx, l, "show", vaultID)
	require.NoError(t, err, out)
	assert.Contains(t, out, `"enablePurgeProtection": true`)
	uri, _ := up.Outputs["vaultUri"].Value.(string)
	assert.True(t, strings.HasPrefix(uri, "https://") && strings.HasSuffix(uri, ".vault.azure.net/"), uri)
	ips, _ := up.Outputs["privateIpAddresses"].Value.(map[string]any)
	assert.Regexp(t, `^10\.20\.1\.\d+$`, ips["pe"], "the endpoint IP comes from the subnet's range")

	// A second update changes nothing.
	_, again, err := r.Up(ctx)
	require.NoError(t, err)
	assert.Empty(t, changes(again.Summary.ResourceChanges), "second up must be a no-op")

	// The lock blocks deleting the vault behind Pulumi's back.
	out, err = sim(t, ctx, l, "delete", vaultID)
	require.Error(t, err, "a locked vault must not be deletable: %s", out)
	assert.Contains(t, out, "ScopeLocked")

	// Drift made outside Pulumi is seen by refresh and undone by up.
	out, err = sim(t, ctx, l, "set", vaultID, "properties.publicNetworkAccess", `"Enabled"`)
	require.NoError(t, err, out)
	ref, err := r.Refresh(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, changes(ref.Summary.ResourceChanges)["update"], "refresh must see the drifted vault")
	_, fix, err := r.Up(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, changes(fix.Summary.ResourceChanges)["update"])
	out, err = sim(t, ctx, l, "show", vaultID)
	require.NoError(t, err, out)
	assert.Contains(t, out, `"publicNetworkAccess": "Disabled"`)

	// Destroy removes everything; the vault is soft-deleted, as in Azure.
	_, err = r.Destroy(ctx)
	require.NoError(t, err)
	out, err = sim(t, ctx, l, "show", vaultID)
	require.Error(t, err, "the vault must be gone: %s", out)
	out, err = sim(t, ctx, l, "deleted")
	require.NoError(t, err, out)
	assert.Contains(t, out, vaultID[strings.LastIndex(vaultID, "/")+1:])
}

// nonCompliant builds a Key Vault by hand the way the guide forbids.
func nonCompliant(ctx *pulumi.Context) error {
	rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{ResourceGroupName: pulumi.String("rg-legacy")})
	if err != nil {
		return err
	}
	v, err := keyvault.NewVault(ctx, "legacy", &keyvault.VaultArgs{
		VaultName:         pulumi.String("kv-legacy-01"),
		ResourceGroupName: rg.Name,
		Properties: keyvault.VaultPropertiesArgs{
			TenantId:            pulumi.String(SimTenantID),
			Sku:                 keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard},
			PublicNetworkAccess: pulumi.String("Enabled"),
		},
	})
	if err != nil {
		return err
	}
	_, err = authorization.NewRoleAssignment(ctx, "owner", &authorization.RoleAssignmentArgs{
		Scope:            v.ID(),
		PrincipalId:      pulumi.String("0b1f6d2e-7c3a-4d5e-9f10-2a3b4c5d6e7f"),
		PrincipalType:    pulumi.String("ServicePrincipal"),
		RoleDefinitionId: pulumi.String("/subscriptions/" + SimSubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
	})
	return err
}

// A program with public access, no private endpoint, no diagnostics and an
// Owner grant is stopped at preview by the mandatory policies; nothing exists.
func TestNonCompliantProgramIsBlocked(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", nonCompliant, nil)

	rec, _, err := r.Preview(ctx)
	require.Error(t, err, "preview must fail on mandatory violations")
	got := map[string]bool{}
	for _, p := range rec.Mandatory() {
		got[p.Policy] = true
	}
	for _, want := range []string{
		"keyvault-public-network-access-disabled",
		"keyvault-firewall-default-deny",
		"keyvault-purge-protection-enabled",
		"keyvault-rbac-authorization",
		"keyvault-diagnostic-settings-audit",
		"authorization-no-privileged-roles",
	} {
		assert.True(t, got[want], "expected mandatory violation of %s; got %v", want, got)
	}

	out, err := sim(t, ctx, l, "list")
	require.NoError(t, err, out)
	assert.Empty(t, strings.TrimSpace(out), "a preview creates nothing")

	// The driver's update is gated by the same preview: still nothing is created.
	_, _, err = r.GatedUp(ctx)
	require.Error(t, err, "up must be blocked too")
	assert.Contains(t, err.Error(), "preview refused")
	out, err = sim(t, ctx, l, "list")
	require.NoError(t, err, out)
	assert.Empty(t, strings.TrimSpace(out), "nothing may be created")
}

// A prod-like stack with a protected vault refuses destroy and deletes nothing.
func TestProtectedVaultRefusesDestroy(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "prod", program.Run, nil)
	require.NoError(t, SeedExisting(ctx, l, "prod", testWriter{t}))
	_, up, err := r.Up(ctx)
	require.NoError(t, err)
	vaultID := up.Outputs["vaultId"].Value.(string)
	before, err := sim(t, ctx, l, "list")
	require.NoError(t, err)

	_, err = r.Destroy(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "protect")
	after, err := sim(t, ctx, l, "list")
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing may be deleted")
	out, err := sim(t, ctx, l, "show", vaultID)
	require.NoError(t, err, out)
}

// stateURNs returns the URNs of the custom resources in the stack's state.
func stateURNs(t *testing.T, r *Runner) map[string]string {
	t.Helper()
	dep, err := r.Stack.Export(t.Context())
	require.NoError(t, err)
	var st struct {
		Resources []struct {
			URN    string `json:"urn"`
			ID     string `json:"id"`
			Custom bool   `json:"custom"`
			Type   string `json:"type"`
		} `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(dep.Deployment, &st))
	out := map[string]string{}
	for _, res := range st.Resources {
		if res.Custom && !strings.HasPrefix(res.Type, "pulumi:providers:") {
			out[res.URN] = res.ID
		}
	}
	return out
}

// After an update that fails at the Nth create, or whose provider dies
// mid-run, the next update converges: every resource exists once, and the
// simulated cloud and the state agree.
func TestFaultsConverge(t *testing.T) {
	for _, knob := range []string{"AZSIM_FAIL_CREATE_N", "AZSIM_CRASH_CREATE_N"} {
		t.Run(knob, func(t *testing.T) {
			ctx, l := setup(t)
			r := runner(t, ctx, l, "dev", program.Run, map[string]string{knob: "4"})
			_, _, err := r.Up(ctx)
			require.Error(t, err, "the fault must fail the update")

			r.Stack.Workspace().UnsetEnvVar(knob)
			if knob == "AZSIM_CRASH_CREATE_N" {
				// A killed update leaves a pending create in the state; refresh
				// clears it, as a user would after a crash.
				_, err := r.Stack.Refresh(ctx, optrefresh.ClearPendingCreates())
				require.NoError(t, err)
			}
			_, up, err := r.Up(ctx)
			require.NoError(t, err)
			assert.NotEmpty(t, up.Outputs["vaultId"].Value)

			ids := stateURNs(t, r)
			seen := map[string]bool{}
			for urn, id := range ids {
				require.NotEmpty(t, id, urn)
				assert.False(t, seen[strings.ToLower(id)], "%s is in the state twice", id)
				seen[strings.ToLower(id)] = true
				out, err := sim(t, ctx, l, "show", id)
				assert.NoError(t, err, "%s is in the state but not in the simulated cloud: %s", urn, out)
			}
			_, again, err := r.Up(ctx)
			require.NoError(t, err)
			assert.Empty(t, changes(again.Summary.ResourceChanges))
		})
	}
}

// purgeProgram is a bare vault whose purge protection the test flips.
func purgeProgram(purge bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{ResourceGroupName: pulumi.String("rg-purge")})
		if err != nil {
			return err
		}
		v, err := keyvault.NewVault(ctx, "kv", &keyvault.VaultArgs{
			VaultName:         pulumi.String("kv-purge-test-01"),
			ResourceGroupName: rg.Name,
			Properties: keyvault.VaultPropertiesArgs{
				TenantId:                pulumi.String(SimTenantID),
				Sku:                     keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard},
				EnableRbacAuthorization: pulumi.Bool(true),
				EnablePurgeProtection:   pulumi.Bool(purge),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("vaultId", v.ID())
		return nil
	}
}

// Azure refuses to turn purge protection off; the failed update leaves the
// vault and the state as they were.
func TestPurgeProtectionCannotBeDisabled(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", purgeProgram(true), nil)
	r.PolicyPack = "" // this test is about Azure's rule, not the pack's
	_, up, err := r.Up(ctx)
	require.NoError(t, err)
	vaultID := up.Outputs["vaultId"].Value.(string)
	before, err := r.Stack.Export(ctx)
	require.NoError(t, err)

	r2 := runner(t, ctx, l, "dev", purgeProgram(false), nil)
	r2.PolicyPack = ""
	_, _, err = r2.Up(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "enablePurgeProtection")

	out, err := sim(t, ctx, l, "show", vaultID)
	require.NoError(t, err, out)
	assert.Contains(t, out, `"enablePurgeProtection": true`)
	after, err := r2.Stack.Export(ctx)
	require.NoError(t, err)
	assert.JSONEq(t, string(stripCheckpointTime(t, before)), string(stripCheckpointTime(t, after)), "the state must not change")
}

// stripCheckpointTime drops the fields of an exported deployment that change
// on every operation without any resource changing.
func stripCheckpointTime(t *testing.T, d apitype.UntypedDeployment) []byte {
	t.Helper()
	var v struct {
		Resources []json.RawMessage `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(d.Deployment, &v))
	var kept []map[string]any
	for _, raw := range v.Resources {
		var m map[string]any
		require.NoError(t, json.Unmarshal(raw, &m))
		delete(m, "modified")
		delete(m, "created")
		kept = append(kept, m)
	}
	b, err := json.Marshal(kept)
	require.NoError(t, err)
	return b
}

// A secret's value never appears in plaintext in the state, the outputs or
// the simulated cloud.
func TestSecretsNeverInPlaintext(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", program.Run, nil)
	const plaintext = "pl41ntext-must-never-leak-7f3a9c"
	require.NoError(t, r.Stack.SetConfig(ctx, ProjectName+":dbPassword", auto.ConfigValue{Value: plaintext, Secret: true}))
	for k, v := range map[string]string{"name": "db-password", "contentType": "text/plain", "valueFrom": "dbPassword"} {
		require.NoError(t, r.Stack.SetConfigWithOptions(ctx, ProjectName+":secrets[0]."+k, auto.ConfigValue{Value: v}, &auto.ConfigOptions{Path: true}))
	}

	_, up, err := r.GatedUp(ctx)
	require.NoError(t, err)
	uris, _ := up.Outputs["secretUris"].Value.(map[string]any)
	assert.Contains(t, uris["db-password"], "/secrets/db-password", "the URI is an output, the value is not")

	outs, err := json.Marshal(up.Outputs)
	require.NoError(t, err)
	noPlaintext(t, "outputs", string(outs), plaintext)
	// Everything the file backend stored (checkpoint, history, backups).
	// At least one of them must be readable JSON holding the secret's URI, or
	// the search would prove nothing.
	readable := 0
	require.NoError(t, filepath.WalkDir(l.StateDir(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == l.WorldFile() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(string(b), "/secrets/db-password") {
			readable++
		}
		noPlaintext(t, p, string(b), plaintext)
		return err
	}))
	assert.Greater(t, readable, 0, "no readable checkpoint found under %s", l.StateDir())
	// `stack export --show-secrets` (what the Automation API's Export runs)
	// decrypts; the value must be marked secret there.
	state, err := r.Stack.Export(ctx)
	require.NoError(t, err)
	assert.Contains(t, string(state.Deployment), `"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"`, "the state holds the value as a Pulumi secret")
	world, err := os.ReadFile(l.WorldFile())
	require.NoError(t, err)
	noPlaintext(t, "simulated cloud", string(world), plaintext)
	stackFile, err := os.ReadFile(filepath.Join(l.ProjectDir(), "stacks", "Pulumi.dev.yaml"))
	require.NoError(t, err)
	noPlaintext(t, "stack config", string(stackFile), plaintext)
}

// noPlaintext fails with the surroundings of every place where secret occurs.
func noPlaintext(t *testing.T, where, haystack, secret string) {
	t.Helper()
	for i := strings.Index(haystack, secret); i >= 0; {
		t.Errorf("%s holds the secret in plaintext: …%s…", where, haystack[max(0, i-300):min(len(haystack), i+len(secret)+40)])
		next := strings.Index(haystack[i+1:], secret)
		if next < 0 {
			break
		}
		i += 1 + next
	}
}

// A destroyed vault is soft-deleted; its name stays taken until the stack
// recovers it with recoverVault, which brings the same vault back.
func TestRecoverSoftDeletedVault(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", program.Run, nil)
	_, up, err := r.GatedUp(ctx)
	require.NoError(t, err)
	vaultID := up.Outputs["vaultId"].Value.(string)
	name := vaultID[strings.LastIndex(vaultID, "/")+1:]
	_, err = r.Destroy(ctx)
	require.NoError(t, err)

	_, _, err = r.GatedUp(ctx)
	require.Error(t, err, "the soft-deleted name is still taken")
	assert.Contains(t, err.Error(), "recover")

	require.NoError(t, r.Stack.SetConfig(ctx, ProjectName+":recoverVault", auto.ConfigValue{Value: "true"}))
	_, up, err = r.GatedUp(ctx)
	require.NoError(t, err)
	assert.Equal(t, vaultID, up.Outputs["vaultId"].Value)
	out, err := sim(t, ctx, l, "deleted")
	require.NoError(t, err, out)
	assert.NotContains(t, out, name, "the vault is no longer in the deleted state")

	// After recovery the flag is dropped again and the stack settles.
	require.NoError(t, r.Stack.RemoveConfig(ctx, ProjectName+":recoverVault"))
	_, _, err = r.GatedUp(ctx)
	require.NoError(t, err)
	_, again, err := r.Up(ctx)
	require.NoError(t, err)
	assert.Empty(t, changes(again.Summary.ResourceChanges))
}

// Azure's key PUT is create-if-not-exist: it never updates an existing key,
// so a later change of a key's rotation settings is accepted by the engine
// but leaves the key in the cloud as it was (README: change rotation on an
// existing key through the data plane). The simulator models exactly that,
// and destroy still removes the key.
func TestKeyRotationSettingsAreFixedAtCreation(t *testing.T) {
	ctx, l := setup(t)
	r := runner(t, ctx, l, "dev", program.Run, nil)
	setKey := func(rotate string) {
		for k, v := range map[string]string{"name": "cmk", "validityDays": "90", "rotateBeforeExpiryDays": rotate} {
			require.NoError(t, r.Stack.SetConfigWithOptions(ctx, ProjectName+":keys[0]."+k, auto.ConfigValue{Value: v}, &auto.ConfigOptions{Path: true}))
		}
	}
	setKey("30")
	_, up, err := r.GatedUp(ctx)
	require.NoError(t, err)
	uris, _ := up.Outputs["keyUris"].Value.(map[string]any)
	require.Contains(t, uris["cmk"], "/keys/cmk")
	keyID := up.Outputs["vaultId"].Value.(string) + "/keys/cmk"
	out, err := sim(t, ctx, l, "show", keyID)
	require.NoError(t, err, out)
	assert.Contains(t, out, `"timeBeforeExpiry": "P30D"`)
	assert.NotContains(t, out, `"P14D"`)

	setKey("14")
	_, changed, err := r.GatedUp(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"update": 1}, changes(changed.Summary.ResourceChanges))
	out, err = sim(t, ctx, l, "show", keyID)
	require.NoError(t, err, out)
	assert.NotContains(t, out, `"P14D"`, "the existing key keeps the rotation it was created with")

	_, err = r.Destroy(ctx)
	require.NoError(t, err)
	out, err = sim(t, ctx, l, "show", keyID)
	require.Error(t, err, "the key must be gone: %s", out)
}
