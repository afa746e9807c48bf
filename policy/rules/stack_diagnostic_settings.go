package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// diagVerdict says why a diagnostic setting does or does not cover a vault's audit log.
type diagVerdict uint8

const (
	diagNoAudit diagVerdict = iota
	diagNoDestination
	diagOK
)

// judgeDiagnosticSetting checks one setting's logs and destination.
func judgeDiagnosticSetting(props propertyMap, requireWorkspace bool) diagVerdict {
	audit := false
	logs, f := get(props, "logs").array()
	switch f.st {
	case stUnknown:
		audit = true
	case stKnown:
		for i := 0; i < logs.Len() && !audit; i++ {
			e := elem(logs, i, "logs")
			on, ef := sub(e, "enabled").boolean()
			if ef.st == stKnown && !on || ef.st == stAbsent || ef.st == stMalformed {
				continue
			}
			group, gf := sub(e, "categoryGroup").str()
			cat, cf := sub(e, "category").str()
			switch {
			case gf.st == stUnknown || cf.st == stUnknown:
				audit = true
			case gf.known() && (eqFold(group, "audit") || eqFold(group, "allLogs")):
				audit = true
			case cf.known() && eqFold(cat, "AuditEvent"):
				audit = true
			}
		}
	}
	if !audit {
		return diagNoAudit
	}
	dests := []string{"workspaceId"}
	if !requireWorkspace {
		dests = append(dests, "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId")
	}
	for _, d := range dests {
		s, df := get(props, d).str()
		if df.st == stUnknown || df.known() && s != "" {
			return diagOK
		}
	}
	return diagNoDestination
}

// NewDiagnosticSettingsAudit returns stack rule 2: every vault has a diagnostic setting whose
// resourceUri is that vault (a known ID, or a dependency on the vault's URN) and that sends
// the audit or allLogs category group, or the AuditEvent category, to a Log Analytics
// workspace (any destination when requireLogAnalytics is false).
func NewDiagnosticSettingsAudit() policyx.StackValidationPolicy {
	return newStackPolicy(stackPolicySpec{
		name:  "keyvault-diagnostic-settings-audit",
		desc:  "Key Vaults send their audit logs to Log Analytics (stack rule 2; guide 4 Enable Azure Monitor and Logs; Azure Policy cf820ca0, MCSB LT-3).",
		level: mandatory,
		schema: schema(map[string]map[string]any{
			"requireLogAnalytics": schemaBool("Require workspaceId; when false a storage account, event hub or partner destination also counts.", true),
		}),
		check: func(c *stackCheck) error {
			requireWorkspace, err := cfgBool(c.cfg, "requireLogAnalytics", true)
			if err != nil {
				return err
			}
			idx := c.idx
			if len(idx.byKind[kVault]) == 0 {
				return nil
			}
			best := make(map[int]diagVerdict)
			covered := make(map[int]bool)
			unresolved := false
			for _, d := range idx.byKind[kDiagnosticSetting] {
				props := idx.nodes[d].r.Properties
				vaults, ok := idx.vaultsByID(d, get(props, "resourceUri"), "resourceUri")
				if !ok {
					unresolved = true
					continue
				}
				verdict := judgeDiagnosticSetting(props, requireWorkspace)
				for _, v := range vaults {
					if !covered[v] || verdict > best[v] {
						best[v] = verdict
					}
					covered[v] = true
				}
			}
			for _, v := range idx.byKind[kVault] {
				urn := idx.nodes[v].r.URN
				label := "Key Vault " + quote(idx.displayName(v))
				switch {
				case covered[v] && best[v] == diagOK:
				case covered[v] && best[v] == diagNoDestination:
					c.reportf(urn, "%s must send its audit logs to Log Analytics: set workspaceId on its diagnostic setting.", label)
				case covered[v]:
					c.reportf(urn, "%s must log audit events: enable logs [{categoryGroup: 'audit', enabled: true}] (or 'allLogs', or category 'AuditEvent') on its diagnostic setting.", label)
				case unresolved:
				default:
					c.reportf(urn, "%s must have audit diagnostics: add an azure-native:insights:DiagnosticSetting with resourceUri set to the vault's ID, logs [{categoryGroup: 'audit', enabled: true}] and workspaceId.", label)
				}
			}
			return nil
		},
	})
}
