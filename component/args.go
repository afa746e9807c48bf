package component

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// ZeroTrustVaultArgs are the arguments of NewZeroTrustVault.
//
// Every security-relevant setting defaults to the zero-trust choice. The few
// that can be relaxed are opt-ins with visibly named fields (Allow…), and
// purge protection, the RBAC permission model and the firewall's Deny default
// have no field at all: they cannot be switched off.
type ZeroTrustVaultArgs struct {
	// ResourceGroupName is the resource group that holds the vault. Required.
	ResourceGroupName pulumi.StringInput
	// Location is the Azure region of the vault and of the resources the
	// component creates. Default: the provider's configured location.
	Location pulumi.StringInput
	// VaultName is the globally unique vault name (3–24 characters, a letter
	// first, letters, digits and hyphens, no "--", a letter or digit last).
	// Default: derived from the component name, the project and the stack.
	VaultName string
	// TenantID is the Entra ID tenant that authenticates requests to the vault.
	// Default: the tenant of the deploying identity (authorization.getClientConfig).
	TenantID pulumi.StringInput
	// SKU is "standard" or "premium" (HSM-backed keys need premium).
	// Default: "standard".
	SKU string
	// SoftDeleteRetentionDays is how long deleted vaults, keys and secrets stay
	// recoverable, 7–90. Azure does not allow changing it after creation.
	// Default: 90.
	SoftDeleteRetentionDays int
	// Tags are merged over the component's own tags (managed-by and
	// component) and set on every child that takes tags.
	Tags map[string]string

	// Network controls public reachability and the firewall.
	Network NetworkArgs
	// PrivateEndpoints are the private endpoints of the vault, one per subnet
	// that needs a private path. Default: none.
	PrivateEndpoints []PrivateEndpointArgs
	// PrivateDNS controls the private DNS records of the private endpoints.
	PrivateDNS PrivateDNSArgs

	// RoleAssignments are data-plane role assignments at vault scope.
	// Default: none.
	RoleAssignments []RoleAssignmentArgs
	// AccessPolicies are refused: the vault always uses the RBAC permission
	// model. The field exists so that configurations carried over from
	// access-policy vaults fail with an error that points to RoleAssignments
	// instead of silently losing their grants.
	AccessPolicies []AccessPolicy
	// AllowPrivilegedRoles permits Owner, Contributor, User Access
	// Administrator, Key Vault Contributor and Key Vault Administrator in
	// RoleAssignments. Default: false (such roles are refused).
	AllowPrivilegedRoles bool

	// EnabledForDeployment lets Azure Virtual Machines retrieve certificates
	// stored as secrets. Default: false.
	EnabledForDeployment bool
	// EnabledForDiskEncryption lets Azure Disk Encryption retrieve secrets and
	// unwrap keys. Default: false.
	EnabledForDiskEncryption bool
	// EnabledForTemplateDeployment lets Azure Resource Manager retrieve
	// secrets during template deployments. Default: false.
	EnabledForTemplateDeployment bool

	// Diagnostics controls where the vault's logs and metrics go. Diagnostic
	// settings are always created; there is no way to turn them off.
	Diagnostics DiagnosticsArgs

	// Keys are keys created in the vault, each with an expiry and a rotation
	// policy. Default: none.
	Keys []KeyArgs
	// Secrets are secrets stored in the vault; their values are always
	// Pulumi secrets. Default: none.
	Secrets []SecretArgs

	// JustInTime makes administrators eligible for a role at vault scope
	// (Privileged Identity Management) instead of holding it, with MFA or a
	// Conditional Access authentication context, a justification and
	// optional approval on activation. Default: no eligibilities.
	JustInTime JustInTimeArgs
	// ThreatDetection adds alerts (opt-in: they need a receiver) and
	// Microsoft Defender for Key Vault (opt-in: subscription-wide).
	// Default: neither.
	ThreatDetection ThreatDetectionArgs
	// Guardrails assign Azure Policy's built-in Key Vault definitions to the
	// vault's resource group (opt-in: they cover every vault there).
	// Default: not assigned.
	Guardrails GuardrailArgs

	// Recover creates the vault with createMode "recover", bringing back a
	// soft-deleted vault of the same name (with its keys and secrets) instead
	// of failing because the name is taken. Set it for the run that recovers,
	// then remove it. Default: false.
	Recover bool

	// DisableDeleteLock skips the CanNotDelete management lock on the vault
	// and its private endpoints. Default: false (the lock is created).
	DisableDeleteLock bool
	// Protect marks the vault `protect`ed in Pulumi, so that `pulumi destroy`
	// and replacements refuse to delete it. Default: false.
	Protect bool
}

