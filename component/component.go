package component

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TypeToken is the component's Pulumi type token.
const TypeToken = "zerotrust:keyvault:ZeroTrustVault"

// ZeroTrustVault is a Key Vault and everything that makes it zero-trust:
// firewall, private endpoints with private DNS, role assignments, diagnostic
// settings and a delete lock. Create it with NewZeroTrustVault.
type ZeroTrustVault struct {
	pulumi.ResourceState

	// VaultID is the vault's ARM resource ID.
	VaultID pulumi.StringOutput `pulumi:"vaultId"`
	// VaultName is the vault's (global) name.
	VaultName pulumi.StringOutput `pulumi:"vaultName"`
	// VaultURI is the vault's data-plane URI, e.g. https://name.vault.azure.net/.
	VaultURI pulumi.StringOutput `pulumi:"vaultUri"`
	// PrivateEndpointIDs are the private endpoints' resource IDs by endpoint name.
	PrivateEndpointIDs pulumi.StringMapOutput `pulumi:"privateEndpointIds"`
	// PrivateIPAddresses are the private endpoints' IP addresses by endpoint name.
	PrivateIPAddresses pulumi.StringMapOutput `pulumi:"privateIpAddresses"`
	// DNSZoneID is the private DNS zone the endpoints register in; empty in
	// External DNS mode and without private endpoints.
	DNSZoneID pulumi.StringOutput `pulumi:"dnsZoneId"`
	// WorkspaceID is the Log Analytics workspace receiving the vault's logs.
	WorkspaceID pulumi.StringOutput `pulumi:"workspaceId"`
	// DiagnosticSettingID is the ID of the vault's diagnostic setting.
	DiagnosticSettingID pulumi.StringOutput `pulumi:"diagnosticSettingId"`
	// RoleAssignmentIDs are the role assignments' IDs by RoleAssignmentArgs.Key.
	RoleAssignmentIDs pulumi.StringMapOutput `pulumi:"roleAssignmentIds"`
	// KeyIDs are the keys' ARM resource IDs by key name.
	KeyIDs pulumi.StringMapOutput `pulumi:"keyIds"`
	// KeyURIs are the keys' versionless URIs (what customer-managed-key
	// settings should use, so rotation is picked up) by key name.
	KeyURIs pulumi.StringMapOutput `pulumi:"keyUris"`
	// KeyVersionedURIs are the URIs of the keys' current versions by key name.
	KeyVersionedURIs pulumi.StringMapOutput `pulumi:"keyVersionedUris"`
	// SecretIDs are the secrets' ARM resource IDs by secret name.
	SecretIDs pulumi.StringMapOutput `pulumi:"secretIds"`
	// SecretURIs are the secrets' versionless URIs by secret name (never values).
	SecretURIs pulumi.StringMapOutput `pulumi:"secretUris"`
	// SecretVersionedURIs are the URIs of the secrets' current versions by secret name.
	SecretVersionedURIs pulumi.StringMapOutput `pulumi:"secretVersionedUris"`
	// EligibilityScheduleIDs are the PIM eligibility schedules' IDs by
	// EligibilityArgs.Key.
	EligibilityScheduleIDs pulumi.StringMapOutput `pulumi:"eligibilityScheduleIds"`
	// RoleManagementPolicyIDs are the IDs of the role management policies the
	// component manages, by role (built-in name, or GUID for other roles).
	RoleManagementPolicyIDs pulumi.StringMapOutput `pulumi:"roleManagementPolicyIds"`
	// ActionGroupID is the action group that receives the alerts (created or
	// given); empty when alerts are off.
	ActionGroupID pulumi.StringOutput `pulumi:"actionGroupId"`
	// AlertRuleIDs are the alert rules' IDs by rule: denied-requests,
	// availability, saturation and activity.
	AlertRuleIDs pulumi.StringMapOutput `pulumi:"alertRuleIds"`
	// DefenderDeploymentID is the subscription deployment that turned on
	// Defender for Key Vault; empty unless EnableDefenderForKeyVault.
	DefenderDeploymentID pulumi.StringOutput `pulumi:"defenderDeploymentId"`
	// PolicyAssignmentIDs are the guardrail policy assignments' IDs by
	// guardrail key (see GuardrailDefinitions).
	PolicyAssignmentIDs pulumi.StringMapOutput `pulumi:"policyAssignmentIds"`
}

