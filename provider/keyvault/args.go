package keyvault

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The types in this file are the schema of ZeroTrustVault's arguments as
// other languages see them. They mirror component.ZeroTrustVaultArgs field by
// field (the Go field names are the same, so errors read the same in every
// language); convert.go maps them onto the Go arguments, and the component
// applies every default and every rule. Nothing here validates.
//
// Go fields that are pulumi inputs stay inputs (they may come from other
// resources); plain Go fields are plain in the schema because the component
// decides on them before anything is registered. Optional nested objects are
// pointers, as the provider framework requires.

// ZeroTrustVaultArgs are the arguments of the ZeroTrustVault component.
type ZeroTrustVaultArgs struct {
	ResourceGroupName            pulumi.StringInput `pulumi:"resourceGroupName"`
	Location                     pulumi.StringInput `pulumi:"location,optional"`
	VaultName                    string             `pulumi:"vaultName,optional"`
	TenantID                     pulumi.StringInput `pulumi:"tenantId,optional"`
	SKU                          string             `pulumi:"sku,optional"`
	SoftDeleteRetentionDays      int                `pulumi:"softDeleteRetentionDays,optional"`
	Tags                         map[string]string  `pulumi:"tags,optional"`
	Network                      *Network           `pulumi:"network,optional"`
	PrivateEndpoints             []PrivateEndpoint  `pulumi:"privateEndpoints,optional"`
	PrivateDNS                   *PrivateDNS        `pulumi:"privateDns,optional"`
	RoleAssignments              []RoleAssignment   `pulumi:"roleAssignments,optional"`
	AccessPolicies               []AccessPolicy     `pulumi:"accessPolicies,optional"`
	AllowPrivilegedRoles         bool               `pulumi:"allowPrivilegedRoles,optional"`
	EnabledForDeployment         bool               `pulumi:"enabledForDeployment,optional"`
	EnabledForDiskEncryption     bool               `pulumi:"enabledForDiskEncryption,optional"`
	EnabledForTemplateDeployment bool               `pulumi:"enabledForTemplateDeployment,optional"`
	Diagnostics                  *Diagnostics       `pulumi:"diagnostics,optional"`
	Keys                         []Key              `pulumi:"keys,optional"`
	Secrets                      []Secret           `pulumi:"secrets,optional"`
	JustInTime                   *JustInTime        `pulumi:"justInTime,optional"`
	ThreatDetection              *ThreatDetection   `pulumi:"threatDetection,optional"`
	Guardrails                   *Guardrails        `pulumi:"guardrails,optional"`
	Recover                      bool               `pulumi:"recover,optional"`
	DisableDeleteLock            bool               `pulumi:"disableDeleteLock,optional"`
	Protect                      bool               `pulumi:"protect,optional"`
}

