package component

import (
	"fmt"
	"net/netip"
	"strings"
)

// DefaultMaxIPRulePrefixWidth is the widest firewall prefix accepted by default (/16).
const DefaultMaxIPRulePrefixWidth = 16

// nonPublicIPv4 lists the IPv4 ranges that are not globally reachable
// (IANA special-purpose registry): a firewall rule for them is either a
// mistake or has no effect, and Azure refuses the private ones.
var nonPublicIPv4 = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "the 'this network' range"},
	{netip.MustParsePrefix("10.0.0.0/8"), "a private (RFC 1918) range"},
	{netip.MustParsePrefix("100.64.0.0/10"), "the shared address space (RFC 6598)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "the loopback range"},
	{netip.MustParsePrefix("169.254.0.0/16"), "the link-local range"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private (RFC 1918) range"},
	{netip.MustParsePrefix("192.0.0.0/24"), "the IETF protocol assignments range"},
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation range (TEST-NET-1)"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private (RFC 1918) range"},
	{netip.MustParsePrefix("198.18.0.0/15"), "the benchmarking range"},
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation range (TEST-NET-2)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation range (TEST-NET-3)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "the multicast range"},
	{netip.MustParsePrefix("240.0.0.0/4"), "the reserved range"},
}

// ValidateIPRule checks one firewall IP rule: a public IPv4 address or CIDR
// range, written as its network address, no wider than /maxWidth. It returns
// the normalized form Azure stores (a bare address for /32).
func ValidateIPRule(rule string, maxWidth int) (string, error) {
	s := strings.TrimSpace(rule)
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return "", fmt.Errorf("%q is not an IPv4 address or CIDR range", rule)
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return "", fmt.Errorf("%q is not an IPv4 address or CIDR range", rule)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if !p.Addr().Is4() {
		return "", fmt.Errorf("%q is not IPv4: Key Vault firewall rules take IPv4 only", rule)
	}
	if p.Bits() == 0 {
		return "", fmt.Errorf("%q opens the vault to the whole internet: list the public ranges that need access instead", rule)
	}
	if p.Masked() != p {
		return "", fmt.Errorf("%q has host bits set: write the network address %s", rule, p.Masked())
	}
	if p.Bits() < maxWidth {
		return "", fmt.Errorf("%q is wider than /%d: split it into narrower ranges or raise Network.MaxIPRulePrefixWidth", rule, maxWidth)
	}
	for _, r := range nonPublicIPv4 {
		if r.prefix.Overlaps(p) {
			return "", fmt.Errorf("%q overlaps %s (%s): only public IPv4 ranges are allowed; use a private endpoint for private networks", rule, r.what, r.prefix)
		}
	}
	if p.Bits() == 32 {
		return p.Addr().String(), nil
	}
	return p.String(), nil
}

// ValidateSubnetID checks that id is the ARM resource ID of a subnet:
// /subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}.
func ValidateSubnetID(id string) error {
	parts := strings.Split(id, "/")
	const want = "/subscriptions/{subscription-guid}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}"
	if len(parts) != 11 || parts[0] != "" ||
		!strings.EqualFold(parts[1], "subscriptions") || !isGUID(parts[2]) ||
		!strings.EqualFold(parts[3], "resourceGroups") || parts[4] == "" ||
		!strings.EqualFold(parts[5], "providers") || !strings.EqualFold(parts[6], "Microsoft.Network") ||
		!strings.EqualFold(parts[7], "virtualNetworks") || parts[8] == "" ||
		!strings.EqualFold(parts[9], "subnets") || parts[10] == "" {
		return fmt.Errorf("%q is not a subnet resource ID of the form %s", id, want)
	}
	return nil
}

// validateResourceID checks that id is an ARM resource ID of the given
// provider namespace and type, e.g. ("Microsoft.Network", "privateDnsZones").
func validateResourceID(id, namespace, typ string) error {
	parts := strings.Split(id, "/")
	if len(parts) != 9 || parts[0] != "" ||
		!strings.EqualFold(parts[1], "subscriptions") || !isGUID(parts[2]) ||
		!strings.EqualFold(parts[3], "resourceGroups") || parts[4] == "" ||
		!strings.EqualFold(parts[5], "providers") || !strings.EqualFold(parts[6], namespace) ||
		!strings.EqualFold(parts[7], typ) || parts[8] == "" {
		return fmt.Errorf("%q is not a resource ID of the form /subscriptions/{guid}/resourceGroups/{rg}/providers/%s/%s/{name}", id, namespace, typ)
	}
	return nil
}

// virtualNetworkOfSubnet returns the virtual network ID that contains subnetID.
func virtualNetworkOfSubnet(subnetID string) string {
	if i := strings.LastIndex(strings.ToLower(subnetID), "/subnets/"); i > 0 {
		return subnetID[:i]
	}
	return subnetID
}

// parseIPv4 parses a bare IPv4 address.
func parseIPv4(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err == nil && !a.Is4() {
		err = fmt.Errorf("%q is not IPv4", s)
	}
	return a, err
}
