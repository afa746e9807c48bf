package rules

import "testing"

func TestKeyExpirySet(t *testing.T) {
	t.Parallel()
	const path = "properties.attributes.expires"
	runResourceTable(t, NewKeyExpirySet(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "missing", props: with(goodKey(), path, deleted), want: []string{"Key Vault key 'cmk' must have an expiry date: set properties.attributes.expires to an expiry date in epoch seconds."}},
		{name: "missing attributes", props: with(goodKey(), "properties.attributes", deleted), want: []string{"expiry date"}},
		{name: "unknown", props: with(goodKey(), path, unknown)},
		{name: "malformed", props: with(goodKey(), path, "2030-01-01"), want: []string{"holds a string where a number belongs"}},
		{name: "config accepts rotation expiry", props: with(goodKey(), path, deleted), cfg: obj{"acceptRotationPolicyExpiry": true}},
		{name: "config rotation expiry missing too", props: with(with(goodKey(), path, deleted), "properties.rotationPolicy", deleted), cfg: obj{"acceptRotationPolicyExpiry": true}, want: []string{"expiry date"}},
		{name: "versioned token", typ: "azure-native:keyvault/v20230701:Key", props: with(goodKey(), path, deleted), want: []string{"expiry"}},
		{name: "override mandatory", props: with(goodKey(), path, deleted), override: true, level: lvlMand, want: []string{"expiry"}},
		{name: "override disabled", props: with(goodKey(), path, deleted), override: true, level: lvlDisabled, want: []string{"expiry"}},
	})
}

func TestKeyMaxValidity(t *testing.T) {
	t.Parallel()
	const path = "properties.attributes.expires"
	const rot = "properties.rotationPolicy.attributes.expiryTime"
	runResourceTable(t, NewKeyMaxValidity(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "too long from now", props: with(goodKey(), path, daysFromNow(400)), want: []string{"Key Vault key 'cmk' must be valid for at most 90 days (it is valid for 400)"}},
		{name: "measured from notBefore", props: with(with(goodKey(), path, daysFromNow(400)), "properties.attributes.notBefore", daysFromNow(350))},
		{name: "rotation expiry too long", props: with(goodKey(), rot, "P1Y"), want: []string{"must expire rotated versions within 90 days (properties.rotationPolicy.attributes.expiryTime is \"P1Y\")"}},
		{name: "rotation expiry not a duration", props: with(goodKey(), rot, "90 days"), want: []string{"must use an ISO-8601 duration"}},
		{name: "missing expiry", props: with(with(goodKey(), path, deleted), "properties.rotationPolicy", deleted)},
		{name: "unknown", props: with(with(goodKey(), path, unknown), rot, unknown)},
		{name: "malformed", props: with(goodKey(), path, true), want: []string{"holds a boolean where a number belongs"}},
		{name: "config MCSB 730 days", props: with(with(goodKey(), path, daysFromNow(400)), rot, "P1Y"), cfg: obj{"maxValidityDays": 730}},
		{name: "override mandatory", props: with(goodKey(), rot, "P1Y"), override: true, level: lvlMand, want: []string{"90 days"}},
		{name: "override disabled", props: with(goodKey(), rot, "P1Y"), override: true, level: lvlDisabled, want: []string{"90 days"}},
	})
}

func TestKeyHSMBacked(t *testing.T) {
	t.Parallel()
	const path = "properties.kty"
	runResourceTable(t, NewKeyHSMBacked(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "compliant ec-hsm lower case", props: with(goodKey(), path, "ec-hsm")},
		{name: "software key", props: with(goodKey(), path, "RSA"), want: []string{"Key Vault key 'cmk' must be HSM-backed (kty is \"RSA\"): set properties.kty to 'RSA-HSM' or 'EC-HSM' (in a premium vault)."}},
		{name: "missing left to key type policy", props: with(goodKey(), path, deleted)},
		{name: "unknown", props: with(goodKey(), path, unknown)},
		{name: "malformed left to key type policy", props: with(goodKey(), path, 1)},
		{name: "override mandatory", props: with(goodKey(), path, "EC"), override: true, level: lvlMand, want: []string{"HSM"}},
		{name: "override disabled", props: with(goodKey(), path, "EC"), override: true, level: lvlDisabled, want: []string{"HSM"}},
	})
}

