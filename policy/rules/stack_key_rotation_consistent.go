package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewKeyRotationConsistent returns stack rule 7: a key's rotation settings agree with its
// expiry and the maximum validity. When a rotation policy sets attributes.expiryTime, that
// duration is at most maxValidityDays, a Rotate action exists, and every Rotate trigger fires
// before the version expires (timeAfterCreate shorter than expiryTime, timeBeforeExpiry
// shorter than expiryTime).
func NewKeyRotationConsistent() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-key-rotation-consistent",
		desc:  "Key rotation policies rotate before the key expires and within the maximum validity (stack rule 7; guide 3 Use Key Rotation; Azure Policy d8cf8476, 49a22571).",
		level: advisory,
		schema: schema(map[string]map[string]any{
			"maxValidityDays": schemaInt("Longest expiryTime a rotation policy may set, in days.", 90, 1, 36500),
		}),
		check: func(c *stackCheck) error {
			maxDays, err := cfgInt(c.cfg, "maxValidityDays", 90)
			if err != nil {
				return err
			}
			idx := c.idx
			for _, k := range idx.byKind[kKey] {
				checkRotationConsistency(c, idx, k, maxDays)
			}
			return nil
		},
	})
}

func checkRotationConsistency(c *stackCheck, idx *index, k, maxDays int) {
	props := idx.nodes[k].r.Properties
	urn := idx.nodes[k].r.URN
	label := "Key Vault key " + quote(idx.displayName(k))
	const expPath = "properties.rotationPolicy.attributes.expiryTime"
	exp, ef := get(props, expPath).str()
	if !ef.known() {
		return
	}
	expiry, ok := isoDays(exp)
	if !ok {
		c.reportf(urn, "%s must use an ISO-8601 duration such as 'P90D' in %s (got %q): fix the rotation policy.", label, expPath, exp)
		return
	}
	if expiry > float64(maxDays) {
		c.reportf(urn, "%s must expire rotated versions within %d days: set %s to at most 'P%dD'.", label, maxDays, expPath, maxDays)
	}
	const actPath = "properties.rotationPolicy.lifetimeActions"
	actions, af := get(props, actPath).array()
	if af.st == stUnknown || af.st == stMalformed {
		return
	}
	rotate := false
	for i := 0; i < actions.Len(); i++ {
		a := elem(actions, i, actPath)
		typ, tf := sub(a, "action.type").str()
		if tf.st == stUnknown {
			return
		}
		if !tf.known() || !eqFold(typ, "Rotate") {
			continue
		}
		rotate = true
		for _, trig := range []string{"timeAfterCreate", "timeBeforeExpiry"} {
			s, f := sub(a, "trigger."+trig).str()
			if !f.known() {
				continue
			}
			if d, ok := isoDays(s); ok && d >= expiry {
				c.reportf(urn, "%s must rotate before its versions expire (%s %q is not shorter than expiryTime %q): shorten %s.", label, trig, s, exp, f.path)
			}
		}
	}
	if !rotate {
		c.reportf(urn, "%s sets an expiryTime without a Rotate action, so its versions expire without replacement: add {action: {type: 'Rotate'}, trigger: {timeBeforeExpiry: 'P30D'}} to %s.", label, actPath)
	}
}
