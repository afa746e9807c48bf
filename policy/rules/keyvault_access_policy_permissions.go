package rules

import (
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// permissionGroups are the lists inside an access policy's permissions object.
var permissionGroups = []string{"keys", "secrets", "certificates", "storage"}

// NewAccessPolicyPermissionsLimited returns rule V12: where access policies exist anyway
// (inline on a vault or as azure-native:keyvault:AccessPolicy), none grants the forbidden
// permissions (default "all" and "purge").
func NewAccessPolicyPermissionsLimited() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-access-policy-permissions-limited",
		desc:  "Key Vault access policies grant neither 'all' nor 'purge' (V12; guide 6 Limit Secret Access; PSRule Azure.KeyVault.AccessPolicy).",
		level: advisory,
		kinds: []kind{kVault, kAccessPolicy},
		schema: schema(map[string]map[string]any{
			"forbiddenPermissions": schemaStrings("Permissions no access policy may grant, compared case-insensitively.", []string{"all", "purge"}),
		}),
		check: func(c *resourceCheck) error {
			forbidden, err := cfgStrings(c.cfg, "forbiddenPermissions", []string{"all", "purge"})
			if err != nil {
				return err
			}
			if c.kind == kAccessPolicy {
				label := "Key Vault access policy " + quote(c.res.Name)
				checkPermissions(c, label, get(c.props, "policy"), forbidden)
				return nil
			}
			label := c.vaultLabel()
			const path = "properties.accessPolicies"
			list, st := c.array(label, path, "remove "+path)
			if st != stKnown {
				return nil
			}
			for i := 0; i < list.Len(); i++ {
				checkPermissions(c, label, elem(list, i, path), forbidden)
			}
			return nil
		},
	})
}

// checkPermissions inspects one access policy entry (an object with a permissions field).
func checkPermissions(c *resourceCheck, label string, entry field, forbidden []string) {
	for _, group := range permissionGroups {
		f := sub(entry, "permissions."+group)
		list, f := f.array()
		switch f.st {
		case stMalformed:
			c.malformed(label, f, "set "+f.path+" to a list of permission names")
			continue
		case stKnown:
		default:
			continue
		}
		for i := 0; i < list.Len(); i++ {
			p, pf := elem(list, i, f.path).str()
			switch pf.st {
			case stMalformed:
				c.malformed(label, pf, "set "+pf.path+" to a permission name")
			case stKnown:
				if slices.ContainsFunc(forbidden, func(x string) bool { return strings.EqualFold(x, p) }) {
					c.reportf("%s must not grant the %q permission in %s: remove it and grant only the operations the principal needs.", label, p, f.path)
				}
			}
		}
	}
}
