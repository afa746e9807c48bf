package component

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// GuardrailArgs assign Azure Policy's built-in Key Vault definitions to the
// vault's resource group, so that changes made outside Pulumi (in the portal,
// with the CLI, by another pipeline) are denied or at least audited by Azure
// itself. They cover every vault, key, secret and certificate in that
// resource group, not only this component's.
//
// Each definition is assigned with the strictest effect it supports (Deny
// where allowed, else Audit or AuditIfNotExists), except "key-hsm-backed",
// which is audited (Deny would refuse every software key, and a standard vault
// can hold no other kind). Definitions about keys, secrets and certificates
// use the Microsoft.KeyVault.Data policy mode: Azure evaluates them on
// data-plane operations (creating, importing, updating items), and Deny
// refuses those operations. Assignments take up to about 30 minutes to take
// effect.
type GuardrailArgs struct {
	// Enabled assigns the definitions. Default: false.
	Enabled bool
	// Effects overrides the effect of individual assignments by key (see
	// GuardrailDefinitions), for example {"key-max-validity": "Audit"} or
	// {"vnet-service-endpoint": "Disabled"}. Each effect must be one the
	// definition allows.
	Effects map[string]string
	// KeyMaxValidityDays is the longest validity of a key version (key
	// expiry minus creation), 1–36500. Default: 90 (the policy pack's).
	KeyMaxValidityDays int
	// KeyMaxActiveDays is the longest a key version may be active, 1–36500.
	// Default: 90.
	KeyMaxActiveDays int
	// KeyMinDaysBeforeExpiry is how many days a key must have left when it is
	// created or updated, 1–36500. Default: 30.
	KeyMinDaysBeforeExpiry int
	// KeyMaxDaysToRotate is the latest, in days after creation, a key's
	// rotation policy may rotate it (audited), 1–36500. Default: 90 (the
	// policy pack's).
	KeyMaxDaysToRotate int
	// MinimumRSAKeySize is the smallest RSA key size: 2048, 3072 or 4096.
	// Default: 2048 (the policy pack's).
	MinimumRSAKeySize int
	// AllowedKeyTypes are the key types allowed, from RSA, RSA-HSM, EC and
	// EC-HSM. Default: all four (the policy pack's).
	AllowedKeyTypes []string
	// AllowedECCurves are the EC curves allowed, from P-256, P-256K, P-384
	// and P-521. Default: P-256, P-384 and P-521 (the policy pack's).
	AllowedECCurves []string
	// SecretMaxValidityDays is the longest validity of a secret, 1–36500.
	// Default: 90 (the policy pack's).
	SecretMaxValidityDays int
	// SecretMaxActiveDays is the longest a secret may be active, 1–36500.
	// Default: 90.
	SecretMaxActiveDays int
	// SecretMinDaysBeforeExpiry is how many days a secret must have left when
	// it is created or updated, 1–36500. Default: 30.
	SecretMinDaysBeforeExpiry int
	// CertificateMaxValidityMonths is the longest validity of a certificate,
	// 1–1200. Default: 12.
	CertificateMaxValidityMonths int
}

// Guardrail parameter defaults.
const (
	DefaultGuardrailKeyMaxValidityDays        = 90
	DefaultGuardrailKeyMaxActiveDays          = 90
	DefaultGuardrailKeyMinDaysBeforeExpiry    = 30
	DefaultGuardrailKeyMaxDaysToRotate        = 90
	DefaultGuardrailMinimumRSAKeySize         = 2048
	DefaultGuardrailSecretMaxValidityDays     = 90
	DefaultGuardrailSecretMaxActiveDays       = 90
	DefaultGuardrailSecretMinDaysBeforeExpiry = 30
	DefaultGuardrailCertificateMaxMonths      = 12
)

// DefaultGuardrailKeyTypes and DefaultGuardrailECCurves are the allowed key
// types and curves when none are given.
var (
	DefaultGuardrailKeyTypes = []string{"RSA", "RSA-HSM", "EC", "EC-HSM"}
	DefaultGuardrailECCurves = []string{"P-256", "P-384", "P-521"}
)

// GuardrailDefinition is one built-in Azure Policy definition the component
// can assign.
type GuardrailDefinition struct {
	// Key names the assignment in Effects and in the PolicyAssignmentIDs output.
	Key string
	// GUID is the built-in definition's name.
	GUID string
	// DisplayName summarises the rule.
	DisplayName string
	// Effects are the effects the definition allows besides Disabled,
	// strictest first; the first is the component's default (except for
	// key-hsm-backed).
	Effects []string
	// DataPlane is true for Microsoft.KeyVault.Data mode definitions.
	DataPlane bool
}

// GuardrailDefinitions are the built-in definitions assigned, in order.
var GuardrailDefinitions = []GuardrailDefinition{
	{"public-network-access", "405c5871-3e91-4644-8a63-58e19d68ff5b", "Key vaults should disable public network access", []string{"Deny", "Audit"}, false},
	{"firewall", "55615ac9-af46-4a59-874e-391cc3dfb490", "Key vaults should have the firewall enabled (default action Deny)", []string{"Deny", "Audit"}, false},
	{"private-link", "a6abeaec-4d90-4a02-805f-6b26c4d3fbe9", "Key vaults should use private link", []string{"Audit"}, false},
	{"soft-delete", "1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d", "Key vaults should have soft delete enabled", []string{"Deny", "Audit"}, false},
	{"deletion-protection", "0b60c0b2-2dc2-4e1c-b5c9-abbed971de53", "Key vaults should have deletion protection (purge protection) enabled", []string{"Deny", "Audit"}, false},
	{"rbac", "12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5", "Key vaults should use the RBAC permission model", []string{"Deny", "Audit"}, false},
	{"resource-logs", "cf820ca0-f99e-4f3e-84fb-66e913812d21", "Resource logs in key vaults should be enabled", []string{"AuditIfNotExists"}, false},
	{"vnet-service-endpoint", "ea4d6841-2173-4317-9747-ff522a45120f", "Key vaults should use a virtual network service endpoint", []string{"Audit"}, false},
	{"key-expiry", "152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0", "Keys should have an expiration date", []string{"Deny", "Audit"}, true},
	{"key-max-validity", "49a22571-d204-4c91-a7b6-09b1a586fbc9", "Keys should have at most the given validity period", []string{"Deny", "Audit"}, true},
	{"key-active-period", "c26e4b24-cf98-4c67-b48b-5a25c4c69eb9", "Keys should not be active for longer than the given number of days", []string{"Deny", "Audit"}, true},
	{"key-min-days-before-expiry", "5ff38825-c5d8-47c5-b70e-069a21955146", "Keys should have more than the given number of days before expiry", []string{"Deny", "Audit"}, true},
	{"key-hsm-backed", "587c79fe-dd04-4a5e-9d0b-f89598c7261b", "Keys should be backed by an HSM", []string{"Deny", "Audit"}, true},
	{"key-types", "75c4f823-d65c-4f29-a733-01d0077fdbcb", "Keys should be of the allowed types", []string{"Deny", "Audit"}, true},
	{"key-rsa-min-size", "82067dbb-e53b-4e06-b631-546d197452d9", "RSA keys should have at least the given size", []string{"Deny", "Audit"}, true},
	{"key-ec-curves", "ff25f3c8-b739-4538-9d07-3d6d25cfb255", "EC keys should use the allowed curves", []string{"Deny", "Audit"}, true},
	{"key-rotation", "d8cf8476-a2ec-4916-896e-992351803c44", "Keys should have a rotation policy that rotates them within the given number of days", []string{"Audit"}, true},
	{"secret-expiry", "98728c90-32c7-4049-8429-847dc0f4fe37", "Secrets should have an expiration date", []string{"Deny", "Audit"}, true},
	{"secret-max-validity", "342e8053-e12e-4c44-be01-c3c2f318400f", "Secrets should have at most the given validity period", []string{"Deny", "Audit"}, true},
	{"secret-active-period", "e8d99835-8a06-45ae-a8e0-87a91941ccfe", "Secrets should not be active for longer than the given number of days", []string{"Deny", "Audit"}, true},
	{"secret-min-days-before-expiry", "b0eb591a-5e70-4534-a8bf-04b9c489584a", "Secrets should have more than the given number of days before expiry", []string{"Deny", "Audit"}, true},
	{"secret-content-type", "75262d3e-ba4a-4f43-85f8-9f72c090e5e3", "Secrets should have a content type", []string{"Deny", "Audit"}, true},
	{"certificate-max-validity", "0a075868-4c26-42ef-914c-5bc007359560", "Certificates should have at most the given validity period", []string{"Deny", "Audit"}, true},
}

const policyDefinitionsPath = "/providers/Microsoft.Authorization/policyDefinitions/"

var (
	guardrailKeyTypes = map[string]bool{"RSA": true, "RSA-HSM": true, "EC": true, "EC-HSM": true}
	guardrailCurves   = map[string]bool{"P-256": true, "P-256K": true, "P-384": true, "P-521": true}
)

// plannedGuardrail is one definition with its effect and parameters.
type plannedGuardrail struct {
	GuardrailDefinition
	effect string
	params map[string]any // besides effect
}

func (p *plan) validateGuardrails(errs *argErrors) {
	g := &p.args.Guardrails
	if !g.Enabled {
		if len(g.Effects) > 0 || g.KeyMaxValidityDays != 0 || g.KeyMaxActiveDays != 0 || g.KeyMinDaysBeforeExpiry != 0 ||
			g.KeyMaxDaysToRotate != 0 || g.MinimumRSAKeySize != 0 || len(g.AllowedKeyTypes) > 0 || len(g.AllowedECCurves) > 0 ||
			g.SecretMaxValidityDays != 0 || g.SecretMaxActiveDays != 0 || g.SecretMinDaysBeforeExpiry != 0 || g.CertificateMaxValidityMonths != 0 {
			errs.add("Guardrails.Enabled", "is false, so the guardrail settings are not used: set Guardrails.Enabled to assign the policies")
		}
		return
	}
	days := func(field string, v *int, def, max int) {
		if *v == 0 {
			*v = def
		}
		if *v < 1 || *v > max {
			errs.add("Guardrails."+field, "%d must be between 1 and %d", *v, max)
		}
	}
	days("KeyMaxValidityDays", &g.KeyMaxValidityDays, DefaultGuardrailKeyMaxValidityDays, 36500)
	days("KeyMaxActiveDays", &g.KeyMaxActiveDays, DefaultGuardrailKeyMaxActiveDays, 36500)
	days("KeyMinDaysBeforeExpiry", &g.KeyMinDaysBeforeExpiry, DefaultGuardrailKeyMinDaysBeforeExpiry, 36500)
	days("KeyMaxDaysToRotate", &g.KeyMaxDaysToRotate, DefaultGuardrailKeyMaxDaysToRotate, 36500)
	days("SecretMaxValidityDays", &g.SecretMaxValidityDays, DefaultGuardrailSecretMaxValidityDays, 36500)
	days("SecretMaxActiveDays", &g.SecretMaxActiveDays, DefaultGuardrailSecretMaxActiveDays, 36500)
	days("SecretMinDaysBeforeExpiry", &g.SecretMinDaysBeforeExpiry, DefaultGuardrailSecretMinDaysBeforeExpiry, 36500)
	days("CertificateMaxValidityMonths", &g.CertificateMaxValidityMonths, DefaultGuardrailCertificateMaxMonths, 1200)
	if g.MinimumRSAKeySize == 0 {
		g.MinimumRSAKeySize = DefaultGuardrailMinimumRSAKeySize
	}
	if s := g.MinimumRSAKeySize; s != 2048 && s != 3072 && s != 4096 {
		errs.add("Guardrails.MinimumRSAKeySize", "%d must be 2048, 3072 or 4096", s)
	}
	g.AllowedKeyTypes = checkSet(errs, "Guardrails.AllowedKeyTypes", g.AllowedKeyTypes, DefaultGuardrailKeyTypes, guardrailKeyTypes, "RSA, RSA-HSM, EC or EC-HSM")
	g.AllowedECCurves = checkSet(errs, "Guardrails.AllowedECCurves", g.AllowedECCurves, DefaultGuardrailECCurves, guardrailCurves, "P-256, P-256K, P-384 or P-521")

	known := map[string]GuardrailDefinition{}
	for _, d := range GuardrailDefinitions {
		known[d.Key] = d
	}
	effects := map[string]string{}
	keys := make([]string, 0, len(g.Effects))
	for k := range g.Effects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := fmt.Sprintf("Guardrails.Effects[%q]", k)
		d, ok := known[k]
		if !ok {
			errs.add(f, "is not a guardrail: use one of %s", guardrailKeys())
			continue
		}
		e, ok := matchEffect(g.Effects[k], append(append([]string(nil), d.Effects...), "Disabled"))
		if !ok {
			errs.add(f, "%q is not an effect of %s: use %s or Disabled", g.Effects[k], k, strings.Join(d.Effects, ", "))
			continue
		}
		effects[k] = e
	}

	for _, d := range GuardrailDefinitions {
		e := d.Effects[0]
		if d.Key == "key-hsm-backed" {
			e = "Audit"
		}
		if o, ok := effects[d.Key]; ok {
			e = o
		}
		pg := plannedGuardrail{GuardrailDefinition: d, effect: e, params: map[string]any{}}
		switch d.Key {
		case "key-max-validity":
			pg.params["maximumValidityInDays"] = g.KeyMaxValidityDays
		case "key-active-period":
			pg.params["maximumValidityInDays"] = g.KeyMaxActiveDays
		case "key-min-days-before-expiry":
			pg.params["minimumDaysBeforeExpiration"] = g.KeyMinDaysBeforeExpiry
		case "key-rotation":
			pg.params["maximumDaysToRotate"] = g.KeyMaxDaysToRotate
		case "key-rsa-min-size":
			pg.params["minimumRSAKeySize"] = g.MinimumRSAKeySize
		case "key-types":
			pg.params["allowedKeyTypes"] = g.AllowedKeyTypes
		case "key-ec-curves":
			pg.params["allowedECNames"] = g.AllowedECCurves
		case "secret-max-validity":
			pg.params["maximumValidityInDays"] = g.SecretMaxValidityDays
		case "secret-active-period":
			pg.params["maximumValidityInDays"] = g.SecretMaxActiveDays
		case "secret-min-days-before-expiry":
			pg.params["minimumDaysBeforeExpiration"] = g.SecretMinDaysBeforeExpiry
		case "certificate-max-validity":
			pg.params["maximumValidityInMonths"] = g.CertificateMaxValidityMonths
		}
		p.guardrails = append(p.guardrails, pg)
	}
	p.checkGuardrailsAgainstPlan(errs)
}

// checkGuardrailsAgainstPlan refuses guardrails that would deny the
// component's own vault, keys or secrets: a Deny assignment must never make
// the next `pulumi up` fail in Azure.
func (p *plan) checkGuardrailsAgainstPlan(errs *argErrors) {
	g := p.args.Guardrails
	deny := map[string]bool{}
	for _, pg := range p.guardrails {
		deny[pg.Key] = pg.effect == "Deny"
	}
	conflict := func(field, key, format string, a ...any) {
		errs.add(field, format+": Azure Policy would deny it; change one or the other, or set Guardrails.Effects[%q] to \"Audit\"", append(a, key)...)
	}
	if deny["public-network-access"] && p.args.Network.AllowPublicNetworkAccess {
		conflict("Network.AllowPublicNetworkAccess", "public-network-access", "enables public access while the public-network-access guardrail denies it")
	}
	hsm := map[string]bool{"RSA-HSM": true, "EC-HSM": true}
	if deny["key-hsm-backed"] && p.sku != "premium" {
		errs.add("Guardrails.Effects[\"key-hsm-backed\"]", "Deny needs SKU \"premium\": a standard vault holds software keys only")
	}
	for i, k := range p.keys {
		f := fmt.Sprintf("Keys[%d]", i)
		if deny["key-max-validity"] && k.ValidityDays > g.KeyMaxValidityDays {
			conflict(f+".ValidityDays", "key-max-validity", "%d days exceeds Guardrails.KeyMaxValidityDays (%d)", k.ValidityDays, g.KeyMaxValidityDays)
		}
		if deny["key-active-period"] && k.ValidityDays > g.KeyMaxActiveDays {
			conflict(f+".ValidityDays", "key-active-period", "%d days exceeds Guardrails.KeyMaxActiveDays (%d)", k.ValidityDays, g.KeyMaxActiveDays)
		}
		if deny["key-min-days-before-expiry"] && k.ValidityDays <= g.KeyMinDaysBeforeExpiry {
			conflict(f+".ValidityDays", "key-min-days-before-expiry", "%d days is not more than Guardrails.KeyMinDaysBeforeExpiry (%d)", k.ValidityDays, g.KeyMinDaysBeforeExpiry)
		}
		if deny["key-types"] && !contains(g.AllowedKeyTypes, k.Type) {
			conflict(f+".Type", "key-types", "%s is not in Guardrails.AllowedKeyTypes", k.Type)
		}
		if deny["key-hsm-backed"] && !hsm[k.Type] {
			conflict(f+".Type", "key-hsm-backed", "%s is not HSM-backed", k.Type)
		}
		if deny["key-rsa-min-size"] && !strings.HasPrefix(k.Type, "EC") && k.Size < g.MinimumRSAKeySize {
			conflict(f+".Size", "key-rsa-min-size", "%d bits is below Guardrails.MinimumRSAKeySize (%d)", k.Size, g.MinimumRSAKeySize)
		}
		if deny["key-ec-curves"] && strings.HasPrefix(k.Type, "EC") && !contains(g.AllowedECCurves, k.Curve) {
			conflict(f+".Curve", "key-ec-curves", "%s is not in Guardrails.AllowedECCurves", k.Curve)
		}
	}
	for i, s := range p.secrets {
		f := fmt.Sprintf("Secrets[%d]", i)
		if deny["secret-max-validity"] && s.ValidityDays > g.SecretMaxValidityDays {
			conflict(f+".ValidityDays", "secret-max-validity", "%d days exceeds Guardrails.SecretMaxValidityDays (%d)", s.ValidityDays, g.SecretMaxValidityDays)
		}
		if deny["secret-active-period"] && s.ValidityDays > g.SecretMaxActiveDays {
			conflict(f+".ValidityDays", "secret-active-period", "%d days exceeds Guardrails.SecretMaxActiveDays (%d)", s.ValidityDays, g.SecretMaxActiveDays)
		}
		if deny["secret-min-days-before-expiry"] && s.ValidityDays <= g.SecretMinDaysBeforeExpiry {
			conflict(f+".ValidityDays", "secret-min-days-before-expiry", "%d days is not more than Guardrails.SecretMinDaysBeforeExpiry (%d)", s.ValidityDays, g.SecretMinDaysBeforeExpiry)
		}
	}
}

