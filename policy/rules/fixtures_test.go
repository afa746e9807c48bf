package rules

import "strings"

// deleted marks a path to remove in with().
type deletedT struct{}

var deleted = deletedT{}

// deepCopy copies nested obj/list literals.
func deepCopy(v any) any {
	switch x := v.(type) {
	case obj:
		out := make(obj, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case list:
		out := make(list, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	default:
		return v
	}
}

// with returns a deep copy of base with the dotted path set to v (or removed for deleted).
// Intermediate objects are created as needed.
func with(base obj, path string, v any) obj {
	out := deepCopy(base).(obj)
	cur := out
	segs := strings.Split(path, ".")
	for _, s := range segs[:len(segs)-1] {
		next, ok := cur[s].(obj)
		if !ok {
			next = obj{}
			cur[s] = next
		}
		cur = next
	}
	last := segs[len(segs)-1]
	if _, ok := v.(deletedT); ok {
		delete(cur, last)
	} else {
		cur[last] = v
	}
	return out
}

// goodVault returns the inputs of a vault that passes every resource policy.
func goodVault() obj {
	return obj{
		"vaultName":         "kv-prod",
		"resourceGroupName": "rg-prod",
		"location":          "westeurope",
		"properties": obj{
			"tenantId":                     "00000000-0000-0000-0000-000000000001",
			"sku":                          obj{"family": "A", "name": "premium"},
			"enableRbacAuthorization":      true,
			"enableSoftDelete":             true,
			"softDeleteRetentionInDays":    90,
			"enablePurgeProtection":        true,
			"enabledForDeployment":         false,
			"enabledForDiskEncryption":     false,
			"enabledForTemplateDeployment": false,
			"publicNetworkAccess":          "Disabled",
			"networkAcls": obj{
				"bypass":        "None",
				"defaultAction": "Deny",
			},
		},
	}
}

// goodKey returns the inputs of a key that passes every resource policy. expires is set
// 60 days from now.
func goodKey() obj {
	return obj{
		"keyName":           "cmk",
		"vaultName":         "kv-prod",
		"resourceGroupName": "rg-prod",
		"properties": obj{
			"kty":     "RSA-HSM",
			"keySize": 3072,
			"keyOps":  list{"wrapKey", "unwrapKey"},
			"attributes": obj{
				"enabled":    true,
				"expires":    daysFromNow(60),
				"exportable": false,
			},
			"rotationPolicy": obj{
				"attributes": obj{"expiryTime": "P90D"},
				"lifetimeActions": list{
					obj{"action": obj{"type": "Rotate"}, "trigger": obj{"timeAfterCreate": "P60D"}},
					obj{"action": obj{"type": "Notify"}, "trigger": obj{"timeBeforeExpiry": "P10D"}},
				},
			},
		},
	}
}

// goodSecret returns the inputs of a secret that passes every resource policy.
func goodSecret() obj {
	return obj{
		"secretName":        "db-password",
		"vaultName":         "kv-prod",
		"resourceGroupName": "rg-prod",
		"properties": obj{
			"value":       secret("s3cr3t-value"),
			"contentType": "text/plain",
			"attributes":  obj{"enabled": true, "expires": daysFromNow(30)},
		},
	}
}

// roleDef returns a full role definition ID for a GUID.
func roleDef(guid string) string {
	return "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/" + guid
}

// vaultID returns an ARM ID for a vault.
func vaultID(name string) string {
	return "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.KeyVault/vaults/" + name
}

// goodRoleAssignment returns the inputs of a data-plane role assignment scoped to a vault.
func goodRoleAssignment() obj {
	return obj{
		"principalId":      "11111111-1111-1111-1111-111111111111",
		"principalType":    "ServicePrincipal",
		"roleDefinitionId": roleDef(roleKeyVaultSecretsUser),
		"scope":            vaultID("kv-prod"),
	}
}