func TestKeyTypeAllowed(t *testing.T) {
	t.Parallel()
	const path = "properties.kty"
	runResourceTable(t, NewKeyTypeAllowed(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "compliant case-insensitive", props: with(goodKey(), path, "ec")},
		{name: "oct not allowed", props: with(goodKey(), path, "oct-HSM"), want: []string{"Key Vault key 'cmk' must use an allowed key type (kty is \"oct-HSM\"): set properties.kty to one of RSA, RSA-HSM, EC, EC-HSM."}},
		{name: "missing", props: with(goodKey(), path, deleted), want: []string{"must declare its key type"}},
		{name: "unknown", props: with(goodKey(), path, unknown)},
		{name: "malformed", props: with(goodKey(), path, list{"RSA"}), want: []string{"holds a list where a string belongs"}},
		{name: "config HSM only", props: with(goodKey(), path, "RSA"), cfg: obj{"allowedKeyTypes": list{"RSA-HSM", "EC-HSM"}}, want: []string{"one of RSA-HSM, EC-HSM"}},
		{name: "override advisory", props: with(goodKey(), path, "oct"), override: true, level: lvlAdvisory, want: []string{"allowed key type"}},
		{name: "override disabled", props: with(goodKey(), path, "oct"), override: true, level: lvlDisabled, want: []string{"allowed key type"}},
	})
}

func TestKeyRSAMinSize(t *testing.T) {
	t.Parallel()
	const path = "properties.keySize"
	runResourceTable(t, NewKeyRSAMinSize(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "boundary 2048", props: with(goodKey(), path, 2048)},
		{name: "too small", props: with(goodKey(), path, 1024), want: []string{"Key Vault key 'cmk' must be at least 2048 bits (keySize is 1024): set properties.keySize to 2048 or more."}},
		{name: "missing is 2048", props: with(goodKey(), path, deleted)},
		{name: "missing below configured minimum", props: with(goodKey(), path, deleted), cfg: obj{"minimumRsaKeySize": 3072}, want: []string{"at least 3072 bits (keySize is 2048)"}},
		{name: "ec key ignored", props: with(with(goodKey(), "properties.kty", "EC"), path, 256)},
		{name: "unknown", props: with(goodKey(), path, unknown)},
		{name: "unknown kty", props: with(with(goodKey(), "properties.kty", unknown), path, 1024)},
		{name: "malformed", props: with(goodKey(), path, "4096"), want: []string{"holds a string where a number belongs"}},
		{name: "fractional", props: with(goodKey(), path, 2048.5), want: []string{"whole number of bits"}},
		{name: "config 4096", props: with(goodKey(), path, 3072), cfg: obj{"minimumRsaKeySize": 4096}, want: []string{"at least 4096"}},
		{name: "override advisory", props: with(goodKey(), path, 1024), override: true, level: lvlAdvisory, want: []string{"2048"}},
		{name: "override disabled", props: with(goodKey(), path, 1024), override: true, level: lvlDisabled, want: []string{"2048"}},
	})
}

