package azuresim

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/emptypb"
)

func TestPluginInfoAndConfigure(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	info, err := h.srv.GetPluginInfo(context.Background(), &emptypb.Empty{})
	require.NoError(t, err)
	require.Equal(t, "2.90.0", info.GetVersion())

	resp, err := h.srv.Configure(context.Background(), &pulumirpc.ConfigureRequest{AcceptSecrets: true, AcceptResources: true})
	require.NoError(t, err)
	require.True(t, resp.GetAcceptSecrets())
	require.True(t, resp.GetAcceptResources())
	require.True(t, resp.GetSupportsPreview())
	require.Len(t, h.log.msgs, 1)
	require.Contains(t, h.log.msgs[0], "OFFLINE AZURE SIMULATOR")
	require.Contains(t, h.log.msgs[0], "nothing is sent to Azure")
	require.Contains(t, h.log.msgs[0], h.path)
}

func TestStateFileIsRequired(t *testing.T) {
	t.Parallel()
	srv, err := NewServer(Options{Getenv: func(string) string { return "" }})
	require.NoError(t, err)
	_, err = srv.GetPluginInfo(context.Background(), &emptypb.Empty{})
	require.NoError(t, err, "plugin info works without a simulated cloud")
	_, err = srv.Configure(context.Background(), &pulumirpc.ConfigureRequest{})
	require.ErrorIs(t, err, ErrStateUnset)
	require.Contains(t, err.Error(), "AZSIM_STATE")
	h := newHarness(t, nil)
	_, _, err = h.createWith(srv, tokResourceGroup, "rg", rgProps("rg"))
	require.ErrorIs(t, err, ErrStateUnset)
	var out, errb bytes.Buffer
	require.Equal(t, 1, RunAdmin([]string{"list"}, &out, &errb, func(string) string { return "" }))
	require.Contains(t, errb.String(), "AZSIM_STATE")
}

func TestInvalidKnobsAreRefused(t *testing.T) {
	t.Parallel()
	for _, env := range []map[string]string{
		{EnvLatency: "soon"},
		{EnvLatency: "-1s"},
		{EnvFailCreateN: "0"},
		{EnvCrashCreateN: "two"},
		{EnvCrashUpdateN: "-3"},
		{EnvTenantID: "contoso.onmicrosoft.com"},
	} {
		_, err := NewServer(Options{Getenv: func(k string) string { return env[k] }})
		require.Error(t, err, "%v", env)
		for k := range env {
			require.Contains(t, err.Error(), k)
		}
	}
	f, err := faultsFromEnv(func(k string) string {
		return map[string]string{EnvLatency: "250ms", EnvFailCreateN: "3", EnvCrashCreateN: "4", EnvCrashUpdateN: "5"}[k]
	})
	require.NoError(t, err)
	require.Equal(t, Faults{Latency: 250e6, FailCreateN: 3, CrashCreateN: 4, CrashUpdateN: 5}, f)
}

func TestNotSimulated(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	ctx := context.Background()
	_, err := h.srv.Check(ctx, &pulumirpc.CheckRequest{Urn: urn("azure-native:storage:StorageAccount", "sa"), Type: "azure-native:storage:StorageAccount", News: mustMarshal(t, pm(obj{}))})
	require.EqualError(t, err, "azure simulator: resource type azure-native:storage:StorageAccount is not simulated")
	_, _, err = h.create("azure-native:compute:VirtualMachine", "vm", pm(obj{}))
	require.EqualError(t, err, "azure simulator: resource type azure-native:compute:VirtualMachine is not simulated")
	_, err = h.srv.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "azure-native:keyvault:getVault"})
	require.EqualError(t, err, "azure simulator: function azure-native:keyvault:getVault is not simulated")
}

func invoke(t *testing.T, srv *Server, tok string, args resource.PropertyMap) (resource.PropertyMap, error) {
	t.Helper()
	resp, err := srv.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: tok, Args: mustMarshal(t, args)})
	if err != nil {
		return nil, err
	}
	return mustUnmarshal(t, resp.GetReturn()), nil
}

