package keyvault

import (
	"fmt"
	"reflect"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
)

// ZeroTrustVault is the component as other languages see it: the resource
// that component.NewZeroTrustVault registered (so the engine sees one
// component, not two) and its outputs under the same names, repeated here
// only to describe them in the schema. The Go component is embedded as an
// interface, not as *component.ZeroTrustVault, so that the provider
// framework's reflection sees these fields and no promoted ones.
type ZeroTrustVault struct {
	pulumi.ComponentResource

	VaultID                 pulumi.StringOutput    `pulumi:"vaultId"`
	VaultName               pulumi.StringOutput    `pulumi:"vaultName"`
	VaultURI                pulumi.StringOutput    `pulumi:"vaultUri"`
	PrivateEndpointIDs      pulumi.StringMapOutput `pulumi:"privateEndpointIds"`
	PrivateIPAddresses      pulumi.StringMapOutput `pulumi:"privateIpAddresses"`
	DNSZoneID               pulumi.StringOutput    `pulumi:"dnsZoneId"`
	WorkspaceID             pulumi.StringOutput    `pulumi:"workspaceId"`
	DiagnosticSettingID     pulumi.StringOutput    `pulumi:"diagnosticSettingId"`
	RoleAssignmentIDs       pulumi.StringMapOutput `pulumi:"roleAssignmentIds"`
	KeyIDs                  pulumi.StringMapOutput `pulumi:"keyIds"`
	KeyURIs                 pulumi.StringMapOutput `pulumi:"keyUris"`
	KeyVersionedURIs        pulumi.StringMapOutput `pulumi:"keyVersionedUris"`
	SecretIDs               pulumi.StringMapOutput `pulumi:"secretIds"`
	SecretURIs              pulumi.StringMapOutput `pulumi:"secretUris"`
	SecretVersionedURIs     pulumi.StringMapOutput `pulumi:"secretVersionedUris"`
	EligibilityScheduleIDs  pulumi.StringMapOutput `pulumi:"eligibilityScheduleIds"`
	RoleManagementPolicyIDs pulumi.StringMapOutput `pulumi:"roleManagementPolicyIds"`
	ActionGroupID           pulumi.StringOutput    `pulumi:"actionGroupId"`
	AlertRuleIDs            pulumi.StringMapOutput `pulumi:"alertRuleIds"`
	DefenderDeploymentID    pulumi.StringOutput    `pulumi:"defenderDeploymentId"`
	PolicyAssignmentIDs     pulumi.StringMapOutput `pulumi:"policyAssignmentIds"`
}

// Annotate describes the component and its outputs in the schema.
func (v *ZeroTrustVault) Annotate(an infer.Annotator) {
	an.Describe(v, "An Azure Key Vault and everything that makes it zero-trust: firewall (default Deny, public "+
		"access off), private endpoints with private DNS, RBAC role assignments, diagnostic settings, a delete "+
		"lock, and optionally keys, secrets, just-in-time administration, alerts and Azure Policy guardrails. "+
		"Purge protection, the RBAC permission model and the firewall's Deny default cannot be switched off. "+
		"This is the Go component github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component served as a "+
		"package: same arguments, defaults and validation. Argument errors name fields as the Go API does "+
		"(for example Network.IPRules[2] for network.ipRules[2]) and list every problem at once.")
	an.Describe(&v.VaultID, "The vault's ARM resource ID.")
	an.Describe(&v.VaultName, "The vault's (global) name.")
	an.Describe(&v.VaultURI, "The vault's data-plane URI, e.g. https://name.vault.azure.net/.")
	an.Describe(&v.PrivateEndpointIDs, "The private endpoints' resource IDs by endpoint name.")
	an.Describe(&v.PrivateIPAddresses, "The private endpoints' IP addresses by endpoint name.")
	an.Describe(&v.DNSZoneID, "The private DNS zone the endpoints register in; empty in External DNS mode and "+
		"without private endpoints.")
	an.Describe(&v.WorkspaceID, "The Log Analytics workspace receiving the vault's logs.")
	an.Describe(&v.DiagnosticSettingID, "The ID of the vault's diagnostic setting.")
	an.Describe(&v.RoleAssignmentIDs, "The role assignments' IDs by role assignment key.")
	an.Describe(&v.KeyIDs, "The keys' ARM resource IDs by key name.")
	an.Describe(&v.KeyURIs, "The keys' versionless URIs by key name (what customer-managed-key settings should "+
		"use, so that rotation is picked up).")
	an.Describe(&v.KeyVersionedURIs, "The URIs of the keys' current versions by key name.")
	an.Describe(&v.SecretIDs, "The secrets' ARM resource IDs by secret name.")
	an.Describe(&v.SecretURIs, "The secrets' versionless URIs by secret name (never their values).")
	an.Describe(&v.SecretVersionedURIs, "The URIs of the secrets' current versions by secret name.")
	an.Describe(&v.EligibilityScheduleIDs, "The PIM eligibility schedules' IDs by eligibility key.")
	an.Describe(&v.RoleManagementPolicyIDs, "The IDs of the role management policies the component manages, by "+
		"role (built-in name, or GUID for other roles).")
	an.Describe(&v.ActionGroupID, "The action group that receives the alerts (created or given); empty when alerts "+
		"are off.")
	an.Describe(&v.AlertRuleIDs, "The alert rules' IDs by rule: denied-requests, availability, saturation and "+
		"activity.")
	an.Describe(&v.DefenderDeploymentID, "The subscription deployment that turned on Defender for Key Vault; empty "+
		"unless threatDetection.enableDefenderForKeyVault.")
	an.Describe(&v.PolicyAssignmentIDs, "The guardrail policy assignments' IDs by guardrail key.")
}

// NewZeroTrustVault is the provider's constructor: it maps the arguments onto
// the Go API's and calls component.NewZeroTrustVault, which validates and
// registers everything. Its errors are returned unchanged, so other languages
// see the Go API's messages.
func NewZeroTrustVault(ctx *pulumi.Context, name string, args ZeroTrustVaultArgs,
	opts ...pulumi.ResourceOption,
) (*ZeroTrustVault, error) {
	c, err := component.NewZeroTrustVault(ctx, name, args.toComponent(), opts...)
	if err != nil {
		return nil, err
	}
	v := &ZeroTrustVault{ComponentResource: c}
	if err := copyOutputs(v, c); err != nil {
		return nil, err
	}
	return v, nil
}

// copyOutputs sets every tagged output of dst from the field of src with the
// same pulumi tag.
func copyOutputs(dst *ZeroTrustVault, src *component.ZeroTrustVault) error {
	from := map[string]reflect.Value{}
	sv := reflect.ValueOf(src).Elem()
	for i := 0; i < sv.NumField(); i++ {
		if tag, ok := sv.Type().Field(i).Tag.Lookup("pulumi"); ok {
			from[tag] = sv.Field(i)
		}
	}
	dv := reflect.ValueOf(dst).Elem()
	for i := 0; i < dv.NumField(); i++ {
		tag, ok := dv.Type().Field(i).Tag.Lookup("pulumi")
		if !ok {
			continue
		}
		f, ok := from[tag]
		if !ok {
			return fmt.Errorf("ZeroTrustVault output %q has no counterpart in the Go component", tag)
		}
		dv.Field(i).Set(f)
	}
	return nil
}
