package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// tri is a three-valued answer for judgements that unknown values can leave open.
type tri uint8

const (
	triNo tri = iota
	triMaybe
	triYes
)

// and combines two answers that must both hold.
func (a tri) and(b tri) tri { return min(a, b) }

// or combines two answers of which one is enough.
func (a tri) or(b tri) tri { return max(a, b) }

// PIM role management policy rule identifiers and types (azure-native v2.90.0 sends
// rules[] as objects discriminated by ruleType).
const (
	ruleTypeEnablement  = "RoleManagementPolicyEnablementRule"
	ruleTypeAuthContext = "RoleManagementPolicyAuthenticationContextRule"
	ruleIDEnablement    = "Enablement_EndUser_Assignment"
	ruleIDAuthContext   = "AuthenticationContext_EndUser_Assignment"
	enabledRuleMFA      = "MultiFactorAuthentication"
)

// NewPIMActivationRequiresMFA returns rule P2: a role management policy (the PIM settings of a
// role at a scope) requires multi-factor authentication to activate an eligible role.
//
// The activation rule is the RoleManagementPolicyEnablementRule for end users activating an
// assignment (id Enablement_EndUser_Assignment, target.caller EndUser, target.level
// Assignment); it complies when its enabledRules include MultiFactorAuthentication. PIM
// offers MFA and a Conditional Access authentication context as alternatives, so an enabled
// RoleManagementPolicyAuthenticationContextRule for the same target with a claimValue (an
// authentication context such as 'c3') also complies: the tenant's Conditional Access policy
// for that context then carries the MFA requirement, which the pack cannot see. Set
// acceptAuthenticationContext to false to require MFA in PIM itself.
//
// A policy that does not send the activation rule leaves it as Azure has it, which the stack
// does not control, so it is reported. Unknown values anywhere in the deciding rules are
// skipped.
func NewPIMActivationRequiresMFA() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "authorization-pim-activation-requires-mfa",
		desc:  "PIM role settings require MFA to activate a role, directly or through a Conditional Access authentication context whose policy requires it (P2; guide 5 Use Conditional Access Policies; MCSB IM-6, PA-2).",
		level: advisory,
		kinds: []kind{kRoleManagementPolicy},
		schema: schema(map[string]map[string]any{
			"acceptAuthenticationContext": schemaBool("An enabled authentication context rule with a claimValue counts as MFA (its Conditional Access policy must require MFA).", true),
		}),
		check: func(c *resourceCheck) error {
			acceptContext, err := cfgBool(c.cfg, "acceptAuthenticationContext", true)
			if err != nil {
				return err
			}
			label := "Role management policy " + quote(c.resourceName("roleManagementPolicyName", "name"))
			rules, st := c.array(label, "rules", "set rules to a list of role management policy rules")
			switch st {
			case stUnknown, stMalformed:
				return nil
			}
			mfa, viaContext, open := triNo, triNo, false
			sawEnablement := false
			for i := 0; i < rules.Len(); i++ {
				e := elem(rules, i, "rules")
				if e.st == stUnknown {
					open = true
					continue
				}
				if _, f := e.object(); f.st == stMalformed {
					c.malformed(label, f, "make every rule an object with a ruleType")
					open = true // reported once, as malformed
					continue
				} else if f.st != stKnown {
					continue
				}
				ruleType, tf := sub(e, "ruleType").str()
				if tf.st == stUnknown {
					open = true
					continue
				}
				switch {
				case tf.known() && eqFold(ruleType, ruleTypeEnablement):
					target := endUserAssignment(e, ruleIDEnablement)
					if target == triNo {
						continue
					}
					if target == triYes {
						sawEnablement = true
					}
					mfa = mfa.or(target.and(c.listHas(label, sub(e, "enabledRules"), enabledRuleMFA)))
				case tf.known() && eqFold(ruleType, ruleTypeAuthContext) && acceptContext:
					target := endUserAssignment(e, ruleIDAuthContext)
					if target == triNo {
						continue
					}
					on := triNo
					if b, bf := sub(e, "isEnabled").boolean(); bf.st == stUnknown {
						on = triMaybe
					} else if bf.known() && b {
						on = triYes
					}
					claim := triNo
					if s, cf := sub(e, "claimValue").str(); cf.st == stUnknown {
						claim = triMaybe
					} else if cf.known() && s != "" {
						claim = triYes
					}
					viaContext = viaContext.or(target.and(on).and(claim))
				}
			}
			switch {
			case mfa == triYes || viaContext == triYes:
				return nil
			case mfa == triMaybe || viaContext == triMaybe || open:
				return nil
			}
			context := " with the claimValue of a Conditional Access authentication context whose policy requires MFA"
			if sawEnablement {
				alternative := ", or enable its AuthenticationContext_EndUser_Assignment rule" + context
				if !acceptContext {
					alternative = ""
				}
				c.reportf("%s must require MFA to activate the role: add 'MultiFactorAuthentication' to enabledRules of its Enablement_EndUser_Assignment rule%s.", label, alternative)
				return nil
			}
			alternative := ", or an enabled AuthenticationContext_EndUser_Assignment rule" + context
			if !acceptContext {
				alternative = ""
			}
			c.reportf("%s must require MFA to activate the role: add a RoleManagementPolicyEnablementRule with id 'Enablement_EndUser_Assignment' (target caller 'EndUser', level 'Assignment') whose enabledRules include 'MultiFactorAuthentication'%s.", label, alternative)
			return nil
		},
	})
}

// endUserAssignment tells whether a rule targets end users activating an assignment: by its
// target (caller EndUser, level Assignment) when it has one, else by its well-known id.
func endUserAssignment(rule field, id string) tri {
	target := sub(rule, "target")
	switch target.st {
	case stUnknown:
		return triMaybe
	case stKnown:
		if !target.v.IsMap() {
			break
		}
		caller, cf := sub(target, "caller").str()
		level, lf := sub(target, "level").str()
		if cf.st == stUnknown || lf.st == stUnknown {
			return triMaybe
		}
		if cf.known() && lf.known() {
			if eqFold(caller, "EndUser") && eqFold(level, "Assignment") {
				return triYes
			}
			return triNo
		}
	}
	ruleID, f := sub(rule, "id").str()
	switch {
	case f.st == stUnknown:
		return triMaybe
	case f.known() && eqFold(ruleID, id):
		return triYes
	}
	return triNo
}

// listHas tells whether a list of strings contains want (case-insensitively). A malformed list
// is reported against label and counts as undecided, so that it is reported only once.
func (c *resourceCheck) listHas(label string, f field, want string) tri {
	list, g := f.array()
	switch g.st {
	case stUnknown:
		return triMaybe
	case stMalformed:
		c.malformed(label, g, "set enabledRules to a list such as ['MultiFactorAuthentication', 'Justification']")
		return triMaybe // reported once, as malformed
	case stAbsent:
		return triNo
	}
	out := triNo
	for i := 0; i < list.Len(); i++ {
		s, e := elem(list, i, f.path).str()
		switch {
		case e.st == stUnknown:
			out = out.or(triMaybe)
		case e.known() && eqFold(s, want):
			return triYes
		}
	}
	return out
}
