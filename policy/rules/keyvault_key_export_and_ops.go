package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// defaultKeyOps are the key operations a key may allow by default.
var defaultKeyOps = []string{"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"}

// NewKeyNotExportableOpsLimited returns rule K10: a key is not exportable and lists its
// permitted operations explicitly, each one in allowedKeyOperations. Azure allows every
// operation when keyOps is omitted; the SDK fills exportable=false when attributes are given.
func NewKeyNotExportableOpsLimited() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-not-exportable-ops-limited",
		desc:  "Key Vault keys are not exportable and permit only the operations they need (K10; guide 6 Limit Secret Access).",
		level: advisory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"allowedKeyOperations": schemaStrings("Operations properties.keyOps may list.", defaultKeyOps),
			"requireKeyOps":        schemaBool("Require properties.keyOps to be set explicitly.", true),
		}),
		check: func(c *resourceCheck) error {
			allowed, err := cfgStrings(c.cfg, "allowedKeyOperations", defaultKeyOps)
			if err != nil {
				return err
			}
			require, err := cfgBool(c.cfg, "requireKeyOps", true)
			if err != nil {
				return err
			}
			label := c.keyLabel()
			const expPath = "properties.attributes.exportable"
			exportable, st := c.boolean(label, expPath, false, "set "+expPath+" to false")
			if usable(st) && exportable {
				c.reportf("%s must not be exportable: set %s to false.", label, expPath)
			}
			const opsPath = "properties.keyOps"
			fix := "set " + opsPath + " to the operations the workload needs from " + strings.Join(allowed, ", ")
			ops, ost := c.array(label, opsPath, fix)
			switch ost {
			case stAbsent:
				if require {
					c.reportf("%s must list its permitted operations: %s.", label, fix)
				}
				return nil
			case stKnown:
			default:
				return nil
			}
			if ops.Len() == 0 && require {
				c.reportf("%s must list its permitted operations: %s.", label, fix)
			}
			for i := 0; i < ops.Len(); i++ {
				op, f := elem(ops, i, opsPath).str()
				switch f.st {
				case stMalformed:
					c.malformed(label, f, fix)
				case stKnown:
					if !containsFold(allowed, op) {
						c.reportf("%s must not permit the %q operation in %s: %s.", label, op, f.path, fix)
					}
				}
			}
			return nil
		},
	})
}
