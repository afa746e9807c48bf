package component

import (
	"crypto/sha1" //nolint:gosec // UUIDv5 is defined over SHA-1; it names, it does not protect.
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Vault name limits enforced by Azure.
const (
	vaultNameMin = 3
	vaultNameMax = 24
)

// ValidateVaultName reports whether name follows Azure's Key Vault naming
// rules: 3–24 characters; ASCII letters, digits and hyphens; a letter first;
// a letter or digit last; no two consecutive hyphens.
func ValidateVaultName(name string) error {
	switch {
	case len(name) < vaultNameMin || len(name) > vaultNameMax:
		return fmt.Errorf("must be %d–%d characters long, got %d", vaultNameMin, vaultNameMax, len(name))
	case !isLetter(name[0]):
		return fmt.Errorf("must start with a letter")
	case !isLetter(name[len(name)-1]) && !isDigit(name[len(name)-1]):
		return fmt.Errorf("must end with a letter or digit")
	case strings.Contains(name, "--"):
		return fmt.Errorf("must not contain consecutive hyphens (--)")
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetter(c) && !isDigit(c) && c != '-' {
			return fmt.Errorf("may contain only letters, digits and hyphens, found %q at position %d", c, i+1)
		}
	}
	return nil
}

// DeriveVaultName turns a component name into a valid, deterministic vault
// name: a sanitized, lower-case form of the name (at most 17 characters, a
// letter first) followed by a hyphen and six hex digits of a hash of project,
// stack and name. Vault names are global, so the hash keeps the same component
// name in two stacks or projects from colliding, while re-running the same
// stack always yields the same name.
func DeriveVaultName(project, stack, name string) string {
	var b strings.Builder
	lastHyphen := true // suppresses leading hyphens
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			lastHyphen = false
		case !lastHyphen:
			b.WriteByte('-')
			lastHyphen = true
		}
	}
	base := strings.TrimRight(b.String(), "-")
	if base == "" || !isLetter(base[0]) {
		base = "kv-" + base
	}
	const maxBase = vaultNameMax - 7 // "-" + 6 hex digits
	if len(base) > maxBase {
		base = strings.TrimRight(base[:maxBase], "-")
	}
	sum := sha256.Sum256([]byte(project + "\x00" + stack + "\x00" + name))
	return strings.TrimRight(base, "-") + "-" + hex.EncodeToString(sum[:])[:6]
}

// childName names a child resource from the component's name, so that two
// components in one stack never collide.
func childName(component, suffix string) string { return component + "-" + suffix }

// roleAssignmentNamespace is the UUIDv5 namespace of this project's role
// assignment names. Changing it renames (and so replaces) every assignment.
var roleAssignmentNamespace = [16]byte{
	0x8f, 0x7e, 0x3c, 0x1a, 0x5b, 0x2d, 0x4e, 0x6f, 0x9a, 0x0b, 0x1c, 0x2d, 0x3e, 0x4f, 0x50, 0x61,
}

// RoleAssignmentName is the deterministic GUID name of the role assignment of
// roleDefinitionID to principalID at scope: a UUIDv5 (RFC 9562) of the three,
// compared case-insensitively as Azure does. Re-running a deployment therefore
// yields the same name, and Azure's RoleAssignmentExists never fires for it.
func RoleAssignmentName(scope, principalID, roleDefinitionID string) string {
	h := sha1.New() //nolint:gosec // see import comment
	h.Write(roleAssignmentNamespace[:])
	h.Write([]byte(strings.ToLower(scope) + "|" + strings.ToLower(principalID) + "|" + strings.ToLower(roleDefinitionID)))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = (u[6] & 0x0f) | 0x50 // version 5
	u[8] = (u[8] & 0x3f) | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isGUID reports whether s has the 8-4-4-4-12 hex form of a GUID.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHex(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }
