package azuresim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
)

// Resource Manager itself: resource groups and (recorded, not executed)
// template deployments, at a resource group or at the subscription.

func init() {
	register(
		&Spec{
			Token:      tokResourceGroup,
			ARMType:    "Microsoft.Resources/resourceGroups",
			IDTemplate: rgTemplate,
			NameParam:  "resourceGroupName",
			MaxNameLen: 90,
			ReplaceOn:  []string{"location"},
			Computed:   []string{"properties.provisioningState"},
			Location:   locRequired,
			Validate:   validateResourceGroup,
			Enrich: func(c *opContext) error {
				c.out["properties"] = map[string]any{"provisioningState": "Succeeded"}
				return nil
			},
			Delete: func(c *Cloud, w *World, r *Record) error { return c.deleteTree(w, r) },
		},
		&Spec{
			Token:       tokDeployment,
			ARMType:     "Microsoft.Resources/deployments",
			IDTemplate:  rgTemplate + "/providers/Microsoft.Resources/deployments/{deploymentName}",
			NameParam:   "deploymentName",
			MaxNameLen:  64,
			OmitOutputs: []string{"properties.template"},
			Computed: []string{"properties.provisioningState", "properties.correlationId", "properties.timestamp",
				"properties.duration", "properties.templateHash", "properties.outputs"},
			Validate: validateDeployment,
			Enrich:   enrichDeployment,
		},
		// A deployment at the subscription scope runs in the provider's
		// subscription (azure-native:subscriptionId, else AZSIM_SUBSCRIPTION_ID).
		// As for resource group deployments, the template is recorded and not
		// run: what it would deploy (for example the Microsoft.Security/pricings
		// KeyVaults plan of Defender for Key Vault) is not modelled, and deleting
		// the deployment removes only the deployment record, as on Azure, where
		// deleting a deployment leaves what it deployed in place.
		&Spec{
			Token:       tokSubDeployment,
			ARMType:     "Microsoft.Resources/deployments",
			IDTemplate:  "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}",
			NameParam:   "deploymentName",
			MaxNameLen:  64,
			ReplaceOn:   []string{"location"},
			OmitOutputs: []string{"properties.template"},
			Computed: []string{"properties.provisioningState", "properties.correlationId", "properties.timestamp",
				"properties.duration", "properties.templateHash", "properties.outputs"},
			// Azure stores a subscription deployment's metadata in a region and
			// refuses one without a location; azure-native fills the provider's.
			Location: locRequired,
			Validate: validateDeployment,
			Enrich:   enrichDeployment,
		},
	)
}

var rgNameRE = regexp.MustCompile(`^[-\w\._\(\)]{1,90}$`)

func validateResourceGroup(c *opContext) error {
	if n := c.name(); !rgNameRE.MatchString(n) || strings.HasSuffix(n, ".") {
		return azErr(400, "InvalidResourceGroupName",
			"The resource group name '%s' is invalid: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period.", n)
	}
	return nil
}

func validateDeployment(c *opContext) error {
	switch getStr(c.in, "properties.mode") {
	case "Incremental", "Complete":
	default:
		return azErr(400, "InvalidDeploymentMode", "properties.mode must be 'Incremental' or 'Complete', got '%s'.", getStr(c.in, "properties.mode"))
	}
	if !isSet(c.in, "properties.template") && !isSet(c.in, "properties.templateLink") {
		return azErr(400, "InvalidTemplate", "The deployment needs properties.template or properties.templateLink.")
	}
	return nil
}

func enrichDeployment(c *opContext) error {
	tmpl, _ := getPath(c.in, mustPath("properties.template"))
	data, err := json.Marshal(tmpl)
	if err != nil {
		return azErr(400, "InvalidTemplate", "the template cannot be encoded as JSON")
	}
	sum := sha256.Sum256(data)
	c.set("properties.provisioningState", "Succeeded")
	c.set("properties.correlationId", newGUID())
	c.set("properties.timestamp", timestamp(c.now))
	c.set("properties.duration", "PT0S")
	c.set("properties.templateHash", hex.EncodeToString(sum[:8]))
	// The simulator records deployments; it does not run their templates.
	c.set("properties.outputs", map[string]any{})
	return nil
}