// checkSet validates a list against the allowed values, returning the
// default when it is empty.
func checkSet(errs *argErrors, field string, in, def []string, allowed map[string]bool, want string) []string {
	if len(in) == 0 {
		return append([]string(nil), def...)
	}
	seen := map[string]int{}
	for i, v := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch j, dup := seen[v]; {
		case !allowed[v]:
			errs.add(f, "%q must be %s", v, want)
		case dup:
			errs.add(f, "%q repeats %s[%d]", v, field, j)
		}
		seen[v] = i
	}
	return append([]string(nil), in...)
}

func matchEffect(e string, allowed []string) (string, bool) {
	for _, a := range allowed {
		if strings.EqualFold(a, e) {
			return a, true
		}
	}
	return "", false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func guardrailKeys() string {
	keys := make([]string, len(GuardrailDefinitions))
	for i, d := range GuardrailDefinitions {
		keys[i] = d.Key
	}
	return strings.Join(keys, ", ")
}

// resourceGroupOf returns the resource group ID prefix of an ARM resource ID.
func resourceGroupOf(id string) string {
	parts := strings.Split(id, "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "resourceGroups") {
			return strings.Join(parts[:i+2], "/")
		}
	}
	return ""
}

// guardrails assigns the planned definitions at the vault's resource group.
func (b *builder) guardrails(vault *keyvault.Vault) error {
	ids := pulumi.StringMap{}
	if !b.p.args.Guardrails.Enabled {
		b.c.PolicyAssignmentIDs = ids.ToStringMapOutput()
		return nil
	}
	scope := vault.ID().ApplyT(func(id pulumi.ID) string { return resourceGroupOf(string(id)) }).(pulumi.StringOutput)
	for _, g := range b.p.guardrails {
		params := authorization.ParameterValuesValueMap{
			"effect": authorization.ParameterValuesValueArgs{Value: pulumi.String(g.effect)},
		}
		for k, v := range g.params {
			switch v := v.(type) {
			case int:
				params[k] = authorization.ParameterValuesValueArgs{Value: pulumi.Int(v)}
			case []string:
				params[k] = authorization.ParameterValuesValueArgs{Value: pulumi.ToStringArray(v)}
			}
		}
		name := b.p.vaultName + "-" + g.Key
		a, err := authorization.NewPolicyAssignment(b.ctx, childName(b.p.name, "guardrail-"+g.Key), &authorization.PolicyAssignmentArgs{
			Scope:                scope,
			PolicyAssignmentName: pulumi.String(name),
			PolicyDefinitionId:   pulumi.String(policyDefinitionsPath + g.GUID),
			DisplayName:          pulumi.String(fmt.Sprintf("%s: %s", b.p.vaultName, g.DisplayName)),
			Description:          pulumi.String(fmt.Sprintf("Assigned by ZeroTrustVault %q to the resource group of Key Vault %s, so that changes made outside Pulumi follow the same rule.", b.p.name, b.p.vaultName)),
			EnforcementMode:      pulumi.String("Default"),
			Parameters:           params,
			NonComplianceMessages: authorization.NonComplianceMessageArray{authorization.NonComplianceMessageArgs{
				Message: pulumi.String(fmt.Sprintf("%s (guardrail of Key Vault %s, managed by Pulumi).", g.DisplayName, b.p.vaultName)),
			}},
			Metadata: pulumi.Map{"managedBy": pulumi.String("ZeroTrustVault " + b.p.name)},
		}, b.opts()...)
		if err != nil {
			return fmt.Errorf("creating guardrail %q: %w", g.Key, err)
		}
		ids[g.Key] = a.ID().ToStringOutput()
	}
	b.c.PolicyAssignmentIDs = ids.ToStringMapOutput()
	return nil
}
