package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// endpointLinks records what the stack's private endpoints do for one vault.
type endpointLinks struct {
	good       []int // endpoints with an auto-approved connection and group 'vault'
	wrongGroup bool
	manual     bool
}

// linkEndpoints relates every private endpoint to the vaults it targets. unresolved is true
// when some connection's target cannot be determined.
func linkEndpoints(idx *index) (links map[int]*endpointLinks, unresolved bool) {
	links = make(map[int]*endpointLinks)
	get1 := func(v int) *endpointLinks {
		l := links[v]
		if l == nil {
			l = &endpointLinks{}
			links[v] = l
		}
		return l
	}
	for _, e := range idx.byKind[kPrivateEndpoint] {
		props := idx.nodes[e].r.Properties
		for _, prop := range []string{"privateLinkServiceConnections", "manualPrivateLinkServiceConnections"} {
			conns, f := get(props, prop).array()
			if f.st == stUnknown {
				unresolved = true
				continue
			}
			for j := 0; j < conns.Len(); j++ {
				conn := elem(conns, j, prop)
				targets, ok := idx.vaultsByID(e, sub(conn, "privateLinkServiceId"), prop)
				if !ok {
					unresolved = true
					continue
				}
				groupOK := groupIDsInclude(sub(conn, "groupIds"), "vault")
				for _, v := range targets {
					l := get1(v)
					switch {
					case prop == "manualPrivateLinkServiceConnections":
						l.manual = true
					case groupOK:
						l.good = append(l.good, e)
					default:
						l.wrongGroup = true
					}
				}
			}
		}
	}
	return links, unresolved
}

// NewPrivateEndpointRequired returns stack rule 1 (endpoint part): a vault with public
// network access disabled has a private endpoint in the stack that targets it with group
// 'vault' through an auto-approved connection (no manual connection). The endpoint is related
// to the vault through privateLinkServiceConnections[].privateLinkServiceId when it is a known
// ARM ID, else through the endpoint's dependencies on the vault's URN.
func NewPrivateEndpointRequired() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-private-endpoint-required",
		desc:  "Private Key Vaults are reachable through an auto-approved private endpoint with group 'vault' (stack rule 1; guide 2 Restrict Public Network Access; Azure Policy a6abeaec).",
		level: mandatory,
		check: func(c *stackCheck) error {
			idx := c.idx
			if len(idx.byKind[kVault]) == 0 {
				return nil
			}
			links, unresolved := linkEndpoints(idx)
			for _, v := range idx.byKind[kVault] {
				if !idx.isPrivateVault(v) {
					continue
				}
				urn := idx.nodes[v].r.URN
				label := "Key Vault " + quote(idx.displayName(v))
				l := links[v]
				if l != nil && l.manual {
					c.reportf(urn, "%s must be reached through an auto-approved connection: move the endpoint's connection from manualPrivateLinkServiceConnections to privateLinkServiceConnections.", label)
				}
				switch {
				case l != nil && len(l.good) > 0:
				case l != nil && l.wrongGroup:
					c.reportf(urn, "%s must be targeted with the 'vault' sub-resource: set privateLinkServiceConnections[].groupIds to ['vault'] on its private endpoint.", label)
				case unresolved:
					// Some endpoint's target is not known yet; it may be this vault.
				case l == nil || !l.manual:
					c.reportf(urn, "%s has public network access disabled, so it must have a private endpoint: add an azure-native:network:PrivateEndpoint whose privateLinkServiceConnections[].privateLinkServiceId is the vault's ID with groupIds ['vault'].", label)
				}
			}
			return nil
		},
	})
}