// NetworkArgs control the vault's public reachability and its firewall.
//
// The firewall's default action is always Deny. Public network access is
// disabled unless AllowPublicNetworkAccess is set, in which case only the
// listed IP ranges and subnets get through.
type NetworkArgs struct {
	// AllowPublicNetworkAccess enables the vault's public endpoint, still
	// filtered by the firewall (default action Deny). Default: false.
	AllowPublicNetworkAccess bool
	// AllowTrustedAzureServices sets the firewall bypass to AzureServices so
	// that trusted Microsoft services reach the vault past the firewall.
	// Default: false (bypass None).
	AllowTrustedAzureServices bool
	// IPRules are public IPv4 addresses or CIDR ranges allowed through the
	// firewall. Private, loopback, link-local, reserved and 0.0.0.0/0 ranges
	// are refused, and so are prefixes wider than MaxIPRulePrefixWidth.
	// They only take effect when public network access is allowed.
	IPRules []string
	// MaxIPRulePrefixWidth is the widest prefix accepted in IPRules, as a
	// prefix length: 16 accepts /16 to /32 and refuses /15 and wider.
	// Default: 16.
	MaxIPRulePrefixWidth int
	// VirtualNetworkSubnetIDs are subnet resource IDs allowed through the
	// firewall (each subnet needs the Microsoft.KeyVault service endpoint).
	VirtualNetworkSubnetIDs []string
	// IntentionallyUnreachable acknowledges a vault with public access
	// disabled and no private endpoint, IP rule or subnet rule: nothing can
	// reach its data plane. Default: false (such a vault is refused).
	IntentionallyUnreachable bool
}

// PrivateEndpointArgs describe one private endpoint of the vault.
type PrivateEndpointArgs struct {
	// Name identifies the endpoint within the component (1–30 letters, digits
	// and inner hyphens); it names the endpoint's resources and keys the outputs.
	// Default: "pe" for the first endpoint, "pe2", "pe3", … for the others.
	Name string
	// SubnetID is the resource ID of the subnet the endpoint's network
	// interface is placed in. Required.
	SubnetID pulumi.StringInput
	// ResourceGroupName places the endpoint in another resource group.
	// Default: the vault's resource group.
	ResourceGroupName pulumi.StringInput
	// Location is the endpoint's region (it must match the subnet's).
	// Default: the vault's location.
	Location pulumi.StringInput
	// StaticIPAddress pins the endpoint's private IP address (it must lie in
	// the subnet). Default: allocated by Azure.
	StaticIPAddress string
	// NetworkInterfaceName is a custom name for the endpoint's network
	// interface. Default: chosen by Azure.
	NetworkInterfaceName string
}

// DNSMode selects how the private endpoints' DNS records are managed.
type DNSMode string

const (
	// DNSModeCreateZone creates the privatelink.vaultcore zone of the chosen
	// cloud, links it to virtual networks and adds a DNS zone group to every
	// endpoint.
	DNSModeCreateZone DNSMode = "CreateZone"
	// DNSModeExistingZone adds a DNS zone group pointing at an existing zone
	// (typically the central zone of a hub-and-spoke landing zone).
	DNSModeExistingZone DNSMode = "ExistingZone"
	// DNSModeExternal leaves DNS zone groups alone because something else
	// (usually Azure Policy DeployIfNotExists) manages them.
	DNSModeExternal DNSMode = "External"
)

// Cloud names an Azure cloud, which decides the private DNS zone name.
type Cloud string

const (
	// CloudPublic is Azure public cloud: privatelink.vaultcore.azure.net.
	CloudPublic Cloud = "AzurePublic"
	// CloudUSGovernment is Azure US Government: privatelink.vaultcore.usgovcloudapi.net.
	CloudUSGovernment Cloud = "AzureUSGovernment"
	// CloudChina is Azure China (21Vianet): privatelink.vaultcore.azure.cn.
	CloudChina Cloud = "AzureChina"
)

