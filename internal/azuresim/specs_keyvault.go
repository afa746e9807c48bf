package azuresim

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

// Key Vault: vaults (with soft delete, purge protection, recovery and
// global names), keys and secrets.

const vaultTemplate = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}"

func init() {
	register(
		&Spec{
			Token:       tokVault,
			ARMType:     "Microsoft.KeyVault/vaults",
			IDTemplate:  vaultTemplate,
			NameParam:   "vaultName",
			MaxNameLen:  24,
			ReplaceOn:   []string{"location"},
			OmitOutputs: []string{"properties.createMode"},
			Computed:    []string{"properties.vaultUri", "properties.provisioningState", "systemData"},
			References:  []string{"properties.networkAcls.virtualNetworkRules[].id"},
			Location:    locFromGroup,
			Validate:    validateVault,
			Enrich:      enrichVault,
			Live:        liveVault,
			Delete: func(c *Cloud, w *World, r *Record) error {
				softDeleteVault(c, w, r)
				return nil
			},
		},
		&Spec{
			Token:             tokKey,
			ARMType:           "Microsoft.KeyVault/vaults/keys",
			IDTemplate:        vaultTemplate + "/keys/{keyName}",
			NameParam:         "keyName",
			MaxNameLen:        127,
			FlattenProperties: true,
			ReplaceOn:         []string{"properties.kty", "properties.keySize", "properties.curveName"},
			Computed:          []string{"keyUri", "keyUriWithVersion", "attributes.created", "attributes.updated", "attributes.recoveryLevel"},
			Location:          locFromParent,
			DataPlaneDelete:   true,
			Validate:          validateKey,
			Enrich:            enrichKey,
		},
		&Spec{
			Token:        tokSecret,
			ARMType:      "Microsoft.KeyVault/vaults/secrets",
			IDTemplate:   vaultTemplate + "/secrets/{secretName}",
			NameParam:    "secretName",
			MaxNameLen:   127,
			OmitOutputs:  []string{"properties.value"},
			SecretInputs: []string{"properties.value"},
			Computed: []string{"properties.secretUri", "properties.secretUriWithVersion",
				"properties.attributes.created", "properties.attributes.updated"},
			Location:        locFromParent,
			DataPlaneDelete: true,
			Validate:        validateSecret,
			Enrich:          enrichSecret,
		},
	)
}

// vaultURI is the data-plane endpoint of a vault in Azure's public cloud.
func vaultURI(name string) string { return "https://" + strings.ToLower(name) + ".vault.azure.net/" }