func TestKeyCurveAllowed(t *testing.T) {
	t.Parallel()
	ec := with(with(goodKey(), "properties.kty", "EC-HSM"), "properties.keySize", deleted)
	const path = "properties.curveName"
	runResourceTable(t, NewKeyCurveAllowed(), tokKey, []rcase{
		{name: "compliant", props: with(ec, path, "P-384")},
		{name: "missing is P-256", props: ec},
		{name: "secp256k1", props: with(ec, path, "P-256K"), want: []string{"Key Vault key 'cmk' must use an allowed curve (curveName is \"P-256K\"): set properties.curveName to one of P-256, P-384, P-521."}},
		{name: "rsa ignored", props: with(goodKey(), path, "P-256K")},
		{name: "unknown", props: with(ec, path, unknown)},
		{name: "malformed", props: with(ec, path, 384), want: []string{"holds a number where a string belongs"}},
		{name: "config", props: ec, cfg: obj{"allowedCurves": list{"P-384"}}, want: []string{"curveName is \"P-256\""}},
		{name: "override advisory", props: with(ec, path, "P-256K"), override: true, level: lvlAdvisory, want: []string{"curve"}},
		{name: "override disabled", props: with(ec, path, "P-256K"), override: true, level: lvlDisabled, want: []string{"curve"}},
	})
}

func TestKeyRotationPolicy(t *testing.T) {
	t.Parallel()
	const path = "properties.rotationPolicy.lifetimeActions"
	act := func(typ any, trigger obj) obj { return obj{"action": obj{"type": typ}, "trigger": trigger} }
	actions := func(a ...any) obj { return with(goodKey(), path, list(a)) }
	runResourceTable(t, NewKeyRotationPolicy(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "compliant before expiry", props: actions(act("rotate", obj{"timeBeforeExpiry": "P30D"}))},
		{name: "missing policy", props: with(goodKey(), "properties.rotationPolicy", deleted), want: []string{"Key Vault key 'cmk' must have an automatic rotation policy: add {action: {type: 'Rotate'}, trigger: {timeAfterCreate: 'P90D'}} to properties.rotationPolicy.lifetimeActions."}},
		{name: "notify only", props: actions(act("Notify", obj{"timeBeforeExpiry": "P30D"})), want: []string{"has no Rotate action"}},
		{name: "too late", props: actions(act("Rotate", obj{"timeAfterCreate": "P1Y"})), want: []string{"must rotate within 90 days (its Rotate action fires after 365 days)"}},
		{name: "bad duration", props: actions(act("Rotate", obj{"timeAfterCreate": "soon"})), want: []string{"ISO-8601 duration", "no Rotate action"}},
		{name: "unknown actions", props: with(goodKey(), path, unknown)},
		{name: "unknown type", props: actions(act(unknown, obj{}))},
		{name: "unknown trigger", props: actions(act("Rotate", obj{"timeAfterCreate": unknown}))},
		{name: "malformed actions", props: with(goodKey(), path, obj{}), want: []string{"holds an object where a list belongs"}},
		{name: "malformed type", props: actions(act(true, obj{})), want: []string{"must fix properties.rotationPolicy.lifetimeActions[0].action.type, which holds a boolean where a string belongs", "no Rotate action"}},
		{name: "config 400 days", props: actions(act("Rotate", obj{"timeAfterCreate": "P1Y"})), cfg: obj{"maxDaysToRotate": 400}},
		{name: "override mandatory", props: actions(act("Notify", obj{})), override: true, level: lvlMand, want: []string{"Rotate"}},
		{name: "override disabled", props: actions(act("Notify", obj{})), override: true, level: lvlDisabled, want: []string{"Rotate"}},
	})
}

