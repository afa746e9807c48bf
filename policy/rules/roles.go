package rules

import "strings"

// Built-in Azure role definition GUIDs the role assignment policies know (keyvault-facts.md).
const (
	roleOwner                    = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	roleContributor              = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	roleUserAccessAdministrator  = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	roleKeyVaultContributor      = "f25e0fa2-a7c8-4377-a976-54943a77a395"
	roleKeyVaultAdministrator    = "00482a5a-887f-4fb3-b363-3b7fe8e74483"
	roleKeyVaultDataAccessAdmin  = "8b54135c-b56d-4d72-a534-26097cfdc8d8"
	roleKeyVaultSecretsUser      = "4633458b-17de-408a-b874-0445c86b69e6"
	roleKeyVaultSecretsOfficer   = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
	roleKeyVaultCryptoUser       = "12338af0-0e69-4776-bea7-57ae8d297424"
	roleKeyVaultCryptoOfficer    = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
	roleKeyVaultCryptoEncryption = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
	roleKeyVaultCryptoRelease    = "08bbd89e-9f13-488c-ac41-acfcb10c90ab"
	roleKeyVaultCertsOfficer     = "a4417e6f-fecd-4de8-b567-7b0420556985"
	roleKeyVaultCertUser         = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"
	roleKeyVaultReader           = "21090545-7ca7-4776-b22c-e363652d74d2"
)

// privilegedRoles are refused for workload principals (MCSB PA-7).
var privilegedRoles = map[string]string{
	roleOwner:                   "Owner",
	roleContributor:             "Contributor",
	roleUserAccessAdministrator: "User Access Administrator",
	roleKeyVaultContributor:     "Key Vault Contributor",
	roleKeyVaultAdministrator:   "Key Vault Administrator",
}

// dataPlaneRoles must be scoped to a vault, key or secret.
var dataPlaneRoles = map[string]string{
	roleKeyVaultSecretsUser:      "Key Vault Secrets User",
	roleKeyVaultSecretsOfficer:   "Key Vault Secrets Officer",
	roleKeyVaultCryptoUser:       "Key Vault Crypto User",
	roleKeyVaultCryptoOfficer:    "Key Vault Crypto Officer",
	roleKeyVaultCryptoEncryption: "Key Vault Crypto Service Encryption User",
	roleKeyVaultCryptoRelease:    "Key Vault Crypto Service Release User",
	roleKeyVaultCertsOfficer:     "Key Vault Certificates Officer",
	roleKeyVaultCertUser:         "Key Vault Certificate User",
	roleKeyVaultReader:           "Key Vault Reader",
	roleKeyVaultDataAccessAdmin:  "Key Vault Data Access Administrator",
}

// roleGUID returns the lower-cased GUID a role definition ID ends with, accepting a bare GUID
// as well as /subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<GUID>.
func roleGUID(id string) (string, bool) {
	g := strings.ToLower(lastSegment(strings.TrimSpace(id)))
	return g, isGUID(g)
}

// isGUID reports whether s has the 8-4-4-4-12 hexadecimal form.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
