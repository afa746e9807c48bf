package azuresim

import (
	"strings"
)

// Authorization: role assignments (GUID names, no duplicates), management
// locks (which block deletes and writes below their scope), PIM
// eligibility schedule requests, role management policies and policy
// assignments.

func init() {
	register(
		&Spec{
			Token:      tokRoleAssignment,
			ARMType:    "Microsoft.Authorization/roleAssignments",
			IDTemplate: "{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
			NameParam:  "roleAssignmentName",
			AutoName:   autoNameGUID,
			EchoParams: []string{"scope"},
			ReplaceOn:  []string{"principalId", "roleDefinitionId", "principalType", "delegatedManagedIdentityResourceId"},
			Computed:   []string{"createdBy", "createdOn", "updatedBy", "updatedOn"},
			Validate:   validateRoleAssignment,
			Enrich: func(c *opContext) error {
				c.out["createdBy"] = c.keepOr("createdBy", func() any { return c.cloud.settings.ObjectID })
				c.out["createdOn"] = c.keepOr("createdOn", func() any { return timestamp(c.now) })
				c.out["updatedBy"] = c.cloud.settings.ObjectID
				c.out["updatedOn"] = timestamp(c.now)
				if c.out["principalType"] == nil {
					c.out["principalType"] = "User"
				}
				return nil
			},
		},
		&Spec{
			Token:      tokManagementLock,
			ARMType:    "Microsoft.Authorization/locks",
			IDTemplate: "{scope}/providers/Microsoft.Authorization/locks/{lockName}",
			NameParam:  "lockName",
			MaxNameLen: 90,
			Computed:   []string{"systemData"},
			Validate:   validateLock,
			Enrich: func(c *opContext) error {
				c.out["systemData"] = c.systemData()
				return nil
			},
		},
		&Spec{
			Token:      tokPimEligibility,
			ARMType:    "Microsoft.Authorization/roleEligibilityScheduleRequests",
			IDTemplate: "{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/{roleEligibilityScheduleRequestName}",
			NameParam:  "roleEligibilityScheduleRequestName",
			AutoName:   autoNameGUID,
			EchoParams: []string{"scope"},
			ReplaceOn: []string{"principalId", "roleDefinitionId", "scheduleInfo", "condition", "conditionVersion",
				"justification", "ticketInfo", "targetRoleEligibilityScheduleId", "targetRoleEligibilityScheduleInstanceId"},
			Computed: []string{"status", "createdOn", "requestorId", "principalType", "approvalId", "expandedProperties"},
			Validate: validatePimEligibility,
			Enrich: func(c *opContext) error {
				c.out["status"] = "Provisioned"
				c.out["createdOn"] = c.keepOr("createdOn", func() any { return timestamp(c.now) })
				c.out["requestorId"] = c.cloud.settings.ObjectID
				c.out["principalType"] = "User"
				c.out["approvalId"] = ""
				if c.out["requestType"] == nil {
					c.out["requestType"] = "AdminAssign"
				}
				c.out["expandedProperties"] = map[string]any{
					"principal":      map[string]any{"id": getStr(c.in, "principalId"), "type": "User"},
					"roleDefinition": map[string]any{"id": getStr(c.in, "roleDefinitionId"), "type": "BuiltInRole"},
					"scope":          map[string]any{"id": c.params["scope"]},
				}
				return nil
			},
		},
		&Spec{
			Token:      tokRoleMgmtPolicy,
			ARMType:    "Microsoft.Authorization/roleManagementPolicies",
			IDTemplate: "{scope}/providers/Microsoft.Authorization/roleManagementPolicies/{roleManagementPolicyName}",
			NameParam:  "roleManagementPolicyName",
			AutoName:   autoNameGUID,
			EchoParams: []string{"scope"},
			Computed:   []string{"effectiveRules", "lastModifiedDateTime", "lastModifiedBy", "policyProperties"},
			Enrich: func(c *opContext) error {
				rules, _ := getPath(c.in, mustPath("rules"))
				if rules == nil {
					rules = []any{}
				}
				c.out["effectiveRules"] = deepCopy(rules)
				c.out["lastModifiedDateTime"] = timestamp(c.now)
				c.out["lastModifiedBy"] = map[string]any{"id": c.cloud.settings.ObjectID, "type": "User", "displayName": "azure simulator"}
				c.out["policyProperties"] = map[string]any{"scope": map[string]any{"id": c.params["scope"]}}
				return nil
			},
		},
		&Spec{
			Token:      tokPolicyAssignment,
			ARMType:    "Microsoft.Authorization/policyAssignments",
			IDTemplate: "{scope}/providers/Microsoft.Authorization/policyAssignments/{policyAssignmentName}",
			NameParam:  "policyAssignmentName",
			MaxNameLen: 64,
			EchoParams: []string{"scope"},
			ReplaceOn:  []string{"location"},
			Computed:   []string{"systemData"},
			Validate:   validatePolicyAssignment,
			Enrich: func(c *opContext) error {
				c.out["systemData"] = c.systemData()
				if c.out["enforcementMode"] == nil {
					c.out["enforcementMode"] = "Default"
				}
				return nil
			},
		},
	)
}

