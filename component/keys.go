package component

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// KeyArgs describe one key the component creates in the vault. Keys are never
// exportable, always expire, and rotate automatically unless told otherwise.
//
// Azure Resource Manager creates a key only if it does not exist and never
// updates an existing one, so every setting here takes effect when the key is
// created; change the rotation policy of an existing key through the data
// plane (az keyvault key rotation-policy update), or create a new key name.
type KeyArgs struct {
	// Name is the key's name in the vault (1–127 letters, digits and
	// hyphens). Required, unique; it keys the key outputs.
	Name string
	// Type is RSA, EC, RSA-HSM or EC-HSM (HSM types need the premium SKU).
	// Default: RSA-HSM in a premium vault, RSA in a standard one.
	Type string
	// Size is the RSA modulus length: 3072 or 4096 (2048 only with
	// AllowRSA2048). Refused for EC keys. Default: 3072.
	Size int
	// AllowRSA2048 accepts 2048-bit RSA keys (the minimum Azure allows, below
	// the project's default). Default: false.
	AllowRSA2048 bool
	// Curve is the EC curve: P-256, P-384 or P-521. Refused for RSA keys.
	// Default: P-256.
	Curve string
	// Operations are the permitted key operations, from encrypt, decrypt,
	// sign, verify, wrapKey and unwrapKey (EC keys: sign and verify).
	// Default: wrapKey and unwrapKey for RSA (customer-managed keys), sign
	// and verify for EC.
	Operations []string
	// ValidityDays is how long each key version lives, 28–730 days. The first
	// version expires this long after creation; the rotation policy gives
	// every new version the same lifetime. Default: 365.
	ValidityDays int
	// RotateBeforeExpiryDays rotates the key this many days before the
	// current version expires, 7 to ValidityDays-7. Default: 30.
	RotateBeforeExpiryDays int
	// NotifyBeforeExpiryDays sends Event Grid's near-expiry event this many
	// days before expiry, 7 to ValidityDays-7. Default: 30.
	NotifyBeforeExpiryDays int
	// DisableAutoRotation leaves out the rotate action (notify only); the
	// key must then be rotated by hand before it expires. Default: false.
	DisableAutoRotation bool
	// RoleAssignments grant roles on this key only (for example Key Vault
	// Crypto Service Encryption User for a storage account's identity).
	RoleAssignments []RoleAssignmentArgs
}

// Key defaults and limits.
const (
	DefaultKeyType          = "RSA"
	DefaultRSAKeySize       = 3072
	DefaultECCurve          = "P-256"
	DefaultKeyValidityDays  = 365
	DefaultRotateBeforeDays = 30
	DefaultNotifyBeforeDays = 30
	minKeyValidityDays      = 28
	maxKeyValidityDays      = 730
	minRotationLeadDays     = 7
)

// expiresPath is the expiry property of keys and secrets. The expiry is fixed
// when the item is created; re-runs must not move it (keys get new versions
// with fresh expiries from their rotation policy).
const expiresPath = "properties.attributes.expires"

var (
	itemNameRE = regexp.MustCompile(`^[0-9A-Za-z-]{1,127}$`)
	rsaOps     = map[string]bool{"encrypt": true, "decrypt": true, "sign": true, "verify": true, "wrapKey": true, "unwrapKey": true}
	ecOps      = map[string]bool{"sign": true, "verify": true}
	curves     = map[string]bool{"P-256": true, "P-384": true, "P-521": true}
)

type plannedKey struct {
	KeyArgs
	roles []plannedRole
}

