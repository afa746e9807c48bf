package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Relations between resources for the stack policies. Each resolver first uses a known ARM ID
// and falls back to the dependencies the engine (or the mock recorder) reported for the
// property that holds the ID, then to the resource's parent. resolved is false when neither
// gives an answer, so that callers never report a violation they cannot be sure of.

// vaultsByID resolves a property holding a vault ID (privateLinkServiceId, resourceUri) of
// resource i to vault nodes. prop is the top-level input that holds the ID.
func (idx *index) vaultsByID(i int, f field, prop string) (vaults []int, resolved bool) {
	if s, g := f.str(); g.known() && isARMID(s) {
		if !isVaultID(s) {
			return nil, true // names something else
		}
		name, _ := vaultNameFromID(s)
		return idx.named(kVault, name), true
	}
	vaults = idx.related(i, prop, kVault, nil)
	return vaults, len(vaults) > 0
}

// vaultsByName resolves the vaultName input of resource i (a key, secret or access policy).
func (idx *index) vaultsByName(i int) (vaults []int, resolved bool) {
	if s, f := get(idx.nodes[i].r.Properties, "vaultName").str(); f.known() && s != "" {
		return idx.named(kVault, s), true
	}
	vaults = idx.related(i, "vaultName", kVault, nil)
	return vaults, len(vaults) > 0
}

// isPrivateVault reports whether vault node v has public network access disabled (known).
func (idx *index) isPrivateVault(v int) bool {
	s, f := get(idx.nodes[v].r.Properties, "properties.publicNetworkAccess").str()
	return f.known() && eqFold(s, "Disabled")
}

// displayName returns the Azure name of node i when it is known, else its Pulumi name.
func (idx *index) displayName(i int) string {
	n := idx.nodes[i]
	if paths, ok := namePaths[n.kind]; ok {
		if s, ok := firstString(n.r.Properties, paths...); ok {
			return s
		}
	}
	return n.r.Name
}

// groupIDsInclude reports whether a groupIds field includes want; unknown counts as yes.
func groupIDsInclude(f field, want string) bool {
	list, g := f.array()
	switch g.st {
	case stUnknown:
		return true
	case stKnown:
	default:
		return false
	}
	for i := 0; i < list.Len(); i++ {
		s, e := elem(list, i, "").str()
		if e.st == stUnknown || e.known() && strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

// propertyMap is property.Map, named here to keep signatures short.
type propertyMap = property.Map

// propertyValue is property.Value, named here to keep signatures short.
type propertyValue = property.Value

// keyVaultScope tells whether the scope input of a role assignment or PIM resource is a Key
// Vault scope: a vault, a Managed HSM, or a key or secret inside one. isVault is true when the
// engine recorded that scope depends on such a resource (IDs are unknown during a preview and
// arbitrary under mocks) or when scope is a known ARM ID below one; known is false when
// neither the value nor the dependencies tell. name is the vault's (or Managed HSM's) name
// when the ID shows it.
func keyVaultScope(r *policyx.AnalyzerResource) (isVault, known bool, name string) {
	for _, u := range r.PropertyDependencies["scope"] {
		switch urnKind(u) {
		case kVault, kKey, kSecret, kManagedHsm, kManagedHsmKey:
			return true, true, ""
		}
	}
	s, f := get(r.Properties, "scope").str()
	if !f.known() || !isARMID(s) {
		return false, false, ""
	}
	if !isKeyVaultScope(s) {
		return false, true, ""
	}
	if n, ok := vaultNameFromID(s); ok {
		return true, true, n
	}
	n, _ := segmentAfter(s, markerManagedHSMs)
	return true, true, n
}

// roleLabel names a role definition for messages: its built-in name when the pack knows it,
// else its GUID.
func roleLabel(guid string) string {
	if n, ok := privilegedRoles[guid]; ok {
		return n
	}
	if n, ok := dataPlaneRoles[guid]; ok {
		return n
	}
	return "role " + guid
}