func validateVault(c *opContext) error {
	name := c.name()
	if err := checkVaultName(name); err != nil {
		return err
	}
	in := c.in
	if !isSet(in, "properties") {
		return azErr(400, "BadRequest", "The request body must contain 'properties'.")
	}
	if t := getStr(in, "properties.tenantId"); !isGUID(t) {
		return azErr(400, "BadRequest", "The property 'properties.tenantId' must be a tenant GUID, got '%s'.", t)
	}
	sku := strings.ToLower(getStr(in, "properties.sku.name"))
	if sku != "standard" && sku != "premium" {
		return azErr(400, "BadRequest", "The SKU name '%s' is not valid: use 'standard' or 'premium'.", getStr(in, "properties.sku.name"))
	}
	if f := getStr(in, "properties.sku.family"); f != "" && f != "A" {
		return azErr(400, "BadRequest", "The SKU family '%s' is not valid: use 'A'.", f)
	}
	if v, set := getBool(in, "properties.enableSoftDelete"); set && !v {
		return azErr(400, "BadRequest",
			"The property \"enableSoftDelete\" cannot be set to false. Soft delete is always on for key vaults and cannot be turned off.")
	}
	if days, set := getNum(in, "properties.softDeleteRetentionInDays"); set {
		if days != float64(int(days)) || days < 7 || days > 90 {
			return azErr(400, "BadRequest", "The property \"softDeleteRetentionInDays\" must be a whole number of days between 7 and 90, got %v.", days)
		}
		if old, ok := c.prevOutput("properties.softDeleteRetentionInDays"); ok {
			if o, _ := toFloat(old); o != days {
				return azErr(400, "BadRequest",
					"The property \"softDeleteRetentionInDays\" has been set already and it can't be modified (it is %v days, the request asks for %v).", o, days)
			}
		}
	}
	if v, set := getBool(in, "properties.enablePurgeProtection"); set && !v {
		if old, _ := c.prevOutput("properties.enablePurgeProtection"); old == true {
			return azErr(400, "BadRequest",
				"The property \"enablePurgeProtection\" cannot be set to false. Enabling purge protection for a vault is an irreversible action; the vault '%s' keeps it.", name)
		}
		return azErr(400, "BadRequest",
			"The property \"enablePurgeProtection\" cannot be set to false: to leave purge protection off, do not send the property at all.")
	}
	for i, r := range getList(in, "properties.networkAcls.ipRules") {
		m, _ := r.(map[string]any)
		if err := checkIPRule(i, getStr(m, "value")); err != nil {
			return err
		}
	}
	if a := getStr(in, "properties.networkAcls.defaultAction"); a != "" && a != "Allow" && a != "Deny" {
		return azErr(400, "BadRequest", "networkAcls.defaultAction must be 'Allow' or 'Deny', got '%s'.", a)
	}
	if b := getStr(in, "properties.networkAcls.bypass"); b != "" && b != "AzureServices" && b != "None" {
		return azErr(400, "BadRequest", "networkAcls.bypass must be 'AzureServices' or 'None', got '%s'.", b)
	}
	if p := getStr(in, "properties.publicNetworkAccess"); p != "" && !strings.EqualFold(p, "Enabled") && !strings.EqualFold(p, "Disabled") {
		return azErr(400, "BadRequest", "publicNetworkAccess must be 'Enabled' or 'Disabled', got '%s'.", p)
	}
	mode := strings.ToLower(getStr(in, "properties.createMode"))
	if mode != "" && mode != "default" && mode != "recover" {
		return azErr(400, "BadRequest", "createMode must be 'default' or 'recover', got '%s'.", getStr(in, "properties.createMode"))
	}
	if c.prev != nil {
		return nil
	}
	// A new vault: its name must be free across Azure, soft-deleted
	// vaults included.
	for _, other := range c.world.lookup(ixVaultName + fold(name)) {
		if strings.EqualFold(getStr(other.Outputs, "name"), name) {
			return azErr(409, "VaultAlreadyExists",
				"The vault name '%s' is already in use. Vault names are globally unique (they form the DNS name %s); "+
					"the existing vault is '%s'.", name, vaultURI(name), other.ID)
		}
	}
	deleted := c.world.DeletedVaults[strings.ToLower(name)]
	switch {
	case mode == "recover" && deleted == nil:
		return azErr(404, "DeletedVaultNotFound",
			"No soft-deleted vault named '%s' was found to recover; remove createMode 'recover' to create a new vault.", name)
	case mode != "recover" && deleted != nil:
		return azErr(409, "ConflictError",
			"A vault with the same name already exists in deleted state (deleted %s, scheduled purge %s). "+
				"You need to either recover (createMode 'recover') or purge the existing key vault '%s'.",
			timestamp(deleted.DeletionDate), timestamp(deleted.ScheduledPurgeDate), name)
	}
	return nil
}

func enrichVault(c *opContext) error {
	name := c.name()
	props, _ := c.out["properties"].(map[string]any)
	if props == nil {
		props = map[string]any{}
		c.out["properties"] = props
	}
	if deleted := c.world.DeletedVaults[strings.ToLower(name)]; deleted != nil && c.prev == nil &&
		strings.EqualFold(getStr(c.in, "properties.createMode"), "recover") {
		recoverVault(c, deleted, props)
	}
	defaults := map[string]any{
		"enableSoftDelete":             true,
		"softDeleteRetentionInDays":    float64(90),
		"enabledForDeployment":         false,
		"enabledForDiskEncryption":     false,
		"enabledForTemplateDeployment": false,
		"enableRbacAuthorization":      false,
		"publicNetworkAccess":          "Enabled",
		"accessPolicies":               []any{},
	}
	for k, v := range defaults {
		if props[k] == nil {
			props[k] = v
		}
	}
	if old, ok := c.prevOutput("properties.softDeleteRetentionInDays"); ok {
		props["softDeleteRetentionInDays"] = old
	}
	if old, _ := c.prevOutput("properties.enablePurgeProtection"); old == true {
		props["enablePurgeProtection"] = true
	}
	props["vaultUri"] = vaultURI(name)
	props["provisioningState"] = "Succeeded"
	c.out["systemData"] = c.systemData()
	return nil
}

// recoverVault brings a soft-deleted vault back under the new ID with what
// it contained; its retention and purge protection cannot change.
func recoverVault(c *opContext, d *DeletedVault, props map[string]any) {
	c.world.removeDeletedVault(d.Name)
	if v, ok := getPath(d.Vault.Outputs, mustPath("properties.softDeleteRetentionInDays")); ok && v != nil {
		props["softDeleteRetentionInDays"] = v
	}
	if d.PurgeProtection {
		props["enablePurgeProtection"] = true
	}
	oldPrefix := d.Vault.ID
	for _, child := range d.Children {
		child.ID = c.id + child.ID[len(oldPrefix):]
		c.world.Put(child)
	}
}

