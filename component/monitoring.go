package component

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ThreatDetectionArgs control alerting on the vault and Microsoft Defender for
// Key Vault.
//
// Alerts are opt-in (Enabled) because an alert nobody receives protects
// nothing, and receivers are the one thing the component cannot guess: it
// refuses alerts without an e-mail address, a webhook or an existing action
// group. Defender is a separate opt-in because it is switched on for the whole
// subscription, not just this vault.
type ThreatDetectionArgs struct {
	// Enabled creates the action group and the alert rules: denied requests
	// (log query), availability and saturation (metrics), and deletes and
	// role-assignment changes (activity log). Default: false.
	Enabled bool
	// EmailAddresses receive every alert. At least one receiver (an e-mail
	// address, a webhook or ActionGroupID) is required when Enabled.
	EmailAddresses []string
	// Webhooks receive every alert as an HTTPS POST in the common alert
	// schema. Their URIs are stored as Pulumi secrets (they often embed a token).
	Webhooks []WebhookArgs
	// ActionGroupID sends the alerts to an existing action group (for
	// example the platform team's) instead of one created by the component.
	// Refused together with EmailAddresses and Webhooks.
	ActionGroupID pulumi.StringInput
	// ActionGroupShortName is the created group's short name (1–12
	// characters, shown in e-mail and SMS). Default: the vault name, cut to 12.
	ActionGroupShortName string
	// DeniedRequestThreshold fires the denied-requests alert when at least
	// this many requests were refused (HTTP 401 or 403, including firewall
	// denials) within DeniedRequestWindowMinutes, counted per kind of denial.
	// Default: 5.
	DeniedRequestThreshold int
	// DeniedRequestWindowMinutes is the denied-requests alert's window: 5,
	// 10, 15, 30, 45 or 60. Default: 5.
	DeniedRequestWindowMinutes int
	// AvailabilityThreshold fires the availability alert when the vault's
	// average availability over 15 minutes falls below this percentage,
	// above 0 and at most 100. Default: 99.9.
	AvailabilityThreshold float64
	// SaturationThreshold fires the saturation alert when the vault's
	// average saturation (SaturationShoebox, percent of its request limit)
	// over 15 minutes exceeds it, 1–100. Default: 75.
	SaturationThreshold float64
	// EnableDefenderForKeyVault turns on Microsoft Defender for Key Vault
	// (the KeyVaults plan at the Standard tier) for the whole subscription
	// that holds the vault, through a subscription-scope ARM deployment.
	// Destroying the stack leaves the plan on. Independent of Enabled.
	// Default: false.
	EnableDefenderForKeyVault bool
}

// WebhookArgs are one webhook receiver of the alerts.
type WebhookArgs struct {
	// Name identifies the receiver in the action group (1–30 letters,
	// digits and inner hyphens). Required, unique.
	Name string
	// URI is the HTTPS endpoint. Required.
	URI pulumi.StringInput
}

// Threat-detection defaults.
const (
	DefaultDeniedRequestThreshold     = 5
	DefaultDeniedRequestWindowMinutes = 5
	DefaultAvailabilityThreshold      = 99.9
	DefaultSaturationThreshold        = 75.0
	// defenderPricingAPIVersion is the Microsoft.Security/pricings API used
	// by the Defender deployment.
	defenderPricingAPIVersion = "2024-01-01"
	// metricWindow is the window and metricFrequency the frequency of the
	// metric alerts: 15 minutes smooths out single failures on a quiet vault.
	metricWindow    = "PT15M"
	metricFrequency = "PT5M"
)

// Alert rule keys, as they appear in the AlertRuleIDs output.
const (
	AlertDeniedRequests = "denied-requests"
	AlertAvailability   = "availability"
	AlertSaturation     = "saturation"
	AlertActivity       = "activity"
)

var (
	emailRE          = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	deniedWindows    = map[int]bool{5: true, 10: true, 15: true, 30: true, 45: true, 60: true}
	activityLogWatch = []string{
		"Microsoft.KeyVault/vaults/delete",
		"Microsoft.Authorization/roleAssignments/write",
		"Microsoft.Authorization/roleAssignments/delete",
		"Microsoft.Authorization/locks/delete",
	}
)

