package azuresim

import (
	"context"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Diff compares the old inputs with the new ones, ignoring whether values
// are wrapped as secrets. Nothing changed is DIFF_NONE, so a second "up"
// is a no-op. A change to a path parameter (a name, the resource group,
// the scope) or to a create-only property replaces the resource; when the
// replacement keeps the same ARM ID it must delete before it creates.
func (s *Server) Diff(ctx context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	oldStruct := req.GetOldInputs()
	if oldStruct == nil {
		oldStruct = req.GetOlds()
	}
	oldProps, err := unmarshal("old inputs", oldStruct)
	if err != nil {
		return nil, err
	}
	newProps, err := unmarshal("news", req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, news := unwrapping.object(oldProps), unwrapping.object(newProps)
	for _, ic := range req.GetIgnoreChanges() {
		p, err := parsePath(ic)
		if err != nil {
			continue
		}
		if v, ok := getPath(olds, p); ok {
			_ = setPath(news, p, deepCopy(v))
		} else {
			deletePath(news, p)
		}
	}
	d := computeDiff(spec, olds, news)
	resp := &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE, DetailedDiff: d.detailed, HasDetailedDiff: true}
	if len(d.detailed) == 0 {
		return resp, nil
	}
	resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	resp.Diffs = d.changedKeys
	resp.Replaces = d.replaceKeys
	if len(d.replaceKeys) > 0 && !containsUnknown(news) {
		s.mu.Lock()
		sub := s.settings.SubscriptionID
		s.mu.Unlock()
		newID, err := renderID(spec.IDTemplate, (&Cloud{settings: Settings{SubscriptionID: sub}}).pathValues(spec, news, ""))
		resp.DeleteBeforeReplace = err == nil && key(newID) == key(req.GetId())
	}
	return resp, nil
}

// diffResult is a computed diff.
type diffResult struct {
	detailed    map[string]*pulumirpc.PropertyDiff
	changedKeys []string
	replaceKeys []string
}

// computeDiff walks both input trees. Objects are compared key by key;
// arrays and scalars as a whole.
func computeDiff(spec *Spec, olds, news map[string]any) diffResult {
	var replacePaths []propertyPath
	for _, p := range spec.params() {
		replacePaths = append(replacePaths, propertyPath{{key: p}})
	}
	for _, p := range spec.ReplaceOn {
		replacePaths = append(replacePaths, mustPath(p))
	}
	isReplace := func(p propertyPath) bool {
		for _, r := range replacePaths {
			if p.hasPrefix(r) || r.hasPrefix(p) {
				return true
			}
		}
		return false
	}
	res := diffResult{detailed: map[string]*pulumirpc.PropertyDiff{}}
	changed, replaced := map[string]bool{}, map[string]bool{}
	var walk func(p propertyPath, o, n any)
	walk = func(p propertyPath, o, n any) {
		om, oIsMap := o.(map[string]any)
		nm, nIsMap := n.(map[string]any)
		if oIsMap && nIsMap && !isSecretMarker(om) && !isSecretMarker(nm) {
			keys := map[string]bool{}
			for k := range om {
				keys[k] = true
			}
			for k := range nm {
				keys[k] = true
			}
			for _, k := range sortedKeys(keys) {
				walk(p.child(k), om[k], nm[k])
			}
			return
		}
		if plainEqual(o, n) {
			return
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		switch {
		case o == nil:
			kind = pulumirpc.PropertyDiff_ADD
		case n == nil:
			kind = pulumirpc.PropertyDiff_DELETE
		}
		top := p[0].key
		changed[top] = true
		if isReplace(p) {
			replaced[top] = true
			kind = replaceKind[kind]
		}
		res.detailed[p.String()] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	walk(nil, olds, news)
	res.changedKeys = sortedKeys(changed)
	res.replaceKeys = sortedKeys(replaced)
	return res
}

// replaceKind maps a diff kind to its replacing variant.
var replaceKind = map[pulumirpc.PropertyDiff_Kind]pulumirpc.PropertyDiff_Kind{
	pulumirpc.PropertyDiff_ADD:    pulumirpc.PropertyDiff_ADD_REPLACE,
	pulumirpc.PropertyDiff_DELETE: pulumirpc.PropertyDiff_DELETE_REPLACE,
	pulumirpc.PropertyDiff_UPDATE: pulumirpc.PropertyDiff_UPDATE_REPLACE,
}
