package rules

import (
	"encoding/json"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Reading ARM templates carried by azure-native:resources:DeploymentAtSubscriptionScope, to
// recognise a deployment that turns on Microsoft Defender for Key Vault (a
// Microsoft.Security/pricings resource named KeyVaults at pricingTier Standard).
//
// The template is inputs-only: azure-native's outputs for a deployment do not carry it. The
// pack therefore reads properties.template (the inputs, as Analyze, Evaluate and mocks see
// them), then __inputs.properties.template (where azure-native v2 keeps the inputs inside the
// state the engine hands AnalyzeStack after an update). When neither is visible, as in the
// outputs of a preview or of a provider that keeps no __inputs, the deployment might deploy
// the plan, so it is treated like an unknown value.

// planVerdict says what a deployment does to the KeyVaults Defender plan.
type planVerdict uint8

const (
	// planAbsent: the template deploys no KeyVaults pricing.
	planAbsent planVerdict = iota
	// planMaybe: the template cannot be judged (unknown values, ARM expressions, a linked
	// template, or a template the engine did not send).
	planMaybe
	// planOn: the template deploys KeyVaults at the Standard tier.
	planOn
	// planOff: the template deploys KeyVaults at another tier.
	planOff
)

// worse combines two verdicts of the same template: a plan set to another tier wins (it
// needs fixing whatever else the template does), then Standard, then unknown.
func (v planVerdict) worse(o planVerdict) planVerdict {
	rank := func(x planVerdict) int {
		switch x {
		case planOff:
			return 3
		case planOn:
			return 2
		case planMaybe:
			return 1
		}
		return 0
	}
	if rank(o) > rank(v) {
		return o
	}
	return v
}

// maxTemplateDepth bounds how deep nested Microsoft.Resources/deployments are followed.
const maxTemplateDepth = 4

// deploymentDefenderPlan judges the template of a subscription-scope deployment. tier
// describes the tier found when the verdict is planOff ("'Free'", "no pricingTier", ...).
func deploymentDefenderPlan(props property.Map) (v planVerdict, tier string) {
	f := get(props, "properties.template")
	if f.st == stAbsent {
		f = get(props, "__inputs.properties.template")
	}
	return templateDefenderPlan(f, 0)
}

// templateDefenderPlan judges one template field (an object, a JSON string, or a value the
// pack cannot see).
func templateDefenderPlan(f field, depth int) (planVerdict, string) {
	switch f.st {
	case stAbsent, stUnknown:
		return planMaybe, ""
	case stMalformed:
		return planAbsent, ""
	}
	var tmpl property.Map
	switch {
	case f.v.IsMap():
		tmpl = f.v.AsMap()
	case f.v.IsString():
		var decoded any
		if err := json.Unmarshal([]byte(f.v.AsString()), &decoded); err != nil {
			return planAbsent, "" // not JSON: Azure refuses the deployment, which deploys nothing
		}
		jv := jsonValue(decoded)
		if !jv.IsMap() {
			return planAbsent, ""
		}
		tmpl = jv.AsMap()
	default:
		return planAbsent, ""
	}

	resources := get(tmpl, "resources")
	switch {
	case resources.st == stUnknown:
		return planMaybe, ""
	case resources.st != stKnown:
		return planAbsent, ""
	}
	var items []property.Value
	switch {
	case resources.v.IsArray():
		items = resources.v.AsArray().AsSlice()
	case resources.v.IsMap():
		// languageVersion 2.0 templates name their resources symbolically.
		for _, item := range resources.v.AsMap().AllStable {
			items = append(items, item)
		}
	default:
		return planAbsent, ""
	}

	verdict, tier := planAbsent, ""
	for i, item := range items {
		v, t := resourceDefenderPlan(fieldOf(item, indexPath("resources", i)), depth)
		if verdict.worse(v) != verdict {
			verdict, tier = v, t
		}
	}
	return verdict, tier
}

// resourceDefenderPlan judges one resource of a template.
func resourceDefenderPlan(f field, depth int) (planVerdict, string) {
	switch {
	case f.st == stUnknown:
		return planMaybe, ""
	case f.st != stKnown || !f.v.IsMap():
		return planAbsent, ""
	}
	typ, tf := sub(f, "type").str()
	switch {
	case tf.st == stUnknown:
		return planMaybe, ""
	case !tf.known():
		return planAbsent, ""
	case strings.EqualFold(typ, "Microsoft.Security/pricings"):
		name, nf := sub(f, "name").str()
		switch {
		case nf.st == stUnknown || nf.known() && isARMExpression(name):
			return planMaybe, ""
		case !nf.known() || !strings.EqualFold(name, "KeyVaults"):
			return planAbsent, ""
		}
		tier, pf := sub(f, "properties.pricingTier").str()
		switch {
		case pf.st == stUnknown || pf.known() && isARMExpression(tier):
			return planMaybe, ""
		case pf.known() && strings.EqualFold(tier, "Standard"):
			return planOn, ""
		case pf.known():
			return planOff, quote(tier)
		case pf.st == stMalformed:
			return planOff, pf.got
		}
		return planOff, "no pricingTier"
	case strings.EqualFold(typ, "Microsoft.Resources/deployments") && depth < maxTemplateDepth:
		nested := sub(f, "properties.template")
		if nested.st == stAbsent && sub(f, "properties.templateLink").st == stAbsent {
			return planAbsent, ""
		}
		return templateDefenderPlan(nested, depth+1)
	}
	return planAbsent, ""
}

// isARMExpression reports whether a template string is an ARM template expression
// ("[parameters('tier')]"), whose value the pack cannot evaluate. "[[" escapes a literal.
func isARMExpression(s string) bool {
	return strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "[[") && strings.HasSuffix(s, "]")
}

// jsonValue converts a value decoded by encoding/json into a property value.
func jsonValue(v any) property.Value {
	switch x := v.(type) {
	case bool:
		return property.New(x)
	case float64:
		return property.New(x)
	case string:
		return property.New(x)
	case []any:
		items := make([]property.Value, len(x))
		for i, e := range x {
			items[i] = jsonValue(e)
		}
		return property.New(items)
	case map[string]any:
		m := make(map[string]property.Value, len(x))
		for k, e := range x {
			m[k] = jsonValue(e)
		}
		return property.New(property.NewMap(m))
	}
	return property.New(property.Null)
}
