package azuresim

import (
	"regexp"
	"strings"
	"time"
)

// Monitoring: Log Analytics workspaces, diagnostic settings, action
// groups and alert rules.

func init() {
	register(
		&Spec{
			Token:      tokWorkspace,
			ARMType:    "Microsoft.OperationalInsights/workspaces",
			IDTemplate: rgTemplate + "/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
			NameParam:  "workspaceName",
			MaxNameLen: 63,
			ReplaceOn:  []string{"location"},
			Computed:   []string{"customerId", "provisioningState", "createdDate", "modifiedDate", "etag", "systemData"},
			Location:   locFromGroup,
			Validate:   validateWorkspace,
			Enrich:     enrichWorkspace,
		},
		&Spec{
			Token:      tokDiagnosticSetting,
			ARMType:    "Microsoft.Insights/diagnosticSettings",
			IDTemplate: "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
			NameParam:  "name",
			Computed:   []string{"systemData"},
			References: []string{"workspaceId"},
			Validate:   validateDiagnosticSetting,
			Enrich: func(c *opContext) error {
				c.out["systemData"] = c.systemData()
				return nil
			},
		},
		&Spec{
			Token:           tokActionGroup,
			ARMType:         "Microsoft.Insights/ActionGroups",
			IDTemplate:      rgTemplate + "/providers/Microsoft.Insights/actionGroups/{actionGroupName}",
			NameParam:       "actionGroupName",
			MaxNameLen:      260,
			Location:        locDefault,
			DefaultLocation: "Global",
			Validate:        validateActionGroup,
			Enrich: func(c *opContext) error {
				for _, r := range getList(c.out, "emailReceivers") {
					if m, ok := r.(map[string]any); ok && m["status"] == nil {
						m["status"] = "Enabled"
					}
				}
				return nil
			},
		},
		&Spec{
			Token:      tokScheduledQueryRule,
			ARMType:    "Microsoft.Insights/scheduledQueryRules",
			IDTemplate: rgTemplate + "/providers/Microsoft.Insights/scheduledQueryRules/{ruleName}",
			NameParam:  "ruleName",
			MaxNameLen: 260,
			ReplaceOn:  []string{"location", "kind"},
			Computed: []string{"createdWithApiVersion", "isLegacyLogAnalyticsRule", "isWorkspaceAlertsStorageConfigured",
				"etag", "systemData"},
			References: []string{"scopes[]", "actions.actionGroups[]"},
			Location:   locFromGroup,
			Validate:   validateAlertSeverity,
			Enrich: func(c *opContext) error {
				c.out["createdWithApiVersion"] = "2023-12-01"
				c.out["isLegacyLogAnalyticsRule"] = false
				c.out["isWorkspaceAlertsStorageConfigured"] = false
				c.out["etag"] = newGUID()
				c.out["systemData"] = c.systemData()
				return nil
			},
		},
		&Spec{
			Token:           tokMetricAlert,
			ARMType:         "Microsoft.Insights/metricAlerts",
			IDTemplate:      rgTemplate + "/providers/Microsoft.Insights/metricAlerts/{ruleName}",
			NameParam:       "ruleName",
			MaxNameLen:      260,
			Computed:        []string{"isMigrated", "lastUpdatedTime"},
			References:      []string{"scopes[]", "actions[].actionGroupId"},
			Location:        locDefault,
			DefaultLocation: "global",
			Validate:        validateAlertSeverity,
			Enrich: func(c *opContext) error {
				c.out["isMigrated"] = false
				c.out["lastUpdatedTime"] = timestamp(c.now)
				return nil
			},
		},
		&Spec{
			Token:           tokActivityLogAlert,
			ARMType:         "Microsoft.Insights/ActivityLogAlerts",
			IDTemplate:      rgTemplate + "/providers/Microsoft.Insights/activityLogAlerts/{activityLogAlertName}",
			NameParam:       "activityLogAlertName",
			MaxNameLen:      260,
			References:      []string{"scopes[]", "actions.actionGroups[].actionGroupId"},
			Location:        locDefault,
			DefaultLocation: "global",
			Validate: func(c *opContext) error {
				if len(getList(c.in, "condition.allOf")) == 0 {
					return azErr(400, "InvalidCondition", "An activity log alert needs at least one condition in condition.allOf.")
				}
				return nil
			},
		},
	)
}

var workspaceNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$`)

func validateWorkspace(c *opContext) error {
	if !workspaceNameRE.MatchString(c.name()) {
		return azErr(400, "InvalidWorkspaceName",
			"The workspace name '%s' is invalid: use 4-63 letters, digits and hyphens, starting and ending with a letter or digit.", c.name())
	}
	sku := getStr(c.in, "sku.name")
	switch sku {
	case "", "Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone", "CapacityReservation", "LACluster":
	default:
		return azErr(400, "InvalidSku", "The workspace SKU '%s' is not valid.", sku)
	}
	if days, set := getNum(c.in, "retentionInDays"); set && (sku == "" || sku == "PerGB2018") && (days < 30 || days > 730) {
		return azErr(400, "InvalidParameter", "retentionInDays must be between 30 and 730 for the PerGB2018 SKU, got %v.", days)
	}
	return nil
}

func enrichWorkspace(c *opContext) error {
	c.out["customerId"] = c.keepOr("customerId", func() any { return newGUID() })
	c.out["createdDate"] = c.keepOr("createdDate", func() any { return timestamp(c.now) })
	c.out["modifiedDate"] = timestamp(c.now)
	c.out["provisioningState"] = "Succeeded"
	c.out["etag"] = "\"" + newGUID() + "\""
	c.out["systemData"] = c.systemData()
	if !isSet(c.out, "sku") {
		c.out["sku"] = map[string]any{"name": "PerGB2018"}
	}
	c.set("sku.lastSkuUpdate", timestamp(c.now))
	defaults := map[string]any{
		"retentionInDays":                 float64(30),
		"publicNetworkAccessForIngestion": "Enabled",
		"publicNetworkAccessForQuery":     "Enabled",
		"features":                        map[string]any{"enableLogAccessUsingOnlyResourcePermissions": true},
		"workspaceCapping":                map[string]any{"dailyQuotaGb": float64(-1)},
	}
	for k, v := range defaults {
		if c.out[k] == nil {
			c.out[k] = v
		}
	}
	c.set("workspaceCapping.dataIngestionStatus", "RespectQuota")
	c.set("workspaceCapping.quotaNextResetTime", timestamp(c.now.Add(24*time.Hour)))
	return nil
}

// Diagnostic categories of key vaults, which Azure checks.
var (
	vaultLogCategories   = map[string]bool{"AuditEvent": true, "AzurePolicyEvaluationDetails": true}
	vaultLogGroups       = map[string]bool{"audit": true, "allLogs": true}
	vaultMetricsCategory = map[string]bool{"AllMetrics": true}
)

func validateDiagnosticSetting(c *opContext) error {
	in := c.in
	if getStr(in, "workspaceId") == "" && getStr(in, "storageAccountId") == "" && getStr(in, "eventHubAuthorizationRuleId") == "" &&
		getStr(in, "marketplacePartnerId") == "" && getStr(in, "serviceBusRuleId") == "" {
		return azErr(400, "BadRequest",
			"The diagnostic setting '%s' needs a destination: a Log Analytics workspace, a storage account, an event hub or a partner solution.", c.name())
	}
	if getStr(in, "eventHubName") != "" && getStr(in, "eventHubAuthorizationRuleId") == "" {
		return azErr(400, "BadRequest", "eventHubName needs eventHubAuthorizationRuleId.")
	}
	if len(getList(in, "logs")) == 0 && len(getList(in, "metrics")) == 0 {
		return azErr(400, "BadRequest", "The diagnostic setting '%s' must enable at least one log category or metric.", c.name())
	}
	target := c.params["resourceUri"]
	isVault := isVaultID(target)
	for i, l := range getList(in, "logs") {
		m, _ := l.(map[string]any)
		cat, group := getStr(m, "category"), getStr(m, "categoryGroup")
		if (cat == "") == (group == "") {
			return azErr(400, "BadRequest", "logs[%d] must set exactly one of category and categoryGroup.", i)
		}
		if isVault && cat != "" && !vaultLogCategories[cat] {
			return azErr(400, "BadRequest", "Category '%s' is not supported for resource type Microsoft.KeyVault/vaults (use AuditEvent or AzurePolicyEvaluationDetails).", cat)
		}
		if isVault && group != "" && !vaultLogGroups[group] {
			return azErr(400, "BadRequest", "Category group '%s' is not supported for resource type Microsoft.KeyVault/vaults (use audit or allLogs).", group)
		}
	}
	for _, mt := range getList(in, "metrics") {
		m, _ := mt.(map[string]any)
		if cat := getStr(m, "category"); isVault && !vaultMetricsCategory[cat] {
			return azErr(400, "BadRequest", "Metric category '%s' is not supported for resource type Microsoft.KeyVault/vaults (use AllMetrics).", cat)
		}
	}
	count := 0
	for _, d := range c.world.Under(target) {
		if d.Type == tokDiagnosticSetting && key(d.ID) != key(c.id) && key(parentID(d.ID)) == key(target) {
			count++
		}
	}
	if count >= 5 {
		return azErr(400, "BadRequest", "The resource '%s' already has 5 diagnostic settings, the maximum.", target)
	}
	return nil
}

func validateActionGroup(c *opContext) error {
	short := getStr(c.in, "groupShortName")
	if short == "" || len(short) > 12 {
		return azErr(400, "InvalidGroupShortName", "groupShortName is required and limited to 12 characters, got '%s'.", short)
	}
	for i, r := range getList(c.in, "emailReceivers") {
		m, _ := r.(map[string]any)
		if getStr(m, "name") == "" || !strings.Contains(getStr(m, "emailAddress"), "@") {
			return azErr(400, "InvalidEmailReceiver", "emailReceivers[%d] needs a name and a valid emailAddress.", i)
		}
	}
	return nil
}

func validateAlertSeverity(c *opContext) error {
	if sev, set := getNum(c.in, "severity"); set && (sev < 0 || sev > 4 || sev != float64(int(sev))) {
		return azErr(400, "InvalidSeverity", "severity must be a whole number from 0 to 4, got %v.", sev)
	}
	return nil
}
