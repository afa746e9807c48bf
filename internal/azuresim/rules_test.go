package azuresim

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestVaultNameRule(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"kv1", true},
		{"kv-app-prod-weu-001", true},
		{"a23456789012345678901234", true},
		{"Kv-Mixed-Case", true},
		{"kv", false},                        // too short
		{"a234567890123456789012345", false}, // 25 characters
		{"1kv", false},                       // starts with a digit
		{"-kv", false},
		{"kv-", false}, // ends with a hyphen
		{"kv--app", false},
		{"kv_app", false},
		{"kv.app", false},
		{"kv app", false},
		{"kvé", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := checkVaultName(tc.name)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			requireAzureCode(t, err, "VaultNameNotValid")
		})
	}
}

func TestIPRuleMustBePublic(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value string
		ok    bool
	}{
		{"20.50.60.70", true},
		{"20.50.60.0/24", true},
		{"203.0.113.7", true},
		{"8.8.8.8/32", true},
		{"10.1.2.3", false},
		{"10.0.0.0/8", false},
		{"172.16.5.4", false},
		{"172.31.255.255", false},
		{"192.168.1.0/24", false},
		{"127.0.0.1", false},
		{"169.254.169.254", false},
		{"100.64.1.1", false},
		{"0.0.0.0/0", false},
		{"0.0.0.0", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"20.0.0.0/7", true},
		{"8.0.0.0/6", false}, // covers 10.0.0.0/8
		{"20.50.60.70/24", false},
		{"2001:db8::1", false},
		{"not-an-ip", false},
		{"", false},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			err := checkIPRule(0, tc.value)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			requireAzureCode(t, err, "InvalidNetworkAclsIpRule")
		})
	}
}

func TestVaultRulesAtCreate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		vault string
		extra obj
		code  string // "" means the create succeeds
	}{
		{"valid", "kv-valid", nil, ""},
		{"bad name", "kv--bad", nil, "VaultNameNotValid"},
		{"retention 7", "kv-ret7", obj{"softDeleteRetentionInDays": 7}, ""},
		{"retention 6", "kv-ret6", obj{"softDeleteRetentionInDays": 6}, "BadRequest"},
		{"retention 91", "kv-ret91", obj{"softDeleteRetentionInDays": 91}, "BadRequest"},
		{"soft delete off", "kv-nosd", obj{"enableSoftDelete": false}, "BadRequest"},
		{"purge protection on", "kv-pp", obj{"enablePurgeProtection": true}, ""},
		{"purge protection explicit false", "kv-ppf", obj{"enablePurgeProtection": false}, "BadRequest"},
		{"public ip rule", "kv-ip", obj{"networkAcls": obj{"defaultAction": "Deny", "bypass": "None", "ipRules": arr{obj{"value": "20.1.2.3"}}}}, ""},
		{"private ip rule", "kv-ipp", obj{"networkAcls": obj{"defaultAction": "Deny", "ipRules": arr{obj{"value": "20.1.2.3"}, obj{"value": "192.168.0.0/16"}}}}, "InvalidNetworkAclsIpRule"},
		{"bad default action", "kv-da", obj{"networkAcls": obj{"defaultAction": "Block"}}, "BadRequest"},
		{"bad sku", "kv-sku", obj{"sku": obj{"family": "A", "name": "gold"}}, "BadRequest"},
		{"tenant not a GUID", "kv-tenant", obj{"tenantId": "contoso"}, "BadRequest"},
		{"recover with nothing deleted", "kv-rec", obj{"createMode": "recover"}, "DeletedVaultNotFound"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
			before := h.worldBytes()
			_, _, err := h.create(tokVault, "kv", vaultProps("rg-app", tc.vault, tc.extra))
			if tc.code == "" {
				require.NoError(t, err)
				return
			}
			requireAzureCode(t, err, tc.code)
			require.Equal(t, before, h.worldBytes(), "a refused PUT changes nothing")
		})
	}
}

func TestVaultNeedsItsResourceGroup(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	_, _, err := h.create(tokVault, "kv", vaultProps("rg-missing", "kv-orphan", nil))
	ae := requireAzureCode(t, err, "ResourceGroupNotFound")
	require.Equal(t, 404, ae.Status)
	require.Contains(t, ae.Message, "rg-missing")
}