// Annotate describes the arguments in the schema.
func (a *ZeroTrustVaultArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ResourceGroupName, "The resource group that holds the vault.")
	an.Describe(&a.Location, "The Azure region of the vault and of the resources the component creates. "+
		"Default: the location configured for the azure-native provider.")
	an.Describe(&a.VaultName, "The globally unique vault name: 3–24 characters, a letter first, letters, digits and "+
		"hyphens, no \"--\", a letter or digit last. Default: derived from the component name, the project and the "+
		"stack (the same on every run).")
	an.Describe(&a.TenantID, "The Entra ID tenant (a GUID) that authenticates requests to the vault. "+
		"Default: the tenant of the deploying identity.")
	an.Describe(&a.SKU, "\"standard\" or \"premium\" (HSM-backed keys need premium). Default: \"standard\".")
	an.Describe(&a.SoftDeleteRetentionDays, "How long deleted vaults, keys and secrets stay recoverable, 7–90 days. "+
		"Azure does not allow changing it after creation. Default: 90.")
	an.Describe(&a.Tags, "Tags merged over the component's own (managed-by and component) and set on every child "+
		"resource that takes tags.")
	an.Describe(&a.Network, "Public reachability and the firewall. The firewall's default action is always Deny and "+
		"public network access is disabled unless explicitly allowed.")
	an.Describe(&a.PrivateEndpoints, "The vault's private endpoints, one per subnet that needs a private path. "+
		"Default: none.")
	an.Describe(&a.PrivateDNS, "The private DNS records of the private endpoints (only used with at least one "+
		"private endpoint).")
	an.Describe(&a.RoleAssignments, "Data-plane role assignments at vault scope. Default: none.")
	an.Describe(&a.AccessPolicies, "Always refused: the vault uses the RBAC permission model. The argument exists so "+
		"that configurations carried over from access-policy vaults fail with an error that points to "+
		"roleAssignments instead of silently losing their grants.")
	an.Describe(&a.AllowPrivilegedRoles, "Permits Owner, Contributor, User Access Administrator, Key Vault Contributor "+
		"and Key Vault Administrator in role assignments and eligibilities. Default: false (such roles are refused).")
	an.Describe(&a.EnabledForDeployment, "Lets Azure Virtual Machines retrieve certificates stored as secrets. "+
		"Default: false.")
	an.Describe(&a.EnabledForDiskEncryption, "Lets Azure Disk Encryption retrieve secrets and unwrap keys. "+
		"Default: false.")
	an.Describe(&a.EnabledForTemplateDeployment, "Lets Azure Resource Manager retrieve secrets during template "+
		"deployments. Default: false.")
	an.Describe(&a.Diagnostics, "Where the vault's logs and metrics go. Diagnostic settings are always created; "+
		"there is no way to turn them off.")
	an.Describe(&a.Keys, "Keys created in the vault, each with an expiry and a rotation policy. Default: none.")
	an.Describe(&a.Secrets, "Secrets stored in the vault; their values are always Pulumi secrets. Default: none.")
	an.Describe(&a.JustInTime, "Makes administrators eligible for a role at vault scope (Privileged Identity "+
		"Management) instead of holding it. Default: no eligibilities.")
	an.Describe(&a.ThreatDetection, "Alerts on the vault (opt-in: they need a receiver) and Microsoft Defender for "+
		"Key Vault (opt-in: subscription-wide). Default: neither.")
	an.Describe(&a.Guardrails, "Assigns Azure Policy's built-in Key Vault definitions to the vault's resource group "+
		"(opt-in: they cover every vault there). Default: not assigned.")
	an.Describe(&a.Recover, "Creates the vault with createMode \"recover\", bringing back a soft-deleted vault of the "+
		"same name with its keys and secrets. Set it for the run that recovers, then remove it. Default: false.")
	an.Describe(&a.DisableDeleteLock, "Skips the CanNotDelete management lock on the vault and its private "+
		"endpoints. Default: false (the lock is created).")
	an.Describe(&a.Protect, "Marks the vault protected in Pulumi, so that destroy and replacements refuse to delete "+
		"it. Default: false.")
}

// Network controls the vault's public reachability and its firewall.
type Network struct {
	AllowPublicNetworkAccess  bool     `pulumi:"allowPublicNetworkAccess,optional"`
	AllowTrustedAzureServices bool     `pulumi:"allowTrustedAzureServices,optional"`
	IPRules                   []string `pulumi:"ipRules,optional"`
	MaxIPRulePrefixWidth      int      `pulumi:"maxIpRulePrefixWidth,optional"`
	VirtualNetworkSubnetIDs   []string `pulumi:"virtualNetworkSubnetIds,optional"`
	IntentionallyUnreachable  bool     `pulumi:"intentionallyUnreachable,optional"`
}

// Annotate describes the network arguments in the schema.
func (n *Network) Annotate(an infer.Annotator) {
	an.Describe(n, "Public reachability and the firewall of the vault. The firewall's default action is always Deny; "+
		"public network access is disabled unless allowPublicNetworkAccess is set, and then only the listed IP "+
		"ranges and subnets get through.")
	an.Describe(&n.AllowPublicNetworkAccess, "Enables the vault's public endpoint, still filtered by the firewall "+
		"(default action Deny). Default: false.")
	an.Describe(&n.AllowTrustedAzureServices, "Lets trusted Microsoft services past the firewall (bypass "+
		"AzureServices). Default: false (bypass None).")
	an.Describe(&n.IPRules, "Public IPv4 addresses or CIDR ranges allowed through the firewall. Private, loopback, "+
		"link-local, reserved and 0.0.0.0/0 ranges are refused, and so are prefixes wider than "+
		"maxIpRulePrefixWidth. They only take effect when public network access is allowed.")
	an.Describe(&n.MaxIPRulePrefixWidth, "The widest prefix accepted in ipRules, as a prefix length: 16 accepts /16 "+
		"to /32 and refuses /15 and wider. Default: 16.")
	an.Describe(&n.VirtualNetworkSubnetIDs, "Subnet resource IDs allowed through the firewall (each subnet needs "+
		"the Microsoft.KeyVault service endpoint).")
	an.Describe(&n.IntentionallyUnreachable, "Acknowledges a vault with public access disabled and no private "+
		"endpoint, IP rule or subnet rule: nothing can reach its data plane. Default: false (such a vault is "+
		"refused).")
}

