package rules

import (
	"context"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// node is one resource of the stack as the stack policies see it.
type node struct {
	r    *policyx.AnalyzerResource
	kind kind
	// name is the resource's Azure name when it is known (vaultName during Analyze, name in
	// the outputs AnalyzeStack receives), lower-cased for matching; "" otherwise.
	name string
}

// index organises a stack's resources once, so that every stack policy runs in time linear
// in the number of resources and their dependencies.
type index struct {
	resources []policyx.AnalyzerResource
	nodes     []node
	byURN     map[string]int
	byKind    [kStack + 1][]int
	// byName maps kind and lower-cased Azure name to nodes (vaults, endpoints, subnets, ...).
	byName map[nameKey][]int
}

// nameKey is a kind plus an Azure name; subnets use "vnet/subnet".
type nameKey struct {
	kind kind
	name string
}

// namePaths lists, per kind, where the Azure name is found in inputs and outputs.
var namePaths = map[kind][]string{
	kVault:                  {"vaultName", "name"},
	kManagedHsm:             {"name"},
	kKey:                    {"keyName", "name"},
	kSecret:                 {"secretName", "name"},
	kPrivateEndpoint:        {"privateEndpointName", "name"},
	kPrivateZone:            {"privateZoneName", "name"},
	kVirtualNetwork:         {"virtualNetworkName", "name"},
	kSecurityPricing:        {"pricingName", "name"},
	kPrivateDNSZoneGroup:    {"privateDnsZoneGroupName", "name"},
	kSubscriptionDeployment: {"deploymentName", "name"},
	kRoleManagementPolicy:   {"roleManagementPolicyName", "name"},
}

// buildIndex indexes resources in one pass.
func buildIndex(resources []policyx.AnalyzerResource) *index {
	idx := &index{
		resources: resources,
		nodes:     make([]node, len(resources)),
		byURN:     make(map[string]int, len(resources)),
		byName:    make(map[nameKey][]int),
	}
	for i := range resources {
		r := &resources[i]
		k := classify(r.Type)
		n := node{r: r, kind: k}
		if paths, ok := namePaths[k]; ok {
			if s, ok := firstString(r.Properties, paths...); ok {
				n.name = strings.ToLower(s)
			}
		}
		if k == kSubnet {
			vnet, _ := firstString(r.Properties, "virtualNetworkName")
			sn, _ := firstString(r.Properties, "subnetName", "name")
			if vnet != "" && sn != "" {
				n.name = strings.ToLower(vnet + "/" + sn)
			}
		}
		idx.nodes[i] = n
		if r.URN != "" {
			idx.byURN[r.URN] = i
		}
		idx.byKind[k] = append(idx.byKind[k], i)
		if n.name != "" && k != kOther {
			key := nameKey{k, n.name}
			idx.byName[key] = append(idx.byName[key], i)
		}
	}
	return idx
}

// named returns the nodes of kind k whose Azure name is name (case-insensitive).
func (idx *index) named(k kind, name string) []int {
	return idx.byName[nameKey{k, strings.ToLower(name)}]
}

// related returns the nodes of kind want that resource i depends on through the property
// prop (PropertyDependencies), falling back to all its dependencies when the engine recorded
// none for that property, plus its parent. ok is false when the resource carries no
// dependency information at all.
func (idx *index) related(i int, prop string, want kind, out []int) []int {
	r := idx.nodes[i].r
	add := func(urn string) {
		if j, ok := idx.byURN[urn]; ok && idx.nodes[j].kind == want {
			for _, seen := range out {
				if seen == j {
					return
				}
			}
			out = append(out, j)
		}
	}
	if deps := r.PropertyDependencies[prop]; len(deps) > 0 {
		for _, u := range deps {
			add(u)
		}
	} else {
		for _, u := range r.Dependencies {
			add(u)
		}
	}
	if r.Parent != "" {
		add(r.Parent)
	}
	return out
}

// indexKey carries a prebuilt index through the context from Evaluate to the stack policies.
type indexKey struct{}

// withIndex returns ctx carrying idx.
func withIndex(ctx context.Context, idx *index) context.Context {
	return context.WithValue(ctx, indexKey{}, idx)
}

// indexFromContext returns the index Evaluate built for exactly these resources, or builds one.
func indexFromContext(ctx context.Context, resources []policyx.AnalyzerResource) *index {
	if idx, ok := ctx.Value(indexKey{}).(*index); ok && sameSlice(idx.resources, resources) {
		return idx
	}
	return buildIndex(resources)
}

// sameSlice reports whether a and b are the same slice (same backing array and length).
func sameSlice(a, b []policyx.AnalyzerResource) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}