func TestVaultNamesAreGlobal(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg1", rgProps("rg-one"))
	h.mustCreate(tokResourceGroup, "rg2", rgProps("rg-two"))
	h.mustCreate(tokVault, "kv1", vaultProps("rg-one", "kv-shared", nil))
	_, _, err := h.create(tokVault, "kv2", vaultProps("rg-two", "KV-Shared", nil))
	ae := requireAzureCode(t, err, "VaultAlreadyExists")
	require.Equal(t, 409, ae.Status)
}

func TestSoftDeleteConflictRecoverPurge(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, _ := h.baseline("kv-soft", obj{"softDeleteRetentionInDays": 7})
	keyID, _ := h.mustCreate(tokKey, "cmk", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-soft", "keyName": "cmk", "properties": obj{"kty": "EC"}}))

	require.NoError(t, h.del(h.srv, tokVault, vID))
	gone, _, _ := h.read(h.srv, tokVault, vID, nil)
	require.Empty(t, gone, "a soft-deleted vault reads as gone")
	goneKey, _, _ := h.read(h.srv, tokKey, keyID, nil)
	require.Empty(t, goneKey, "its keys went with it")
	d := h.world().DeletedVaults["kv-soft"]
	require.NotNil(t, d)
	require.Equal(t, h.now(), d.DeletionDate)
	require.Equal(t, h.now().Add(7*24*time.Hour), d.ScheduledPurgeDate)
	out, _, code := h.admin("deleted")
	require.Equal(t, 0, code)
	require.Contains(t, out, "kv-soft")

	_, _, err := h.create(tokVault, "again", vaultProps("rg-app", "kv-soft", obj{"softDeleteRetentionInDays": 7}))
	ae := requireAzureCode(t, err, "ConflictError")
	require.Contains(t, ae.Message, "recover")
	require.Contains(t, ae.Message, "purge")

	id, outs := h.mustCreate(tokVault, "again", vaultProps("rg-app", "kv-soft", obj{"softDeleteRetentionInDays": 7, "createMode": "recover"}))
	require.Equal(t, vID, id)
	require.Equal(t, "https://kv-soft.vault.azure.net/", get(outs, "properties.vaultUri"))
	require.Empty(t, h.world().DeletedVaults)
	back, keyOuts, _ := h.read(h.srv, tokKey, keyID, nil)
	require.Equal(t, keyID, back, "recovery brings the keys back")
	require.Equal(t, "EC", get(keyOuts, "kty"))

	// Without purge protection a soft-deleted vault can be purged, which
	// frees the name.
	require.NoError(t, h.del(h.srv, tokVault, vID))
	_, stderr, code := h.admin("purge", "kv-soft")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, h.world().DeletedVaults)
	h.mustCreate(tokVault, "fresh", vaultProps("rg-app", "kv-soft", nil))
}

func TestPurgeProtection(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, _ := h.baseline("kv-pp", obj{"enablePurgeProtection": true, "softDeleteRetentionInDays": 30})
	require.NoError(t, h.del(h.srv, tokVault, vID))

	_, stderr, code := h.admin("purge", "kv-pp")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "PurgeProtectionEnabled")
	require.Contains(t, h.world().DeletedVaults, "kv-pp", "a refused purge keeps the vault")

	_, stderr, code = h.admin("purge", "kv-unknown")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "DeletedVaultNotFound")

	// After the scheduled purge date the purge is allowed.
	require.NoError(t, h.srv.cloud.store.Update(func(w *World) error {
		w.DeletedVaults["kv-pp"].ScheduledPurgeDate = h.now().Add(time.Hour)
		return nil
	}))
	c := NewCloud(NewStore(h.path, h.now), Settings{}, func() time.Time { return h.now().Add(2 * time.Hour) })
	require.NoError(t, c.store.Update(func(w *World) error { return purgeVault(c, w, "kv-pp") }))
	require.Empty(t, h.world().DeletedVaults)
}

