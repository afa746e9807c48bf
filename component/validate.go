package component

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Defaults applied to arguments the caller leaves empty.
const (
	DefaultSKU                     = "standard"
	DefaultSoftDeleteRetentionDays = 90
	DefaultWorkspaceRetentionDays  = 90
	DefaultConditionVersion        = "2.0"
)

// DefaultCategoryGroups are the log category groups sent when none are given.
var DefaultCategoryGroups = []string{"audit", "allLogs"}

var (
	keyRE      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	childKeyRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,28}[A-Za-z0-9])?$`)
)

// plan is the validated, defaulted form of ZeroTrustVaultArgs. The caller's
// struct is never modified.
type plan struct {
	name      string
	args      ZeroTrustVaultArgs // a copy with defaults applied
	vaultName string
	sku       string
	ipRules   []string
	endpoints []PrivateEndpointArgs
	dnsMode   DNSMode
	dnsZone   string // zone name in CreateZone mode
	links     []VirtualNetworkLinkArgs
	roles     []plannedRole
	groups    []string
	keys      []plannedKey
	secrets   []plannedSecret

	eligibilities []plannedEligibility
	rolePolicies  []*plannedRolePolicy
	guardrails    []plannedGuardrail
}

type plannedRole struct {
	RoleAssignmentArgs
	role resolvedRole
}

// privateDNSZones are the Key Vault private link zones per cloud.
var privateDNSZones = map[Cloud]string{
	CloudPublic:       "privatelink.vaultcore.azure.net",
	CloudUSGovernment: "privatelink.vaultcore.usgovcloudapi.net",
	CloudChina:        "privatelink.vaultcore.azure.cn",
}

// newPlan applies defaults to a copy of args and validates every plain
// argument (and every input whose value is already known), returning all
// problems at once.
func newPlan(project, stack, name string, in *ZeroTrustVaultArgs) (*plan, error) {
	var errs argErrors
	if in == nil {
		errs.add("args", "are required: pass &component.ZeroTrustVaultArgs{ResourceGroupName: ...}")
		return nil, errs.err(name)
	}
	p := &plan{name: name, args: *in}
	a := &p.args
	a.Tags = mergeTags(name, in.Tags)

	if a.ResourceGroupName == nil {
		errs.add("ResourceGroupName", "is required")
	} else if v, ok := knownString(a.ResourceGroupName); ok && strings.TrimSpace(v) == "" {
		errs.add("ResourceGroupName", "must not be empty")
	}

	// Vault name.
	p.vaultName = a.VaultName
	if p.vaultName == "" {
		p.vaultName = DeriveVaultName(project, stack, name)
	} else if err := ValidateVaultName(p.vaultName); err != nil {
		errs.add("VaultName", "%q %v", p.vaultName, err)
	}

	// SKU.
	switch strings.ToLower(a.SKU) {
	case "":
		p.sku = DefaultSKU
	case "standard", "premium":
		p.sku = strings.ToLower(a.SKU)
	default:
		errs.add("SKU", "%q must be \"standard\" or \"premium\"", a.SKU)
	}

	// Soft delete.
	if a.SoftDeleteRetentionDays == 0 {
		a.SoftDeleteRetentionDays = DefaultSoftDeleteRetentionDays
	}
	if d := a.SoftDeleteRetentionDays; d < 7 || d > 90 {
		errs.add("SoftDeleteRetentionDays", "%d must be between 7 and 90 days (Azure's range; it cannot be changed after creation)", d)
	}

	if v, ok := knownString(a.TenantID); ok && !isGUID(v) {
		errs.add("TenantID", "%q must be a GUID (the Entra ID tenant ID)", v)
	}

	for i, ap := range a.AccessPolicies {
		errs.add(fmt.Sprintf("AccessPolicies[%d]", i), "access policies are not supported (object %q): the vault uses the RBAC permission model; grant the equivalent RoleAssignments instead, e.g. secret get/list → \"Key Vault Secrets User\"", ap.ObjectID)
	}

	p.validateNetwork(&errs)
	p.validateEndpoints(&errs)
	p.validateDNS(&errs)
	p.validateRoles(&errs)
	p.validateDiagnostics(&errs)
	p.validateKeys(&errs)
	p.validateSecrets(&errs)
	p.validateJustInTime(&errs)
	p.validateThreatDetection(&errs)
	p.validateGuardrails(&errs) // after keys and secrets: it checks them against the policies

	if err := errs.err(name); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *plan) validateNetwork(errs *argErrors) {
	n := &p.args.Network
	if n.MaxIPRulePrefixWidth == 0 {
		n.MaxIPRulePrefixWidth = DefaultMaxIPRulePrefixWidth
	}
	if w := n.MaxIPRulePrefixWidth; w < 1 || w > 32 {
		errs.add("Network.MaxIPRulePrefixWidth", "%d must be a prefix length between 1 and 32", w)
	}
	seen := map[string]int{}
	for i, r := range n.IPRules {
		norm, err := ValidateIPRule(r, n.MaxIPRulePrefixWidth)
		if err != nil {
			errs.add(fmt.Sprintf("Network.IPRules[%d]", i), "%v", err)
			continue
		}
		if j, dup := seen[norm]; dup {
			errs.add(fmt.Sprintf("Network.IPRules[%d]", i), "%q repeats Network.IPRules[%d]", r, j)
			continue
		}
		seen[norm] = i
		p.ipRules = append(p.ipRules, norm)
	}
	seenSubnet := map[string]int{}
	for i, id := range n.VirtualNetworkSubnetIDs {
		field := fmt.Sprintf("Network.VirtualNetworkSubnetIDs[%d]", i)
		if err := ValidateSubnetID(id); err != nil {
			errs.add(field, "%v", err)
			continue
		}
		if j, dup := seenSubnet[strings.ToLower(id)]; dup {
			errs.add(field, "repeats Network.VirtualNetworkSubnetIDs[%d]", j)
		}
		seenSubnet[strings.ToLower(id)] = i
	}
	reachable := n.AllowPublicNetworkAccess || len(p.args.PrivateEndpoints) > 0 ||
		len(n.IPRules) > 0 || len(n.VirtualNetworkSubnetIDs) > 0
	if !reachable && !n.IntentionallyUnreachable {
		errs.add("PrivateEndpoints", "at least one private endpoint (or a Network.IPRules or Network.VirtualNetworkSubnetIDs entry) is required when public network access is disabled; set Network.IntentionallyUnreachable if nothing should reach the vault")
	}
}

func (p *plan) validateEndpoints(errs *argErrors) {
	seen := map[string]int{}
	for i, e := range p.args.PrivateEndpoints {
		field := fmt.Sprintf("PrivateEndpoints[%d]", i)
		if e.Name == "" {
			e.Name = "pe"
			if i > 0 {
				e.Name = fmt.Sprintf("pe%d", i+1)
			}
		}
		checkChildName(errs, seen, "PrivateEndpoints", i, e.Name)
		if e.SubnetID == nil {
			errs.add(field+".SubnetID", "is required")
		} else if v, ok := knownString(e.SubnetID); ok {
			if err := ValidateSubnetID(v); err != nil {
				errs.add(field+".SubnetID", "%v", err)
			}
		}
		if e.StaticIPAddress != "" {
			if a, err := parseIPv4(e.StaticIPAddress); err != nil || !a.IsPrivate() {
				errs.add(field+".StaticIPAddress", "%q must be a private IPv4 address inside the endpoint's subnet", e.StaticIPAddress)
			}
		}
		if e.NetworkInterfaceName != "" && !nicNameRE.MatchString(e.NetworkInterfaceName) {
			errs.add(field+".NetworkInterfaceName", "%q must be 1–80 letters, digits, '_', '.' or '-', starting with a letter or digit and not ending with '.' or '-'", e.NetworkInterfaceName)
		}
		p.endpoints = append(p.endpoints, e)
	}
}

var nicNameRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$`)

