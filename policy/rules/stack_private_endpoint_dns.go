package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// defaultVaultZones are the private DNS zones of Key Vault private endpoints in the public,
// US Government and China clouds.
var defaultVaultZones = []string{
	"privatelink.vaultcore.azure.net",
	"privatelink.vaultcore.usgovcloudapi.net",
	"privatelink.vaultcore.azure.cn",
}

// zoneVerdict is what a zone group's zones say.
type zoneVerdict uint8

const (
	zoneNone zoneVerdict = iota
	zoneWrong
	zoneUnknown
	zoneOK
)

// zoneGroupVerdict judges one private DNS zone group against the allowed zones; wrong names a
// zone that is not allowed.
func zoneGroupVerdict(idx *index, g int, allowed []string) (v zoneVerdict, wrong string) {
	const prop = "privateDnsZoneConfigs"
	configs, f := get(idx.nodes[g].r.Properties, prop).array()
	switch f.st {
	case stUnknown:
		return zoneUnknown, ""
	case stKnown:
	default:
		return zoneNone, ""
	}
	best := zoneNone
	better := func(x zoneVerdict, name string) {
		if x > best {
			best = x
		}
		if x == zoneWrong && wrong == "" {
			wrong = name
		}
	}
	for j := 0; j < configs.Len(); j++ {
		id, zf := sub(elem(configs, j, prop), "privateDnsZoneId").str()
		if zf.known() && isARMID(id) {
			name := lastSegment(id)
			if containsFold(allowed, name) {
				better(zoneOK, name)
			} else {
				better(zoneWrong, name)
			}
			continue
		}
		if zf.st == stAbsent {
			continue
		}
		zones := idx.related(g, prop, kPrivateZone, nil)
		if len(zones) == 0 {
			better(zoneUnknown, "")
		}
		for _, z := range zones {
			name := idx.nodes[z].name
			switch {
			case name == "":
				better(zoneUnknown, "")
			case containsFold(allowed, name):
				better(zoneOK, name)
			default:
				better(zoneWrong, idx.displayName(z))
			}
		}
	}
	return best, wrong
}

// NewPrivateEndpointDNSZoneGroup returns stack rule 1 (DNS part): the private endpoint of a
// private vault has a private DNS zone group pointing at the privatelink.vaultcore zone of its
// cloud. A zone group is related to its endpoint by privateEndpointName, dependencies or
// parent, and to its zone by privateDnsZoneConfigs[].privateDnsZoneId or a dependency on an
// azure-native:network:PrivateZone. Set dnsManagedExternally where Azure Policy manages the
// zone groups (hub-and-spoke landing zones), or disable this policy.
func NewPrivateEndpointDNSZoneGroup() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-private-endpoint-dns-zone-group",
		desc:  "Private Key Vault endpoints register in the privatelink.vaultcore DNS zone (stack rule 1; guide 2 Restrict Public Network Access; Microsoft private endpoint DNS guidance).",
		level: mandatory,
		schema: schema(map[string]map[string]any{
			"dnsManagedExternally": schemaBool("The zone group is created outside this stack (for example by Azure Policy in a hub-and-spoke landing zone).", false),
			"allowedZones":         schemaStrings("Private DNS zone names a vault endpoint may register in.", defaultVaultZones),
		}),
		check: func(c *stackCheck) error {
			external, err := cfgBool(c.cfg, "dnsManagedExternally", false)
			if err != nil {
				return err
			}
			allowed, err := cfgStrings(c.cfg, "allowedZones", defaultVaultZones)
			if err != nil {
				return err
			}
			idx := c.idx
			if external || len(idx.byKind[kVault]) == 0 {
				return nil
			}
			links, _ := linkEndpoints(idx)

			// Relate zone groups to endpoints and record the best verdict per endpoint.
			best := make(map[int]zoneVerdict)
			wrongZone := make(map[int]string)
			unresolved := false
			for _, g := range idx.byKind[kPrivateDNSZoneGroup] {
				var endpoints []int
				if s, f := get(idx.nodes[g].r.Properties, "privateEndpointName").str(); f.known() && s != "" {
					endpoints = idx.named(kPrivateEndpoint, s)
				} else {
					endpoints = idx.related(g, "privateEndpointName", kPrivateEndpoint, nil)
					if len(endpoints) == 0 {
						unresolved = true
						continue
					}
				}
				verdict, wrong := zoneGroupVerdict(idx, g, allowed)
				for _, e := range endpoints {
					if verdict > best[e] {
						best[e] = verdict
					}
					if wrong != "" && wrongZone[e] == "" {
						wrongZone[e] = wrong
					}
				}
			}

			zones := strings.Join(allowed, "', '")
			for _, v := range idx.byKind[kVault] {
				l := links[v]
				if l == nil || len(l.good) == 0 || !idx.isPrivateVault(v) {
					continue // keyvault-private-endpoint-required reports a missing endpoint
				}
				verdict, wrong := zoneNone, ""
				for _, e := range l.good {
					if best[e] > verdict {
						verdict = best[e]
					}
					if wrong == "" {
						wrong = wrongZone[e]
					}
				}
				urn := idx.nodes[v].r.URN
				label := "Key Vault " + quote(idx.displayName(v))
				switch {
				case verdict >= zoneUnknown:
				case verdict == zoneWrong:
					c.reportf(urn, "%s must resolve through the right private DNS zone, but its endpoint's zone group uses %s: set privateDnsZoneConfigs[].privateDnsZoneId to the ID of '%s'.", label, quote(wrong), zones)
				case unresolved:
				default:
					c.reportf(urn, "%s must resolve to its private endpoint: add an azure-native:network:PrivateDnsZoneGroup for the endpoint with privateDnsZoneConfigs[].privateDnsZoneId set to the ID of '%s' (or set dnsManagedExternally when Azure Policy creates it).", label, zones)
				}
			}
			return nil
		},
	})
}