// PrivateEndpoint describes one private endpoint of the vault.
type PrivateEndpoint struct {
	Name                 string             `pulumi:"name,optional"`
	SubnetID             pulumi.StringInput `pulumi:"subnetId"`
	ResourceGroupName    pulumi.StringInput `pulumi:"resourceGroupName,optional"`
	Location             pulumi.StringInput `pulumi:"location,optional"`
	StaticIPAddress      string             `pulumi:"staticIpAddress,optional"`
	NetworkInterfaceName string             `pulumi:"networkInterfaceName,optional"`
}

// Annotate describes a private endpoint in the schema.
func (p *PrivateEndpoint) Annotate(an infer.Annotator) {
	an.Describe(p, "One private endpoint of the vault.")
	an.Describe(&p.Name, "Identifies the endpoint within the component (1–30 letters, digits and inner hyphens); "+
		"it names the endpoint's resources and keys the outputs. Default: \"pe\" for the first endpoint, "+
		"\"pe2\", \"pe3\", … for the others.")
	an.Describe(&p.SubnetID, "The resource ID of the subnet the endpoint's network interface is placed in.")
	an.Describe(&p.ResourceGroupName, "Places the endpoint in another resource group. Default: the vault's.")
	an.Describe(&p.Location, "The endpoint's region (it must match the subnet's). Default: the vault's location.")
	an.Describe(&p.StaticIPAddress, "Pins the endpoint's private IP address (it must lie in the subnet). "+
		"Default: allocated by Azure.")
	an.Describe(&p.NetworkInterfaceName, "A custom name for the endpoint's network interface. Default: chosen by "+
		"Azure.")
}

// PrivateDNS controls the private DNS of the private endpoints.
type PrivateDNS struct {
	Mode                  string               `pulumi:"mode,optional"`
	Cloud                 string               `pulumi:"cloud,optional"`
	ZoneID                pulumi.StringInput   `pulumi:"zoneId,optional"`
	ZoneResourceGroupName pulumi.StringInput   `pulumi:"zoneResourceGroupName,optional"`
	VirtualNetworkLinks   []VirtualNetworkLink `pulumi:"virtualNetworkLinks,optional"`
}

// Annotate describes the private DNS arguments in the schema.
func (d *PrivateDNS) Annotate(an infer.Annotator) {
	an.SetToken("keyvault", "PrivateDns")
	an.Describe(d, "The private DNS of the private endpoints; only used with at least one private endpoint.")
	an.Describe(&d.Mode, "CreateZone (create the privatelink.vaultcore zone, link it to virtual networks and add a "+
		"DNS zone group to every endpoint), ExistingZone (add a DNS zone group pointing at an existing zone, "+
		"typically a hub's central zone) or External (something else, usually Azure Policy, manages the zone "+
		"groups). Default: CreateZone.")
	an.Describe(&d.Cloud, "The Azure cloud, which decides the zone name in CreateZone mode: AzurePublic, "+
		"AzureUSGovernment or AzureChina. Default: AzurePublic.")
	an.Describe(&d.ZoneID, "The resource ID of an existing private DNS zone. Required in ExistingZone mode, refused "+
		"otherwise.")
	an.Describe(&d.ZoneResourceGroupName, "Where a created zone lives. Default: the vault's resource group.")
	an.Describe(&d.VirtualNetworkLinks, "Links of a created zone to virtual networks (each virtual network that "+
		"resolves the vault needs one). Default: one link to the virtual network of the first private endpoint's "+
		"subnet.")
}

// VirtualNetworkLink links the created private DNS zone to one virtual network.
type VirtualNetworkLink struct {
	Name             string             `pulumi:"name"`
	VirtualNetworkID pulumi.StringInput `pulumi:"virtualNetworkId"`
}