func validateRoleAssignment(c *opContext) error {
	name := c.name()
	if !isGUID(name) {
		return azErr(400, "InvalidRoleAssignmentId",
			"The role assignment ID '%s' is not valid. The role assignment ID must be a GUID.", name)
	}
	principal := getStr(c.in, "principalId")
	if !isGUID(principal) {
		return azErr(400, "InvalidPrincipalId", "The principal ID '%s' is not valid. It must be the object ID (a GUID) of a user, group or service principal.", principal)
	}
	role, err := roleDefinitionGUID(getStr(c.in, "roleDefinitionId"))
	if err != nil {
		return err
	}
	switch t := getStr(c.in, "principalType"); t {
	case "", "User", "Group", "ServicePrincipal", "ForeignGroup", "Device":
	default:
		return azErr(400, "InvalidPrincipalType", "The principal type '%s' is not valid.", t)
	}
	if isSet(c.in, "condition") && getStr(c.in, "conditionVersion") != "" && getStr(c.in, "conditionVersion") != "2.0" {
		return azErr(400, "InvalidConditionVersion", "The condition version '%s' is not supported: use '2.0'.", getStr(c.in, "conditionVersion"))
	}
	scope := c.params["scope"]
	if c.prev != nil {
		same := strings.EqualFold(getStr(c.prev.Inputs, "principalId"), principal)
		if oldRole, err := roleDefinitionGUID(getStr(c.prev.Inputs, "roleDefinitionId")); err != nil || oldRole != role || !same {
			return azErr(400, "RoleAssignmentUpdateNotPermitted",
				"Tenant ID, application ID, principal ID, and scope are not allowed to be updated.")
		}
	}
	for _, other := range c.world.lookup(ixRole + roleKey(role, principal, scope)) {
		if key(other.ID) == key(c.id) {
			continue
		}
		otherRole, _ := roleDefinitionGUID(getStr(other.Inputs, "roleDefinitionId"))
		if otherRole == role && strings.EqualFold(getStr(other.Inputs, "principalId"), principal) &&
			key(getStr(other.Inputs, "scope")) == key(scope) {
			roleName := knownRoleNames[role]
			if roleName == "" {
				roleName = role
			}
			return azErr(409, "RoleAssignmentExists",
				"The role assignment already exists. (principal %s already has role '%s' at scope '%s' through role assignment '%s')",
				principal, roleName, scope, lastSegment(other.ID))
		}
	}
	return nil
}

func validateLock(c *opContext) error {
	switch level := getStr(c.in, "level"); level {
	case "CanNotDelete", "ReadOnly":
	default:
		return azErr(400, "InvalidLockLevel", "The lock level '%s' is not valid: use 'CanNotDelete' or 'ReadOnly'.", level)
	}
	if n := c.name(); len(n) > 90 || strings.ContainsAny(n, "<>%&:\\?/*") {
		return azErr(400, "InvalidLockName", "The lock name '%s' is not valid: at most 90 characters, none of <>%%&:\\?/*.", n)
	}
	if len(getStr(c.in, "notes")) > 512 {
		return azErr(400, "InvalidLockNotes", "Lock notes are limited to 512 characters.")
	}
	return nil
}

func validatePimEligibility(c *opContext) error {
	if !isGUID(c.name()) {
		return azErr(400, "InvalidRoleEligibilityScheduleRequestName",
			"The role eligibility schedule request name '%s' is not valid: it must be a GUID.", c.name())
	}
	if p := getStr(c.in, "principalId"); !isGUID(p) {
		return azErr(400, "InvalidPrincipalId", "The principal ID '%s' is not valid.", p)
	}
	_, err := roleDefinitionGUID(getStr(c.in, "roleDefinitionId"))
	return err
}

func validatePolicyAssignment(c *opContext) error {
	def := getStr(c.in, "policyDefinitionId")
	if def == "" {
		return azErr(400, "InvalidPolicyDefinitionId", "The policy assignment '%s' needs policyDefinitionId.", c.name())
	}
	lower := strings.ToLower(def)
	if !strings.Contains(lower, "/providers/microsoft.authorization/policydefinitions/") &&
		!strings.Contains(lower, "/providers/microsoft.authorization/policysetdefinitions/") {
		return azErr(400, "InvalidPolicyDefinitionId", "The policy definition ID '%s' is not a policy or initiative definition ID.", def)
	}
	switch m := getStr(c.in, "enforcementMode"); m {
	case "", "Default", "DoNotEnforce":
	default:
		return azErr(400, "InvalidEnforcementMode", "enforcementMode must be 'Default' or 'DoNotEnforce', got '%s'.", m)
	}
	if getStr(c.in, "identity.type") != "" && getStr(c.in, "identity.type") != "None" && getStr(c.in, "location") == "" {
		return azErr(400, "LocationRequired", "A policy assignment with a managed identity needs a location.")
	}
	return nil
}
