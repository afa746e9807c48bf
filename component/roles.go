package component

import (
	"fmt"
	"sort"
	"strings"
)

// BuiltInRoles maps the names of the built-in roles the component knows to
// their role definition GUIDs: every Key Vault data-plane role, plus the broad
// roles it refuses by default.
var BuiltInRoles = map[string]string{
	"Key Vault Administrator":                  "00482a5a-887f-4fb3-b363-3b7fe8e74483",
	"Key Vault Secrets User":                   "4633458b-17de-408a-b874-0445c86b69e6",
	"Key Vault Secrets Officer":                "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
	"Key Vault Crypto User":                    "12338af0-0e69-4776-bea7-57ae8d297424",
	"Key Vault Crypto Officer":                 "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
	"Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
	"Key Vault Crypto Service Release User":    "08bbd89e-9f13-488c-ac41-acfcb10c90ab",
	"Key Vault Certificates Officer":           "a4417e6f-fecd-4de8-b567-7b0420556985",
	"Key Vault Certificate User":               "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
	"Key Vault Reader":                         "21090545-7ca7-4776-b22c-e363652d74d2",
	"Key Vault Data Access Administrator":      "8b54135c-b56d-4d72-a534-26097cfdc8d8",
	"Key Vault Contributor":                    "f25e0fa2-a7c8-4377-a976-54943a77a395",
	"Key Vault Purge Operator":                 "a68e7c17-0ab2-4c09-9a58-125dae29748c",
	"Owner":                                    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	"Contributor":                              "b24988ac-6180-42a0-ab88-20f7382dd24c",
	"Reader":                                   "acdd72a7-3385-48ef-bd42-f606fba81ae7",
	"User Access Administrator":                "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
	"Role Based Access Control Administrator":  "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
}

// privilegedRoles are refused unless ZeroTrustVaultArgs.AllowPrivilegedRoles:
// they grant management of the vault or of access to it, not just data access.
var privilegedRoles = map[string]string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f25e0fa2-a7c8-4377-a976-54943a77a395": "Key Vault Contributor",
	"00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
}

// dataAccessAdministratorRole may assign roles to others, so it needs an ABAC
// condition that limits which roles it can hand out.
const dataAccessAdministratorRole = "8b54135c-b56d-4d72-a534-26097cfdc8d8"

const roleDefinitionsPath = "/providers/Microsoft.Authorization/roleDefinitions/"

// resolvedRole is a role argument turned into something assignable.
type resolvedRole struct {
	guid string // lower-case role definition GUID
	// fullID is the role definition ID when the caller gave one; empty when
	// it must be built from the vault's subscription.
	fullID string
}

// definitionID returns the role definition ID in the given subscription.
func (r resolvedRole) definitionID(subscriptionID string) string {
	if r.fullID != "" {
		return r.fullID
	}
	return "/subscriptions/" + subscriptionID + roleDefinitionsPath + r.guid
}

// resolveRole accepts a built-in role name (case-insensitive), a role
// definition GUID, or a full role definition ID.
func resolveRole(role string) (resolvedRole, error) {
	r := strings.TrimSpace(role)
	if r == "" {
		return resolvedRole{}, fmt.Errorf("is required: give a built-in role name such as \"Key Vault Secrets User\", a role GUID or a role definition ID")
	}
	if isGUID(r) {
		return resolvedRole{guid: strings.ToLower(r)}, nil
	}
	if i := strings.LastIndex(strings.ToLower(r), strings.ToLower(roleDefinitionsPath)); i >= 0 {
		guid := r[i+len(roleDefinitionsPath):]
		if !isGUID(guid) || (i > 0 && !strings.HasPrefix(strings.ToLower(r), "/subscriptions/")) {
			return resolvedRole{}, fmt.Errorf("%q is not a role definition ID of the form [/subscriptions/{id}]%s{guid}", role, roleDefinitionsPath)
		}
		return resolvedRole{guid: strings.ToLower(guid), fullID: r}, nil
	}
	for name, guid := range BuiltInRoles {
		if strings.EqualFold(name, r) {
			return resolvedRole{guid: guid}, nil
		}
	}
	return resolvedRole{}, fmt.Errorf("%q is not a known built-in role; known roles: %s (or give a role GUID or role definition ID)", role, knownRoleNames())
}

func knownRoleNames() string {
	names := make([]string, 0, len(BuiltInRoles))
	for n := range BuiltInRoles {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