func (p *plan) validateDNS(errs *argErrors) {
	d := p.args.PrivateDNS
	p.dnsMode = d.Mode
	if p.dnsMode == "" {
		p.dnsMode = DNSModeCreateZone
	}
	cloud := d.Cloud
	if cloud == "" {
		cloud = CloudPublic
	}
	switch p.dnsMode {
	case DNSModeCreateZone, DNSModeExistingZone, DNSModeExternal:
	default:
		errs.add("PrivateDNS.Mode", "%q must be CreateZone, ExistingZone or External", d.Mode)
	}
	zone, ok := privateDNSZones[cloud]
	if !ok {
		errs.add("PrivateDNS.Cloud", "%q must be AzurePublic, AzureUSGovernment or AzureChina", d.Cloud)
	}
	p.dnsZone = zone
	if len(p.args.PrivateEndpoints) == 0 {
		if d.Mode != "" || d.ZoneID != nil || len(d.VirtualNetworkLinks) > 0 {
			errs.add("PrivateDNS", "is only used with private endpoints: add PrivateEndpoints or leave PrivateDNS empty")
		}
		return
	}
	if p.dnsMode == DNSModeExistingZone {
		if d.ZoneID == nil {
			errs.add("PrivateDNS.ZoneID", "is required in ExistingZone mode")
		} else if v, ok := knownString(d.ZoneID); ok {
			if err := validateResourceID(v, "Microsoft.Network", "privateDnsZones"); err != nil {
				errs.add("PrivateDNS.ZoneID", "%v", err)
			} else if !strings.HasPrefix(strings.ToLower(v[strings.LastIndex(v, "/")+1:]), "privatelink.vaultcore.") {
				errs.add("PrivateDNS.ZoneID", "%q must be a privatelink.vaultcore.* zone", v)
			}
		}
	} else if d.ZoneID != nil {
		errs.add("PrivateDNS.ZoneID", "is only used in ExistingZone mode")
	}
	if p.dnsMode != DNSModeCreateZone && (len(d.VirtualNetworkLinks) > 0 || d.ZoneResourceGroupName != nil) {
		errs.add("PrivateDNS.VirtualNetworkLinks", "and ZoneResourceGroupName are only used in CreateZone mode")
	}
	seen := map[string]int{}
	for i, l := range d.VirtualNetworkLinks {
		field := fmt.Sprintf("PrivateDNS.VirtualNetworkLinks[%d]", i)
		checkChildName(errs, seen, "PrivateDNS.VirtualNetworkLinks", i, l.Name)
		if l.VirtualNetworkID == nil {
			errs.add(field+".VirtualNetworkID", "is required")
		} else if v, ok := knownString(l.VirtualNetworkID); ok {
			if err := validateResourceID(v, "Microsoft.Network", "virtualNetworks"); err != nil {
				errs.add(field+".VirtualNetworkID", "%v", err)
			}
		}
	}
	p.links = d.VirtualNetworkLinks
	if p.dnsMode == DNSModeCreateZone && len(p.links) == 0 && len(p.endpoints) > 0 && p.endpoints[0].SubnetID != nil {
		first := p.endpoints[0].SubnetID
		p.links = []VirtualNetworkLinkArgs{{
			Name: p.endpoints[0].Name,
			VirtualNetworkID: first.ToStringOutput().ApplyT(func(id string) string {
				return virtualNetworkOfSubnet(id)
			}).(pulumi.StringOutput),
		}}
	}
}