func TestExpiredDeletedVaultsArePurgedAutomatically(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, _ := h.baseline("kv-exp", obj{"softDeleteRetentionInDays": 7, "enablePurgeProtection": true})
	require.NoError(t, h.del(h.srv, tokVault, vID))
	require.Contains(t, h.world().DeletedVaults, "kv-exp")
	h.advance(7*24*time.Hour + time.Second)
	require.Empty(t, h.world().DeletedVaults)
	h.mustCreate(tokVault, "reuse", vaultProps("rg-app", "kv-exp", nil))
}

func TestVaultUpdateRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		create obj
		update obj
		code   string
	}{
		{"purge protection cannot be turned off", obj{"enablePurgeProtection": true}, obj{"enablePurgeProtection": false}, "BadRequest"},
		{"retention is immutable", obj{"softDeleteRetentionInDays": 30}, obj{"softDeleteRetentionInDays": 60}, "BadRequest"},
		{"soft delete cannot be turned off", nil, obj{"enableSoftDelete": false}, "BadRequest"},
		{"private ip rule on update", nil, obj{"networkAcls": obj{"defaultAction": "Deny", "ipRules": arr{obj{"value": "10.0.0.1"}}}}, "InvalidNetworkAclsIpRule"},
		{"purge protection can be turned on", nil, obj{"enablePurgeProtection": true}, ""},
		{"public access can change", nil, obj{"publicNetworkAccess": "Enabled"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
			olds := vaultProps("rg-app", "kv-upd", tc.create)
			id, _ := h.mustCreate(tokVault, "kv", olds)
			merged := obj{}
			for k, v := range tc.create {
				merged[k] = v
			}
			for k, v := range tc.update {
				merged[k] = v
			}
			before := h.worldBytes()
			outs, err := h.update(h.srv, tokVault, id, olds, vaultProps("rg-app", "kv-upd", merged))
			if tc.code == "" {
				require.NoError(t, err)
				for k, v := range tc.update {
					require.Equal(t, unwrapping.value(pv(v)), get(outs, "properties."+k))
				}
				return
			}
			requireAzureCode(t, err, tc.code)
			require.Equal(t, before, h.worldBytes(), "a refused update changes nothing")
		})
	}
}

func TestPurgeProtectionStaysOnWhenOmitted(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	olds := vaultProps("rg-app", "kv-keep", obj{"enablePurgeProtection": true})
	id, _ := h.mustCreate(tokVault, "kv", olds)
	outs, err := h.update(h.srv, tokVault, id, olds, vaultProps("rg-app", "kv-keep", obj{"enablePurgeProtection": nil}))
	require.NoError(t, err)
	require.Equal(t, true, get(outs, "properties.enablePurgeProtection"))
}

func TestKeyRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		sku   string
		props obj
		code  string
	}{
		{"rsa on standard", "standard", obj{"kty": "RSA", "keySize": 4096}, ""},
		{"ec on standard", "standard", obj{"kty": "EC", "curveName": "P-384"}, ""},
		{"rsa-hsm on standard", "standard", obj{"kty": "RSA-HSM"}, "BadParameter"},
		{"ec-hsm on standard", "standard", obj{"kty": "EC-HSM"}, "BadParameter"},
		{"rsa-hsm on premium", "premium", obj{"kty": "RSA-HSM", "keySize": 3072}, ""},
		{"ec-hsm on premium", "premium", obj{"kty": "EC-HSM", "curveName": "P-256"}, ""},
		{"bad rsa size", "standard", obj{"kty": "RSA", "keySize": 1024}, "BadParameter"},
		{"bad curve", "standard", obj{"kty": "EC", "curveName": "P-192"}, "BadParameter"},
		{"bad kty", "standard", obj{"kty": "oct"}, "BadParameter"},
		{"bad key op", "standard", obj{"kty": "RSA", "keyOps": arr{"sign", "launch"}}, "BadParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			h.baseline("kv-keys", obj{"sku": obj{"family": "A", "name": tc.sku}})
			_, _, err := h.create(tokKey, "key", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-keys", "keyName": "k1", "properties": tc.props}))
			if tc.code == "" {
				require.NoError(t, err)
				return
			}
			ae := requireAzureCode(t, err, tc.code)
			if strings.HasSuffix(tc.props["kty"].(string), "-HSM") {
				require.Contains(t, ae.Message, "premium")
			}
		})
	}
}