func TestGetClientConfig(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	got, err := invoke(t, h.srv, fnGetClientConfig, pm(obj{}))
	require.NoError(t, err)
	require.Equal(t, pm(obj{"tenantId": DefaultTenantID, "subscriptionId": DefaultSubscriptionID,
		"objectId": DefaultObjectID, "clientId": DefaultClientID}), got)

	custom := map[string]string{
		EnvTenantID: "aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa", EnvSubscriptionID: "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb",
		EnvObjectID: "cccccccc-3333-4333-8333-cccccccccccc", EnvClientID: "dddddddd-4444-4444-8444-dddddddddddd",
	}
	srv := h.newServer(custom)
	got, err = invoke(t, srv, "azure-native:authorization/v20220401:getClientConfig", pm(obj{}))
	require.NoError(t, err)
	require.Equal(t, custom[EnvTenantID], get(got, "tenantId"))
	require.Equal(t, custom[EnvSubscriptionID], get(got, "subscriptionId"))
	require.Equal(t, custom[EnvObjectID], get(got, "objectId"))
	require.Equal(t, custom[EnvClientID], get(got, "clientId"))

	// The subscription of the simulated resources follows.
	id, _, err := h.createWith(srv, tokResourceGroup, "rg", rgProps("rg-custom"))
	require.NoError(t, err)
	require.Equal(t, "/subscriptions/"+custom[EnvSubscriptionID]+"/resourceGroups/rg-custom", id)
}

func TestProviderConfigOverridesIdentity(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	args := mustMarshal(t, pm(obj{"subscriptionId": "eeeeeeee-5555-4555-8555-eeeeeeeeeeee", "location": "northeurope"}))
	_, err := h.srv.Configure(context.Background(), &pulumirpc.ConfigureRequest{Args: args})
	require.NoError(t, err)
	id, outs := h.mustCreate(tokResourceGroup, "rg", pm(obj{"resourceGroupName": "rg-cfg"}))
	require.Equal(t, "/subscriptions/eeeeeeee-5555-4555-8555-eeeeeeeeeeee/resourceGroups/rg-cfg", id)
	require.Equal(t, "northeurope", get(outs, "location"), "the provider's location is the default")
	got, err := invoke(t, h.srv, fnGetClientConfig, pm(obj{}))
	require.NoError(t, err)
	require.Equal(t, "eeeeeeee-5555-4555-8555-eeeeeeeeeeee", get(got, "subscriptionId"))
	// Without any location a resource group is refused.
	other := h.newServer(nil)
	_, _, err = h.createWith(other, tokResourceGroup, "rg2", pm(obj{"resourceGroupName": "rg-noloc"}))
	requireAzureCode(t, err, "LocationRequired")
}

func TestLocationDefaultsToTheResourceGroup(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", pm(obj{"resourceGroupName": "rg-loc", "location": "swedencentral"}))
	props := vaultProps("rg-loc", "kv-loc", nil)
	delete(props, "location")
	_, outs := h.mustCreate(tokVault, "kv", props)
	require.Equal(t, "swedencentral", get(outs, "location"))
}

func TestCheckNamesResources(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	props := vaultProps("rg-app", "x", nil)
	delete(props, "vaultName")
	got, failures := h.checked(h.srv, tokVault, "zero-trust-vault-for-payments", props, nil)
	require.Empty(t, failures)
	name, _ := get(got, "vaultName").(string)
	require.NoError(t, checkVaultName(name), "an autonamed vault has a valid name: %q", name)
	require.True(t, strings.HasPrefix(name, "zero-trust-vault"), name)
	again, _ := h.checked(h.srv, tokVault, "zero-trust-vault-for-payments", props, nil)
	require.Equal(t, name, get(again, "vaultName"), "names are deterministic from the seed")
	kept, _ := h.checked(h.srv, tokVault, "zero-trust-vault-for-payments", props, pm(obj{"vaultName": "kv-old"}))
	require.Equal(t, "kv-old", get(kept, "vaultName"), "an update keeps the old name")

	ra, _ := h.checked(h.srv, tokRoleAssignment, "reader", pm(obj{"scope": rgID("rg"), "principalId": principalA, "roleDefinitionId": "x"}), nil)
	require.Regexp(t, guidPattern, get(ra, "roleAssignmentName"))

	rg, _ := h.checked(h.srv, tokResourceGroup, "rg-platform", pm(obj{"location": "westeurope"}), nil)
	require.Regexp(t, `^rg-platform[a-z0-9]{8}$`, get(rg, "resourceGroupName"))

	_, failures = h.checked(h.srv, tokKey, "k", pm(obj{"keyName": "k", "properties": obj{"kty": "RSA"}}), nil)
	var missing []string
	for _, f := range failures {
		missing = append(missing, f.GetProperty())
	}
	require.ElementsMatch(t, []string{"resourceGroupName", "vaultName"}, missing)

	withSecret := pm(obj{"resourceGroupName": "rg", "vaultName": "kv", "secretName": "s", "properties": obj{"value": secret("p@ss")}})
	out, _ := h.checked(h.srv, tokSecret, "s", withSecret, nil)
	require.True(t, out["properties"].ObjectValue()["value"].IsSecret(), "Check keeps secrets wrapped")

	unknownName := pm(obj{"resourceGroupName": unknownPV{}, "vaultName": unknownPV{}, "properties": obj{}})
	out, failures = h.checked(h.srv, tokVault, "kv", unknownName, nil)
	require.Empty(t, failures, "unknown values are not missing")
	require.True(t, out["vaultName"].IsComputed())
}

