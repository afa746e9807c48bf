package rules

import (
	"net/netip"
	"strings"
)

// privateRanges are the IPv4 ranges that can never reach a Key Vault's public endpoint: a
// firewall rule naming them is a mistake (a VNet should use a private endpoint or a virtual
// network rule instead).
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// parseIPRule parses a Key Vault ipRules[].value: an IPv4 address or an IPv4 CIDR range.
func parseIPRule(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, 32), true
}

// overlapsPrivate reports whether p overlaps a private or reserved range.
func overlapsPrivate(p netip.Prefix) (netip.Prefix, bool) {
	for _, r := range privateRanges {
		if r.Overlaps(p) {
			return r, true
		}
	}
	return netip.Prefix{}, false
}

// containedIn reports whether p lies entirely within one of the allowed prefixes.
func containedIn(p netip.Prefix, allowed []netip.Prefix) bool {
	for _, a := range allowed {
		if a.Bits() <= p.Bits() && a.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