// PrivateDNSArgs control the private DNS of the private endpoints. They are
// only used when the component has at least one private endpoint.
type PrivateDNSArgs struct {
	// Mode is CreateZone, ExistingZone or External. Default: CreateZone.
	Mode DNSMode
	// Cloud decides the zone name in CreateZone mode. Default: AzurePublic.
	Cloud Cloud
	// ZoneID is the resource ID of an existing private DNS zone. Required in
	// ExistingZone mode, refused otherwise.
	ZoneID pulumi.StringInput
	// ZoneResourceGroupName is where a created zone lives.
	// Default: the vault's resource group.
	ZoneResourceGroupName pulumi.StringInput
	// VirtualNetworkLinks link a created zone to virtual networks (each
	// virtual network that resolves the vault needs one). Default: one link
	// to the virtual network of the first private endpoint's subnet.
	VirtualNetworkLinks []VirtualNetworkLinkArgs
}

// VirtualNetworkLinkArgs link the created private DNS zone to one virtual network.
type VirtualNetworkLinkArgs struct {
	// Name identifies the link within the component. Required.
	Name string
	// VirtualNetworkID is the resource ID of the virtual network. Required.
	VirtualNetworkID pulumi.StringInput
}

// AccessPolicy is a legacy Key Vault access policy entry. ZeroTrustVault
// refuses every one; see ZeroTrustVaultArgs.AccessPolicies.
type AccessPolicy struct {
	// ObjectID is the principal the policy grants to.
	ObjectID string
	// Keys, Secrets and Certificates are the granted permissions.
	Keys, Secrets, Certificates []string
}

// Principal types accepted by role assignments.
const (
	PrincipalTypeUser             = "User"
	PrincipalTypeGroup            = "Group"
	PrincipalTypeServicePrincipal = "ServicePrincipal"
	PrincipalTypeForeignGroup     = "ForeignGroup"
	PrincipalTypeDevice           = "Device"
)

// RoleAssignmentArgs grant one role at vault scope to one principal.
type RoleAssignmentArgs struct {
	// Key identifies the assignment within the component and keys the
	// RoleAssignmentIDs output (letters, digits, '-', '_', '.'). Required, unique.
	Key string
	// PrincipalID is the object ID of the user, group or managed identity
	// (service principal). Required.
	PrincipalID pulumi.StringInput
	// PrincipalType is User, Group, ServicePrincipal, ForeignGroup or Device.
	// Default: ServicePrincipal (managed identities), never the SDK's silent User.
	PrincipalType string
	// Role is a built-in role's name ("Key Vault Secrets User"), its GUID, or
	// a full role definition ID. Required.
	Role string
	// Condition is an ABAC condition that narrows the assignment. Required
	// for Key Vault Data Access Administrator.
	Condition string
	// ConditionVersion is the ABAC condition language version.
	// Default: "2.0" when Condition is set.
	ConditionVersion string
	// Description is a free-text note stored on the assignment.
	Description string
}

// DiagnosticsArgs say where the vault's logs and metrics are sent. Logs always
// go to a Log Analytics workspace: the given one, or one the component creates.
type DiagnosticsArgs struct {
	// WorkspaceID is the resource ID of an existing Log Analytics workspace.
	// Default: the component creates a workspace.
	WorkspaceID pulumi.StringInput
	// WorkspaceRetentionDays is the retention of a created workspace,
	// 30–730. Refused together with WorkspaceID. Default: 90.
	WorkspaceRetentionDays int
	// StorageAccountID additionally archives logs to a storage account.
	StorageAccountID pulumi.StringInput
	// EventHubAuthorizationRuleID additionally streams logs to Event Hubs.
	EventHubAuthorizationRuleID pulumi.StringInput
	// EventHubName is the event hub to stream to. Default: chosen by Azure.
	EventHubName pulumi.StringInput
	// CategoryGroups are the log category groups sent, each "audit" or
	// "allLogs" (both carry the AuditEvent log), without duplicates.
	// Default: ["audit", "allLogs"].
	CategoryGroups []string
	// DisableMetrics stops sending AllMetrics. Default: false (metrics are sent).
	DisableMetrics bool
}