// Annotate describes a virtual network link in the schema.
func (l *VirtualNetworkLink) Annotate(an infer.Annotator) {
	an.Describe(l, "A link of the created private DNS zone to one virtual network.")
	an.Describe(&l.Name, "Identifies the link within the component.")
	an.Describe(&l.VirtualNetworkID, "The resource ID of the virtual network.")
}

// AccessPolicy is a legacy access policy entry; every one is refused.
type AccessPolicy struct {
	ObjectID     string   `pulumi:"objectId,optional"`
	Keys         []string `pulumi:"keys,optional"`
	Secrets      []string `pulumi:"secrets,optional"`
	Certificates []string `pulumi:"certificates,optional"`
}

// Annotate describes a legacy access policy in the schema.
func (p *AccessPolicy) Annotate(an infer.Annotator) {
	an.Describe(p, "A legacy Key Vault access policy entry. ZeroTrustVault refuses every one: grant roleAssignments "+
		"instead.")
	an.Describe(&p.ObjectID, "The principal the policy grants to.")
	an.Describe(&p.Keys, "The granted key permissions.")
	an.Describe(&p.Secrets, "The granted secret permissions.")
	an.Describe(&p.Certificates, "The granted certificate permissions.")
}

// RoleAssignment grants one role to one principal.
type RoleAssignment struct {
	Key              string             `pulumi:"key"`
	PrincipalID      pulumi.StringInput `pulumi:"principalId"`
	PrincipalType    string             `pulumi:"principalType,optional"`
	Role             string             `pulumi:"role"`
	Condition        string             `pulumi:"condition,optional"`
	ConditionVersion string             `pulumi:"conditionVersion,optional"`
	Description      string             `pulumi:"description,optional"`
}

// Annotate describes a role assignment in the schema.
func (r *RoleAssignment) Annotate(an infer.Annotator) {
	an.Describe(r, "One role granted to one principal at the vault's scope (or a key's or secret's).")
	an.Describe(&r.Key, "Identifies the assignment within the component and keys the roleAssignmentIds output "+
		"(letters, digits, '-', '_', '.'); unique.")
	an.Describe(&r.PrincipalID, "The object ID of the user, group or managed identity (service principal).")
	an.Describe(&r.PrincipalType, "User, Group, ServicePrincipal, ForeignGroup or Device. Default: "+
		"ServicePrincipal (managed identities).")
	an.Describe(&r.Role, "A built-in role's name (\"Key Vault Secrets User\"), its GUID, or a full role definition ID.")
	an.Describe(&r.Condition, "An ABAC condition that narrows the assignment. Required for Key Vault Data Access "+
		"Administrator.")
	an.Describe(&r.ConditionVersion, "The ABAC condition language version. Default: \"2.0\" when condition is set.")
	an.Describe(&r.Description, "A free-text note stored on the assignment.")
}

// Diagnostics say where the vault's logs and metrics are sent.
type Diagnostics struct {
	WorkspaceID                 pulumi.StringInput `pulumi:"workspaceId,optional"`
	WorkspaceRetentionDays      int                `pulumi:"workspaceRetentionDays,optional"`
	StorageAccountID            pulumi.StringInput `pulumi:"storageAccountId,optional"`
	EventHubAuthorizationRuleID pulumi.StringInput `pulumi:"eventHubAuthorizationRuleId,optional"`
	EventHubName                pulumi.StringInput `pulumi:"eventHubName,optional"`
	CategoryGroups              []string           `pulumi:"categoryGroups,optional"`
	DisableMetrics              bool               `pulumi:"disableMetrics,optional"`
}

// Annotate describes the diagnostics arguments in the schema.
func (d *Diagnostics) Annotate(an infer.Annotator) {
	an.Describe(d, "Where the vault's logs and metrics go. Logs always go to a Log Analytics workspace: the given "+
		"one, or one the component creates.")
	an.Describe(&d.WorkspaceID, "The resource ID of an existing Log Analytics workspace. Default: the component "+
		"creates a workspace.")
	an.Describe(&d.WorkspaceRetentionDays, "The retention of a created workspace, 30–730 days. Refused together "+
		"with workspaceId. Default: 90.")
	an.Describe(&d.StorageAccountID, "Additionally archives logs to this storage account.")
	an.Describe(&d.EventHubAuthorizationRuleID, "Additionally streams logs to Event Hubs with this authorization rule.")
	an.Describe(&d.EventHubName, "The event hub to stream to. Default: chosen by Azure.")
	an.Describe(&d.CategoryGroups, "The log category groups sent, each \"audit\" or \"allLogs\", without "+
		"duplicates. Default: [\"audit\", \"allLogs\"].")
	an.Describe(&d.DisableMetrics, "Stops sending AllMetrics. Default: false (metrics are sent).")
}

