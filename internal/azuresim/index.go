package azuresim

import (
	"net/netip"
	"sort"
	"strings"
)

// The world keeps indexes so that no operation scans every resource: the
// records of a type, the records under an ARM ID, and the few
// content-based lookups Azure's rules need (locks by scope, vaults by
// name, role assignments by principal, role and scope, private endpoints
// by target and by subnet, DNS zone groups by zone, private IPs taken in a
// subnet). An index only narrows the candidates: every rule still checks
// its own condition on them, so the results are those of a full scan.

// Index families. An index key is a family followed by a value.
const (
	ixType       = "type\x00"      // canonical type token
	ixUnder      = "under\x00"     // every proper prefix of the lower-cased ID that ends before a '/'
	ixLockScope  = "lock\x00"      // key(scope) of a management lock
	ixVaultName  = "vault\x00"     // fold(name) of a vault
	ixRole       = "role\x00"      // role GUID|fold(principal)|key(scope) of a role assignment
	ixPETarget   = "pe-target\x00" // fold(privateLinkServiceId) of an endpoint's connections
	ixPESubnet   = "pe-subnet\x00" // fold(subnet.id) of an endpoint's inputs
	ixZoneGroups = "zone\x00"      // fold(privateDnsZoneId) of a zone group's configurations
)

// fold maps strings that strings.EqualFold considers equal to the same
// string (it may also merge a few that EqualFold keeps apart, which is
// harmless for an index whose candidates are checked again).
func fold(s string) string { return strings.ToLower(strings.ToUpper(s)) }

// worldIndex maps index keys to the records listed under them, and
// private IP addresses to the network interfaces that hold them.
type worldIndex struct {
	sets map[string]map[string]*Record // index key -> resource key -> record
	of   map[string][]string           // resource key -> its index keys

	ips   map[string]map[netip.Addr][]heldIP // fold(subnet ID) -> address -> holders
	ipsOf map[string][]heldIP                // interface key -> the addresses it holds
}

// heldIP is a private address of a network interface in a subnet.
type heldIP struct {
	nic    string // the interface's resource key
	subnet string // the subnet ID, as the interface has it
	addr   netip.Addr
}

// nicIPs lists the private addresses of a network interface.
func nicIPs(k string, r *Record) []heldIP {
	if r.Type != tokNetworkInterface {
		return nil
	}
	var out []heldIP
	for _, c := range getList(r.Outputs, "ipConfigurations") {
		cfg, _ := c.(map[string]any)
		if a, err := netip.ParseAddr(getStr(cfg, "privateIPAddress")); err == nil {
			out = append(out, heldIP{nic: k, subnet: getStr(cfg, "subnet.id"), addr: a})
		}
	}
	return out
}

// indexKeys returns the index keys of a record stored under resource key k.
func indexKeys(k string, r *Record) []string {
	keys := []string{ixType + r.Type}
	for i := 0; i < len(k); i++ {
		if k[i] == '/' {
			keys = append(keys, ixUnder+k[:i])
		}
	}
	switch r.Type {
	case tokManagementLock:
		if scope := getStr(r.Inputs, "scope"); scope != "" {
			keys = append(keys, ixLockScope+key(scope))
		}
	case tokVault:
		keys = append(keys, ixVaultName+fold(getStr(r.Outputs, "name")))
	case tokRoleAssignment:
		if role, err := roleDefinitionGUID(getStr(r.Inputs, "roleDefinitionId")); err == nil {
			keys = append(keys, ixRole+roleKey(role, getStr(r.Inputs, "principalId"), getStr(r.Inputs, "scope")))
		}
	case tokPrivateEndpoint:
		for _, list := range []string{"privateLinkServiceConnections", "manualPrivateLinkServiceConnections"} {
			for _, cn := range getList(r.Outputs, list) {
				m, _ := cn.(map[string]any)
				keys = append(keys, ixPETarget+fold(getStr(m, "privateLinkServiceId")))
			}
		}
		keys = append(keys, ixPESubnet+fold(getStr(r.Inputs, "subnet.id")))
	case tokPrivateDNSZoneGroup:
		for _, c := range getList(r.Outputs, "privateDnsZoneConfigs") {
			cfg, _ := c.(map[string]any)
			keys = append(keys, ixZoneGroups+fold(getStr(cfg, "privateDnsZoneId")))
		}
	}
	sort.Strings(keys)
	return compactStrings(keys)
}

// roleKey is the index value of a role assignment.
func roleKey(role, principal, scope string) string {
	return role + "|" + fold(principal) + "|" + key(scope)
}

// compactStrings removes adjacent duplicates from a sorted slice.
func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// newWorldIndex indexes every resource of a world.
func newWorldIndex(resources map[string]*Record) *worldIndex {
	x := &worldIndex{sets: map[string]map[string]*Record{}, of: make(map[string][]string, len(resources)),
		ips: map[string]map[netip.Addr][]heldIP{}, ipsOf: map[string][]heldIP{}}
	for k, r := range resources {
		x.add(k, r)
	}
	return x
}

// add lists a record under its index keys.
func (x *worldIndex) add(k string, r *Record) {
	keys := indexKeys(k, r)
	x.of[k] = keys
	for _, ik := range keys {
		set := x.sets[ik]
		if set == nil {
			set = map[string]*Record{}
			x.sets[ik] = set
		}
		set[k] = r
	}
	if held := nicIPs(k, r); len(held) > 0 {
		x.ipsOf[k] = held
		for _, h := range held {
			byAddr := x.ips[fold(h.subnet)]
			if byAddr == nil {
				byAddr = map[netip.Addr][]heldIP{}
				x.ips[fold(h.subnet)] = byAddr
			}
			byAddr[h.addr] = append(byAddr[h.addr], h)
		}
	}
}

// remove drops a record from the index.
func (x *worldIndex) remove(k string) {
	for _, ik := range x.of[k] {
		if set := x.sets[ik]; set != nil {
			delete(set, k)
			if len(set) == 0 {
				delete(x.sets, ik)
			}
		}
	}
	delete(x.of, k)
	for _, h := range x.ipsOf[k] {
		byAddr := x.ips[fold(h.subnet)]
		var rest []heldIP
		for _, o := range byAddr[h.addr] {
			if o.nic != k {
				rest = append(rest, o)
			}
		}
		if len(rest) == 0 {
			delete(byAddr, h.addr)
		} else {
			byAddr[h.addr] = rest
		}
		if len(byAddr) == 0 {
			delete(x.ips, fold(h.subnet))
		}
	}
	delete(x.ipsOf, k)
}

// takenIPs returns a function that tells whether a network interface
// other than skipNIC holds an address in a subnet.
func (x *worldIndex) takenIPs(subnetID, skipNIC string) func(netip.Addr) bool {
	byAddr, skip := x.ips[fold(subnetID)], key(skipNIC)
	return func(a netip.Addr) bool {
		for _, h := range byAddr[a] {
			if h.nic != skip && strings.EqualFold(h.subnet, subnetID) {
				return true
			}
		}
		return false
	}
}

// lookup returns the records listed under an index key, ordered by ID.
func (x *worldIndex) lookup(ik string) []*Record {
	set := x.sets[ik]
	if len(set) == 0 {
		return nil
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Record, len(keys))
	for i, k := range keys {
		out[i] = set[k]
	}
	return out
}

// scopesOf returns key(id) and every ID above it: the scopes whose locks
// cover id (see isUnder).
func scopesOf(id string) []string {
	k := key(id)
	out := []string{k}
	for i := 0; i < len(k); i++ {
		if k[i] == '/' {
			out = append(out, k[:i])
		}
	}
	return out
}
