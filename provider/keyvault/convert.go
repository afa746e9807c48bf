package keyvault

import (
	"time"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
)

// toComponent maps the schema's arguments onto the Go API's, field by field.
// It applies no default and checks nothing: absent values stay zero, which is
// what the Go API treats as "use the default".
func (a ZeroTrustVaultArgs) toComponent() *component.ZeroTrustVaultArgs {
	out := &component.ZeroTrustVaultArgs{
		ResourceGroupName:            a.ResourceGroupName,
		Location:                     a.Location,
		VaultName:                    a.VaultName,
		TenantID:                     a.TenantID,
		SKU:                          a.SKU,
		SoftDeleteRetentionDays:      a.SoftDeleteRetentionDays,
		Tags:                         a.Tags,
		PrivateEndpoints:             mapSlice(a.PrivateEndpoints, PrivateEndpoint.toComponent),
		RoleAssignments:              roleAssignments(a.RoleAssignments),
		AccessPolicies:               mapSlice(a.AccessPolicies, AccessPolicy.toComponent),
		AllowPrivilegedRoles:         a.AllowPrivilegedRoles,
		EnabledForDeployment:         a.EnabledForDeployment,
		EnabledForDiskEncryption:     a.EnabledForDiskEncryption,
		EnabledForTemplateDeployment: a.EnabledForTemplateDeployment,
		Keys:                         mapSlice(a.Keys, Key.toComponent),
		Secrets:                      mapSlice(a.Secrets, Secret.toComponent),
		Recover:                      a.Recover,
		DisableDeleteLock:            a.DisableDeleteLock,
		Protect:                      a.Protect,
	}
	if a.Network != nil {
		out.Network = a.Network.toComponent()
	}
	if a.PrivateDNS != nil {
		out.PrivateDNS = a.PrivateDNS.toComponent()
	}
	if a.Diagnostics != nil {
		out.Diagnostics = a.Diagnostics.toComponent()
	}
	if a.JustInTime != nil {
		out.JustInTime = a.JustInTime.toComponent()
	}
	if a.ThreatDetection != nil {
		out.ThreatDetection = a.ThreatDetection.toComponent()
	}
	if a.Guardrails != nil {
		out.Guardrails = a.Guardrails.toComponent()
	}
	return out
}

func (n Network) toComponent() component.NetworkArgs {
	return component.NetworkArgs{
		AllowPublicNetworkAccess:  n.AllowPublicNetworkAccess,
		AllowTrustedAzureServices: n.AllowTrustedAzureServices,
		IPRules:                   n.IPRules,
		MaxIPRulePrefixWidth:      n.MaxIPRulePrefixWidth,
		VirtualNetworkSubnetIDs:   n.VirtualNetworkSubnetIDs,
		IntentionallyUnreachable:  n.IntentionallyUnreachable,
	}
}

func (p PrivateEndpoint) toComponent() component.PrivateEndpointArgs {
	return component.PrivateEndpointArgs{
		Name:                 p.Name,
		SubnetID:             p.SubnetID,
		ResourceGroupName:    p.ResourceGroupName,
		Location:             p.Location,
		StaticIPAddress:      p.StaticIPAddress,
		NetworkInterfaceName: p.NetworkInterfaceName,
	}
}

func (d PrivateDNS) toComponent() component.PrivateDNSArgs {
	return component.PrivateDNSArgs{
		Mode:                  component.DNSMode(d.Mode),
		Cloud:                 component.Cloud(d.Cloud),
		ZoneID:                d.ZoneID,
		ZoneResourceGroupName: d.ZoneResourceGroupName,
		VirtualNetworkLinks:   mapSlice(d.VirtualNetworkLinks, VirtualNetworkLink.toComponent),
	}
}

func (l VirtualNetworkLink) toComponent() component.VirtualNetworkLinkArgs {
	return component.VirtualNetworkLinkArgs{Name: l.Name, VirtualNetworkID: l.VirtualNetworkID}
}

func (p AccessPolicy) toComponent() component.AccessPolicy {
	return component.AccessPolicy{ObjectID: p.ObjectID, Keys: p.Keys, Secrets: p.Secrets, Certificates: p.Certificates}
}

func roleAssignments(in []RoleAssignment) []component.RoleAssignmentArgs {
	return mapSlice(in, RoleAssignment.toComponent)
}

func (r RoleAssignment) toComponent() component.RoleAssignmentArgs {
	return component.RoleAssignmentArgs{
		Key:              r.Key,
		PrincipalID:      r.PrincipalID,
		PrincipalType:    r.PrincipalType,
		Role:             r.Role,
		Condition:        r.Condition,
		ConditionVersion: r.ConditionVersion,
		Description:      r.Description,
	}
}