func TestDiff(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vault := func(extra obj, mut func(resource.PropertyMap)) resource.PropertyMap {
		p := vaultProps("rg-app", "kv-diff", extra)
		if mut != nil {
			mut(p)
		}
		return p
	}
	id := vaultID("rg-app", "kv-diff")
	type want struct {
		changes  pulumirpc.DiffResponse_DiffChanges
		replaces []string
		detailed map[string]pulumirpc.PropertyDiff_Kind
		dbr      bool
	}
	for _, tc := range []struct {
		name string
		typ  string
		id   string
		olds resource.PropertyMap
		news resource.PropertyMap
		want want
	}{
		{"no change", tokVault, id, vault(nil, nil), vault(nil, nil), want{changes: pulumirpc.DiffResponse_DIFF_NONE}},
		{"tag change updates", tokVault, id, vault(nil, nil), vault(nil, func(p resource.PropertyMap) { p["tags"] = pv(obj{"env": "prod"}) }),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"tags.env": pulumirpc.PropertyDiff_UPDATE}}},
		{"nested add", tokVault, id, vault(nil, nil), vault(obj{"enablePurgeProtection": true}, nil),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"properties.enablePurgeProtection": pulumirpc.PropertyDiff_ADD}}},
		{"nested delete", tokVault, id, vault(obj{"enablePurgeProtection": true}, nil), vault(nil, nil),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"properties.enablePurgeProtection": pulumirpc.PropertyDiff_DELETE}}},
		{"array change", tokVault, id, vault(nil, nil), vault(obj{"networkAcls": obj{"defaultAction": "Deny", "bypass": "None", "ipRules": arr{obj{"value": "20.1.1.1"}}}}, nil),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"properties.networkAcls.ipRules": pulumirpc.PropertyDiff_ADD}}},
		{"location replaces", tokVault, id, vault(nil, nil), vault(nil, func(p resource.PropertyMap) { p["location"] = pv("eastus") }),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, replaces: []string{"location"}, dbr: true,
				detailed: map[string]pulumirpc.PropertyDiff_Kind{"location": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"rename replaces with a new ID", tokVault, id, vault(nil, nil), vault(nil, func(p resource.PropertyMap) { p["vaultName"] = pv("kv-diff2") }),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, replaces: []string{"vaultName"},
				detailed: map[string]pulumirpc.PropertyDiff_Kind{"vaultName": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"secret wrapping is ignored", tokSecret, id + "/secrets/s",
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "secretName": "s", "properties": obj{"value": secret("same")}}),
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "secretName": "s", "properties": obj{"value": "same"}}),
			want{changes: pulumirpc.DiffResponse_DIFF_NONE}},
		{"secret value change", tokSecret, id + "/secrets/s",
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "secretName": "s", "properties": obj{"value": secret("one")}}),
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "secretName": "s", "properties": obj{"value": secret("two")}}),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"properties.value": pulumirpc.PropertyDiff_UPDATE}}},
		{"key type replaces in place", tokKey, id + "/keys/k",
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "keyName": "k", "properties": obj{"kty": "RSA"}}),
			pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-diff", "keyName": "k", "properties": obj{"kty": "EC"}}),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, replaces: []string{"properties"}, dbr: true,
				detailed: map[string]pulumirpc.PropertyDiff_Kind{"properties.kty": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"role assignment principal replaces", tokRoleAssignment, id + "/providers/Microsoft.Authorization/roleAssignments/" + raName1,
			roleAssignmentProps(raName1, id, principalA, roleReader), roleAssignmentProps(raName1, id, principalB, roleReader),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, replaces: []string{"principalId"}, dbr: true,
				detailed: map[string]pulumirpc.PropertyDiff_Kind{"principalId": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"unknown subnet replaces", tokPrivateEndpoint, "/x",
			peProps("rg-app", "pe", "/subnets/a", id, nil), peProps("rg-app", "pe", "", id, obj{"subnet": obj{"id": unknownPV{}}}),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, replaces: []string{"subnet"},
				detailed: map[string]pulumirpc.PropertyDiff_Kind{"subnet.id": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"tag key with a dot", tokResourceGroup, rgID("rg-app"),
			pm(obj{"resourceGroupName": "rg-app", "location": "westeurope"}),
			pm(obj{"resourceGroupName": "rg-app", "location": "westeurope", "tags": obj{"cost.center": "42"}}),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{"tags": pulumirpc.PropertyDiff_ADD}}},
		{"tag key with a dot changes", tokResourceGroup, rgID("rg-app"),
			pm(obj{"resourceGroupName": "rg-app", "location": "westeurope", "tags": obj{"cost.center": "41"}}),
			pm(obj{"resourceGroupName": "rg-app", "location": "westeurope", "tags": obj{"cost.center": "42"}}),
			want{changes: pulumirpc.DiffResponse_DIFF_SOME, detailed: map[string]pulumirpc.PropertyDiff_Kind{`tags["cost.center"]`: pulumirpc.PropertyDiff_UPDATE}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := h.diff(tc.typ, tc.id, tc.olds, tc.news)
			require.Equal(t, tc.want.changes, resp.GetChanges())
			require.ElementsMatch(t, tc.want.replaces, resp.GetReplaces())
			require.Equal(t, tc.want.dbr, resp.GetDeleteBeforeReplace())
			got := map[string]pulumirpc.PropertyDiff_Kind{}
			for k, v := range resp.GetDetailedDiff() {
				got[k] = v.GetKind()
				require.True(t, v.GetInputDiff())
			}
			if tc.want.detailed == nil {
				tc.want.detailed = map[string]pulumirpc.PropertyDiff_Kind{}
			}
			require.Equal(t, tc.want.detailed, got)
		})
	}
}