func (p *plan) validateKeys(errs *argErrors) {
	seen := map[string]int{}
	for i, k := range p.args.Keys {
		f := fmt.Sprintf("Keys[%d]", i)
		checkItemName(errs, seen, "Keys", i, k.Name)
		if k.Type == "" {
			k.Type = DefaultKeyType
			if p.sku == "premium" {
				k.Type += "-HSM"
			}
		}
		isEC := strings.HasPrefix(k.Type, "EC")
		switch k.Type {
		case "RSA", "EC":
		case "RSA-HSM", "EC-HSM":
			if p.sku != "premium" {
				errs.add(f+".Type", "%s keys are HSM-backed and need SKU \"premium\"", k.Type)
			}
		default:
			errs.add(f+".Type", "%q must be RSA, EC, RSA-HSM or EC-HSM", k.Type)
		}
		if isEC {
			if k.Size != 0 {
				errs.add(f+".Size", "is for RSA keys; EC keys take Curve")
			}
			if k.Curve == "" {
				k.Curve = DefaultECCurve
			}
			if !curves[k.Curve] {
				errs.add(f+".Curve", "%q must be P-256, P-384 or P-521", k.Curve)
			}
		} else {
			if k.Curve != "" {
				errs.add(f+".Curve", "is for EC keys; RSA keys take Size")
			}
			if k.Size == 0 {
				k.Size = DefaultRSAKeySize
			}
			switch {
			case k.Size == 2048 && !k.AllowRSA2048:
				errs.add(f+".Size", "2048-bit RSA is below the project's minimum of 3072: use 3072 or 4096, or set AllowRSA2048")
			case k.Size != 2048 && k.Size != 3072 && k.Size != 4096:
				errs.add(f+".Size", "%d must be 3072 or 4096 (or 2048 with AllowRSA2048)", k.Size)
			}
		}
		allowed := rsaOps
		if isEC {
			allowed = ecOps
		}
		if len(k.Operations) == 0 {
			k.Operations = []string{"wrapKey", "unwrapKey"}
			if isEC {
				k.Operations = []string{"sign", "verify"}
			}
		}
		opSeen := map[string]bool{}
		for j, op := range k.Operations {
			switch {
			case op == "import" || op == "export":
				errs.add(fmt.Sprintf("%s.Operations[%d]", f, j), "%q is refused: keys are generated in the vault and never leave it", op)
			case !allowed[op]:
				errs.add(fmt.Sprintf("%s.Operations[%d]", f, j), "%q is not a %s key operation (allowed: %s)", op, k.Type, opList(allowed))
			case opSeen[op]:
				errs.add(fmt.Sprintf("%s.Operations[%d]", f, j), "%q is listed twice", op)
			}
			opSeen[op] = true
		}
		if k.ValidityDays == 0 {
			k.ValidityDays = DefaultKeyValidityDays
		}
		if k.ValidityDays < minKeyValidityDays || k.ValidityDays > maxKeyValidityDays {
			errs.add(f+".ValidityDays", "%d must be between %d and %d days", k.ValidityDays, minKeyValidityDays, maxKeyValidityDays)
		}
		if k.DisableAutoRotation && k.RotateBeforeExpiryDays != 0 {
			errs.add(f+".RotateBeforeExpiryDays", "contradicts DisableAutoRotation: set one or the other")
		}
		if k.RotateBeforeExpiryDays == 0 {
			k.RotateBeforeExpiryDays = DefaultRotateBeforeDays
		}
		if k.NotifyBeforeExpiryDays == 0 {
			k.NotifyBeforeExpiryDays = DefaultNotifyBeforeDays
		}
		for _, lead := range []struct {
			field string
			days  int
		}{{"RotateBeforeExpiryDays", k.RotateBeforeExpiryDays}, {"NotifyBeforeExpiryDays", k.NotifyBeforeExpiryDays}} {
			if lead.days < minRotationLeadDays || lead.days > k.ValidityDays-minRotationLeadDays {
				errs.add(f+"."+lead.field, "%d must be between %d and ValidityDays-%d (%d) days so that each version lives a week before the action", lead.days, minRotationLeadDays, minRotationLeadDays, k.ValidityDays-minRotationLeadDays)
			}
		}
		roles := p.planRoles(errs, f+".RoleAssignments", k.RoleAssignments)
		p.keys = append(p.keys, plannedKey{KeyArgs: k, roles: roles})
	}
}

