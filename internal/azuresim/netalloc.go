package azuresim

import (
	"net/netip"
)

// subnetPrefix returns the IPv4 prefix of a subnet record (addressPrefix,
// else the first of addressPrefixes).
func subnetPrefix(subnet *Record) (netip.Prefix, error) {
	s := getStr(subnet.Outputs, "addressPrefix")
	if s == "" {
		if l := getList(subnet.Outputs, "addressPrefixes"); len(l) > 0 {
			s, _ = l[0].(string)
		}
	}
	if s == "" {
		return netip.Prefix{}, azErr(400, "SubnetHasNoAddressPrefix", "the subnet '%s' has no address prefix", subnet.ID)
	}
	return parseIPv4Prefix("subnet "+subnet.ID, s)
}

// usedIPs returns a function that tells whether a private IP is already
// taken in a subnet by a network interface of the simulated cloud other
// than skipNIC.
func usedIPs(w *World, subnetID, skipNIC string) func(netip.Addr) bool {
	return w.index().takenIPs(subnetID, skipNIC)
}

// allocateIP picks the private IP of a new network interface in a subnet.
// Azure reserves the network address, the next three addresses and the
// broadcast address of every subnet. A requested static address must be
// inside the subnet, not reserved and not taken.
func allocateIP(w *World, subnet *Record, static, skipNIC string) (string, error) {
	prefix, err := subnetPrefix(subnet)
	if err != nil {
		return "", err
	}
	used := usedIPs(w, subnet.ID, skipNIC)
	first := prefix.Addr()
	for range 4 {
		first = first.Next()
	}
	last := broadcast(prefix)
	if static != "" {
		a, err := netip.ParseAddr(static)
		if err != nil || !a.Is4() {
			return "", azErr(400, "InvalidPrivateIPAddress", "the private IP address '%s' is not a valid IPv4 address", static)
		}
		if !prefix.Contains(a) {
			return "", azErr(400, "PrivateIPAddressNotInSubnet",
				"Private static IP address %s does not belong to the range of subnet prefix %s.", static, prefix)
		}
		if a.Less(first) || !a.Less(last) {
			return "", azErr(400, "PrivateIPAddressIsReserved",
				"Private static IP address %s is reserved by Azure in subnet %s (the first four and the last address of a subnet).", static, prefix)
		}
		if used(a) {
			return "", azErr(400, "PrivateIPAddressInUse", "IP configuration is using the private IP address %s which is already allocated to another resource.", static)
		}
		return a.String(), nil
	}
	for a := first; a.Less(last); a = a.Next() {
		if !used(a) {
			return a.String(), nil
		}
	}
	return "", azErr(400, "SubnetIsFull", "Subnet %s with address prefix %s does not have enough capacity for 1 IP address.", subnet.ID, prefix)
}

// broadcast returns the last address of an IPv4 prefix.
func broadcast(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	hostBits := 32 - p.Bits()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	if hostBits >= 32 {
		v = 0xffffffff
	} else {
		v |= (1 << hostBits) - 1
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