func TestDiffHonoursIgnoreChanges(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	olds := vaultProps("rg-app", "kv-ign", nil)
	news := vaultProps("rg-app", "kv-ign", obj{"publicNetworkAccess": "Enabled"})
	resp, err := h.srv.Diff(context.Background(), &pulumirpc.DiffRequest{Id: "x", Urn: urn(tokVault, "kv"), Type: tokVault,
		OldInputs: mustMarshal(t, olds), Olds: mustMarshal(t, olds), News: mustMarshal(t, news),
		IgnoreChanges: []string{"properties.publicNetworkAccess"}})
	require.NoError(t, err)
	require.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, resp.GetChanges())
}

func TestPreviewChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	ctx := context.Background()
	props := vaultProps("rg-app", "kv-preview", nil)
	props["resourceGroupName"] = pv(unknownPV{})
	resp, err := h.srv.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(tokVault, "kv"), Type: tokVault, Properties: mustMarshal(t, props), Preview: true})
	require.NoError(t, err)
	require.Empty(t, resp.GetId())
	outs := mustUnmarshal(t, resp.GetProperties())
	require.Equal(t, "kv-preview", get(outs, "name"))
	require.Equal(t, "Microsoft.KeyVault/vaults", get(outs, "type"))
	require.True(t, outs["properties"].ObjectValue()["vaultUri"].IsComputed(), "computed outputs are unknown in a preview")
	require.Equal(t, testTenant, get(outs, "properties.tenantId"), "inputs are echoed")
	require.Nil(t, h.worldBytes(), "a preview does not touch the simulated cloud")

	// A preview of an update takes computed values from the old outputs.
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	olds := vaultProps("rg-app", "kv-preview", nil)
	id, created := h.mustCreate(tokVault, "kv", olds)
	before := h.worldBytes()
	news := vaultProps("rg-app", "kv-preview", obj{"publicNetworkAccess": "Enabled"})
	uresp, err := h.srv.Update(ctx, &pulumirpc.UpdateRequest{Id: id, Urn: urn(tokVault, "kv"), Type: tokVault,
		Olds: mustMarshal(t, created), OldInputs: mustMarshal(t, olds), News: mustMarshal(t, news), Preview: true})
	require.NoError(t, err)
	uouts := mustUnmarshal(t, uresp.GetProperties())
	require.Equal(t, "https://kv-preview.vault.azure.net/", get(uouts, "properties.vaultUri"))
	require.Equal(t, "Enabled", get(uouts, "properties.publicNetworkAccess"))
	require.Equal(t, before, h.worldBytes())
	// Even a preview that Azure would refuse changes nothing and fails nothing.
	refused := vaultProps("rg-app", "kv-preview", obj{"enableSoftDelete": false})
	_, err = h.srv.Update(ctx, &pulumirpc.UpdateRequest{Id: id, Urn: urn(tokVault, "kv"), Type: tokVault,
		Olds: mustMarshal(t, created), OldInputs: mustMarshal(t, olds), News: mustMarshal(t, refused), Preview: true})
	require.NoError(t, err)
	require.Equal(t, before, h.worldBytes())
}