// Key describes one key the component creates in the vault.
type Key struct {
	Name                   string           `pulumi:"name"`
	Type                   string           `pulumi:"type,optional"`
	Size                   int              `pulumi:"size,optional"`
	AllowRSA2048           bool             `pulumi:"allowRsa2048,optional"`
	Curve                  string           `pulumi:"curve,optional"`
	Operations             []string         `pulumi:"operations,optional"`
	ValidityDays           int              `pulumi:"validityDays,optional"`
	RotateBeforeExpiryDays int              `pulumi:"rotateBeforeExpiryDays,optional"`
	NotifyBeforeExpiryDays int              `pulumi:"notifyBeforeExpiryDays,optional"`
	DisableAutoRotation    bool             `pulumi:"disableAutoRotation,optional"`
	RoleAssignments        []RoleAssignment `pulumi:"roleAssignments,optional"`
}

// Annotate describes a key in the schema.
func (k *Key) Annotate(an infer.Annotator) {
	an.Describe(k, "A key created in the vault. Keys are never exportable, always expire, and rotate automatically "+
		"unless told otherwise.")
	an.Describe(&k.Name, "The key's name in the vault (1–127 letters, digits and hyphens); unique, it keys the key "+
		"outputs.")
	an.Describe(&k.Type, "RSA, EC, RSA-HSM or EC-HSM (HSM types need the premium SKU). Default: RSA-HSM in a "+
		"premium vault, RSA in a standard one.")
	an.Describe(&k.Size, "The RSA modulus length: 3072 or 4096 (2048 only with allowRsa2048). Refused for EC keys. "+
		"Default: 3072.")
	an.Describe(&k.AllowRSA2048, "Accepts 2048-bit RSA keys (the minimum Azure allows, below the project's "+
		"default). Default: false.")
	an.Describe(&k.Curve, "The EC curve: P-256, P-384 or P-521. Refused for RSA keys. Default: P-256.")
	an.Describe(&k.Operations, "The permitted key operations, from encrypt, decrypt, sign, verify, wrapKey and "+
		"unwrapKey (EC keys: sign and verify). Default: wrapKey and unwrapKey for RSA, sign and verify for EC.")
	an.Describe(&k.ValidityDays, "How long each key version lives, 28–730 days; the rotation policy gives every new "+
		"version the same lifetime. Default: 365.")
	an.Describe(&k.RotateBeforeExpiryDays, "Rotates the key this many days before the current version expires, "+
		"7 to validityDays-7. Default: 30.")
	an.Describe(&k.NotifyBeforeExpiryDays, "Sends Event Grid's near-expiry event this many days before expiry, "+
		"7 to validityDays-7. Default: 30.")
	an.Describe(&k.DisableAutoRotation, "Leaves out the rotate action (notify only); the key must then be rotated "+
		"by hand before it expires. Default: false.")
	an.Describe(&k.RoleAssignments, "Roles granted on this key only (for example Key Vault Crypto Service "+
		"Encryption User for a storage account's identity).")
}

// Secret describes one secret the component stores in the vault.
type Secret struct {
	Name            string             `pulumi:"name"`
	Value           pulumi.StringInput `pulumi:"value" provider:"secret"`
	ContentType     string             `pulumi:"contentType"`
	ValidityDays    int                `pulumi:"validityDays,optional"`
	RoleAssignments []RoleAssignment   `pulumi:"roleAssignments,optional"`
}