// liveVault lists the private endpoint connections of a vault.
func liveVault(w *World, r *Record, out map[string]any) {
	var conns []any
	for _, pe := range w.lookup(ixPETarget + fold(r.ID)) {
		for _, list := range []struct {
			path   string
			status string
			desc   string
		}{
			{"privateLinkServiceConnections", "Approved", "Auto-Approved"},
			{"manualPrivateLinkServiceConnections", "Pending", "Awaiting approval"},
		} {
			for _, cn := range getList(pe.Outputs, list.path) {
				m, _ := cn.(map[string]any)
				if !strings.EqualFold(getStr(m, "privateLinkServiceId"), r.ID) {
					continue
				}
				conns = append(conns, map[string]any{
					"id":                r.ID + "/privateEndpointConnections/" + lastSegment(pe.ID),
					"etag":              getStr(pe.Outputs, "etag"),
					"privateEndpoint":   map[string]any{"id": pe.ID},
					"provisioningState": "Succeeded",
					"privateLinkServiceConnectionState": map[string]any{
						"status": list.status, "description": list.desc, "actionsRequired": "None",
					},
				})
			}
		}
	}
	if len(conns) > 0 {
		if props, ok := out["properties"].(map[string]any); ok {
			props["privateEndpointConnections"] = conns
		}
	}
}

// softDeleteVault moves a vault and everything under it to the deleted
// vaults, to be purged after the retention period.
func softDeleteVault(c *Cloud, w *World, r *Record) {
	now := c.now()
	days := 90.0
	if v, ok := getNum(r.Outputs, "properties.softDeleteRetentionInDays"); ok {
		days = v
	}
	pp, _ := getBool(r.Outputs, "properties.enablePurgeProtection")
	d := &DeletedVault{
		Name:               getStr(r.Outputs, "name"),
		ID:                 r.ID,
		Location:           getStr(r.Outputs, "location"),
		DeletionDate:       now,
		ScheduledPurgeDate: now.Add(time.Duration(days) * 24 * time.Hour),
		PurgeProtection:    pp,
		Vault:              r,
	}
	for _, child := range w.Under(r.ID) {
		d.Children = append(d.Children, child)
		w.Remove(child.ID)
	}
	w.Remove(r.ID)
	w.putDeletedVault(d)
}

// purgeVault permanently deletes a soft-deleted vault, unless purge
// protection forbids it until the scheduled purge date.
func purgeVault(c *Cloud, w *World, name string) error {
	d := w.DeletedVaults[strings.ToLower(name)]
	if d == nil {
		return azErr(404, "DeletedVaultNotFound", "No soft-deleted vault named '%s' was found.", name)
	}
	if d.PurgeProtection && c.now().Before(d.ScheduledPurgeDate) {
		return azErr(409, "PurgeProtectionEnabled",
			"Operation 'purge' is not allowed for vault '%s' because purge protection is enabled. "+
				"It will be purged automatically on %s; until then it can only be recovered.", d.Name, timestamp(d.ScheduledPurgeDate))
	}
	w.removeDeletedVault(name)
	return nil
}