func TestWorldIsSharedBetweenProcesses(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, _ := h.baseline("kv-shared", nil)
	other := h.newServer(nil)
	got, outs, _ := h.read(other, tokVault, vID, nil)
	require.Equal(t, vID, got)
	require.Equal(t, "https://kv-shared.vault.azure.net/", get(outs, "properties.vaultUri"))
	require.NoError(t, h.del(other, tokVault, vID))
	gone, _, _ := h.read(h.srv, tokVault, vID, nil)
	require.Empty(t, gone)
}

func TestConcurrentCallsFromTwoProcesses(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.baseline("kv-conc", nil)
	servers := []*Server{h.srv, h.newServer(nil)}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := fmt.Sprintf("secret-%02d", i)
			_, _, err := h.createWith(servers[i%2], tokSecret, name, pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-conc",
				"secretName": name, "properties": obj{"value": secret("v" + name)}}))
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	count := 0
	for _, r := range h.world().Sorted() {
		if r.Type == tokSecret {
			count++
		}
	}
	require.Equal(t, 40, count, "no write was lost")
}

func TestDriftIsVisibleToRefresh(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	props := vaultProps("rg-app", "kv-drift", obj{"networkAcls": obj{"defaultAction": "Deny", "bypass": "None", "ipRules": arr{obj{"value": "20.1.1.1"}}}})
	id, _ := h.mustCreate(tokVault, "kv", props)

	out, stderr, code := h.admin("set", id, "properties.publicNetworkAccess", `"Enabled"`)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "properties.publicNetworkAccess")
	_, _, code = h.admin("set", id, "properties.networkAcls.ipRules[0].value", `"20.9.9.9"`)
	require.Equal(t, 0, code)
	_, _, code = h.admin("set", id, "tags.env", "null")
	require.Equal(t, 0, code)

	got, outs, ins := h.read(h.srv, tokVault, id, props)
	require.Equal(t, id, got)
	require.Equal(t, "Enabled", get(outs, "properties.publicNetworkAccess"))
	require.Equal(t, "Enabled", get(ins, "properties.publicNetworkAccess"), "the refreshed inputs show the drift")
	require.Equal(t, "20.9.9.9", get(ins, "properties.networkAcls.ipRules[0].value"))
	require.Nil(t, get(ins, "tags.env"))
	require.Equal(t, "kv-drift", get(ins, "vaultName"), "path parameters are kept")

	// The next "up" sees the difference and puts the vault back.
	d := h.diff(tokVault, id, ins, props)
	require.Equal(t, pulumirpc.DiffResponse_DIFF_SOME, d.GetChanges())
	require.Contains(t, d.GetDetailedDiff(), "properties.publicNetworkAccess")
	require.Contains(t, d.GetDetailedDiff(), "properties.networkAcls.ipRules")
	require.Contains(t, d.GetDetailedDiff(), "tags.env")
	require.Empty(t, d.GetReplaces())
	outs, err := h.update(h.srv, tokVault, id, ins, props)
	require.NoError(t, err)
	require.Equal(t, "Disabled", get(outs, "properties.publicNetworkAccess"))
	_, _, ins = h.read(h.srv, tokVault, id, props)
	require.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, h.diff(tokVault, id, ins, props).GetChanges())

	// Deleted out of band: the refresh drops it.
	_, _, code = h.admin("delete", id)
	require.Equal(t, 0, code)
	gone, _, _ := h.read(h.srv, tokVault, id, props)
	require.Empty(t, gone)
}

func TestFailNthCreateChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{EnvFailCreateN: "2"})
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	before := h.worldBytes()
	_, _, err := h.create(tokVault, "kv", vaultProps("rg-app", "kv-fail", nil))
	ae := requireAzureCode(t, err, "InternalServerError")
	require.Equal(t, 500, ae.Status)
	require.Contains(t, ae.Message, EnvFailCreateN)
	require.Equal(t, before, h.worldBytes(), "the failed create left the cloud unchanged")
	id, _ := h.mustCreate(tokVault, "kv", vaultProps("rg-app", "kv-fail", nil))
	require.Equal(t, vaultID("rg-app", "kv-fail"), id, "the next create goes through")
	// A preview is not a create.
	p := h.newServer(map[string]string{EnvFailCreateN: "1"})
	_, err = p.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(tokVault, "kv"), Type: tokVault,
		Properties: mustMarshal(t, vaultProps("rg-app", "kv-x", nil)), Preview: true})
	require.NoError(t, err)
	_, _, err = h.createWith(p, tokVault, "kv2", vaultProps("rg-app", "kv-fail2", nil))
	requireAzureCode(t, err, "InternalServerError")
}

func TestCrashAfterCreateConvergesOnRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{EnvCrashCreateN: "3"})
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	vID, _ := h.mustCreate(tokVault, "kv", vaultProps("rg-app", "kv-crash", nil))
	raProps := roleAssignmentProps(raName1, vID, principalA, roleSecretsUser)
	_, _, err := h.create(tokRoleAssignment, "ra", raProps)
	require.Error(t, err)
	require.Equal(t, []int{CrashExitCode}, h.exits, "the process exits abruptly")
	raID := vID + "/providers/Microsoft.Authorization/roleAssignments/" + raName1
	_, saved := h.world().Get(raID)
	require.True(t, saved, "the crash happened after the resource was saved")
	before := h.ids()

	// The next run (a new process) creates the same resources again: the
	// PUTs adopt them instead of failing or duplicating.
	next := h.newServer(map[string]string{EnvCrashCreateN: ""})
	id, outs, err := h.createWith(next, tokRoleAssignment, "ra", raProps)
	require.NoError(t, err, "no RoleAssignmentExists for the same assignment")
	require.Equal(t, raID, id)
	require.Equal(t, principalA, get(outs, "principalId"))
	again, _, err := h.createWith(next, tokVault, "kv", vaultProps("rg-app", "kv-crash", nil))
	require.NoError(t, err, "no VaultAlreadyExists for the same vault")
	require.Equal(t, vID, again)
	require.Equal(t, before, h.ids(), "nothing duplicated, nothing lost")
}

func TestCrashAfterUpdate(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{EnvCrashUpdateN: "1"})
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	olds := vaultProps("rg-app", "kv-cu", nil)
	id, _ := h.mustCreate(tokVault, "kv", olds)
	news := vaultProps("rg-app", "kv-cu", obj{"enablePurgeProtection": true})
	_, err := h.update(h.srv, tokVault, id, olds, news)
	require.Error(t, err)
	require.Equal(t, []int{CrashExitCode}, h.exits)
	r, _ := h.world().Get(id)
	require.Equal(t, true, get(toPropertyMap(r.Outputs, nil), "properties.enablePurgeProtection"), "the update was saved before the crash")
	next := h.newServer(map[string]string{EnvCrashUpdateN: ""})
	outs, err := h.update(next, tokVault, id, olds, news)
	require.NoError(t, err, "retrying the update converges")
	require.Equal(t, true, get(outs, "properties.enablePurgeProtection"))
}

