package azuresim

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// Networking: virtual networks and subnets, private endpoints with their
// network interfaces and private IPs, private DNS zones, their virtual
// network links and private DNS zone groups.

const (
	rgTemplate     = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
	vnetTemplate   = rgTemplate + "/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}"
	peTemplate     = rgTemplate + "/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}"
	zoneTemplate   = rgTemplate + "/providers/Microsoft.Network/privateDnsZones/{privateZoneName}"
	nicIDFormat    = "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/networkInterfaces/%s"
	vaultZonePrefx = "privatelink.vaultcore."
)

func init() {
	register(
		&Spec{
			Token:      tokVirtualNetwork,
			ARMType:    "Microsoft.Network/virtualNetworks",
			IDTemplate: vnetTemplate,
			NameParam:  "virtualNetworkName",
			MaxNameLen: 64,
			ReplaceOn:  []string{"location"},
			Computed:   []string{"etag", "provisioningState", "resourceGuid"},
			Location:   locFromGroup,
			Validate:   validateVirtualNetwork,
			Enrich:     enrichVirtualNetwork,
			Live:       liveVirtualNetwork,
			Delete:     deleteVirtualNetwork,
		},
		&Spec{
			Token:      tokSubnet,
			ARMType:    "Microsoft.Network/virtualNetworks/subnets",
			IDTemplate: vnetTemplate + "/subnets/{subnetName}",
			NameParam:  "subnetName",
			MaxNameLen: 80,
			Computed:   []string{"etag", "provisioningState"},
			Validate:   validateSubnet,
			Enrich:     enrichEtag,
			Live:       liveSubnet,
			Delete:     deleteSubnet,
		},
		&Spec{
			Token:      tokPrivateEndpoint,
			ARMType:    "Microsoft.Network/privateEndpoints",
			IDTemplate: peTemplate,
			NameParam:  "privateEndpointName",
			MaxNameLen: 64,
			ReplaceOn: []string{"location", "subnet", "customNetworkInterfaceName", "ipConfigurations",
				"privateLinkServiceConnections", "manualPrivateLinkServiceConnections", "extendedLocation"},
			Computed: []string{"etag", "provisioningState", "networkInterfaces", "customDnsConfigs"},
			References: []string{"subnet.id", "privateLinkServiceConnections[].privateLinkServiceId",
				"manualPrivateLinkServiceConnections[].privateLinkServiceId", "applicationSecurityGroups[].id"},
			Location: locFromGroup,
			Validate: validatePrivateEndpoint,
			Enrich:   enrichPrivateEndpoint,
			Delete:   deletePrivateEndpoint,
		},
		&Spec{
			Token:      tokPrivateZone,
			ARMType:    "Microsoft.Network/privateDnsZones",
			IDTemplate: zoneTemplate,
			NameParam:  "privateZoneName",
			MaxNameLen: 253,
			ReplaceOn:  []string{"location"},
			Computed: []string{"etag", "internalId", "provisioningState", "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks",
				"maxNumberOfVirtualNetworkLinksWithRegistration", "numberOfRecordSets", "numberOfVirtualNetworkLinks",
				"numberOfVirtualNetworkLinksWithRegistration"},
			Location: locGlobal,
			Validate: validatePrivateZone,
			Enrich:   enrichPrivateZone,
			Live:     livePrivateZone,
			Delete:   deletePrivateZone,
		},
		&Spec{
			Token:      tokVirtualNetworkLink,
			ARMType:    "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
			IDTemplate: zoneTemplate + "/virtualNetworkLinks/{virtualNetworkLinkName}",
			NameParam:  "virtualNetworkLinkName",
			MaxNameLen: 80,
			ReplaceOn:  []string{"location", "virtualNetwork"},
			Computed:   []string{"etag", "provisioningState", "virtualNetworkLinkState"},
			References: []string{"virtualNetwork.id"},
			Location:   locGlobal,
			Validate:   validateVirtualNetworkLink,
			Enrich:     enrichVirtualNetworkLink,
		},
		&Spec{
			Token:      tokPrivateDNSZoneGroup,
			ARMType:    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
			IDTemplate: peTemplate + "/privateDnsZoneGroups/{privateDnsZoneGroupName}",
			NameParam:  "privateDnsZoneGroupName",
			MaxNameLen: 80,
			Computed:   []string{"etag", "provisioningState"},
			References: []string{"privateDnsZoneConfigs[].privateDnsZoneId"},
			Validate:   validateZoneGroup,
			Enrich:     enrichZoneGroup,
		},
	)
}

