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

// endUserTarget is the target of the rules that govern activation.
func endUserTarget() obj {
	return obj{"caller": "EndUser", "level": "Assignment", "operations": list{"All"}}
}

// goodRoleManagementPolicy returns the inputs of PIM role settings that require MFA and a
// justification to activate, as the ZeroTrustVault component sends them without an
// authentication context.
func goodRoleManagementPolicy() obj {
	return obj{
		"roleManagementPolicyName": "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
		"scope":                    vaultID("kv-prod"),
		"rules": list{
			obj{"id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
				"isExpirationRequired": true, "maximumDuration": "PT4H", "target": endUserTarget()},
			obj{"id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule",
				"enabledRules": list{"MultiFactorAuthentication", "Justification"}, "target": endUserTarget()},
			obj{"id": "AuthenticationContext_EndUser_Assignment", "ruleType": "RoleManagementPolicyAuthenticationContextRule",
				"isEnabled": false, "target": endUserTarget()},
			obj{"id": "Expiration_Admin_Eligibility", "ruleType": "RoleManagementPolicyExpirationRule",
				"isExpirationRequired": true, "maximumDuration": "P180D",
				"target": obj{"caller": "Admin", "level": "Eligibility", "operations": list{"All"}}},
		},
	}
}

// goodEligibility returns the inputs of a time-bound PIM eligibility for Key Vault
// Administrator at a vault.
func goodEligibility() obj {
	return obj{
		"principalId":      "22222222-2222-2222-2222-222222222222",
		"roleDefinitionId": roleDef(roleKeyVaultAdministrator),
		"scope":            vaultID("kv-prod"),
		"justification":    "Managed by ZeroTrustVault app",
		"scheduleInfo": obj{
			"startDateTime": "2027-01-01T00:00:00Z",
			"expiration":    obj{"type": "AfterDuration", "duration": "P180D"},
		},
	}
}

// defenderTemplate is the subscription deployment template of the ZeroTrustVault component's
// Defender for Key Vault option, with the given tier.
func defenderTemplate(tier any) obj {
	return obj{
		"$schema":        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
		"contentVersion": "1.0.0.0",
		"resources": list{obj{
			"type":       "Microsoft.Security/pricings",
			"apiVersion": "2024-01-01",
			"name":       "KeyVaults",
			"properties": obj{"pricingTier": tier},
		}},
	}
}

// goodDefenderDeployment returns the inputs of that deployment.
func goodDefenderDeployment() obj {
	return obj{
		"deploymentName": "defender-kv-prod",
		"location":       "westeurope",
		"properties":     obj{"mode": "Incremental", "template": defenderTemplate("Standard")},
	}
}