func TestSecretsNeverStoredOrReturnedInPlaintext(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.baseline("kv-secrets", nil)
	const wrapped = "Wr4pped-Plaintext-Value-0123"
	const bare = "Bare-Plaintext-Value-4567" // the program forgot to mark it secret
	const tagSecret = "Tag-Secret-Value-89"
	ctx := context.Background()

	props := pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-secrets", "secretName": "api-key",
		"properties": obj{"value": secret(wrapped), "contentType": "text/plain"}, "tags": obj{"owner": secret(tagSecret)}})
	resp, err := h.srv.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(tokSecret, "s"), Type: tokSecret, Properties: mustMarshal(t, props)})
	require.NoError(t, err)
	outJSON := jsonOf(t, resp.GetProperties())
	require.NotContains(t, outJSON, wrapped, "outputs never carry the secret value")
	outs := mustUnmarshal(t, resp.GetProperties())
	require.True(t, outs["tags"].ObjectValue()["owner"].IsSecret(), "an echoed secret input stays secret")
	id := resp.GetId()
	v1 := get(outs, "properties.secretUriWithVersion")

	bareProps := pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-secrets", "secretName": "other", "properties": obj{"value": bare}})
	_, _, err = h.create(tokSecret, "s2", bareProps)
	require.NoError(t, err)

	// A refused request does not echo the value either.
	_, _, err = h.create(tokSecret, "s3", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-none", "secretName": "x", "properties": obj{"value": secret(wrapped)}}))
	require.Error(t, err)
	require.NotContains(t, err.Error(), wrapped)

	world := string(h.worldBytes())
	for _, plain := range []string{wrapped, bare, tagSecret} {
		require.NotContains(t, world, plain, "the simulated cloud never holds a secret in plaintext")
	}
	require.Contains(t, world, secretMarkerKey)
	show, _, code := h.admin("show", id)
	require.Equal(t, 0, code)
	require.NotContains(t, show, wrapped)

	// Read gives the value back only as the secret the engine sent.
	_, readOuts, readIns := h.read(h.srv, tokSecret, id, props)
	require.Nil(t, get(readOuts, "properties.value"))
	value := readIns["properties"].ObjectValue()["value"]
	require.True(t, value.IsSecret())
	require.Equal(t, wrapped, value.SecretValue().Element.StringValue())
	_, _, bareIns := h.read(h.srv, tokSecret, id[:strings.LastIndex(id, "/")]+"/other", bareProps)
	require.True(t, bareIns["properties"].ObjectValue()["value"].IsSecret(), "a secret's value always comes back wrapped")

	// Same value: same version. New value: new version.
	same, err := h.update(h.srv, tokSecret, id, props, props)
	require.NoError(t, err)
	require.Equal(t, v1, get(same, "properties.secretUriWithVersion"))
	rotated := pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-secrets", "secretName": "api-key",
		"properties": obj{"value": secret("rotated-" + wrapped), "contentType": "text/plain"}, "tags": obj{"owner": secret(tagSecret)}})
	newer, err := h.update(h.srv, tokSecret, id, props, rotated)
	require.NoError(t, err)
	require.NotEqual(t, v1, get(newer, "properties.secretUriWithVersion"))

	// A value changed out of band cannot be read back: the refreshed inputs
	// drop it, so the next update writes the program's value again.
	_, _, code = h.admin("set", id, "properties.value", `"changed-by-hand"`)
	require.Equal(t, 0, code)
	require.NotContains(t, string(h.worldBytes()), "changed-by-hand")
	_, _, driftIns := h.read(h.srv, tokSecret, id, rotated)
	require.Nil(t, get(driftIns, "properties.value"))
	require.Equal(t, pulumirpc.DiffResponse_DIFF_SOME, h.diff(tokSecret, id, driftIns, rotated).GetChanges())
}

