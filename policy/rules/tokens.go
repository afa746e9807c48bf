package rules

import "strings"

// kind identifies the resource types the pack understands.
type kind uint8

const (
	kOther kind = iota
	kVault
	kKey
	kSecret
	kAccessPolicy
	kManagedHsm
	kManagedHsmKey
	kPrivateEndpoint
	kPrivateDNSZoneGroup
	kPrivateZone
	kDiagnosticSetting
	kRoleAssignment
	kSubnet
	kVirtualNetwork
	kSecurityPricing
	kSubscriptionDeployment
	kRoleManagementPolicy
	kPimEligibility
	kStack
)

// Type tokens of the default (unversioned) azure-native modules. Versioned tokens such as
// azure-native:keyvault/v20230701:Vault are matched as well.
const (
	tokVault             = "azure-native:keyvault:Vault"
	tokKey               = "azure-native:keyvault:Key"
	tokSecret            = "azure-native:keyvault:Secret"
	tokAccessPolicy      = "azure-native:keyvault:AccessPolicy"
	tokManagedHsm        = "azure-native:keyvault:ManagedHsm"
	tokPrivateEndpoint   = "azure-native:network:PrivateEndpoint"
	tokPrivateDNSZoneGrp = "azure-native:network:PrivateDnsZoneGroup"
	tokPrivateZone       = "azure-native:network:PrivateZone"
	tokDiagnosticSetting = "azure-native:insights:DiagnosticSetting"
	tokRoleAssignment    = "azure-native:authorization:RoleAssignment"
	tokSubnet            = "azure-native:network:Subnet"
	tokSecurityPricing   = "azure-native:security:Pricing"
	tokSubDeployment     = "azure-native:resources:DeploymentAtSubscriptionScope"
	tokRoleMgmtPolicy    = "azure-native:authorization:RoleManagementPolicy"
	tokPimEligibility    = "azure-native:authorization:PimRoleEligibilitySchedule"
	tokRootStack         = "pulumi:pulumi:Stack"
	azureNativePackage   = "azure-native"
)

// token is a parsed type token.
type token struct {
	pkg, module, version, typ string
}

// parseToken splits "pkg:module/version:Type". It never fails: a token of another shape gives
// a token whose fields do not match anything the pack looks for.
func parseToken(tok string) token {
	pkg, rest, ok := strings.Cut(tok, ":")
	if !ok {
		return token{}
	}
	mod, typ, ok := strings.Cut(rest, ":")
	if !ok {
		return token{}
	}
	module, version, _ := strings.Cut(mod, "/")
	return token{pkg: pkg, module: module, version: version, typ: typ}
}

// classify maps a type token to the kind of resource it names.
func classify(tok string) kind {
	if tok == tokRootStack {
		return kStack
	}
	t := parseToken(tok)
	if t.pkg != azureNativePackage {
		return kOther
	}
	switch t.module {
	case "keyvault":
		switch t.typ {
		case "Vault":
			return kVault
		case "Key":
			return kKey
		case "Secret":
			return kSecret
		case "AccessPolicy":
			return kAccessPolicy
		case "ManagedHsm":
			return kManagedHsm
		case "ManagedHsmKey":
			return kManagedHsmKey
		}
	case "network":
		switch t.typ {
		case "PrivateEndpoint":
			return kPrivateEndpoint
		case "PrivateDnsZoneGroup":
			return kPrivateDNSZoneGroup
		case "PrivateZone":
			return kPrivateZone
		case "Subnet":
			return kSubnet
		case "VirtualNetwork":
			return kVirtualNetwork
		}
	case "insights":
		if t.typ == "DiagnosticSetting" {
			return kDiagnosticSetting
		}
	case "authorization":
		switch t.typ {
		case "RoleAssignment":
			return kRoleAssignment
		case "RoleManagementPolicy":
			return kRoleManagementPolicy
		case "PimRoleEligibilitySchedule":
			return kPimEligibility
		}
	case "resources":
		if t.typ == "DeploymentAtSubscriptionScope" {
			return kSubscriptionDeployment
		}
	case "security":
		if t.typ == "Pricing" {
			return kSecurityPricing
		}
	}
	return kOther
}

// urnType returns the type token embedded in a URN
// ("urn:pulumi:stack::project::parent$type::name"), or "" when the URN has another shape.
func urnType(urn string) string {
	const prefix = "urn:pulumi:"
	if !strings.HasPrefix(urn, prefix) {
		return ""
	}
	parts := strings.SplitN(urn[len(prefix):], "::", 4)
	if len(parts) != 4 {
		return ""
	}
	qualified := parts[2]
	if i := strings.LastIndexByte(qualified, '$'); i >= 0 {
		qualified = qualified[i+1:]
	}
	return qualified
}

// urnKind classifies the resource a URN names.
func urnKind(urn string) kind { return classify(urnType(urn)) }

// eqFold compares two enum strings case-insensitively.
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