// Annotate describes a secret in the schema.
func (s *Secret) Annotate(an infer.Annotator) {
	an.Describe(s, "A secret stored in the vault. Its value is always a Pulumi secret (encrypted in state, masked "+
		"in output) and the component's outputs carry the secret's URIs, never its value.")
	an.Describe(&s.Name, "The secret's name in the vault (1–127 letters, digits and hyphens); unique, it keys the "+
		"secret outputs.")
	an.Describe(&s.Value, "The secret's value; it is handled as a Pulumi secret whether or not it was passed as one.")
	an.Describe(&s.ContentType, "Describes the value, e.g. \"text/plain\" or \"application/x-connection-string\".")
	an.Describe(&s.ValidityDays, "Sets the secret's expiry this many days after it is created, 1–365. Default: 90.")
	an.Describe(&s.RoleAssignments, "Roles granted on this secret only (for example Key Vault Secrets User for the "+
		"one application that reads it).")
}

// JustInTime makes administrators eligible for a role instead of holding it.
type JustInTime struct {
	Eligibilities             []Eligibility     `pulumi:"eligibilities,optional"`
	Start                     string            `pulumi:"start,optional"`
	DurationDays              int               `pulumi:"durationDays,optional"`
	MaxActivationMinutes      int               `pulumi:"maxActivationMinutes,optional"`
	RequireApproval           bool              `pulumi:"requireApproval,optional"`
	Approvers                 []Approver        `pulumi:"approvers,optional"`
	AuthenticationContext     string            `pulumi:"authenticationContext,optional"`
	RoleManagementPolicyNames map[string]string `pulumi:"roleManagementPolicyNames,optional"`
	AllowDefaultRoleSettings  bool              `pulumi:"allowDefaultRoleSettings,optional"`
}

// Annotate describes the just-in-time arguments in the schema.
func (j *JustInTime) Annotate(an infer.Annotator) {
	an.Describe(j, "Just-in-time administration through Privileged Identity Management: an eligible principal has "+
		"no access until it activates the role, for a short time, with MFA (or a Conditional Access "+
		"authentication context) and a justification, optionally after approval.")
	an.Describe(&j.Eligibilities, "The principals made eligible, one role each. Default: none (just-in-time access "+
		"is off).")
	an.Describe(&j.Start, "When the eligibilities begin, in RFC 3339 (\"2027-01-01T00:00:00Z\"); change it to renew "+
		"every eligibility. Default: unset, and Azure starts each eligibility when it is created.")
	an.Describe(&j.DurationDays, "How long each eligibility lasts from its start, 1–365 days. Default: 180.")
	an.Describe(&j.MaxActivationMinutes, "The longest an activation lasts, in minutes, 30 to 1440 (24 hours). "+
		"Errors name it MaxActivationDuration, as the Go API does. Default: 240 (4 hours).")
	an.Describe(&j.RequireApproval, "Makes every activation wait for one of the approvers. Default: false.")
	an.Describe(&j.Approvers, "Approve activations when requireApproval is set (then at least one is required); "+
		"refused otherwise.")
	an.Describe(&j.AuthenticationContext, "A Conditional Access authentication context ID, \"c1\" to \"c99\". When "+
		"set, activation requires the context instead of plain MFA. Default: unset (activation requires MFA).")
	an.Describe(&j.RoleManagementPolicyNames, "Maps each eligible role (as written in eligibilities, or its GUID) "+
		"to the name (a GUID) of the role management policy Azure keeps for that role at the vault's scope. "+
		"Required for every eligible role unless allowDefaultRoleSettings.")
	an.Describe(&j.AllowDefaultRoleSettings, "Creates eligibilities for roles without an entry in "+
		"roleManagementPolicyNames, leaving their activation rules at Azure's defaults (typically for the first "+
		"deployment of a new vault). Default: false.")
}

// Eligibility makes one principal eligible for one role at vault scope.
type Eligibility struct {
	Key              string             `pulumi:"key"`
	PrincipalID      pulumi.StringInput `pulumi:"principalId"`
	Role             string             `pulumi:"role,optional"`
	Condition        string             `pulumi:"condition,optional"`
	ConditionVersion string             `pulumi:"conditionVersion,optional"`
	Justification    string             `pulumi:"justification,optional"`
}

