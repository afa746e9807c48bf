package azuresim

import (
	"strings"
	"time"
)

// Cloud implements the Azure Resource Manager operations of the simulator
// (PUT, GET, DELETE, and the Key Vault purge) on top of a Store. The
// provider server and the admin CLI both go through it, so that both obey
// the same rules.
type Cloud struct {
	store    *Store
	settings Settings
	now      func() time.Time
}

// NewCloud returns a Cloud over a store.
func NewCloud(store *Store, settings Settings, now func() time.Time) *Cloud {
	if now == nil {
		now = time.Now
	}
	return &Cloud{store: store, settings: settings, now: now}
}

// Store returns the cloud's store.
func (c *Cloud) Store() *Store { return c.store }

// putOptions tune a PUT.
type putOptions struct {
	// expectID, when set, is the ID the PUT must resolve to (an Update).
	expectID string
	// seeding marks a "sim put" of pre-existing infrastructure: parents,
	// references and most rules are not checked.
	seeding bool
	// skipChecks builds the resource without checking rules, for children
	// that a parent's PUT creates (inline subnets).
	skipChecks bool
	// subscription overrides the simulated subscription in the ID (for
	// seeded resources of other subscriptions, such as a hub network).
	subscription string
}

// pathValues extracts the path parameters from the inputs.
func (c *Cloud) pathValues(s *Spec, in map[string]any, subscription string) map[string]string {
	if subscription == "" {
		subscription = c.settings.SubscriptionID
	}
	vals := map[string]string{"subscriptionId": subscription}
	for _, p := range s.params() {
		if v, ok := in[p].(string); ok {
			vals[p] = v
		}
	}
	return vals
}

// exists tells whether an ARM ID names something in the simulated cloud.
func exists(w *World, id string) bool {
	if isImplicitScope(id) {
		return true
	}
	_, ok := w.Get(id)
	return ok
}

// notFound is the error for a missing resource an operation depends on.
func notFound(id, role string) error {
	if isResourceGroupID(id) {
		return azErr(404, "ResourceGroupNotFound", "Resource group '%s' could not be found.", lastSegment(id))
	}
	return azErr(404, "ParentResourceNotFound",
		"Can not perform requested operation on nested resource. %s '%s' not found. "+
			"(To reference infrastructure that exists outside this program, pre-seed it with: "+
			"pulumi-resource-azure-native sim put <type> <id> <json>)", role, id)
}

// put creates or updates a resource, as an ARM PUT does: a PUT on an ID
// that already exists updates it in place.
func (c *Cloud) put(w *World, s *Spec, in map[string]any, opt putOptions) (*Record, error) {
	params := c.pathValues(s, in, opt.subscription)
	id, err := renderID(s.IDTemplate, params)
	if err != nil {
		return nil, err
	}
	if opt.expectID != "" && key(id) != key(opt.expectID) {
		return nil, azErr(400, "ResourceIdMismatch",
			"the inputs name '%s' but the resource being updated is '%s'; a change of name or parent needs a replacement", id, opt.expectID)
	}
	prev, _ := w.Get(id)
	if prev != nil && prev.Type != s.Token {
		return nil, azErr(409, "Conflict", "a resource of type %s already exists with the ID '%s'", prev.Type, id)
	}
	ctx := &opContext{cloud: c, world: w, spec: s, id: id, params: params, in: in, prev: prev, now: c.now(), seeding: opt.seeding}
	if !opt.seeding && !opt.skipChecks {
		if err := c.checkPut(ctx); err != nil {
			return nil, err
		}
	}
	ctx.out = s.echo(in)
	ctx.out["name"] = ctx.name()
	if s.ARMType != "" {
		ctx.out["type"] = s.ARMType
	}
	if err := c.setLocation(ctx); err != nil {
		return nil, err
	}
	if s.Enrich != nil {
		if err := s.Enrich(ctx); err != nil {
			return nil, err
		}
	}
	if s.Live != nil {
		s.Live(w, &Record{ID: id, Type: s.Token}, ctx.out)
	}
	rec := &Record{ID: id, Type: s.Token, Inputs: ctx.in, Outputs: ctx.out, Seeded: opt.seeding, CreatedAt: ctx.now, UpdatedAt: ctx.now}
	if prev != nil {
		rec.CreatedAt = prev.CreatedAt
		rec.Seeded = prev.Seeded && opt.seeding
	}
	w.Put(rec)
	return rec, nil
}

// checkPut applies the rules every PUT obeys, then the type's own.
func (c *Cloud) checkPut(ctx *opContext) error {
	s, w, id := ctx.spec, ctx.world, ctx.id
	if s.Token != tokManagementLock {
		if lock, locked := lockBlocking(w, id, "write"); locked {
			return scopeLockedError(id, "write", lock)
		}
	}
	if p := parentID(id); p != "" && !exists(w, p) {
		role := "Parent resource"
		if templateParams(s.IDTemplate)[0] == "scope" || templateParams(s.IDTemplate)[0] == "resourceUri" {
			role = "Scope resource"
		}
		return notFound(p, role)
	}
	for _, ref := range s.References {
		for _, v := range collect(ctx.in, ref) {
			ref := strings.ReplaceAll(ref, "[]", "[*]")
			id, ok := v.(string)
			if !ok || id == "" {
				continue
			}
			if !strings.HasPrefix(id, "/") {
				return azErr(400, "InvalidResourceId", "the value '%s' of %s is not an ARM resource ID", id, ref)
			}
			if !exists(w, id) {
				return azErr(404, "LinkedResourceNotFound",
					"The resource '%s' referenced by %s was not found in the simulated cloud. (To reference infrastructure that "+
						"exists outside this program, pre-seed it with: pulumi-resource-azure-native sim put <type> <id> <json>)", id, ref)
			}
		}
	}
	if s.Validate != nil {
		return s.Validate(ctx)
	}
	return nil
}

