package azuresim

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPropertyPaths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, canonical string
		ok            bool
	}{
		{"a", "a", true},
		{"properties.networkAcls.ipRules[0].value", "properties.networkAcls.ipRules[0].value", true},
		{`tags["cost.center"]`, `tags["cost.center"]`, true},
		{`tags["plain"]`, "tags.plain", true},
		{"a..b", "", false},
		{"a.", "", false},
		{"a[x]", "", false},
		{"a[0", "", false},
		{"", "", false},
	} {
		p, err := parsePath(tc.in)
		if !tc.ok {
			require.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.canonical, p.String())
	}

	m := map[string]any{"a": map[string]any{"list": []any{map[string]any{"v": "x"}}}}
	require.NoError(t, setPath(m, mustPath("a.list[0].v"), "y"))
	require.NoError(t, setPath(m, mustPath("a.b.c"), 1.0))
	require.Equal(t, "y", getStr(m, "a.list[0].v"))
	require.Error(t, setPath(m, mustPath("a.list[3].v"), "z"))
	require.Error(t, setPath(m, mustPath("a.b.c.d"), "z"), "cannot descend into a number")
	deletePath(m, mustPath("a.b"))
	require.False(t, isSet(m, "a.b"))
	sealed := map[string]any{"s": secretMarker("abc")}
	_, ok := getPath(sealed, mustPath("s.$azsimSecretSha256"))
	require.False(t, ok, "paths never look inside a secret")
}

func TestARMIDs(t *testing.T) {
	t.Parallel()
	vals := map[string]string{"subscriptionId": "s", "resourceGroupName": "rg", "vaultName": "kv", "keyName": "k"}
	id, err := renderID(vaultTemplate+"/keys/{keyName}", vals)
	require.NoError(t, err)
	require.Equal(t, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/k", id)
	back, err := parseID(vaultTemplate+"/keys/{keyName}", "/SUBSCRIPTIONS/s/resourcegroups/rg/providers/microsoft.keyvault/VAULTS/kv/keys/k")
	require.NoError(t, err)
	require.Equal(t, vals, back)
	_, err = renderID(vaultTemplate, map[string]string{"subscriptionId": "s", "resourceGroupName": "rg"})
	requireAzureCode(t, err, "MissingParameter")
	_, err = renderID(vaultTemplate, map[string]string{"subscriptionId": "s", "resourceGroupName": "rg", "vaultName": "a/b"})
	requireAzureCode(t, err, "InvalidResourceName")

	lockTmpl := "{scope}/providers/Microsoft.Authorization/locks/{lockName}"
	scope := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
	id, err = renderID(lockTmpl, map[string]string{"scope": scope + "/", "lockName": "l"})
	require.NoError(t, err)
	require.Equal(t, scope+"/providers/Microsoft.Authorization/locks/l", id)
	back, err = parseID(lockTmpl, id)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"scope": scope, "lockName": "l"}, back)
	_, err = renderID(lockTmpl, map[string]string{"scope": "rg", "lockName": "l"})
	requireAzureCode(t, err, "InvalidScope")
	_, err = parseID(vaultTemplate, scope+"/keys/k")
	require.Error(t, err)

	require.Equal(t, scope, parentID(scope+"/keys/k"))
	require.Equal(t, "/subscriptions/s/resourceGroups/rg", parentID(scope))
	require.Equal(t, scope, parentID(scope+"/providers/Microsoft.Authorization/locks/l"))
	require.Equal(t, "/subscriptions/s", parentID("/subscriptions/s/resourceGroups/rg"))
	require.Equal(t, "", parentID("/subscriptions/s"))
	require.True(t, isImplicitScope("/subscriptions/s"))
	require.True(t, isImplicitScope("/providers/Microsoft.Management/managementGroups/mg"))
	require.False(t, isImplicitScope("/subscriptions/s/resourceGroups/rg"))
	require.True(t, isUnder(scope+"/keys/k", "/subscriptions/s/resourceGroups/RG"))
	require.False(t, isUnder("/subscriptions/s/resourceGroups/rg2", "/subscriptions/s/resourceGroups/rg"))
	require.Equal(t, "azure-native:keyvault:Vault", canonicalToken("azure-native:keyvault/v20241101:Vault"))
}

func TestAddressAllocation(t *testing.T) {
	t.Parallel()
	w := newWorld()
	subnet := &Record{ID: "/s/subnet", Outputs: map[string]any{"addressPrefix": "10.0.0.0/29"}}
	nic := func(id, ip string) {
		w.Put(&Record{ID: id, Type: tokNetworkInterface, Outputs: map[string]any{"ipConfigurations": []any{
			map[string]any{"privateIPAddress": ip, "subnet": map[string]any{"id": "/s/SUBNET"}},
		}}})
	}
	ip, err := allocateIP(w, subnet, "", "")
	require.NoError(t, err)
	require.Equal(t, "10.0.0.4", ip)
	nic("/nic1", "10.0.0.4")
	ip, err = allocateIP(w, subnet, "", "")
	require.NoError(t, err)
	require.Equal(t, "10.0.0.5", ip)
	ip, err = allocateIP(w, subnet, "", "/nic1")
	require.NoError(t, err)
	require.Equal(t, "10.0.0.4", ip, "an interface's own address is free for it")
	nic("/nic2", "10.0.0.5")
	nic("/nic3", "10.0.0.6")
	_, err = allocateIP(w, subnet, "", "")
	requireAzureCode(t, err, "SubnetIsFull")
	require.Equal(t, netip.MustParseAddr("10.0.0.7"), broadcast(netip.MustParsePrefix("10.0.0.0/29")))
	require.Equal(t, netip.MustParseAddr("255.255.255.255"), broadcast(netip.MustParsePrefix("0.0.0.0/0")))
}

func TestPlainValuesAndSecrets(t *testing.T) {
	t.Parallel()
	book := newSecretBook("salt")
	props := pm(obj{"a": secret("p"), "b": arr{1, "x", nil}, "c": obj{"d": unknownPV{}}})
	plain := converter{book: book}.object(props)
	require.True(t, isSecretMarker(plain["a"]))
	require.True(t, containsUnknown(plain))
	require.Equal(t, book.digest("p"), func() string { d, _ := secretDigestOf(plain["a"]); return d }())
	require.NotEqual(t, book.digest("p"), newSecretBook("other").digest("p"), "digests are salted")
	back := toPropertyMap(plain, book)
	require.True(t, back["a"].IsSecret())
	require.True(t, back["c"].ObjectValue()["d"].IsComputed())
	require.NotContains(t, toPropertyMap(plain, newSecretBook("salt")), "a", "an unknown digest is dropped, never invented")

	require.True(t, plainEqual(map[string]any{"x": nil, "y": 1.0}, map[string]any{"y": 1}))
	require.False(t, plainEqual([]any{1.0}, []any{1.0, 2.0}))
	require.False(t, plainEqual(unknown, unknown), "an unknown never equals anything")
}