// Annotate describes an eligibility in the schema.
func (e *Eligibility) Annotate(an infer.Annotator) {
	an.Describe(e, "One principal made eligible for one role at vault scope.")
	an.Describe(&e.Key, "Identifies the eligibility within the component and keys the eligibilityScheduleIds "+
		"output (letters, digits, '-', '_', '.'); unique.")
	an.Describe(&e.PrincipalID, "The object ID of the user or group.")
	an.Describe(&e.Role, "A built-in role name, a role GUID or a role definition ID. Owner, Contributor and User "+
		"Access Administrator need allowPrivilegedRoles. Default: \"Key Vault Administrator\".")
	an.Describe(&e.Condition, "An ABAC condition that narrows the role once activated. Required for Key Vault Data "+
		"Access Administrator.")
	an.Describe(&e.ConditionVersion, "The ABAC condition language version. Default: \"2.0\" when condition is set.")
	an.Describe(&e.Justification, "Recorded on the eligibility request. Default: \"Managed by ZeroTrustVault "+
		"<name>\".")
}

// Approver names one approver of activations.
type Approver struct {
	ID          pulumi.StringInput `pulumi:"id"`
	Type        string             `pulumi:"type,optional"`
	Description string             `pulumi:"description,optional"`
}

// Annotate describes an approver in the schema.
func (a *Approver) Annotate(an infer.Annotator) {
	an.Describe(a, "One approver of just-in-time activations.")
	an.Describe(&a.ID, "The object ID of the approving user or group.")
	an.Describe(&a.Type, "\"User\" or \"Group\" (service principals cannot approve). Default: \"User\".")
	an.Describe(&a.Description, "Shown to the requester, e.g. the approver's name.")
}

// ThreatDetection controls alerting and Microsoft Defender for Key Vault.
type ThreatDetection struct {
	Enabled                    bool               `pulumi:"enabled,optional"`
	EmailAddresses             []string           `pulumi:"emailAddresses,optional"`
	Webhooks                   []Webhook          `pulumi:"webhooks,optional"`
	ActionGroupID              pulumi.StringInput `pulumi:"actionGroupId,optional"`
	ActionGroupShortName       string             `pulumi:"actionGroupShortName,optional"`
	DeniedRequestThreshold     int                `pulumi:"deniedRequestThreshold,optional"`
	DeniedRequestWindowMinutes int                `pulumi:"deniedRequestWindowMinutes,optional"`
	AvailabilityThreshold      float64            `pulumi:"availabilityThreshold,optional"`
	SaturationThreshold        float64            `pulumi:"saturationThreshold,optional"`
	EnableDefenderForKeyVault  bool               `pulumi:"enableDefenderForKeyVault,optional"`
}

// Annotate describes the threat-detection arguments in the schema.
func (t *ThreatDetection) Annotate(an infer.Annotator) {
	an.Describe(t, "Alerting on the vault and Microsoft Defender for Key Vault. Alerts are refused without a "+
		"receiver (an e-mail address, a webhook or an existing action group); Defender is a separate opt-in "+
		"because it covers the whole subscription.")
	an.Describe(&t.Enabled, "Creates the action group and the alert rules: denied requests (log query), "+
		"availability and saturation (metrics), and deletes and role-assignment changes (activity log). "+
		"Default: false.")
	an.Describe(&t.EmailAddresses, "Receive every alert. At least one receiver (an e-mail address, a webhook or "+
		"actionGroupId) is required when enabled.")
	an.Describe(&t.Webhooks, "Receive every alert as an HTTPS POST in the common alert schema; their URIs are "+
		"stored as Pulumi secrets.")
	an.Describe(&t.ActionGroupID, "Sends the alerts to an existing action group instead of one created by the "+
		"component. Refused together with emailAddresses and webhooks.")
	an.Describe(&t.ActionGroupShortName, "The created group's short name (1–12 characters). Default: the vault "+
		"name, cut to 12.")
	an.Describe(&t.DeniedRequestThreshold, "Fires the denied-requests alert when at least this many requests were "+
		"refused (HTTP 401 or 403, including firewall denials) within the window. Default: 5.")
	an.Describe(&t.DeniedRequestWindowMinutes, "The denied-requests alert's window: 5, 10, 15, 30, 45 or 60 "+
		"minutes. Default: 5.")
	an.Describe(&t.AvailabilityThreshold, "Fires the availability alert when the vault's average availability over "+
		"15 minutes falls below this percentage, above 0 and at most 100. Default: 99.9.")
	an.Describe(&t.SaturationThreshold, "Fires the saturation alert when the vault's average saturation over 15 "+
		"minutes exceeds this percentage, 1–100. Default: 75.")
	an.Describe(&t.EnableDefenderForKeyVault, "Turns on Microsoft Defender for Key Vault for the whole subscription "+
		"that holds the vault; destroying the stack leaves it on. Independent of enabled. Default: false.")
}