// collect returns the values at a path where "[]" walks every element of
// an array.
func collect(m map[string]any, path string) []any {
	parts := strings.SplitN(path, "[]", 2)
	v, ok := getPath(m, mustPath(strings.TrimSuffix(parts[0], ".")))
	if !ok || v == nil {
		return nil
	}
	if len(parts) == 1 {
		return []any{v}
	}
	arr, _ := v.([]any)
	rest := strings.TrimPrefix(parts[1], ".")
	var out []any
	for _, e := range arr {
		if rest == "" {
			out = append(out, e)
			continue
		}
		if em, ok := e.(map[string]any); ok {
			out = append(out, collect(em, rest)...)
		}
	}
	return out
}

// setLocation fills the location output according to the spec.
func (c *Cloud) setLocation(ctx *opContext) error {
	s, in := ctx.spec, ctx.in
	given := getStr(in, "location")
	switch s.Location {
	case locNone:
		return nil
	case locGlobal:
		if given != "" && !strings.EqualFold(given, "global") {
			return azErr(400, "LocationNotAvailableForResourceType",
				"The provided location '%s' is not available for resource type '%s'. List of available regions for the resource type is 'global'.", given, s.ARMType)
		}
		if given == "" {
			ctx.out["location"] = "global"
		}
	case locDefault:
		if given == "" {
			ctx.out["location"] = s.DefaultLocation
		}
	case locFromParent:
		if p, ok := ctx.world.Get(parentID(ctx.id)); ok {
			ctx.out["location"] = getStr(p.Outputs, "location")
		}
	case locFromGroup, locRequired:
		if given != "" {
			return nil
		}
		loc := ""
		if s.Location == locFromGroup {
			if sub, rg, ok := resourceGroupOf(ctx.id); ok {
				if g, ok := ctx.world.Get("/subscriptions/" + sub + "/resourceGroups/" + rg); ok {
					loc = getStr(g.Outputs, "location")
				}
			}
		}
		if loc == "" {
			loc = c.settings.Location
		}
		if loc == "" {
			if ctx.seeding {
				return nil
			}
			return azErr(400, "LocationRequired", "The location property is required for this definition.")
		}
		ctx.out["location"] = loc
	}
	return nil
}

// liveOutputs returns a copy of a record's outputs with the values that
// depend on other resources filled in, as a GET would show them now. The
// provider returns the outputs as of the resource's own last PUT instead
// (see Spec.Live), so that a refresh reports only real drift; the admin
// CLI shows this live view.
func liveOutputs(w *World, r *Record) map[string]any {
	out := copyMap(r.Outputs)
	if out == nil {
		out = map[string]any{}
	}
	if s, ok := registry[r.Type]; ok && s.Live != nil {
		s.Live(w, r, out)
	}
	return out
}

// delete deletes a resource as an ARM DELETE does. Deleting something that
// does not exist succeeds (ARM answers 204). Management locks at or above
// the resource refuse the deletion, except for types that azure-native
// deletes through the Key Vault data plane, which locks do not cover.
func (c *Cloud) delete(w *World, id string) error {
	r, ok := w.Get(id)
	if !ok {
		return nil
	}
	s := registry[r.Type]
	if r.Type != tokManagementLock && (s == nil || !s.DataPlaneDelete) {
		if lock, locked := lockBlocking(w, r.ID, "delete"); locked {
			return scopeLockedError(r.ID, "delete", lock)
		}
	}
	if s != nil && s.Delete != nil {
		return s.Delete(c, w, r)
	}
	if r.Type == tokNetworkInterface {
		if pe := getStr(r.Outputs, "privateEndpoint.id"); pe != "" {
			if _, ok := w.Get(pe); ok {
				return azErr(400, "NicInUseByPrivateEndpoint",
					"Network interface %s is used by private endpoint %s and cannot be deleted on its own.", r.ID, pe)
			}
		}
	}
	w.Remove(r.ID)
	return nil
}

// deleteTree deletes a resource and everything under it, children first,
// refusing the whole operation when a lock covers any of it.
func (c *Cloud) deleteTree(w *World, r *Record) error {
	for _, sub := range append(w.Under(r.ID), r) {
		if sub.Type == tokManagementLock {
			continue
		}
		if lock, locked := lockBlocking(w, sub.ID, "delete"); locked {
			return scopeLockedError(r.ID, "delete", lock)
		}
	}
	// Vaults are soft-deleted with what they contain, as Azure does when a
	// resource group is deleted; everything else goes for good.
	for _, u := range w.Under(r.ID) {
		if _, still := w.Get(u.ID); still && u.Type == tokVault {
			softDeleteVault(c, w, u)
		}
	}
	for _, u := range w.Under(r.ID) {
		w.Remove(u.ID)
	}
	w.Remove(r.ID)
	return nil
}