// NewZeroTrustVault validates args, then registers the component and its
// children. Argument errors name the field and the rule, match
// errors.Is(err, ErrInvalidArgs), and are returned before anything is
// registered. args is not modified.
func NewZeroTrustVault(ctx *pulumi.Context, name string, args *ZeroTrustVaultArgs, opts ...pulumi.ResourceOption) (*ZeroTrustVault, error) {
	if name == "" {
		return nil, fmt.Errorf("ZeroTrustVault: %w", &ArgError{Field: "name", Rule: "is required"})
	}
	p, err := newPlan(ctx.Project(), ctx.Stack(), name, args)
	if err != nil {
		return nil, err
	}

	c := &ZeroTrustVault{}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, fmt.Errorf("registering ZeroTrustVault %q: %w", name, err)
	}
	b := &builder{ctx: ctx, p: p, c: c, parent: pulumi.Parent(c)}
	if err := b.build(); err != nil {
		return nil, fmt.Errorf("ZeroTrustVault %q: %w", name, err)
	}

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"vaultId":             c.VaultID,
		"vaultName":           c.VaultName,
		"vaultUri":            c.VaultURI,
		"privateEndpointIds":  c.PrivateEndpointIDs,
		"privateIpAddresses":  c.PrivateIPAddresses,
		"dnsZoneId":           c.DNSZoneID,
		"workspaceId":         c.WorkspaceID,
		"diagnosticSettingId": c.DiagnosticSettingID,
		"roleAssignmentIds":   c.RoleAssignmentIDs,
		"keyIds":              c.KeyIDs,
		"keyUris":             c.KeyURIs,
		"keyVersionedUris":    c.KeyVersionedURIs,
		"secretIds":           c.SecretIDs,
		"secretUris":          c.SecretURIs,
		"secretVersionedUris": c.SecretVersionedURIs,

		"eligibilityScheduleIds":  c.EligibilityScheduleIDs,
		"roleManagementPolicyIds": c.RoleManagementPolicyIDs,
		"actionGroupId":           c.ActionGroupID,
		"alertRuleIds":            c.AlertRuleIDs,
		"defenderDeploymentId":    c.DefenderDeploymentID,
		"policyAssignmentIds":     c.PolicyAssignmentIDs,
	}); err != nil {
		return nil, fmt.Errorf("registering outputs of ZeroTrustVault %q: %w", name, err)
	}
	return c, nil
}

// builder registers the children of one component from a validated plan.
type builder struct {
	ctx    *pulumi.Context
	p      *plan
	c      *ZeroTrustVault
	parent pulumi.ResourceOrInvokeOption

	// lockDeps are the children that the delete lock must outlive: it is
	// created after them and, on destroy, deleted before them, because a
	// CanNotDelete lock on a scope blocks deleting anything under it.
	lockDeps []pulumi.Resource
}

func (b *builder) build() error {
	vault, err := b.vault()
	if err != nil {
		return err
	}
	endpoints, err := b.privateEndpoints(vault)
	if err != nil {
		return err
	}
	if err := b.roleAssignments(vault); err != nil {
		return err
	}
	if err := b.keys(vault); err != nil {
		return err
	}
	if err := b.secrets(vault); err != nil {
		return err
	}
	if err := b.diagnostics(vault); err != nil {
		return err
	}
	if err := b.justInTime(vault); err != nil {
		return err
	}
	if err := b.threatDetection(vault); err != nil { // after diagnostics: it queries the workspace
		return err
	}
	if err := b.guardrails(vault); err != nil {
		return err
	}
	return b.locks(vault, endpoints)
}

// opts returns the parent option plus extra options for a child.
func (b *builder) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{b.parent}, extra...)
}

// stringOr returns in, or fallback when in is nil.
func stringOr(in pulumi.StringInput, fallback pulumi.StringInput) pulumi.StringInput {
	if in == nil {
		return fallback
	}
	return in
}

// stringPtr converts an optional input to the pointer input the SDK wants.
func stringPtr(in pulumi.StringInput) pulumi.StringPtrInput {
	if in == nil {
		return nil
	}
	return in.ToStringOutput().ToStringPtrOutput()
}