func TestPrivateEndpointAddresses(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, subnetID := h.baseline("kv-ips", nil)

	_, first := h.mustCreate(tokPrivateEndpoint, "pe1", peProps("rg-app", "pe-1", subnetID, vID, nil))
	_, second := h.mustCreate(tokPrivateEndpoint, "pe2", peProps("rg-app", "pe-2", subnetID, vID, obj{"customNetworkInterfaceName": "nic-pe-2"}))
	require.Equal(t, "10.10.1.4", get(first, "customDnsConfigs[0].ipAddresses[0]"), "the first four addresses are reserved")
	require.Equal(t, "10.10.1.5", get(second, "customDnsConfigs[0].ipAddresses[0]"))
	require.Equal(t, rgID("rg-app")+"/providers/Microsoft.Network/networkInterfaces/nic-pe-2", get(second, "networkInterfaces[0].id"))

	static := func(name, ip string) resource.PropertyMap {
		return peProps("rg-app", name, subnetID, vID, obj{"ipConfigurations": arr{obj{"name": "ipc", "groupId": "vault", "memberName": "default", "privateIPAddress": ip}}})
	}
	_, third := h.mustCreate(tokPrivateEndpoint, "pe3", static("pe-3", "10.10.1.200"))
	require.Equal(t, "10.10.1.200", get(third, "customDnsConfigs[0].ipAddresses[0]"))
	require.Equal(t, "10.10.1.200", get(third, "ipConfigurations[0].privateIPAddress"))
	for ip, code := range map[string]string{
		"10.10.2.10":  "PrivateIPAddressNotInSubnet",
		"10.10.1.2":   "PrivateIPAddressIsReserved",
		"10.10.1.255": "PrivateIPAddressIsReserved",
		"10.10.1.200": "PrivateIPAddressInUse",
		"10.10.1.5":   "PrivateIPAddressInUse",
		"ten":         "InvalidPrivateIPAddress",
	} {
		_, _, err := h.create(tokPrivateEndpoint, "bad", static("pe-bad", ip))
		requireAzureCode(t, err, code)
	}

	nicName := lastSegment(get(first, "networkInterfaces[0].id").(string))
	nic, err := invoke(t, h.srv, fnGetNetworkInterface, pm(obj{"resourceGroupName": "rg-app", "networkInterfaceName": nicName}))
	require.NoError(t, err)
	require.Equal(t, "10.10.1.4", get(nic, "ipConfigurations[0].privateIPAddress"))
	require.Equal(t, subnetID, get(nic, "ipConfigurations[0].subnet.id"))
	require.Equal(t, "kv-ips.vault.azure.net", get(nic, "ipConfigurations[0].privateLinkConnectionProperties.fqdns[0]"))
	_, err = invoke(t, h.srv, fnGetNetworkInterface, pm(obj{"resourceGroupName": "rg-app", "networkInterfaceName": "nope"}))
	requireAzureCode(t, err, "ResourceNotFound")

	// Updating an endpoint keeps its interface and address.
	id := rgID("rg-app") + "/providers/Microsoft.Network/privateEndpoints/pe-1"
	olds := peProps("rg-app", "pe-1", subnetID, vID, nil)
	news := peProps("rg-app", "pe-1", subnetID, vID, obj{"tags": obj{"a": "b"}})
	upd, err := h.update(h.srv, tokPrivateEndpoint, id, olds, news)
	require.NoError(t, err)
	require.Equal(t, get(first, "networkInterfaces[0].id"), get(upd, "networkInterfaces[0].id"))
	require.Equal(t, "10.10.1.4", get(upd, "customDnsConfigs[0].ipAddresses[0]"))

	// A manual connection is pending approval.
	manual := peProps("rg-app", "pe-m", subnetID, vID, nil)
	manual["manualPrivateLinkServiceConnections"] = manual["privateLinkServiceConnections"]
	delete(manual, "privateLinkServiceConnections")
	_, m := h.mustCreate(tokPrivateEndpoint, "pem", manual)
	require.Equal(t, "Pending", get(m, "manualPrivateLinkServiceConnections[0].privateLinkServiceConnectionState.status"))
}

func TestDeleteOfMissingResourceSucceeds(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	require.NoError(t, h.del(h.srv, tokVault, vaultID("rg", "kv-never")))
	require.NoError(t, h.del(h.srv, tokRoleAssignment, "/subscriptions/x/providers/Microsoft.Authorization/roleAssignments/"+raName1))
}

func TestLatencyKnobIsAppliedAndCancellable(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	slow := h.newServer(map[string]string{EnvLatency: "1h"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// With an hour of latency the call only returns because its context is
	// done: the knob is on the call path and does not outlive the caller.
	_, err := slow.Check(ctx, &pulumirpc.CheckRequest{Urn: urn(tokResourceGroup, "rg"), Type: tokResourceGroup, News: mustMarshal(t, rgProps("rg"))})
	require.NoError(t, err)
	quick := h.newServer(map[string]string{EnvLatency: "1ms"})
	_, _, err = h.createWith(quick, tokResourceGroup, "rg", rgProps("rg-latency"))
	require.NoError(t, err)
}