// Webhook is one webhook receiver of the alerts.
type Webhook struct {
	Name string             `pulumi:"name"`
	URI  pulumi.StringInput `pulumi:"uri" provider:"secret"`
}

// Annotate describes a webhook in the schema.
func (w *Webhook) Annotate(an infer.Annotator) {
	an.Describe(w, "One webhook receiver of the alerts.")
	an.Describe(&w.Name, "Identifies the receiver in the action group (1–30 letters, digits and inner hyphens); "+
		"unique.")
	an.Describe(&w.URI, "The HTTPS endpoint; a Pulumi secret, since such URIs often embed a token.")
}

// Guardrails assign Azure Policy's built-in Key Vault definitions.
type Guardrails struct {
	Enabled                      bool              `pulumi:"enabled,optional"`
	Effects                      map[string]string `pulumi:"effects,optional"`
	KeyMaxValidityDays           int               `pulumi:"keyMaxValidityDays,optional"`
	KeyMaxActiveDays             int               `pulumi:"keyMaxActiveDays,optional"`
	KeyMinDaysBeforeExpiry       int               `pulumi:"keyMinDaysBeforeExpiry,optional"`
	KeyMaxDaysToRotate           int               `pulumi:"keyMaxDaysToRotate,optional"`
	MinimumRSAKeySize            int               `pulumi:"minimumRsaKeySize,optional"`
	AllowedKeyTypes              []string          `pulumi:"allowedKeyTypes,optional"`
	AllowedECCurves              []string          `pulumi:"allowedEcCurves,optional"`
	SecretMaxValidityDays        int               `pulumi:"secretMaxValidityDays,optional"`
	SecretMaxActiveDays          int               `pulumi:"secretMaxActiveDays,optional"`
	SecretMinDaysBeforeExpiry    int               `pulumi:"secretMinDaysBeforeExpiry,optional"`
	CertificateMaxValidityMonths int               `pulumi:"certificateMaxValidityMonths,optional"`
}

// Annotate describes the guardrail arguments in the schema.
func (g *Guardrails) Annotate(an infer.Annotator) {
	an.Describe(g, "Azure Policy guardrails: the built-in Key Vault definitions assigned to the vault's resource "+
		"group with the strictest effect each supports, so that changes made outside Pulumi are denied or audited "+
		"by Azure itself. They cover every vault, key, secret and certificate in that resource group.")
	an.Describe(&g.Enabled, "Assigns the definitions. Default: false.")
	an.Describe(&g.Effects, "Overrides the effect of individual assignments by guardrail key, for example "+
		"{\"key-max-validity\": \"Audit\"}; each effect must be one the definition allows.")
	an.Describe(&g.KeyMaxValidityDays, "The longest validity of a key version, 1–36500 days. Default: 90.")
	an.Describe(&g.KeyMaxActiveDays, "The longest a key version may be active, 1–36500 days. Default: 90.")
	an.Describe(&g.KeyMinDaysBeforeExpiry, "How many days a key must have left when it is created or updated, "+
		"1–36500. Default: 30.")
	an.Describe(&g.KeyMaxDaysToRotate, "The latest, in days after creation, a key's rotation policy may rotate it "+
		"(audited), 1–36500. Default: 90.")
	an.Describe(&g.MinimumRSAKeySize, "The smallest RSA key size: 2048, 3072 or 4096. Default: 2048.")
	an.Describe(&g.AllowedKeyTypes, "The key types allowed, from RSA, RSA-HSM, EC and EC-HSM. Default: all four.")
	an.Describe(&g.AllowedECCurves, "The EC curves allowed, from P-256, P-256K, P-384 and P-521. Default: P-256, "+
		"P-384 and P-521.")
	an.Describe(&g.SecretMaxValidityDays, "The longest validity of a secret, 1–36500 days. Default: 90.")
	an.Describe(&g.SecretMaxActiveDays, "The longest a secret may be active, 1–36500 days. Default: 90.")
	an.Describe(&g.SecretMinDaysBeforeExpiry, "How many days a secret must have left when it is created or "+
		"updated, 1–36500. Default: 30.")
	an.Describe(&g.CertificateMaxValidityMonths, "The longest validity of a certificate, 1–1200 months. "+
		"Default: 12.")
}