func (p *plan) validateThreatDetection(errs *argErrors) {
	t := &p.args.ThreatDetection
	receivers := len(t.EmailAddresses) > 0 || len(t.Webhooks) > 0 || t.ActionGroupID != nil
	if !t.Enabled {
		if receivers || t.ActionGroupShortName != "" || t.DeniedRequestThreshold != 0 || t.DeniedRequestWindowMinutes != 0 ||
			t.AvailabilityThreshold != 0 || t.SaturationThreshold != 0 {
			errs.add("ThreatDetection.Enabled", "is false, so the alert settings are not used: set ThreatDetection.Enabled to create the alerts (EnableDefenderForKeyVault works without it)")
		}
		return
	}
	if !receivers {
		errs.add("ThreatDetection.EmailAddresses", "at least one receiver is required: give EmailAddresses, Webhooks or ActionGroupID, so that alerts reach someone")
	}
	if t.ActionGroupID != nil {
		if len(t.EmailAddresses) > 0 || len(t.Webhooks) > 0 || t.ActionGroupShortName != "" {
			errs.add("ThreatDetection.ActionGroupID", "is an existing action group: EmailAddresses, Webhooks and ActionGroupShortName belong to a created one; give one or the other")
		}
		if v, ok := knownString(t.ActionGroupID); ok {
			if err := validateResourceID(v, "Microsoft.Insights", "actionGroups"); err != nil {
				errs.add("ThreatDetection.ActionGroupID", "%v", err)
			}
		}
	}
	seenEmail := map[string]int{}
	for i, e := range t.EmailAddresses {
		f := fmt.Sprintf("ThreatDetection.EmailAddresses[%d]", i)
		if !emailRE.MatchString(e) {
			errs.add(f, "%q is not an e-mail address", e)
		} else if j, dup := seenEmail[strings.ToLower(e)]; dup {
			errs.add(f, "%q repeats ThreatDetection.EmailAddresses[%d]", e, j)
		}
		seenEmail[strings.ToLower(e)] = i
	}
	seenHook := map[string]int{}
	for i, w := range t.Webhooks {
		f := fmt.Sprintf("ThreatDetection.Webhooks[%d]", i)
		checkChildName(errs, seenHook, "ThreatDetection.Webhooks", i, w.Name)
		if w.URI == nil {
			errs.add(f+".URI", "is required")
		} else if v, ok := knownString(w.URI); ok {
			if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
				errs.add(f+".URI", "must be an https:// URL (alerts carry details of the vault)")
			}
		}
	}
	if n := t.ActionGroupShortName; n != "" && len(n) > 12 {
		errs.add("ThreatDetection.ActionGroupShortName", "%q must be 1–12 characters", n)
	}
	if t.DeniedRequestThreshold == 0 {
		t.DeniedRequestThreshold = DefaultDeniedRequestThreshold
	}
	if n := t.DeniedRequestThreshold; n < 1 || n > 10000 {
		errs.add("ThreatDetection.DeniedRequestThreshold", "%d must be between 1 and 10000 requests", n)
	}
	if t.DeniedRequestWindowMinutes == 0 {
		t.DeniedRequestWindowMinutes = DefaultDeniedRequestWindowMinutes
	}
	if !deniedWindows[t.DeniedRequestWindowMinutes] {
		errs.add("ThreatDetection.DeniedRequestWindowMinutes", "%d must be 5, 10, 15, 30, 45 or 60", t.DeniedRequestWindowMinutes)
	}
	if t.AvailabilityThreshold == 0 {
		t.AvailabilityThreshold = DefaultAvailabilityThreshold
	}
	if a := t.AvailabilityThreshold; a <= 0 || a > 100 {
		errs.add("ThreatDetection.AvailabilityThreshold", "%v must be a percentage above 0 and at most 100", a)
	}
	if t.SaturationThreshold == 0 {
		t.SaturationThreshold = DefaultSaturationThreshold
	}
	if s := t.SaturationThreshold; s < 1 || s > 100 {
		errs.add("ThreatDetection.SaturationThreshold", "%v must be a percentage between 1 and 100", s)
	}
}

