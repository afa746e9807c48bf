package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewNameValid returns rule V16: a vault name has 3 to 24 characters (letters, digits and
// hyphens), starts with a letter, ends with a letter or digit and has no "--". A missing name
// is left to auto-naming; an unknown one is skipped.
func NewNameValid() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-name-valid",
		desc:  "Key Vault names follow Azure's naming rules (V16; guide 8 Bicep Example; PSRule Azure.KeyVault.Name).",
		level: mandatory,
		kinds: []kind{kVault},
		check: func(c *resourceCheck) error {
			label := "Key Vault " + quote(c.res.Name)
			const fix = "set vaultName to 3-24 letters, digits and hyphens that starts with a letter, ends with a letter or digit and has no '--'"
			name, st := c.str(label, "vaultName", "", fix)
			if st != stKnown {
				return nil
			}
			if problem := vaultNameProblem(name); problem != "" {
				c.reportf("Key Vault %s must have a valid name (%s): %s.", quote(name), problem, fix)
			}
			return nil
		},
	})
}

// vaultNameProblem returns why name is not a valid vault name, or "".
func vaultNameProblem(name string) string {
	switch {
	case len(name) < 3:
		return "shorter than 3 characters"
	case len(name) > 24:
		return "longer than 24 characters"
	case !isLetter(name[0]):
		return "does not start with a letter"
	case !isLetter(name[len(name)-1]) && !isDigit(name[len(name)-1]):
		return "does not end with a letter or digit"
	case strings.Contains(name, "--"):
		return "contains '--'"
	}
	for i := 0; i < len(name); i++ {
		if b := name[i]; !isLetter(b) && !isDigit(b) && b != '-' {
			return "contains a character other than letters, digits and hyphens"
		}
	}
	return ""
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isDigit(b byte) bool  { return b >= '0' && b <= '9' }
