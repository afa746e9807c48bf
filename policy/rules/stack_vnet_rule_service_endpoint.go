package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// hasKeyVaultServiceEndpoint reports whether a serviceEndpoints field lists
// Microsoft.KeyVault; unknown counts as yes.
func hasKeyVaultServiceEndpoint(f field) bool {
	list, g := f.array()
	switch g.st {
	case stUnknown:
		return true
	case stKnown:
	default:
		return false
	}
	for i := 0; i < list.Len(); i++ {
		s, e := sub(elem(list, i, ""), "service").str()
		if e.st == stUnknown || e.known() && strings.EqualFold(s, "Microsoft.KeyVault") {
			return true
		}
	}
	return false
}

// NewVNetRuleSubnetServiceEndpoint returns stack rule 5: a subnet named in a vault's
// networkAcls.virtualNetworkRules has the Microsoft.KeyVault service endpoint when the subnet
// is in the stack, as an azure-native:network:Subnet or inline in a VirtualNetwork's subnets.
func NewVNetRuleSubnetServiceEndpoint() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-vnet-rule-subnet-service-endpoint",
		desc:  "Subnets allowed by a Key Vault's virtual network rules enable the Microsoft.KeyVault service endpoint (stack rule 5; guide 2 Enable Virtual Network Integration; Azure Policy ea4d6841).",
		level: advisory,
		check: func(c *stackCheck) error {
			idx := c.idx
			for _, v := range idx.byKind[kVault] {
				const path = "properties.networkAcls.virtualNetworkRules"
				rules, f := get(idx.nodes[v].r.Properties, path).array()
				if !f.known() {
					continue
				}
				for i := 0; i < rules.Len(); i++ {
					id, idf := sub(elem(rules, i, path), "id").str()
					if !idf.known() {
						continue
					}
					vnet, subnet, ok := subnetFromID(id)
					if !ok {
						continue
					}
					for _, s := range idx.named(kSubnet, vnet+"/"+subnet) {
						if !hasKeyVaultServiceEndpoint(get(idx.nodes[s].r.Properties, "serviceEndpoints")) {
							c.reportf(idx.nodes[s].r.URN, "Subnet %s is allowed by Key Vault %s, so it must enable the Key Vault service endpoint: add {service: 'Microsoft.KeyVault'} to serviceEndpoints.", quote(subnet), quote(idx.displayName(v)))
						}
					}
					for _, n := range idx.named(kVirtualNetwork, vnet) {
						checkInlineSubnet(c, idx, n, subnet, idx.displayName(v))
					}
				}
			}
			return nil
		},
	})
}

// checkInlineSubnet checks the subnet called name inside VirtualNetwork node n.
func checkInlineSubnet(c *stackCheck, idx *index, n int, name, vault string) {
	subnets, f := get(idx.nodes[n].r.Properties, "subnets").array()
	if !f.known() {
		return
	}
	for j := 0; j < subnets.Len(); j++ {
		e := elem(subnets, j, "subnets")
		sn, nf := sub(e, "name").str()
		if !nf.known() || !strings.EqualFold(sn, name) {
			continue
		}
		if !hasKeyVaultServiceEndpoint(sub(e, "serviceEndpoints")) {
			c.reportf(idx.nodes[n].r.URN, "Subnet %s of virtual network %s is allowed by Key Vault %s, so it must enable the Key Vault service endpoint: add {service: 'Microsoft.KeyVault'} to its serviceEndpoints.", quote(sn), quote(idx.displayName(n)), quote(vault))
		}
	}
}
