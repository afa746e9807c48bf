package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewOutputsNoPlaintextSecrets returns stack rule 6: no stack output exports a Key Vault
// secret's value in plaintext. Stack outputs reach the analyzer as the properties of the root
// pulumi:pulumi:Stack resource; any non-secret string among them (at any depth) that equals
// the known value of a keyvault:Secret in the stack is reported.
func NewOutputsNoPlaintextSecrets() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "stack-outputs-no-plaintext-secrets",
		desc:  "Stack outputs never export a Key Vault secret's value in plaintext (stack rule 6; guide 3 Secure Sensitive Information; Pulumi secrets guidance).",
		level: advisory,
		check: func(c *stackCheck) error {
			idx := c.idx
			if len(idx.byKind[kStack]) == 0 || len(idx.byKind[kSecret]) == 0 {
				return nil
			}
			values := make(map[string]int)
			for _, s := range idx.byKind[kSecret] {
				if v, f := get(idx.nodes[s].r.Properties, "properties.value").str(); f.known() && v != "" {
					values[v] = s
				}
			}
			if len(values) == 0 {
				return nil
			}
			for _, st := range idx.byKind[kStack] {
				r := idx.nodes[st].r
				for _, key := range sortedKeys(r.Properties) {
					walkPlaintext(r.Properties.Get(key), key, false, func(path string, s string) {
						if sec, ok := values[s]; ok {
							c.reportf(r.URN, "Stack output %s must not export the value of Key Vault secret %s in plaintext: wrap it with pulumi.ToSecret or export the secret's URI instead.", quote(path), quote(idx.displayName(sec)))
						}
					})
				}
			}
			return nil
		},
	})
}

// walkPlaintext calls fn for every string in v that is not (inside) a secret.
func walkPlaintext(v property.Value, path string, secret bool, fn func(path, s string)) {
	secret = secret || v.Secret()
	switch {
	case secret:
	case v.IsString():
		fn(path, v.AsString())
	case v.IsArray():
		a := v.AsArray()
		for i := 0; i < a.Len(); i++ {
			walkPlaintext(a.Get(i), indexPath(path, i), secret, fn)
		}
	case v.IsMap():
		m := v.AsMap()
		for _, k := range sortedKeys(m) {
			walkPlaintext(m.Get(k), path+"."+k, secret, fn)
		}
	}
}

// sortedKeys returns a map's keys in order, for deterministic messages.
func sortedKeys(m property.Map) []string {
	keys := make([]string, 0, m.Len())
	for k := range m.AllStable {
		keys = append(keys, k)
	}
	return keys
}