func TestKeyNotExportableOpsLimited(t *testing.T) {
	t.Parallel()
	const ops = "properties.keyOps"
	const exp = "properties.attributes.exportable"
	runResourceTable(t, NewKeyNotExportableOpsLimited(), tokKey, []rcase{
		{name: "compliant", props: goodKey()},
		{name: "exportable", props: with(goodKey(), exp, true), want: []string{"Key Vault key 'cmk' must not be exportable: set properties.attributes.exportable to false."}},
		{name: "missing exportable defaults false", props: with(goodKey(), exp, deleted)},
		{name: "missing ops", props: with(goodKey(), ops, deleted), want: []string{"must list its permitted operations"}},
		{name: "import op", props: with(goodKey(), ops, list{"wrapKey", "import"}), want: []string{"must not permit the \"import\" operation in properties.keyOps[1]"}},
		{name: "unknown", props: with(with(goodKey(), ops, unknown), exp, unknown)},
		{name: "unknown op", props: with(goodKey(), ops, list{unknown})},
		{name: "malformed", props: with(goodKey(), ops, "wrapKey"), want: []string{"holds a string where a list belongs"}},
		{name: "malformed exportable", props: with(goodKey(), exp, "no"), want: []string{"holds a string where a boolean belongs"}},
		{name: "config ops optional", props: with(goodKey(), ops, deleted), cfg: obj{"requireKeyOps": false}},
		{name: "config allowed ops", props: with(goodKey(), ops, list{"release"}), cfg: obj{"allowedKeyOperations": list{"release"}}},
		{name: "override mandatory", props: with(goodKey(), exp, true), override: true, level: lvlMand, want: []string{"exportable"}},
		{name: "override disabled", props: with(goodKey(), exp, true), override: true, level: lvlDisabled, want: []string{"exportable"}},
	})
}

func TestSecretExpirySet(t *testing.T) {
	t.Parallel()
	const path = "properties.attributes.expires"
	runResourceTable(t, NewSecretExpirySet(), tokSecret, []rcase{
		{name: "compliant", props: goodSecret()},
		{name: "missing", props: with(goodSecret(), path, deleted), want: []string{"Key Vault secret 'db-password' must have an expiry date: set properties.attributes.expires to an expiry date in epoch seconds."}},
		{name: "unknown", props: with(goodSecret(), path, unknown)},
		{name: "malformed", props: with(goodSecret(), "properties.attributes", list{}), want: []string{"must fix properties.attributes, which holds a list where an object belongs"}},
		{name: "override mandatory", props: with(goodSecret(), path, deleted), override: true, level: lvlMand, want: []string{"expiry"}},
		{name: "override disabled", props: with(goodSecret(), path, deleted), override: true, level: lvlDisabled, want: []string{"expiry"}},
	})
}

func TestSecretMaxValidity(t *testing.T) {
	t.Parallel()
	const path = "properties.attributes.expires"
	runResourceTable(t, NewSecretMaxValidity(), tokSecret, []rcase{
		{name: "compliant", props: goodSecret()},
		{name: "too long", props: with(goodSecret(), path, daysFromNow(200)), want: []string{"Key Vault secret 'db-password' must be valid for at most 90 days"}},
		{name: "missing", props: with(goodSecret(), path, deleted)},
		{name: "unknown", props: with(goodSecret(), path, unknown)},
		{name: "unknown notBefore", props: with(with(goodSecret(), path, daysFromNow(200)), "properties.attributes.notBefore", unknown)},
		{name: "malformed", props: with(goodSecret(), path, "soon"), want: []string{"holds a string where a number belongs"}},
		{name: "config 365", props: with(goodSecret(), path, daysFromNow(200)), cfg: obj{"maxValidityDays": 365}},
		{name: "override mandatory", props: with(goodSecret(), path, daysFromNow(200)), override: true, level: lvlMand, want: []string{"90 days"}},
		{name: "override disabled", props: with(goodSecret(), path, daysFromNow(200)), override: true, level: lvlDisabled, want: []string{"90 days"}},
	})
}

func TestSecretContentTypeSet(t *testing.T) {
	t.Parallel()
	const path = "properties.contentType"
	runResourceTable(t, NewSecretContentTypeSet(), tokSecret, []rcase{
		{name: "compliant", props: goodSecret()},
		{name: "missing", props: with(goodSecret(), path, deleted), want: []string{"Key Vault secret 'db-password' must declare a content type"}},
		{name: "empty", props: with(goodSecret(), path, ""), want: []string{"content type"}},
		{name: "unknown", props: with(goodSecret(), path, unknown)},
		{name: "malformed", props: with(goodSecret(), path, 1), want: []string{"holds a number where a string belongs"}},
		{name: "override mandatory", props: with(goodSecret(), path, deleted), override: true, level: lvlMand, want: []string{"content type"}},
		{name: "override disabled", props: with(goodSecret(), path, deleted), override: true, level: lvlDisabled, want: []string{"content type"}},
	})
}