// SortedDeletedVaults returns the soft-deleted vaults, ordered by name.
func (w *World) SortedDeletedVaults() []*DeletedVault {
	out := make([]*DeletedVault, 0, len(w.DeletedVaults))
	for _, d := range w.DeletedVaults {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

var objectNameRE = regexp.MustCompile(`^[0-9A-Za-z-]{1,127}$`)

// parentVault returns the vault that holds a key or secret.
func parentVault(c *opContext) *Record {
	v, _ := c.world.Get(parentID(c.id))
	return v
}

func validateKey(c *opContext) error {
	if !objectNameRE.MatchString(c.name()) {
		return azErr(400, "BadParameter", "The key name '%s' is invalid: use 1-127 letters, digits and hyphens.", c.name())
	}
	kty := getStr(c.in, "properties.kty")
	switch kty {
	case "RSA", "RSA-HSM", "EC", "EC-HSM":
	default:
		return azErr(400, "BadParameter", "The key type (kty) '%s' is not supported: use RSA, RSA-HSM, EC or EC-HSM.", kty)
	}
	if strings.HasSuffix(kty, "-HSM") {
		if v := parentVault(c); v != nil && !strings.EqualFold(getStr(v.Outputs, "properties.sku.name"), "premium") {
			return azErr(400, "BadParameter",
				"Key type %s (HSM-protected) is not supported by vault '%s' with SKU '%s': HSM-protected keys need the premium SKU.",
				kty, getStr(v.Outputs, "name"), getStr(v.Outputs, "properties.sku.name"))
		}
	}
	if size, set := getNum(c.in, "properties.keySize"); set {
		if strings.HasPrefix(kty, "EC") {
			return azErr(400, "BadParameter", "keySize does not apply to EC keys; use curveName.")
		}
		if size != 2048 && size != 3072 && size != 4096 {
			return azErr(400, "BadParameter", "The RSA key size %v is not supported: use 2048, 3072 or 4096.", size)
		}
	}
	if curve := getStr(c.in, "properties.curveName"); curve != "" {
		if !strings.HasPrefix(kty, "EC") {
			return azErr(400, "BadParameter", "curveName applies to EC keys only.")
		}
		switch curve {
		case "P-256", "P-384", "P-521", "P-256K":
		default:
			return azErr(400, "BadParameter", "The curve '%s' is not supported: use P-256, P-384, P-521 or P-256K.", curve)
		}
	}
	for _, op := range getList(c.in, "properties.keyOps") {
		switch op {
		case "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "release":
		default:
			return azErr(400, "BadParameter", "The key operation '%v' is not supported.", op)
		}
	}
	return nil
}

// recoveryLevel is the recovery level Key Vault reports for objects of a
// vault.
func recoveryLevel(vault *Record) string {
	if vault != nil {
		if pp, _ := getBool(vault.Outputs, "properties.enablePurgeProtection"); pp {
			return "Recoverable"
		}
	}
	return "Recoverable+Purgeable"
}

func enrichKey(c *opContext) error {
	if c.prev != nil {
		// ARM's key PUT is "create if not exist": on an existing key it
		// returns the key unchanged and writes nothing.
		c.out = copyMap(c.prev.Outputs)
		c.in = c.prev.Inputs
		return nil
	}
	vault := getStr(c.in, "vaultName")
	uri := "https://" + strings.ToLower(vault) + ".vault.azure.net/keys/" + c.name()
	c.set("keyUri", uri)
	c.set("keyUriWithVersion", uri+"/"+newVersion())
	kty := getStr(c.in, "properties.kty")
	if strings.HasPrefix(kty, "RSA") && !isSet(c.out, "keySize") {
		c.set("keySize", float64(2048))
	}
	if strings.HasPrefix(kty, "EC") && !isSet(c.out, "curveName") {
		c.set("curveName", "P-256")
	}
	attrs := getObj(c.out, "attributes")
	if attrs == nil {
		attrs = map[string]any{}
		c.out["attributes"] = attrs
	}
	if attrs["enabled"] == nil {
		attrs["enabled"] = true
	}
	if attrs["exportable"] == nil {
		attrs["exportable"] = false
	}
	attrs["created"] = float64(c.now.Unix())
	attrs["updated"] = float64(c.now.Unix())
	attrs["recoveryLevel"] = recoveryLevel(parentVault(c))
	return nil
}

func validateSecret(c *opContext) error {
	if !objectNameRE.MatchString(c.name()) {
		return azErr(400, "BadParameter", "The secret name '%s' is invalid: use 1-127 letters, digits and hyphens.", c.name())
	}
	return nil
}

func enrichSecret(c *opContext) error {
	vault := getStr(c.in, "vaultName")
	uri := "https://" + strings.ToLower(vault) + ".vault.azure.net/secrets/" + c.name()
	version := newVersion()
	if c.prev != nil {
		oldValue, _ := getPath(c.prev.Inputs, mustPath("properties.value"))
		newValue, _ := getPath(c.in, mustPath("properties.value"))
		if plainEqual(oldValue, newValue) {
			if old := getStr(c.prev.Outputs, "properties.secretUriWithVersion"); old != "" {
				version = lastSegment(old)
			}
		}
	}
	c.set("properties.secretUri", uri)
	c.set("properties.secretUriWithVersion", uri+"/"+version)
	attrs := getObj(c.out, "properties.attributes")
	if attrs == nil {
		attrs = map[string]any{}
		c.set("properties.attributes", attrs)
	}
	if attrs["enabled"] == nil {
		attrs["enabled"] = true
	}
	created := c.now
	if c.prev != nil {
		created = c.prev.CreatedAt
	}
	attrs["created"] = float64(created.Unix())
	attrs["updated"] = float64(c.now.Unix())
	return nil
}