func (p *plan) validateRoles(errs *argErrors) {
	p.roles = p.planRoles(errs, "RoleAssignments", p.args.RoleAssignments)
}

// planRoles validates role assignments given under field and resolves their roles.
func (p *plan) planRoles(errs *argErrors, field string, in []RoleAssignmentArgs) []plannedRole {
	var out []plannedRole
	seen := map[string]int{}
	for i, r := range in {
		field := fmt.Sprintf("%s[%d]", field, i)
		if !keyRE.MatchString(r.Key) {
			errs.add(field+".Key", "%q must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit", r.Key)
		} else if j, dup := seen[r.Key]; dup {
			errs.add(field+".Key", "%q repeats index %d: keys must be unique", r.Key, j)
		}
		seen[r.Key] = i
		if r.PrincipalID == nil {
			errs.add(field+".PrincipalID", "is required")
		} else if v, ok := knownString(r.PrincipalID); ok && !isGUID(v) {
			errs.add(field+".PrincipalID", "%q must be the principal's object ID (a GUID)", v)
		}
		if r.PrincipalType == "" {
			r.PrincipalType = PrincipalTypeServicePrincipal
		}
		switch r.PrincipalType {
		case PrincipalTypeUser, PrincipalTypeGroup, PrincipalTypeServicePrincipal, PrincipalTypeForeignGroup, PrincipalTypeDevice:
		default:
			errs.add(field+".PrincipalType", "%q must be User, Group, ServicePrincipal, ForeignGroup or Device", r.PrincipalType)
		}
		role, err := resolveRole(r.Role)
		if err != nil {
			errs.add(field+".Role", "%v", err)
			continue
		}
		if name, ok := privilegedRoles[role.guid]; ok && !p.args.AllowPrivilegedRoles {
			errs.add(field+".Role", "%s is a privileged role (it manages the vault or access to it): grant a data-plane role such as Key Vault Secrets User, or set AllowPrivilegedRoles", name)
		}
		if role.guid == dataAccessAdministratorRole && strings.TrimSpace(r.Condition) == "" {
			errs.add(field+".Condition", "is required for Key Vault Data Access Administrator: add an ABAC condition that limits the roles it may assign")
		}
		if r.Condition == "" && r.ConditionVersion != "" {
			errs.add(field+".ConditionVersion", "is only used with Condition")
		}
		if r.Condition != "" && r.ConditionVersion == "" {
			r.ConditionVersion = DefaultConditionVersion
		}
		out = append(out, plannedRole{RoleAssignmentArgs: r, role: role})
	}
	return out
}

