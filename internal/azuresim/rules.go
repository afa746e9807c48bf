package azuresim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"
)

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isGUID tells whether s is a GUID in its 8-4-4-4-12 form.
func isGUID(s string) bool { return guidRE.MatchString(s) }

// newGUID returns a random version-4 GUID.
func newGUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("azure simulator: reading random bytes: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newVersion returns a Key Vault object version: 32 lower-case hex digits.
func newVersion() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("azure simulator: reading random bytes: %v", err))
	}
	return hex.EncodeToString(b[:])
}

var vaultNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$`)

// checkVaultName applies Azure's key vault naming rule.
func checkVaultName(name string) error {
	if len(name) < 3 || len(name) > 24 || !vaultNameRE.MatchString(name) || strings.Contains(name, "--") {
		return azErr(400, "VaultNameNotValid",
			"The vault name '%s' is invalid. A vault name must be 3-24 characters long, contain only letters, digits and "+
				"hyphens, start with a letter, end with a letter or digit, and must not contain consecutive hyphens.", name)
	}
	return nil
}

// forbiddenIPv4 are the ranges Key Vault refuses in networkAcls.ipRules:
// only public addresses can be allowed through a vault firewall.
var forbiddenIPv4 = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "the 'this network' range"},
	{netip.MustParsePrefix("10.0.0.0/8"), "a private range (RFC 1918)"},
	{netip.MustParsePrefix("100.64.0.0/10"), "the shared address space (RFC 6598)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "the loopback range"},
	{netip.MustParsePrefix("169.254.0.0/16"), "the link-local range"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private range (RFC 1918)"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private range (RFC 1918)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "the multicast range"},
	{netip.MustParsePrefix("240.0.0.0/4"), "the reserved range (including broadcast)"},
}

// checkIPRule validates one networkAcls.ipRules value: a public IPv4
// address or CIDR range.
func checkIPRule(index int, value string) error {
	bad := func(why string) error {
		return azErr(400, "InvalidNetworkAclsIpRule",
			"Invalid value found at properties.networkAcls.ipRules[%d].value: '%s' %s. Key Vault firewall rules accept "+
				"public IPv4 addresses or CIDR ranges only.", index, value, why)
	}
	var prefix netip.Prefix
	if strings.Contains(value, "/") {
		p, err := netip.ParsePrefix(value)
		if err != nil {
			return bad("is not an IPv4 address or CIDR range")
		}
		if p.Masked() != p {
			return bad(fmt.Sprintf("has host bits set (did you mean %s?)", p.Masked()))
		}
		prefix = p
	} else {
		a, err := netip.ParseAddr(value)
		if err != nil {
			return bad("is not an IPv4 address or CIDR range")
		}
		prefix = netip.PrefixFrom(a, a.BitLen())
	}
	if !prefix.Addr().Is4() {
		return bad("is not IPv4 (IPv6 rules are not supported)")
	}
	for _, f := range forbiddenIPv4 {
		if prefix.Overlaps(f.prefix) {
			return bad("falls in " + f.what)
		}
	}
	return nil
}

// parseIPv4Prefix parses a subnet or address space prefix.
func parseIPv4Prefix(field, s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, azErr(400, "InvalidAddressPrefixFormat", "the address prefix '%s' of %s is not a valid IPv4 CIDR range", s, field)
	}
	if p.Masked() != p {
		return netip.Prefix{}, azErr(400, "InvalidAddressPrefix",
			"the address prefix '%s' of %s has host bits set; did you mean %s?", s, field, p.Masked())
	}
	return p, nil
}

// contains tells whether outer fully contains inner.
func prefixContains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// knownRoleNames names the built-in roles the simulator knows, for
// friendlier messages. Any role definition GUID is accepted.
var knownRoleNames = map[string]string{
	"00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
	"4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
	"b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
	"12338af0-0e69-4776-bea7-57ae8d297424": "Key Vault Crypto User",
	"14b46e9e-c2b7-41b4-b07b-48a6ebf60603": "Key Vault Crypto Officer",
	"e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
	"08bbd89e-9f13-488c-ac41-acfcb10c90ab": "Key Vault Crypto Service Release User",
	"a4417e6f-fecd-4de8-b567-7b0420556985": "Key Vault Certificates Officer",
	"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba": "Key Vault Certificate User",
	"21090545-7ca7-4776-b22c-e363652d74d2": "Key Vault Reader",
	"8b54135c-b56d-4d72-a534-26097cfdc8d8": "Key Vault Data Access Administrator",
	"f25e0fa2-a7c8-4377-a976-54943a77a395": "Key Vault Contributor",
	"a68e7c17-0ab2-4c09-9a58-125dae29748c": "Key Vault Purge Operator",
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

var roleDefRE = regexp.MustCompile(`(?i)^(/subscriptions/[^/]+|/providers/Microsoft\.Management/managementGroups/[^/]+)?/providers/Microsoft\.Authorization/roleDefinitions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)

// roleDefinitionGUID extracts the GUID of a role definition ID.
func roleDefinitionGUID(id string) (string, error) {
	m := roleDefRE.FindStringSubmatch(id)
	if m == nil {
		return "", azErr(400, "InvalidRoleDefinitionId",
			"The role definition ID '%s' is not valid. It must look like "+
				"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}.", id)
	}
	return strings.ToLower(m[2]), nil
}

// lockBlocking returns the first management lock at or above id whose level
// forbids the operation ("delete" or "write"). Locks themselves are never
// blocked by locks: deleting a lock is how a lock is lifted.
func lockBlocking(w *World, id, operation string) (*Record, bool) {
	var locks []*Record
	for _, scope := range scopesOf(id) {
		locks = append(locks, w.lookup(ixLockScope+scope)...)
	}
	sort.Slice(locks, func(i, j int) bool { return key(locks[i].ID) < key(locks[j].ID) })
	for _, r := range locks {
		scope := getStr(r.Inputs, "scope")
		if scope == "" || !isUnder(id, scope) {
			continue
		}
		level := getStr(r.Outputs, "level")
		if strings.EqualFold(level, "CanNotDelete") && operation == "delete" || strings.EqualFold(level, "ReadOnly") {
			return r, true
		}
	}
	return nil, false
}

// scopeLockedError is Azure's ScopeLocked answer.
func scopeLockedError(id, operation string, lock *Record) error {
	return azErr(409, "ScopeLocked",
		"The scope '%s' cannot perform %s operation because following scope(s) are locked: '%s'. "+
			"Please remove the lock and try again. (lock '%s', level %s)",
		id, operation, getStr(lock.Inputs, "scope"), lastSegment(lock.ID), getStr(lock.Outputs, "level"))
}