// enrichEtag sets the etag and provisioning state most network resources
// report.
func enrichEtag(c *opContext) error {
	c.out["etag"] = fmt.Sprintf("W/\"%s\"", newGUID())
	c.out["provisioningState"] = "Succeeded"
	return nil
}

// addressSpace returns the parsed address prefixes of a virtual network.
func addressSpace(field string, vnet map[string]any) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range getList(vnet, "addressSpace.addressPrefixes") {
		s, _ := v.(string)
		p, err := parseIPv4Prefix(field, s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// subnetPrefixes returns the parsed prefixes of a subnet's inputs.
func subnetPrefixes(field string, sub map[string]any) ([]netip.Prefix, error) {
	var raw []string
	if s := getStr(sub, "addressPrefix"); s != "" {
		raw = append(raw, s)
	}
	for _, v := range getList(sub, "addressPrefixes") {
		if s, ok := v.(string); ok {
			raw = append(raw, s)
		}
	}
	if len(raw) == 0 {
		return nil, azErr(400, "InvalidRequestFormat", "%s has no addressPrefix", field)
	}
	var out []netip.Prefix
	for _, s := range raw {
		p, err := parseIPv4Prefix(field, s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// checkSubnetFits checks that a subnet lies inside its network's address
// space and overlaps none of its siblings.
func checkSubnetFits(name string, prefixes, space []netip.Prefix, siblings map[string][]netip.Prefix) error {
	for _, p := range prefixes {
		inside := false
		for _, s := range space {
			if prefixContains(s, p) {
				inside = true
			}
		}
		if !inside && len(space) > 0 {
			return azErr(400, "NetcfgSubnetRangeOutsideVnet",
				"Subnet '%s' is not valid because its IP address range %s is outside the IP address range of the virtual network.", name, p)
		}
		for _, other := range sortedKeys(siblings) {
			for _, q := range siblings[other] {
				if p.Overlaps(q) {
					return azErr(400, "NetcfgSubnetRangesOverlap",
						"Subnet '%s' is not valid because its IP address range %s overlaps with that of an existing subnet '%s' (%s).", name, p, other, q)
				}
			}
		}
	}
	return nil
}

func validateVirtualNetwork(c *opContext) error {
	space, err := addressSpace("virtual network "+c.name(), c.in)
	if err != nil {
		return err
	}
	if len(space) == 0 {
		return azErr(400, "InvalidRequestFormat", "The virtual network '%s' needs addressSpace.addressPrefixes.", c.name())
	}
	inline := getList(c.in, "subnets")
	seen := map[string][]netip.Prefix{}
	for i, s := range inline {
		m, _ := s.(map[string]any)
		name := getStr(m, "name")
		if name == "" {
			return azErr(400, "InvalidRequestFormat", "subnets[%d] has no name", i)
		}
		ps, err := subnetPrefixes("subnet "+name, m)
		if err != nil {
			return err
		}
		if err := checkSubnetFits(name, ps, space, seen); err != nil {
			return err
		}
		seen[name] = ps
	}
	if c.prev != nil && isSet(c.in, "subnets") {
		// Inline subnets are authoritative: a subnet missing from the list
		// is deleted, which Azure refuses while something uses it.
		for _, sub := range c.world.Under(c.id) {
			if sub.Type != tokSubnet || seen[lastSegment(sub.ID)] != nil {
				continue
			}
			if err := subnetInUse(c.world, sub); err != nil {
				return err
			}
		}
	}
	return nil
}

func enrichVirtualNetwork(c *opContext) error {
	_ = enrichEtag(c)
	c.out["resourceGuid"] = c.keepOr("resourceGuid", func() any { return newGUID() })
	delete(c.out, "subnets")
	if !isSet(c.in, "subnets") {
		return nil
	}
	keep := map[string]bool{}
	for _, s := range getList(c.in, "subnets") {
		m, _ := s.(map[string]any)
		in := copyMap(m)
		name := getStr(m, "name")
		keep[strings.ToLower(name)] = true
		delete(in, "id")
		in["resourceGroupName"] = c.params["resourceGroupName"]
		in["virtualNetworkName"] = c.name()
		in["subnetName"] = name
		if _, err := c.cloud.put(c.world, registry[tokSubnet], in, putOptions{skipChecks: true, subscription: c.params["subscriptionId"]}); err != nil {
			return fmt.Errorf("inline subnet %q: %w", name, err)
		}
	}
	for _, sub := range c.world.Under(c.id) {
		if sub.Type == tokSubnet && !keep[strings.ToLower(lastSegment(sub.ID))] {
			c.world.Remove(sub.ID)
		}
	}
	return nil
}

// liveVirtualNetwork lists the subnets of a network.
func liveVirtualNetwork(w *World, r *Record, out map[string]any) {
	var subs []any
	for _, sub := range w.Under(r.ID) {
		if sub.Type != tokSubnet {
			continue
		}
		o := liveOutputs(w, sub)
		o["id"] = sub.ID
		subs = append(subs, o)
	}
	if subs != nil {
		out["subnets"] = subs
	}
}

func deleteVirtualNetwork(c *Cloud, w *World, r *Record) error {
	for _, sub := range w.Under(r.ID) {
		if sub.Type == tokSubnet {
			if err := subnetInUse(w, sub); err != nil {
				return err
			}
		}
	}
	for _, sub := range w.Under(r.ID) {
		w.Remove(sub.ID)
	}
	w.Remove(r.ID)
	return nil
}

func validateSubnet(c *opContext) error {
	ps, err := subnetPrefixes("subnet "+c.name(), c.in)
	if err != nil {
		return err
	}
	vnet, ok := c.world.Get(parentID(c.id))
	if !ok {
		return nil
	}
	space, err := addressSpace("virtual network "+lastSegment(vnet.ID), vnet.Outputs)
	if err != nil {
		return err
	}
	siblings := map[string][]netip.Prefix{}
	for _, sub := range c.world.Under(vnet.ID) {
		if sub.Type != tokSubnet || key(sub.ID) == key(c.id) {
			continue
		}
		if sp, err := subnetPrefixes("subnet", sub.Outputs); err == nil {
			siblings[lastSegment(sub.ID)] = sp
		}
	}
	if err := checkSubnetFits(c.name(), ps, space, siblings); err != nil {
		return err
	}
	if c.prev != nil {
		// Changing the range of a subnet in use is refused.
		old, _ := subnetPrefixes("subnet", c.prev.Outputs)
		if fmt.Sprint(old) != fmt.Sprint(ps) {
			if err := subnetInUse(c.world, c.prev); err != nil {
				return err
			}
		}
	}
	return nil
}

// subnetInUse refuses a change to a subnet that private endpoints use.
func subnetInUse(w *World, sub *Record) error {
	for _, pe := range w.lookup(ixPESubnet + fold(sub.ID)) {
		if strings.EqualFold(getStr(pe.Inputs, "subnet.id"), sub.ID) {
			return azErr(400, "InUseSubnetCannotBeDeleted",
				"Subnet %s is in use by private endpoint %s and cannot be deleted or changed.", lastSegment(sub.ID), pe.ID)
		}
	}
	return nil
}

// liveSubnet lists the private endpoints in a subnet.
func liveSubnet(w *World, r *Record, out map[string]any) {
	var pes []any
	for _, pe := range w.lookup(ixPESubnet + fold(r.ID)) {
		if strings.EqualFold(getStr(pe.Inputs, "subnet.id"), r.ID) {
			pes = append(pes, map[string]any{"id": pe.ID})
		}
	}
	if pes != nil {
		out["privateEndpoints"] = pes
	}
}

func deleteSubnet(c *Cloud, w *World, r *Record) error {
	if err := subnetInUse(w, r); err != nil {
		return err
	}
	w.Remove(r.ID)
	return nil
}

// normLocation compares Azure locations the way ARM does ("West Europe"
// is "westeurope").
func normLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

// isVaultID tells whether an ARM ID names a key vault.
func isVaultID(id string) bool {
	_, err := parseID(vaultTemplate, id)
	return err == nil
}

func validatePrivateEndpoint(c *opContext) error {
	subnetID := getStr(c.in, "subnet.id")
	if subnetID == "" {
		return azErr(400, "InvalidRequestFormat", "The private endpoint '%s' needs subnet.id.", c.name())
	}
	conns := append(getList(c.in, "privateLinkServiceConnections"), getList(c.in, "manualPrivateLinkServiceConnections")...)
	if len(conns) == 0 {
		return azErr(400, "PrivateEndpointMustHaveConnection",
			"The private endpoint '%s' needs one private link service connection (automatic or manual).", c.name())
	}
	for _, cn := range conns {
		m, _ := cn.(map[string]any)
		target := getStr(m, "privateLinkServiceId")
		if !isVaultID(target) {
			continue
		}
		groups := getList(m, "groupIds")
		if len(groups) != 1 || groups[0] != "vault" {
			return azErr(400, "PrivateEndpointBadRequest",
				"Call to Microsoft.KeyVault/vaults failed. Error message: the group ID of a key vault private endpoint must be 'vault', got %v.", groups)
		}
	}
	if vnet, ok := c.world.Get(parentID(subnetID)); ok {
		loc := getStr(c.in, "location")
		if loc == "" {
			if sub, rg, ok := resourceGroupOf(c.id); ok {
				if g, ok := c.world.Get("/subscriptions/" + sub + "/resourceGroups/" + rg); ok {
					loc = getStr(g.Outputs, "location")
				}
			}
		}
		if vl := getStr(vnet.Outputs, "location"); loc != "" && vl != "" && normLocation(vl) != normLocation(loc) {
			return azErr(400, "InvalidResourceLocation",
				"The private endpoint '%s' is in location '%s' but its subnet's virtual network '%s' is in '%s'; they must be in the same region.",
				c.name(), loc, lastSegment(vnet.ID), vl)
		}
	}
	static := staticIP(c.in)
	if subnet, ok := c.world.Get(subnetID); ok {
		skip := ""
		if c.prev != nil {
			skip = peNICID(c.prev)
		}
		if _, err := allocateIP(c.world, subnet, static, skip); err != nil {
			return err
		}
	}
	return nil
}

// staticIP returns the static private IP requested for an endpoint.
func staticIP(in map[string]any) string {
	for _, v := range getList(in, "ipConfigurations") {
		m, _ := v.(map[string]any)
		if ip := getStr(m, "privateIPAddress"); ip != "" {
			return ip
		}
	}
	return ""
}

// peNICID returns the ID of an endpoint's network interface.
func peNICID(pe *Record) string {
	nics := getList(pe.Outputs, "networkInterfaces")
	if len(nics) == 0 {
		return ""
	}
	m, _ := nics[0].(map[string]any)
	return getStr(m, "id")
}

// vaultFQDNs lists the data-plane names served through an endpoint.
func vaultFQDNs(in map[string]any) []any {
	var out []any
	for _, cn := range append(getList(in, "privateLinkServiceConnections"), getList(in, "manualPrivateLinkServiceConnections")...) {
		m, _ := cn.(map[string]any)
		if target := getStr(m, "privateLinkServiceId"); isVaultID(target) {
			out = append(out, strings.ToLower(lastSegment(target))+".vault.azure.net")
		}
	}
	return out
}

func enrichPrivateEndpoint(c *opContext) error {
	_ = enrichEtag(c)
	sub, rg := c.params["subscriptionId"], c.params["resourceGroupName"]
	nicName := getStr(c.in, "customNetworkInterfaceName")
	if nicName == "" && c.prev != nil {
		nicName = lastSegment(peNICID(c.prev))
	}
	if nicName == "" {
		nicName = c.name() + ".nic." + newGUID()
	}
	nicID := fmt.Sprintf(nicIDFormat, sub, rg, nicName)
	subnetID := getStr(c.in, "subnet.id")
	static := staticIP(c.in)
	ip := ""
	if prevNIC, ok := c.world.Get(nicID); ok {
		ip = getStr(prevNIC.Outputs, "ipConfigurations[0].privateIPAddress")
		if static != "" && ip != static {
			ip = ""
		}
	}
	if subnet, ok := c.world.Get(subnetID); ok && ip == "" {
		var err error
		if ip, err = allocateIP(c.world, subnet, static, nicID); err != nil {
			return err
		}
	}
	fqdns := vaultFQDNs(c.in)
	method := "Dynamic"
	if static != "" {
		method = "Static"
	}
	ipcName := "privateEndpointIpConfig." + newGUID()
	if prevNIC, ok := c.world.Get(nicID); ok {
		if n := getStr(prevNIC.Outputs, "ipConfigurations[0].name"); n != "" {
			ipcName = n
		}
	}
	location := getStr(c.out, "location")
	nic := &Record{
		ID:        nicID,
		Type:      tokNetworkInterface,
		Inputs:    map[string]any{"resourceGroupName": rg, "networkInterfaceName": nicName},
		CreatedAt: c.now,
		UpdatedAt: c.now,
		Outputs: map[string]any{
			"id":                          nicID,
			"name":                        nicName,
			"type":                        "Microsoft.Network/networkInterfaces",
			"location":                    location,
			"etag":                        fmt.Sprintf("W/\"%s\"", newGUID()),
			"provisioningState":           "Succeeded",
			"resourceGuid":                newGUID(),
			"nicType":                     "Standard",
			"macAddress":                  "",
			"primary":                     false,
			"enableIPForwarding":          false,
			"enableAcceleratedNetworking": false,
			"vnetEncryptionSupported":     false,
			"hostedWorkloads":             []any{},
			"tapConfigurations":           []any{},
			"dnsSettings":                 map[string]any{"dnsServers": []any{}, "appliedDnsServers": []any{}},
			"privateEndpoint":             map[string]any{"id": c.id},
			"ipConfigurations": []any{map[string]any{
				"id":                        nicID + "/ipConfigurations/" + ipcName,
				"name":                      ipcName,
				"type":                      "Microsoft.Network/networkInterfaces/ipConfigurations",
				"etag":                      fmt.Sprintf("W/\"%s\"", newGUID()),
				"privateIPAddress":          ip,
				"privateIPAllocationMethod": method,
				"privateIPAddressVersion":   "IPv4",
				"primary":                   true,
				"provisioningState":         "Succeeded",
				"subnet":                    map[string]any{"id": subnetID},
				"privateLinkConnectionProperties": map[string]any{
					"groupId": "vault", "requiredMemberName": "default", "fqdns": fqdns,
				},
			}},
		},
	}
	if old, ok := c.world.Get(nicID); ok {
		nic.CreatedAt = old.CreatedAt
	}
	c.world.Put(nic)
	c.out["networkInterfaces"] = []any{map[string]any{"id": nicID}}
	var dns []any
	for _, f := range fqdns {
		dns = append(dns, map[string]any{"fqdn": f, "ipAddresses": []any{ip}})
	}
	c.out["customDnsConfigs"] = dns
	for _, list := range []struct{ path, status, desc string }{
		{"privateLinkServiceConnections", "Approved", "Auto-Approved"},
		{"manualPrivateLinkServiceConnections", "Pending", "Awaiting approval"},
	} {
		for _, cn := range getList(c.out, list.path) {
			m, ok := cn.(map[string]any)
			if !ok {
				continue
			}
			m["id"] = c.id + "/" + list.path + "/" + getStr(m, "name")
			m["type"] = "Microsoft.Network/privateEndpoints/privateLinkServiceConnections"
			m["etag"] = getStr(c.out, "etag")
			m["provisioningState"] = "Succeeded"
			if m["privateLinkServiceConnectionState"] == nil {
				m["privateLinkServiceConnectionState"] = map[string]any{
					"status": list.status, "description": list.desc, "actionsRequired": "None",
				}
			}
		}
	}
	for _, cfg := range getList(c.out, "ipConfigurations") {
		if m, ok := cfg.(map[string]any); ok {
			m["etag"] = getStr(c.out, "etag")
			m["type"] = "Microsoft.Network/privateEndpoints/ipConfigurations"
		}
	}
	return nil
}

// endpointIP returns the private IP of an endpoint, from its interface.
func endpointIP(w *World, pe *Record) string {
	if nic, ok := w.Get(peNICID(pe)); ok {
		return getStr(nic.Outputs, "ipConfigurations[0].privateIPAddress")
	}
	return ""
}

func deletePrivateEndpoint(c *Cloud, w *World, r *Record) error {
	for _, sub := range w.Under(r.ID) {
		w.Remove(sub.ID)
	}
	if nic := peNICID(r); nic != "" {
		w.Remove(nic)
	}
	w.Remove(r.ID)
	return nil
}

var dnsLabelRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

func validatePrivateZone(c *opContext) error {
	name := strings.ToLower(c.name())
	labels := strings.Split(name, ".")
	ok := len(name) <= 253 && len(labels) >= 2
	for _, l := range labels {
		ok = ok && dnsLabelRE.MatchString(l)
	}
	if !ok {
		return azErr(400, "BadRequest", "The private DNS zone name '%s' is not a valid DNS name with at least two labels.", c.name())
	}
	return nil
}

func enrichPrivateZone(c *opContext) error {
	c.out["etag"] = newGUID()
	c.out["provisioningState"] = "Succeeded"
	c.out["internalId"] = c.keepOr("internalId", func() any { return "SimulatedZone" + strings.ReplaceAll(newGUID(), "-", "") })
	c.out["maxNumberOfRecordSets"] = float64(25000)
	c.out["maxNumberOfVirtualNetworkLinks"] = float64(1000)
	c.out["maxNumberOfVirtualNetworkLinksWithRegistration"] = float64(100)
	livePrivateZone(c.world, &Record{ID: c.id}, c.out)
	return nil
}

// livePrivateZone counts the links and record sets of a zone.
func livePrivateZone(w *World, r *Record, out map[string]any) {
	links, registering := 0, 0
	for _, l := range w.Under(r.ID) {
		if l.Type == tokVirtualNetworkLink {
			links++
			if reg, _ := getBool(l.Outputs, "registrationEnabled"); reg {
				registering++
			}
		}
	}
	records := 1 // the SOA record
	for _, zg := range w.lookup(ixZoneGroups + fold(r.ID)) {
		for _, cfg := range getList(zg.Outputs, "privateDnsZoneConfigs") {
			m, _ := cfg.(map[string]any)
			if strings.EqualFold(getStr(m, "privateDnsZoneId"), r.ID) {
				records += len(getList(m, "recordSets"))
			}
		}
	}
	out["numberOfVirtualNetworkLinks"] = float64(links)
	out["numberOfVirtualNetworkLinksWithRegistration"] = float64(registering)
	out["numberOfRecordSets"] = float64(records)
}

func deletePrivateZone(c *Cloud, w *World, r *Record) error {
	for _, l := range w.Under(r.ID) {
		if l.Type == tokVirtualNetworkLink {
			return azErr(409, "CannotDeleteResource",
				"The private DNS zone '%s' cannot be deleted because it still has virtual network links (%s); delete the links first.",
				lastSegment(r.ID), lastSegment(l.ID))
		}
	}
	for _, sub := range w.Under(r.ID) {
		w.Remove(sub.ID)
	}
	w.Remove(r.ID)
	return nil
}

func validateVirtualNetworkLink(c *opContext) error {
	vnet := getStr(c.in, "virtualNetwork.id")
	if vnet == "" {
		return azErr(400, "BadRequest", "The virtual network link '%s' needs virtualNetwork.id.", c.name())
	}
	for _, l := range c.world.Under(parentID(c.id)) {
		if l.Type == tokVirtualNetworkLink && key(l.ID) != key(c.id) && strings.EqualFold(getStr(l.Inputs, "virtualNetwork.id"), vnet) {
			return azErr(409, "Conflict",
				"A virtual network cannot be linked to the same private DNS zone more than once: '%s' already links '%s'.", l.ID, vnet)
		}
	}
	return nil
}

func enrichVirtualNetworkLink(c *opContext) error {
	c.out["etag"] = newGUID()
	c.out["provisioningState"] = "Succeeded"
	c.out["virtualNetworkLinkState"] = "Completed"
	if c.out["registrationEnabled"] == nil {
		c.out["registrationEnabled"] = false
	}
	return nil
}

func validateZoneGroup(c *opContext) error {
	cfgs := getList(c.in, "privateDnsZoneConfigs")
	if len(cfgs) > 5 {
		return azErr(400, "TooManyPrivateDnsZoneConfigs", "A private DNS zone group accepts at most 5 zone configurations, got %d.", len(cfgs))
	}
	for i, cfg := range cfgs {
		m, _ := cfg.(map[string]any)
		if getStr(m, "privateDnsZoneId") == "" {
			return azErr(400, "BadRequest", "privateDnsZoneConfigs[%d].privateDnsZoneId is required.", i)
		}
	}
	for _, other := range c.world.Under(parentID(c.id)) {
		if other.Type == tokPrivateDNSZoneGroup && key(other.ID) != key(c.id) {
			return azErr(409, "PrivateDnsZoneGroupAlreadyExists",
				"The private endpoint '%s' already has the private DNS zone group '%s'; only one is allowed per endpoint.",
				lastSegment(parentID(c.id)), lastSegment(other.ID))
		}
	}
	return nil
}

func enrichZoneGroup(c *opContext) error {
	_ = enrichEtag(c)
	pe, ok := c.world.Get(parentID(c.id))
	if !ok {
		return nil
	}
	ip := endpointIP(c.world, pe)
	for _, cfg := range getList(c.out, "privateDnsZoneConfigs") {
		m, ok := cfg.(map[string]any)
		if !ok {
			continue
		}
		zone := strings.ToLower(lastSegment(getStr(m, "privateDnsZoneId")))
		var records []any
		if strings.HasPrefix(zone, vaultZonePrefx) {
			for _, f := range vaultFQDNs(pe.Inputs) {
				vault := strings.SplitN(f.(string), ".", 2)[0]
				records = append(records, map[string]any{
					"recordType":        "A",
					"recordSetName":     vault,
					"fqdn":              vault + "." + zone,
					"ttl":               float64(10),
					"ipAddresses":       []any{ip},
					"provisioningState": "Succeeded",
				})
			}
		}
		if records == nil {
			records = []any{}
		}
		m["recordSets"] = records
	}
	return nil
}
