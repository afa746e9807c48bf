package component

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SecretArgs describe one secret the component stores in the vault. The
// value is always handled as a Pulumi secret (encrypted in state, masked in
// output), and the component's outputs carry the secret's URIs, never its value.
type SecretArgs struct {
	// Name is the secret's name in the vault (1–127 letters, digits and
	// hyphens). Required, unique; it keys the secret outputs.
	Name string
	// Value is the secret's value. Required. Whatever is passed is wrapped
	// with pulumi.ToSecret before it reaches the resource.
	Value pulumi.StringInput
	// ContentType describes the value (e.g. "text/plain",
	// "application/x-connection-string"). Required.
	ContentType string
	// ValidityDays sets the secret's expiry this many days after it is
	// created, 1–365. Default: 90.
	ValidityDays int
	// RoleAssignments grant roles on this secret only (for example Key Vault
	// Secrets User for the one application that reads it).
	RoleAssignments []RoleAssignmentArgs
}

// Secret defaults and limits.
const (
	DefaultSecretValidityDays = 90
	maxSecretValidityDays     = 365
)

type plannedSecret struct {
	SecretArgs
	roles []plannedRole
}

func (p *plan) validateSecrets(errs *argErrors) {
	seen := map[string]int{}
	for i, s := range p.args.Secrets {
		f := fmt.Sprintf("Secrets[%d]", i)
		checkItemName(errs, seen, "Secrets", i, s.Name)
		if s.Value == nil {
			errs.add(f+".Value", "is required")
		}
		if strings.TrimSpace(s.ContentType) == "" {
			errs.add(f+".ContentType", "is required: say what the value is, e.g. \"text/plain\" or \"application/x-connection-string\"")
		}
		if s.ValidityDays == 0 {
			s.ValidityDays = DefaultSecretValidityDays
		}
		if s.ValidityDays < 1 || s.ValidityDays > maxSecretValidityDays {
			errs.add(f+".ValidityDays", "%d must be between 1 and %d days", s.ValidityDays, maxSecretValidityDays)
		}
		roles := p.planRoles(errs, f+".RoleAssignments", s.RoleAssignments)
		p.secrets = append(p.secrets, plannedSecret{SecretArgs: s, roles: roles})
	}
}

// secrets registers the vault's secrets and their role assignments.
func (b *builder) secrets(vault *keyvault.Vault) error {
	ids, uris, versioned := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	for _, s := range b.p.secrets {
		value := pulumi.ToSecret(s.Value.ToStringOutput()).(pulumi.StringOutput)
		sec, err := keyvault.NewSecret(b.ctx, childName(b.p.name, "secret-"+s.Name), &keyvault.SecretArgs{
			SecretName:        pulumi.String(s.Name),
			VaultName:         vault.Name,
			ResourceGroupName: b.p.args.ResourceGroupName,
			Tags:              pulumi.ToStringMap(b.p.args.Tags),
			Properties: keyvault.SecretPropertiesArgs{
				Value:       value.ToStringPtrOutput(),
				ContentType: pulumi.String(s.ContentType),
				Attributes: keyvault.SecretAttributesArgs{
					Enabled: pulumi.Bool(true),
					Expires: pulumi.Int(int(time.Now().Add(time.Duration(s.ValidityDays) * 24 * time.Hour).Unix())),
				},
			},
		}, b.opts(
			pulumi.IgnoreChanges([]string{expiresPath}),
			// The provider echoes the properties back; keep them secret in state.
			pulumi.AdditionalSecretOutputs([]string{"properties"}),
		)...)
		if err != nil {
			return fmt.Errorf("creating secret %q: %w", s.Name, err)
		}
		b.lockDeps = append(b.lockDeps, sec)
		if _, err := b.assign(vault, sec.ID().ToStringOutput(), "secret-"+s.Name+"-role", fmt.Sprintf("Secrets[%s].RoleAssignments", s.Name), s.roles, pulumi.Parent(sec)); err != nil {
			return err
		}
		ids[s.Name] = sec.ID().ToStringOutput()
		// URIs are not secret: unwrap them from the secret-marked properties.
		uris[s.Name] = pulumi.Unsecret(sec.Properties.SecretUri()).(pulumi.StringOutput)
		versioned[s.Name] = pulumi.Unsecret(sec.Properties.SecretUriWithVersion()).(pulumi.StringOutput)
	}
	b.c.SecretIDs = ids.ToStringMapOutput()
	b.c.SecretURIs = uris.ToStringMapOutput()
	b.c.SecretVersionedURIs = versioned.ToStringMapOutput()
	return nil
}