func (p *plan) validateDiagnostics(errs *argErrors) {
	d := &p.args.Diagnostics
	if d.WorkspaceID != nil {
		if d.WorkspaceRetentionDays != 0 {
			errs.add("Diagnostics.WorkspaceRetentionDays", "is only used when the component creates the workspace (no WorkspaceID)")
		}
		if v, ok := knownString(d.WorkspaceID); ok {
			if err := validateResourceID(v, "Microsoft.OperationalInsights", "workspaces"); err != nil {
				errs.add("Diagnostics.WorkspaceID", "%v", err)
			}
		}
	} else {
		if d.WorkspaceRetentionDays == 0 {
			d.WorkspaceRetentionDays = DefaultWorkspaceRetentionDays
		}
		if r := d.WorkspaceRetentionDays; r < 30 || r > 730 {
			errs.add("Diagnostics.WorkspaceRetentionDays", "%d must be between 30 and 730 days", r)
		}
	}
	if v, ok := knownString(d.StorageAccountID); ok {
		if err := validateResourceID(v, "Microsoft.Storage", "storageAccounts"); err != nil {
			errs.add("Diagnostics.StorageAccountID", "%v", err)
		}
	}
	if d.EventHubName != nil && d.EventHubAuthorizationRuleID == nil {
		errs.add("Diagnostics.EventHubName", "needs Diagnostics.EventHubAuthorizationRuleID")
	}
	groups := d.CategoryGroups
	if len(groups) == 0 {
		groups = DefaultCategoryGroups
	}
	seen := map[string]bool{}
	for i, g := range groups {
		field := fmt.Sprintf("Diagnostics.CategoryGroups[%d]", i)
		switch {
		case g != "audit" && g != "allLogs":
			errs.add(field, "%q must be \"audit\" or \"allLogs\" (both include the AuditEvent log)", g)
		case seen[g]:
			errs.add(field, "%q is listed twice", g)
		}
		seen[g] = true
	}
	p.groups = append([]string(nil), groups...)
}

// checkChildName checks the Name of entry i of a list (given by its field
// path, e.g. "PrivateEndpoints") against childKeyRE and for repeats.
func checkChildName(errs *argErrors, seen map[string]int, list string, i int, name string) {
	field := fmt.Sprintf("%s[%d].Name", list, i)
	if !childKeyRE.MatchString(name) {
		errs.add(field, "%q must be 1–30 letters, digits or inner hyphens", name)
	} else if j, dup := seen[name]; dup {
		errs.add(field, "%q repeats %s[%d].Name", name, list, j)
	}
	seen[name] = i
}

// knownString returns the value of in when it is a plain, already-known
// string (pulumi.String or a *string pointer input), so it can be validated
// before anything is registered.
func knownString(in pulumi.StringInput) (string, bool) {
	switch v := in.(type) {
	case pulumi.String:
		return string(v), true
	case nil:
		return "", false
	}
	return "", false
}

// mergeTags returns the component's own tags overlaid with the caller's.
func mergeTags(name string, user map[string]string) map[string]string {
	tags := map[string]string{
		"managed-by":       "pulumi",
		"zerotrust-vault":  name,
		"zerotrust-module": "github.com/zerotrust-kv/pulumi-zerotrust-keyvault",
	}
	for k, v := range user {
		tags[k] = v
	}
	return tags
}