// threatDetection registers the action group and alert rules (when enabled)
// and the Defender deployment (when asked for). It runs after diagnostics,
// because the denied-requests rule queries the diagnostics workspace.
func (b *builder) threatDetection(vault *keyvault.Vault) error {
	t := b.p.args.ThreatDetection
	b.c.ActionGroupID = pulumi.String("").ToStringOutput()
	b.c.AlertRuleIDs = pulumi.StringMap{}.ToStringMapOutput()
	b.c.DefenderDeploymentID = pulumi.String("").ToStringOutput()
	if t.Enabled {
		if err := b.alerts(vault); err != nil {
			return err
		}
	}
	if t.EnableDefenderForKeyVault {
		if err := b.defender(vault); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) alerts(vault *keyvault.Vault) error {
	a := &b.p.args
	t := a.ThreatDetection
	tags := pulumi.ToStringMap(a.Tags)

	actionGroupID := pulumi.StringOutput{}
	if t.ActionGroupID != nil {
		actionGroupID = t.ActionGroupID.ToStringOutput()
	} else {
		short := t.ActionGroupShortName
		if short == "" {
			short = strings.TrimRight(b.p.vaultName[:min(12, len(b.p.vaultName))], "-")
		}
		emails := insights.EmailReceiverArray{}
		for i, e := range t.EmailAddresses {
			emails = append(emails, insights.EmailReceiverArgs{
				Name:                 pulumi.String(fmt.Sprintf("email-%d", i+1)),
				EmailAddress:         pulumi.String(e),
				UseCommonAlertSchema: pulumi.Bool(true),
			})
		}
		hooks := insights.WebhookReceiverArray{}
		for _, w := range t.Webhooks {
			hooks = append(hooks, insights.WebhookReceiverArgs{
				Name:                 pulumi.String(w.Name),
				ServiceUri:           pulumi.ToSecret(w.URI.ToStringOutput()).(pulumi.StringOutput),
				UseCommonAlertSchema: pulumi.Bool(true),
			})
		}
		ag, err := insights.NewActionGroup(b.ctx, childName(b.p.name, "alerts"), &insights.ActionGroupArgs{
			ResourceGroupName: a.ResourceGroupName,
			ActionGroupName:   pulumi.String("ag-" + b.p.vaultName),
			Location:          pulumi.String("Global"),
			GroupShortName:    pulumi.String(short),
			Enabled:           pulumi.Bool(true),
			EmailReceivers:    emails,
			WebhookReceivers:  hooks,
			Tags:              tags,
		}, b.opts()...)
		if err != nil {
			return fmt.Errorf("creating action group: %w", err)
		}
		actionGroupID = ag.ID().ToStringOutput()
	}
	b.c.ActionGroupID = actionGroupID

	ids := pulumi.StringMap{}
	vaultID := vault.ID().ToStringOutput()
	location := vault.Location.Elem()

	// Denied requests, from the AuditEvent log in the diagnostics workspace.
	query := vaultID.ApplyT(deniedRequestsQuery).(pulumi.StringOutput)
	window := fmt.Sprintf("PT%dM", t.DeniedRequestWindowMinutes)
	sq, err := insights.NewScheduledQueryRule(b.ctx, childName(b.p.name, "alert-"+AlertDeniedRequests), &insights.ScheduledQueryRuleArgs{
		ResourceGroupName:   a.ResourceGroupName,
		RuleName:            pulumi.String(b.p.vaultName + "-" + AlertDeniedRequests),
		Location:            location,
		Kind:                pulumi.String("LogAlert"),
		DisplayName:         pulumi.String(fmt.Sprintf("Key Vault %s: denied requests", b.p.vaultName)),
		Description:         pulumi.String(fmt.Sprintf("At least %d requests to Key Vault %s were refused (401, 403 or firewall) within %d minutes.", t.DeniedRequestThreshold, b.p.vaultName, t.DeniedRequestWindowMinutes)),
		Enabled:             pulumi.Bool(true),
		Severity:            pulumi.Float64(1),
		Scopes:              pulumi.StringArray{b.c.WorkspaceID},
		EvaluationFrequency: pulumi.String("PT5M"),
		WindowSize:          pulumi.String(window),
		AutoMitigate:        pulumi.Bool(true),
		Criteria: insights.ScheduledQueryRuleCriteriaArgs{
			AllOf: insights.ConditionArray{insights.ConditionArgs{
				Query:           query,
				TimeAggregation: pulumi.String("Count"),
				Operator:        pulumi.String("GreaterThanOrEqual"),
				Threshold:       pulumi.Float64(float64(t.DeniedRequestThreshold)),
				Dimensions: insights.DimensionArray{insights.DimensionArgs{
					Name:     pulumi.String("Denial"),
					Operator: pulumi.String("Include"),
					Values:   pulumi.StringArray{pulumi.String("*")},
				}},
				FailingPeriods: insights.ConditionFailingPeriodsArgs{
					NumberOfEvaluationPeriods: pulumi.Float64(1),
					MinFailingPeriodsToAlert:  pulumi.Float64(1),
				},
			}},
		},
		Actions: insights.ActionsArgs{ActionGroups: pulumi.StringArray{actionGroupID}},
		Tags:    tags,
	}, b.opts()...)
	if err != nil {
		return fmt.Errorf("creating denied-requests alert: %w", err)
	}
	ids[AlertDeniedRequests] = sq.ID().ToStringOutput()

	// Availability and saturation. Criteria of one metric alert are ANDed,
	// so each condition gets its own rule.
	for _, m := range []struct {
		key, metric, operator, text string
		threshold                   float64
		severity                    int
	}{
		{AlertAvailability, "Availability", "LessThan", "average availability below %v%%", t.AvailabilityThreshold, 1},
		{AlertSaturation, "SaturationShoebox", "GreaterThan", "average saturation above %v%%", t.SaturationThreshold, 2},
	} {
		ma, err := insights.NewMetricAlert(b.ctx, childName(b.p.name, "alert-"+m.key), &insights.MetricAlertArgs{
			ResourceGroupName:   a.ResourceGroupName,
			RuleName:            pulumi.String(b.p.vaultName + "-" + m.key),
			Location:            pulumi.String("global"),
			Description:         pulumi.String(fmt.Sprintf("Key Vault %s: "+m.text+" over 15 minutes.", b.p.vaultName, m.threshold)),
			Enabled:             pulumi.Bool(true),
			Severity:            pulumi.Int(m.severity),
			Scopes:              pulumi.StringArray{vaultID},
			EvaluationFrequency: pulumi.String(metricFrequency),
			WindowSize:          pulumi.String(metricWindow),
			AutoMitigate:        pulumi.Bool(true),
			Criteria: insights.MetricAlertSingleResourceMultipleMetricCriteriaArgs{
				OdataType: pulumi.String("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"),
				AllOf: insights.MetricCriteriaArray{insights.MetricCriteriaArgs{
					CriterionType:   pulumi.String("StaticThresholdCriterion"),
					Name:            pulumi.String(m.key),
					MetricName:      pulumi.String(m.metric),
					MetricNamespace: pulumi.String("Microsoft.KeyVault/vaults"),
					Operator:        pulumi.String(m.operator),
					Threshold:       pulumi.Float64(m.threshold),
					TimeAggregation: pulumi.String("Average"),
				}},
			},
			Actions: insights.MetricAlertActionArray{insights.MetricAlertActionArgs{ActionGroupId: actionGroupID}},
			Tags:    tags,
		}, b.opts()...)
		if err != nil {
			return fmt.Errorf("creating %s alert: %w", m.key, err)
		}
		ids[m.key] = ma.ID().ToStringOutput()
	}

	// Deletes and role-assignment changes at the vault's scope (events of
	// extension resources such as role assignments carry IDs under it).
	ops := insights.AlertRuleLeafConditionArray{}
	for _, op := range activityLogWatch {
		ops = append(ops, insights.AlertRuleLeafConditionArgs{Field: pulumi.String("operationName"), Equals: pulumi.String(op)})
	}
	al, err := insights.NewActivityLogAlert(b.ctx, childName(b.p.name, "alert-"+AlertActivity), &insights.ActivityLogAlertArgs{
		ResourceGroupName:    a.ResourceGroupName,
		ActivityLogAlertName: pulumi.String(b.p.vaultName + "-" + AlertActivity),
		Location:             pulumi.String("Global"),
		Description:          pulumi.String(fmt.Sprintf("Key Vault %s: the vault or its delete lock was deleted, or a role assignment on it was written or deleted.", b.p.vaultName)),
		Enabled:              pulumi.Bool(true),
		Scopes:               pulumi.StringArray{vaultID},
		Condition: insights.AlertRuleAllOfConditionArgs{
			AllOf: insights.AlertRuleAnyOfOrLeafConditionArray{
				insights.AlertRuleAnyOfOrLeafConditionArgs{Field: pulumi.String("category"), Equals: pulumi.String("Administrative")},
				insights.AlertRuleAnyOfOrLeafConditionArgs{AnyOf: ops},
			},
		},
		Actions: insights.ActionListArgs{ActionGroups: insights.ActionGroupTypeArray{insights.ActionGroupTypeArgs{ActionGroupId: actionGroupID}}},
		Tags:    tags,
	}, b.opts()...)
	if err != nil {
		return fmt.Errorf("creating activity-log alert: %w", err)
	}
	ids[AlertActivity] = al.ID().ToStringOutput()
	b.c.AlertRuleIDs = ids.ToStringMapOutput()
	return nil
}

// deniedRequestsQuery is the KQL of the denied-requests alert for one vault.
//
// The component's diagnostic setting leaves the destination type at Azure's
// default, so Key Vault's AuditEvent records land in the shared
// AzureDiagnostics table (ResourceProvider MICROSOFT.KEYVAULT, Category
// AuditEvent). The query also reads the resource-specific AZKVAuditLogs table
// so that it keeps working if the setting moves to dedicated tables;
// isfuzzy=true tolerates whichever table does not exist yet, and
// column_ifexists the AzureDiagnostics columns that appear only with the
// first matching record. A firewall denial is a 403 whose caller address was
// not authorized; it is reported as its own kind.
func deniedRequestsQuery(vaultID string) string {
	id, _ := json.Marshal(strings.ToLower(vaultID)) // a KQL string literal
	return strings.Join([]string{
		"let vault = " + string(id) + ";",
		"union isfuzzy=true",
		"  (AzureDiagnostics",
		"    | where ResourceProvider == \"MICROSOFT.KEYVAULT\" and Category == \"AuditEvent\"",
		"    | extend Status = toint(column_ifexists(\"httpStatusCode_d\", real(null))),",
		"             AddressAuthorized = tobool(column_ifexists(\"isAddressAuthorized_b\", bool(null))),",
		"             Caller = tostring(column_ifexists(\"CallerIPAddress\", \"\"))),",
		"  (AZKVAuditLogs",
		"    | extend Status = toint(column_ifexists(\"HttpStatusCode\", int(null))),",
		"             AddressAuthorized = tobool(column_ifexists(\"IsAddressAuthorized\", bool(null))),",
		"             Caller = tostring(column_ifexists(\"CallerIpAddress\", \"\")))",
		"| where tolower(_ResourceId) == vault",
		"| where Status in (401, 403)",
		"| extend Denial = case(AddressAuthorized == false, \"firewall\", Status == 401, \"unauthenticated\", \"forbidden\")",
		"| project TimeGenerated, Denial, Status, Caller, OperationName",
	}, "\n")
}

// defender turns on Microsoft Defender for Key Vault for the subscription.
//
// It deploys Microsoft.Security/pricings/KeyVaults (Standard) with a
// subscription-scope ARM deployment rather than assigning Azure Policy's
// DeployIfNotExists definition 1f725891: the deployment takes effect on this
// `pulumi up`, while the policy would only act on the subscription's next
// evaluation or a remediation task (which needs the policyinsights module,
// not available here), and would also need a managed identity with Security
// Admin on the subscription. The deployment runs in the subscription of the
// provider that creates the vault, which is therefore the vault's subscription.
// Deleting an ARM deployment leaves what it deployed in place, so destroying
// the stack does not switch the plan off for other workloads.
func (b *builder) defender(vault *keyvault.Vault) error {
	template := pulumi.Map{
		"$schema":        pulumi.String("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"),
		"contentVersion": pulumi.String("1.0.0.0"),
		"resources": pulumi.Array{pulumi.Map{
			"type":       pulumi.String("Microsoft.Security/pricings"),
			"apiVersion": pulumi.String(defenderPricingAPIVersion),
			"name":       pulumi.String("KeyVaults"),
			"properties": pulumi.Map{"pricingTier": pulumi.String("Standard")},
		}},
	}
	d, err := resources.NewDeploymentAtSubscriptionScope(b.ctx, childName(b.p.name, "defender"), &resources.DeploymentAtSubscriptionScopeArgs{
		DeploymentName: pulumi.String("defender-kv-" + b.p.vaultName),
		Location:       vault.Location,
		Properties: resources.DeploymentPropertiesArgs{
			Mode:     resources.DeploymentModeIncremental,
			Template: template,
		},
		Tags: pulumi.ToStringMap(b.p.args.Tags),
	}, b.opts()...)
	if err != nil {
		return fmt.Errorf("creating Defender for Key Vault deployment: %w", err)
	}
	b.c.DefenderDeploymentID = d.ID().ToStringOutput()
	return nil
}