func TestKeyPutIsCreateIfNotExist(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.baseline("kv-cine", nil)
	props := pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-cine", "keyName": "k", "properties": obj{"kty": "RSA", "keyOps": arr{"sign"}}})
	id, first := h.mustCreate(tokKey, "k", props)
	changed := pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-cine", "keyName": "k", "properties": obj{"kty": "RSA", "keyOps": arr{"sign", "verify"}}})
	outs, err := h.update(h.srv, tokKey, id, props, changed)
	require.NoError(t, err)
	require.Equal(t, get(first, "keyUriWithVersion"), get(outs, "keyUriWithVersion"))
	require.Equal(t, []any{"sign"}, get(outs, "keyOps"), "ARM returns the existing key unchanged")
}

func TestParentsAndReferencesMustExist(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, subnetID := h.baseline("kv-refs", nil)

	_, _, err := h.create(tokKey, "k", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-nope", "keyName": "k", "properties": obj{"kty": "RSA"}}))
	requireAzureCode(t, err, "ParentResourceNotFound")
	_, _, err = h.create(tokSecret, "s", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-nope", "secretName": "s", "properties": obj{"value": secret("v")}}))
	requireAzureCode(t, err, "ParentResourceNotFound")
	_, _, err = h.create(tokSubnet, "sn", subnetProps("rg-app", "vnet-nope", "s", "10.0.0.0/24"))
	requireAzureCode(t, err, "ParentResourceNotFound")

	hubSubnet := "/subscriptions/99999999-9999-4999-8999-999999999999/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe"
	_, _, err = h.create(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-hub", hubSubnet, vID, nil))
	ae := requireAzureCode(t, err, "LinkedResourceNotFound")
	require.Contains(t, ae.Message, "sim put")
	_, _, err = h.create(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-x", subnetID, vaultID("rg-app", "kv-nope"), nil))
	requireAzureCode(t, err, "LinkedResourceNotFound")
	_, _, err = h.create(tokRoleAssignment, "ra", roleAssignmentProps(raName1, vaultID("rg-app", "kv-nope"), principalA, roleReader))
	requireAzureCode(t, err, "ParentResourceNotFound")
	_, _, err = h.create(tokDiagnosticSetting, "d", pm(obj{"name": "d", "resourceUri": vID,
		"workspaceId": rgID("rg-app") + "/providers/Microsoft.OperationalInsights/workspaces/nope", "logs": arr{obj{"categoryGroup": "audit", "enabled": true}}}))
	requireAzureCode(t, err, "LinkedResourceNotFound")

	// A hub subnet that exists outside the program is pre-seeded.
	out, stderr, code := h.admin("put", tokSubnet, hubSubnet, `{"addressPrefix":"10.99.0.0/24"}`)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "seeded")
	_, outs := h.mustCreate(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-hub", hubSubnet, vID, nil))
	require.Equal(t, "10.99.0.4", get(outs, "customDnsConfigs[0].ipAddresses[0]"))
}

func TestRoleAssignments(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, _ := h.baseline("kv-rbac", nil)

	_, _, err := h.create(tokRoleAssignment, "bad", roleAssignmentProps("not-a-guid", vID, principalA, roleSecretsUser))
	ae := requireAzureCode(t, err, "InvalidRoleAssignmentId")
	require.Equal(t, 400, ae.Status)

	_, _, err = h.create(tokRoleAssignment, "bad-role", pm(obj{"roleAssignmentName": raName1, "scope": vID, "principalId": principalA,
		"roleDefinitionId": "Key Vault Secrets User"}))
	requireAzureCode(t, err, "InvalidRoleDefinitionId")

	_, _, err = h.create(tokRoleAssignment, "bad-principal", roleAssignmentProps(raName1, vID, "app-identity", roleSecretsUser))
	requireAzureCode(t, err, "InvalidPrincipalId")

	id, _ := h.mustCreate(tokRoleAssignment, "ra", roleAssignmentProps(raName1, vID, principalA, roleSecretsUser))
	// The same principal, role and scope under another name is refused.
	_, _, err = h.create(tokRoleAssignment, "dup", roleAssignmentProps(raName2, vID, principalA, roleSecretsUser))
	ae = requireAzureCode(t, err, "RoleAssignmentExists")
	require.Equal(t, 409, ae.Status)
	require.Contains(t, ae.Message, "The role assignment already exists.")
	// The role definition may be written at another scope: it is the same role.
	_, _, err = h.create(tokRoleAssignment, "dup2", pm(obj{"roleAssignmentName": raName2, "scope": vID, "principalId": strings.ToUpper(principalA),
		"roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/" + roleSecretsUser}))
	requireAzureCode(t, err, "RoleAssignmentExists")

	// Re-running the same PUT (same name) converges.
	again, _ := h.mustCreate(tokRoleAssignment, "ra", roleAssignmentProps(raName1, vID, principalA, roleSecretsUser))
	require.Equal(t, id, again)
	// Another role, or another principal, is another assignment.
	h.mustCreate(tokRoleAssignment, "other-role", roleAssignmentProps(raName2, vID, principalA, roleReader))
	h.mustCreate(tokRoleAssignment, "other-principal", roleAssignmentProps("aaaaaaaa-0000-4000-8000-000000000003", vID, principalB, roleSecretsUser))

	// An update cannot move an assignment to another principal.
	_, err = h.update(h.srv, tokRoleAssignment, id, roleAssignmentProps(raName1, vID, principalA, roleSecretsUser),
		roleAssignmentProps(raName1, vID, principalB, roleSecretsUser))
	requireAzureCode(t, err, "RoleAssignmentUpdateNotPermitted")
}

func TestLocks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, subnetID := h.baseline("kv-locked", nil)
	keyID, _ := h.mustCreate(tokKey, "k", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-locked", "keyName": "k", "properties": obj{"kty": "RSA"}}))
	raID, _ := h.mustCreate(tokRoleAssignment, "ra", roleAssignmentProps(raName1, vID, principalA, roleSecretsUser))
	peID, _ := h.mustCreate(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-kv", subnetID, vID, nil))
	lockID, _ := h.mustCreate(tokManagementLock, "lock", lockProps("kv-lock", vID, "CanNotDelete"))

	err := h.del(h.srv, tokVault, vID)
	ae := requireAzureCode(t, err, "ScopeLocked")
	require.Equal(t, 409, ae.Status)
	require.Contains(t, ae.Message, "kv-lock")
	_, stillThere := h.world().Get(vID)
	require.True(t, stillThere)

	requireAzureCode(t, h.del(h.srv, tokRoleAssignment, raID), "ScopeLocked")
	_, stderr, code := h.admin("delete", vID)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "ScopeLocked")
	_, _, err = h.create(tokResourceGroup, "rg", rgProps("rg-app"))
	require.NoError(t, err, "a CanNotDelete lock does not block writes")
	requireAzureCode(t, h.del(h.srv, tokResourceGroup, rgID("rg-app")), "ScopeLocked")

	// A lock on the vault does not cover the endpoint, a separate resource.
	peLock, _ := h.mustCreate(tokManagementLock, "pelock", lockProps("pe-lock", peID, "CanNotDelete"))
	requireAzureCode(t, h.del(h.srv, tokPrivateEndpoint, peID), "ScopeLocked")
	require.NoError(t, h.del(h.srv, tokManagementLock, peLock))
	require.NoError(t, h.del(h.srv, tokPrivateEndpoint, peID))

	// Keys are deleted through the data plane, which locks do not cover.
	require.NoError(t, h.del(h.srv, tokKey, keyID))

	require.NoError(t, h.del(h.srv, tokManagementLock, lockID), "a lock can always be deleted")
	require.NoError(t, h.del(h.srv, tokRoleAssignment, raID))
	require.NoError(t, h.del(h.srv, tokVault, vID))
	require.Contains(t, h.world().DeletedVaults, "kv-locked")
}

func TestReadOnlyLockBlocksWrites(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	olds := vaultProps("rg-app", "kv-ro", nil)
	vID, _ := h.mustCreate(tokVault, "kv", olds)
	h.mustCreate(tokManagementLock, "lock", lockProps("ro", rgID("rg-app"), "ReadOnly"))
	_, err := h.update(h.srv, tokVault, vID, olds, vaultProps("rg-app", "kv-ro", obj{"publicNetworkAccess": "Enabled"}))
	requireAzureCode(t, err, "ScopeLocked")
	_, _, code := h.admin("set", vID, "properties.publicNetworkAccess", `"Enabled"`)
	require.Equal(t, 1, code)
	_, _, err = h.create(tokManagementLock, "bad", lockProps("bad", rgID("rg-app"), "NoTouch"))
	requireAzureCode(t, err, "InvalidLockLevel")
}

func TestResourceGroupDeleteCascades(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, subnetID := h.baseline("kv-cascade", nil)
	h.mustCreate(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-kv", subnetID, vID, nil))
	require.NoError(t, h.del(h.srv, tokResourceGroup, rgID("rg-app")))
	require.Empty(t, h.ids(), "everything in the group is gone")
	require.Contains(t, h.world().DeletedVaults, "kv-cascade", "vaults in a deleted group are soft-deleted")
}

func TestNetworkRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	vID, subnetID := h.baseline("kv-net", nil)

	_, _, err := h.create(tokSubnet, "outside", subnetProps("rg-app", "vnet-app", "snet-out", "10.20.0.0/24"))
	requireAzureCode(t, err, "NetcfgSubnetRangeOutsideVnet")
	_, _, err = h.create(tokSubnet, "overlap", subnetProps("rg-app", "vnet-app", "snet-ovl", "10.10.1.128/25"))
	requireAzureCode(t, err, "NetcfgSubnetRangesOverlap")
	_, _, err = h.create(tokSubnet, "hostbits", subnetProps("rg-app", "vnet-app", "snet-hb", "10.10.2.1/24"))
	requireAzureCode(t, err, "InvalidAddressPrefix")

	_, _, err = h.create(tokPrivateEndpoint, "pe-group", pm(obj{"resourceGroupName": "rg-app", "privateEndpointName": "pe-g", "subnet": obj{"id": subnetID},
		"privateLinkServiceConnections": arr{obj{"name": "c", "privateLinkServiceId": vID, "groupIds": arr{"blob"}}}}))
	requireAzureCode(t, err, "PrivateEndpointBadRequest")
	_, _, err = h.create(tokPrivateEndpoint, "pe-region", pm(obj{"resourceGroupName": "rg-app", "privateEndpointName": "pe-r", "location": "eastus",
		"subnet": obj{"id": subnetID}, "privateLinkServiceConnections": arr{obj{"name": "c", "privateLinkServiceId": vID, "groupIds": arr{"vault"}}}}))
	requireAzureCode(t, err, "InvalidResourceLocation")

	pe, _ := h.mustCreate(tokPrivateEndpoint, "pe", peProps("rg-app", "pe-kv", subnetID, vID, nil))
	err = h.del(h.srv, tokSubnet, subnetID)
	requireAzureCode(t, err, "InUseSubnetCannotBeDeleted")
	_, stderr, code := h.admin("delete", rgID("rg-app")+"/providers/Microsoft.Network/virtualNetworks/vnet-app")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "InUseSubnetCannotBeDeleted")

	zone, _ := h.mustCreate(tokPrivateZone, "zone", pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.vaultcore.azure.net"}))
	_, _, err = h.create(tokPrivateZone, "zone-eu", pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.blob.core.windows.net", "location": "westeurope"}))
	requireAzureCode(t, err, "LocationNotAvailableForResourceType")
	_, _, err = h.create(tokPrivateZone, "zone-bad", pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "localhost"}))
	requireAzureCode(t, err, "BadRequest")
	vnetID := rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-app"
	link := pm(obj{"resourceGroupName": "rg-app", "privateZoneName": "privatelink.vaultcore.azure.net", "virtualNetworkLinkName": "l1", "virtualNetwork": obj{"id": vnetID}})
	linkID, _ := h.mustCreate(tokVirtualNetworkLink, "l1", link)
	link2 := link.Copy()
	link2["virtualNetworkLinkName"] = pv("l2")
	_, _, err = h.create(tokVirtualNetworkLink, "l2", link2)
	requireAzureCode(t, err, "Conflict")
	requireAzureCode(t, h.del(h.srv, tokPrivateZone, zone), "CannotDeleteResource")

	zg := pm(obj{"resourceGroupName": "rg-app", "privateEndpointName": "pe-kv", "privateDnsZoneGroupName": "default",
		"privateDnsZoneConfigs": arr{obj{"name": "kv", "privateDnsZoneId": zone}}})
	h.mustCreate(tokPrivateDNSZoneGroup, "zg", zg)
	zg2 := zg.Copy()
	zg2["privateDnsZoneGroupName"] = pv("second")
	_, _, err = h.create(tokPrivateDNSZoneGroup, "zg2", zg2)
	requireAzureCode(t, err, "PrivateDnsZoneGroupAlreadyExists")
	// Values that depend on other resources are live in "sim show"...
	zoneOuts := h.live(zone)
	require.Equal(t, 2.0, get(zoneOuts, "numberOfRecordSets"), "the SOA and the vault's A record")
	require.Equal(t, 1.0, get(zoneOuts, "numberOfVirtualNetworkLinks"))
	vaultOuts := h.live(vID)
	require.Equal(t, pe, get(vaultOuts, "properties.privateEndpointConnections[0].privateEndpoint.id"))
	require.Equal(t, "Approved", get(vaultOuts, "properties.privateEndpointConnections[0].privateLinkServiceConnectionState.status"))
	// ...but a provider read returns them as of the resource's own last
	// PUT, so that a refresh right after "up" reports no change.
	_, readVault, _ := h.read(h.srv, tokVault, vID, nil)
	require.Nil(t, get(readVault, "properties.privateEndpointConnections"))
	_, readZone, _ := h.read(h.srv, tokPrivateZone, zone, nil)
	require.Equal(t, 1.0, get(readZone, "numberOfRecordSets"))

	require.NoError(t, h.del(h.srv, tokVirtualNetworkLink, linkID))
	require.NoError(t, h.del(h.srv, tokPrivateEndpoint, pe))
	require.NoError(t, h.del(h.srv, tokPrivateZone, zone))
	require.NoError(t, h.del(h.srv, tokSubnet, subnetID))
	for _, id := range h.ids() {
		require.NotContains(t, id, "networkInterfaces", "the endpoint's interface went with it")
	}
}

func TestDiagnosticSettingRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	fx := withWorkspace(h)
	base := func(name string, extra obj) obj {
		m := obj{"name": name, "resourceUri": fx["vault"], "workspaceId": fx["workspace"], "logs": arr{obj{"categoryGroup": "allLogs", "enabled": true}}}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name  string
		props obj
		code  string
	}{
		{"no destination", base("d1", obj{"workspaceId": nil}), "BadRequest"},
		{"category and group", base("d2", obj{"logs": arr{obj{"category": "AuditEvent", "categoryGroup": "audit", "enabled": true}}}), "BadRequest"},
		{"unknown vault category", base("d3", obj{"logs": arr{obj{"category": "SignInLogs", "enabled": true}}}), "BadRequest"},
		{"unknown metric", base("d4", obj{"metrics": arr{obj{"category": "Requests", "enabled": true}}}), "BadRequest"},
		{"audit events", base("d5", obj{"logs": arr{obj{"category": "AuditEvent", "enabled": true}}}), ""},
	} {
		_, _, err := h.create(tokDiagnosticSetting, tc.name, pm(tc.props))
		if tc.code == "" {
			require.NoError(t, err, tc.name)
			continue
		}
		requireAzureCode(t, err, tc.code)
	}
	for i := 0; i < 4; i++ {
		h.mustCreate(tokDiagnosticSetting, "more", pm(base("more"+string(rune('a'+i)), nil)))
	}
	_, _, err := h.create(tokDiagnosticSetting, "sixth", pm(base("sixth", nil)))
	requireAzureCode(t, err, "BadRequest")
}
