package rules

import (
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewIPRulesRestricted returns rule V3: firewall IP rules name only allowed public IPv4
// ranges, never 0.0.0.0/0, never a prefix wider than maxPrefixWidth and never a private or
// reserved range (which cannot reach the public endpoint and hides a missing private path).
func NewIPRulesRestricted() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-ip-rules-restricted",
		desc:  "Key Vault IP rules allow only narrow, allowed public ranges (V3; guide 2 Firewall Rules; Azure Policy 55615ac9 parameters).",
		level: mandatory,
		kinds: []kind{kVault},
		schema: schema(map[string]map[string]any{
			"allowedIpRanges": schemaStrings("Public IPv4 CIDR ranges that IP rules must fall within; empty allows any public range that passes the other checks.", nil),
			"maxPrefixWidth":  schemaInt("Widest prefix an IP rule may have, as a prefix length (16 means /16 or narrower).", 16, 1, 32),
		}),
		check: checkIPRules,
	})
}

func checkIPRules(c *resourceCheck) error {
	allowedRaw, err := cfgStrings(c.cfg, "allowedIpRanges", nil)
	if err != nil {
		return err
	}
	maxWidth, err := cfgInt(c.cfg, "maxPrefixWidth", 16)
	if err != nil {
		return err
	}
	allowed := make([]netip.Prefix, 0, len(allowedRaw))
	for _, s := range allowedRaw {
		p, ok := parseIPRule(s)
		if !ok {
			return fmt.Errorf("config property \"allowedIpRanges\" holds %q, which is not an IPv4 address or CIDR range", s)
		}
		allowed = append(allowed, p)
	}

	label := c.vaultLabel()
	const path = "properties.networkAcls.ipRules"
	rules, st := c.array(label, path, "set "+path+" to a list of {value: '<public IPv4 CIDR>'}")
	if st != stKnown {
		return nil
	}
	for i := 0; i < rules.Len(); i++ {
		ef := elem(rules, i, path)
		s, f := sub(ef, "value").str()
		fix := "set " + f.path + " to a narrow public IPv4 range"
		switch f.st {
		case stUnknown, stAbsent:
			continue
		case stMalformed:
			c.malformed(label, f, fix)
			continue
		}
		p, ok := parseIPRule(s)
		switch {
		case !ok:
			c.reportf("%s must use an IPv4 address or CIDR range in %s (got %q): %s.", label, f.path, s, fix)
		case p.Bits() == 0:
			c.reportf("%s must not allow every address with %s %q: remove the rule or %s.", label, f.path, s, fix)
		case p.Bits() < maxWidth:
			c.reportf("%s must not allow a range wider than /%d with %s %q: %s.", label, maxWidth, f.path, s, fix)
		default:
			if r, bad := overlapsPrivate(p); bad {
				c.reportf("%s must not list the private or reserved range %s in %s (%q): use a private endpoint or a virtual network rule for private clients and remove the rule.", label, r, f.path, s)
			} else if len(allowed) > 0 && !containedIn(p, allowed) {
				c.reportf("%s must allow only the configured ranges, but %s is %q: %s within allowedIpRanges.", label, f.path, s, fix)
			}
		}
	}
	return nil
}