// checkItemName checks the Name of entry i of the Keys or Secrets list
// against Key Vault's object name rules and for case-insensitive repeats.
func checkItemName(errs *argErrors, seen map[string]int, list string, i int, name string) {
	field := fmt.Sprintf("%s[%d].Name", list, i)
	if !itemNameRE.MatchString(name) {
		errs.add(field, "%q must be 1–127 letters, digits or hyphens", name)
	} else if j, dup := seen[strings.ToLower(name)]; dup {
		errs.add(field, "%q repeats %s[%d].Name (names are case-insensitive)", name, list, j)
	}
	seen[strings.ToLower(name)] = i
}

func opList(m map[string]bool) string {
	var out []string
	for _, op := range []string{"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"} {
		if m[op] {
			out = append(out, op)
		}
	}
	return strings.Join(out, ", ")
}

// isoDays renders a day count as an ISO-8601 duration.
func isoDays(d int) string { return fmt.Sprintf("P%dD", d) }

// keys registers the vault's keys, their rotation policies and role assignments.
func (b *builder) keys(vault *keyvault.Vault) error {
	ids, uris, versioned := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	for _, k := range b.p.keys {
		actions := keyvault.LifetimeActionArray{
			keyvault.LifetimeActionArgs{
				Action:  keyvault.ActionArgs{Type: keyvault.KeyRotationPolicyActionTypeNotify},
				Trigger: keyvault.TriggerArgs{TimeBeforeExpiry: pulumi.String(isoDays(k.NotifyBeforeExpiryDays))},
			},
		}
		if !k.DisableAutoRotation {
			actions = append(keyvault.LifetimeActionArray{keyvault.LifetimeActionArgs{
				Action:  keyvault.ActionArgs{Type: keyvault.KeyRotationPolicyActionTypeRotate},
				Trigger: keyvault.TriggerArgs{TimeBeforeExpiry: pulumi.String(isoDays(k.RotateBeforeExpiryDays))},
			}}, actions...)
		}
		props := keyvault.KeyPropertiesArgs{
			Kty:    pulumi.String(k.Type),
			KeyOps: pulumi.ToStringArray(k.Operations),
			Attributes: keyvault.KeyAttributesArgs{
				Enabled:    pulumi.Bool(true),
				Exportable: pulumi.Bool(false),
				Expires:    pulumi.Float64(float64(time.Now().Add(time.Duration(k.ValidityDays) * 24 * time.Hour).Unix())),
			},
			RotationPolicy: keyvault.RotationPolicyArgs{
				Attributes:      keyvault.KeyRotationPolicyAttributesArgs{ExpiryTime: pulumi.String(isoDays(k.ValidityDays))},
				LifetimeActions: actions,
			},
		}
		if strings.HasPrefix(k.Type, "EC") {
			props.CurveName = pulumi.String(k.Curve)
		} else {
			props.KeySize = pulumi.Int(k.Size)
		}
		key, err := keyvault.NewKey(b.ctx, childName(b.p.name, "key-"+k.Name), &keyvault.KeyArgs{
			KeyName:           pulumi.String(k.Name),
			VaultName:         vault.Name,
			ResourceGroupName: b.p.args.ResourceGroupName,
			Properties:        props,
			Tags:              pulumi.ToStringMap(b.p.args.Tags),
		}, b.opts(pulumi.IgnoreChanges([]string{expiresPath}))...)
		if err != nil {
			return fmt.Errorf("creating key %q: %w", k.Name, err)
		}
		b.lockDeps = append(b.lockDeps, key)
		if _, err := b.assign(vault, key.ID().ToStringOutput(), "key-"+k.Name+"-role", fmt.Sprintf("Keys[%s].RoleAssignments", k.Name), k.roles, pulumi.Parent(key)); err != nil {
			return err
		}
		ids[k.Name] = key.ID().ToStringOutput()
		uris[k.Name] = key.KeyUri
		versioned[k.Name] = key.KeyUriWithVersion
	}
	b.c.KeyIDs = ids.ToStringMapOutput()
	b.c.KeyURIs = uris.ToStringMapOutput()
	b.c.KeyVersionedURIs = versioned.ToStringMapOutput()
	return nil
}