func TestSecretValueIsSecret(t *testing.T) {
	t.Parallel()
	const path = "properties.value"
	runResourceTable(t, NewSecretValueIsSecret(), tokSecret, []rcase{
		{name: "compliant", props: goodSecret()},
		{name: "secret properties object", props: with(goodSecret(), "properties", secret(obj{"value": "x", "contentType": "text/plain"}))},
		{name: "plaintext", props: with(goodSecret(), path, "hunter2"), want: []string{"Key Vault secret 'db-password' must keep its value out of plaintext state: pass the value through pulumi.ToSecret"}},
		{name: "missing", props: with(goodSecret(), path, deleted)},
		{name: "unknown", props: with(goodSecret(), path, unknown)},
		{name: "unknown secret", props: with(goodSecret(), path, secret(unknown))},
		{name: "malformed", props: with(goodSecret(), path, secret(42)), want: []string{"must fix properties.value, which holds a number where a string belongs"}},
		{name: "versioned token", typ: "azure-native:keyvault/v20230701:Secret", props: with(goodSecret(), path, "hunter2"), want: []string{"plaintext"}},
		{name: "override advisory", props: with(goodSecret(), path, "hunter2"), override: true, level: lvlAdvisory, want: []string{"plaintext"}},
		{name: "override disabled", props: with(goodSecret(), path, "hunter2"), override: true, level: lvlDisabled, want: []string{"plaintext"}},
	})
}

func TestManagedHSMHardened(t *testing.T) {
	t.Parallel()
	hsm := obj{"name": "hsm-prod", "properties": obj{"publicNetworkAccess": "Disabled", "enablePurgeProtection": true}}
	hsmKey := obj{"keyName": "hk", "properties": obj{"kty": "RSA-HSM", "keySize": 3072, "attributes": obj{"expires": daysFromNow(30)}}}
	const tokHsmKey = "azure-native:keyvault:ManagedHsmKey"
	runResourceTable(t, NewManagedHSMHardened(), tokManagedHsm, []rcase{
		{name: "compliant", props: hsm},
		{name: "compliant key", typ: tokHsmKey, props: hsmKey},
		{name: "public", props: with(hsm, "properties.publicNetworkAccess", "Enabled"), want: []string{"Managed HSM 'hsm-prod' must disable public network access: set properties.publicNetworkAccess to 'Disabled'."}},
		{name: "missing defaults", props: obj{"name": "hsm-prod"}, want: []string{"public network access"}},
		{name: "purge protection off", props: with(hsm, "properties.enablePurgeProtection", false), want: []string{"must keep purge protection enabled"}},
		{name: "key without expiry and small", typ: tokHsmKey, props: with(with(hsmKey, "properties.attributes.expires", deleted), "properties.keySize", 1024), want: []string{"Managed HSM key 'hk' must have an expiry date", "must be at least 2048 bits"}},
		{name: "unknown", props: with(with(hsm, "properties.publicNetworkAccess", unknown), "properties.enablePurgeProtection", unknown)},
		{name: "malformed", props: with(hsm, "properties.enablePurgeProtection", "yes"), want: []string{"holds a string where a boolean belongs"}},
		{name: "config key size", typ: tokHsmKey, props: hsmKey, cfg: obj{"minimumRsaKeySize": 4096}, want: []string{"at least 4096"}},
		{name: "override mandatory", props: with(hsm, "properties.publicNetworkAccess", "Enabled"), override: true, level: lvlMand, want: []string{"public"}},
		{name: "override disabled", props: with(hsm, "properties.publicNetworkAccess", "Enabled"), override: true, level: lvlDisabled, want: []string{"public"}},
	})
}
