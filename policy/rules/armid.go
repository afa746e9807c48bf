package rules

import "strings"

// Helpers for Azure Resource Manager IDs such as
// /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>/keys/<key>.
// During a preview IDs are usually unknown, and under Pulumi mocks they are arbitrary strings;
// callers fall back to URN relations when isARMID is false.

// isARMID reports whether s looks like an ARM resource or scope ID.
func isARMID(s string) bool {
	return hasPrefixFold(s, "/subscriptions/") || hasPrefixFold(s, "/providers/")
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// segmentAfter returns the path segment that follows the case-insensitive marker (which must
// start and end with '/') in id.
func segmentAfter(id, marker string) (string, bool) {
	i := indexFold(id, marker)
	if i < 0 {
		return "", false
	}
	rest := id[i+len(marker):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	return rest, rest != ""
}

// indexFold is strings.Index ignoring ASCII case; marker must be lower case.
func indexFold(s, marker string) int {
	n := len(marker)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], marker) {
			return i
		}
	}
	return -1
}

const (
	markerVaults      = "/providers/microsoft.keyvault/vaults/"
	markerManagedHSMs = "/providers/microsoft.keyvault/managedhsms/"
	markerVNets       = "/providers/microsoft.network/virtualnetworks/"
	markerSubnets     = "/subnets/"
)

// vaultNameFromID returns the vault name in a vault (or key or secret) ID.
func vaultNameFromID(id string) (string, bool) {
	if !isARMID(id) {
		return "", false
	}
	return segmentAfter(id, markerVaults)
}

// isVaultID reports whether id names a vault itself, not a key or secret inside it.
func isVaultID(id string) bool {
	i := indexFold(id, markerVaults)
	if i < 0 {
		return false
	}
	rest := strings.TrimSuffix(id[i+len(markerVaults):], "/")
	return rest != "" && !strings.Contains(rest, "/")
}

// isKeyVaultScope reports whether an ARM scope is a vault, managed HSM, or an object inside one.
func isKeyVaultScope(id string) bool {
	return indexFold(id, markerVaults) >= 0 || indexFold(id, markerManagedHSMs) >= 0
}

// subnetFromID returns the virtual network and subnet names of a subnet ID.
func subnetFromID(id string) (vnet, subnet string, ok bool) {
	if !isARMID(id) {
		return "", "", false
	}
	vnet, ok1 := segmentAfter(id, markerVNets)
	subnet, ok2 := segmentAfter(id, markerSubnets)
	return vnet, subnet, ok1 && ok2
}

// lastSegment returns the final path segment of an ID.
func lastSegment(id string) string {
	id = strings.TrimSuffix(id, "/")
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}
