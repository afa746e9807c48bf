package rules

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewKeyRotationPolicy returns rule K9: a key has a rotation policy whose lifetime actions
// include a Rotate action that fires within maxDaysToRotate days of creation (timeAfterCreate,
// or expiryTime minus timeBeforeExpiry).
func NewKeyRotationPolicy() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-rotation-policy",
		desc:  "Key Vault keys rotate automatically within a bounded period (K9; guide 3 Use Key Rotation; Azure Policy d8cf8476, PSRule Azure.KeyVault.AutoRotationPolicy, CIS 8.3.9).",
		level: advisory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"maxDaysToRotate": schemaInt("Latest a Rotate action may fire, in days after the key version is created.", 90, 1, 36500),
		}),
		check: func(c *resourceCheck) error {
			maxDays, err := cfgInt(c.cfg, "maxDaysToRotate", 90)
			if err != nil {
				return err
			}
			label := c.keyLabel()
			const path = "properties.rotationPolicy.lifetimeActions"
			fix := fmt.Sprintf("add {action: {type: 'Rotate'}, trigger: {timeAfterCreate: 'P%dD'}} to %s", maxDays, path)
			actions, st := c.array(label, path, fix)
			switch st {
			case stUnknown, stMalformed:
				return nil
			case stAbsent:
				c.reportf("%s must have an automatic rotation policy: %s.", label, fix)
				return nil
			}
			expiry, hasExpiry := 0.0, false
			if s, f := get(c.props, "properties.rotationPolicy.attributes.expiryTime").str(); f.known() {
				expiry, hasExpiry = isoDays(s)
			}
			rotate := false
			slow := ""
			for i := 0; i < actions.Len(); i++ {
				a := elem(actions, i, path)
				typ, tf := sub(a, "action.type").str()
				switch tf.st {
				case stMalformed:
					c.malformed(label, tf, "set "+tf.path+" to 'Rotate' or 'Notify'")
					continue
				case stUnknown:
					return nil // may be the Rotate action
				case stAbsent:
					continue
				}
				if !eqFold(typ, "Rotate") {
					continue
				}
				after, af := sub(a, "trigger.timeAfterCreate").str()
				before, bf := sub(a, "trigger.timeBeforeExpiry").str()
				if af.st == stUnknown || bf.st == stUnknown {
					return nil
				}
				days, ok := 0.0, false
				switch {
				case af.known():
					days, ok = isoDays(after)
				case bf.known() && hasExpiry:
					if b, okb := isoDays(before); okb {
						days, ok = expiry-b, true
					}
				case bf.known():
					// Relative to an expiry this policy cannot see; accept it.
					rotate = true
					continue
				}
				if !ok {
					c.reportf("%s must give its Rotate action a trigger with an ISO-8601 duration in %s: %s.", label, a.path+".trigger", fix)
					continue
				}
				if days > float64(maxDays) {
					slow = fmt.Sprintf("%v days", days)
					continue
				}
				rotate = true
			}
			switch {
			case rotate:
			case slow != "":
				c.reportf("%s must rotate within %d days (its Rotate action fires after %s): %s.", label, maxDays, slow, fix)
			default:
				c.reportf("%s must rotate automatically (its rotation policy has no Rotate action): %s.", label, fix)
			}
			return nil
		},
	})
}