func (d Diagnostics) toComponent() component.DiagnosticsArgs {
	return component.DiagnosticsArgs{
		WorkspaceID:                 d.WorkspaceID,
		WorkspaceRetentionDays:      d.WorkspaceRetentionDays,
		StorageAccountID:            d.StorageAccountID,
		EventHubAuthorizationRuleID: d.EventHubAuthorizationRuleID,
		EventHubName:                d.EventHubName,
		CategoryGroups:              d.CategoryGroups,
		DisableMetrics:              d.DisableMetrics,
	}
}

func (k Key) toComponent() component.KeyArgs {
	return component.KeyArgs{
		Name:                   k.Name,
		Type:                   k.Type,
		Size:                   k.Size,
		AllowRSA2048:           k.AllowRSA2048,
		Curve:                  k.Curve,
		Operations:             k.Operations,
		ValidityDays:           k.ValidityDays,
		RotateBeforeExpiryDays: k.RotateBeforeExpiryDays,
		NotifyBeforeExpiryDays: k.NotifyBeforeExpiryDays,
		DisableAutoRotation:    k.DisableAutoRotation,
		RoleAssignments:        roleAssignments(k.RoleAssignments),
	}
}

func (s Secret) toComponent() component.SecretArgs {
	return component.SecretArgs{
		Name:            s.Name,
		Value:           s.Value,
		ContentType:     s.ContentType,
		ValidityDays:    s.ValidityDays,
		RoleAssignments: roleAssignments(s.RoleAssignments),
	}
}

func (j JustInTime) toComponent() component.JustInTimeArgs {
	return component.JustInTimeArgs{
		Eligibilities:             mapSlice(j.Eligibilities, Eligibility.toComponent),
		Start:                     j.Start,
		DurationDays:              j.DurationDays,
		MaxActivationDuration:     time.Duration(j.MaxActivationMinutes) * time.Minute,
		RequireApproval:           j.RequireApproval,
		Approvers:                 mapSlice(j.Approvers, Approver.toComponent),
		AuthenticationContext:     j.AuthenticationContext,
		RoleManagementPolicyNames: j.RoleManagementPolicyNames,
		AllowDefaultRoleSettings:  j.AllowDefaultRoleSettings,
	}
}

func (e Eligibility) toComponent() component.EligibilityArgs {
	return component.EligibilityArgs{
		Key:              e.Key,
		PrincipalID:      e.PrincipalID,
		Role:             e.Role,
		Condition:        e.Condition,
		ConditionVersion: e.ConditionVersion,
		Justification:    e.Justification,
	}
}

func (a Approver) toComponent() component.ApproverArgs {
	return component.ApproverArgs{ID: a.ID, Type: a.Type, Description: a.Description}
}

func (t ThreatDetection) toComponent() component.ThreatDetectionArgs {
	return component.ThreatDetectionArgs{
		Enabled:                    t.Enabled,
		EmailAddresses:             t.EmailAddresses,
		Webhooks:                   mapSlice(t.Webhooks, Webhook.toComponent),
		ActionGroupID:              t.ActionGroupID,
		ActionGroupShortName:       t.ActionGroupShortName,
		DeniedRequestThreshold:     t.DeniedRequestThreshold,
		DeniedRequestWindowMinutes: t.DeniedRequestWindowMinutes,
		AvailabilityThreshold:      t.AvailabilityThreshold,
		SaturationThreshold:        t.SaturationThreshold,
		EnableDefenderForKeyVault:  t.EnableDefenderForKeyVault,
	}
}

func (w Webhook) toComponent() component.WebhookArgs {
	return component.WebhookArgs{Name: w.Name, URI: w.URI}
}

func (g Guardrails) toComponent() component.GuardrailArgs {
	return component.GuardrailArgs{
		Enabled:                      g.Enabled,
		Effects:                      g.Effects,
		KeyMaxValidityDays:           g.KeyMaxValidityDays,
		KeyMaxActiveDays:             g.KeyMaxActiveDays,
		KeyMinDaysBeforeExpiry:       g.KeyMinDaysBeforeExpiry,
		KeyMaxDaysToRotate:           g.KeyMaxDaysToRotate,
		MinimumRSAKeySize:            g.MinimumRSAKeySize,
		AllowedKeyTypes:              g.AllowedKeyTypes,
		AllowedECCurves:              g.AllowedECCurves,
		SecretMaxValidityDays:        g.SecretMaxValidityDays,
		SecretMaxActiveDays:          g.SecretMaxActiveDays,
		SecretMinDaysBeforeExpiry:    g.SecretMinDaysBeforeExpiry,
		CertificateMaxValidityMonths: g.CertificateMaxValidityMonths,
	}
}

// mapSlice converts every element; nil stays nil, so "not given" reaches the
// Go API exactly as it would from Go.
func mapSlice[S, T any](in []S, f func(S) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
