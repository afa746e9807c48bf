package azuresim

import (
	"fmt"
	"strings"
)

// templateParams lists the {placeholders} of an ARM ID template, in order.
func templateParams(tmpl string) []string {
	var out []string
	for _, seg := range strings.Split(tmpl, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

// isScopeParam tells whether a template parameter holds a whole ARM ID
// (an extension resource's scope) rather than one name.
func isScopeParam(p string) bool {
	return p == "scope" || p == "resourceUri"
}

// renderID fills an ARM ID template. values holds the path parameters;
// subscriptionId comes from the settings. It fails when a value is
// missing, empty or, for a name, contains a slash.
func renderID(tmpl string, values map[string]string) (string, error) {
	segs := strings.Split(tmpl, "/")
	for i, seg := range segs {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		p := seg[1 : len(seg)-1]
		v := values[p]
		if v == "" {
			return "", azErr(400, "MissingParameter", "the path parameter '%s' is required", p)
		}
		if isScopeParam(p) {
			v = strings.TrimSuffix(v, "/")
			if !strings.HasPrefix(v, "/") {
				return "", azErr(400, "InvalidScope", "the scope '%s' is not a valid ARM resource ID: it must start with '/'", v)
			}
		} else if strings.Contains(v, "/") {
			return "", azErr(400, "InvalidResourceName", "the value '%s' of '%s' must not contain '/'", v, p)
		}
		segs[i] = v
	}
	return strings.Join(segs, "/"), nil
}

// parseID matches an ARM ID against a template and returns the path
// parameters. Literal segments compare case-insensitively, as ARM does.
func parseID(tmpl, id string) (map[string]string, error) {
	tsegs := strings.Split(tmpl, "/")
	isegs := strings.Split(strings.TrimSuffix(id, "/"), "/")
	out := map[string]string{}
	if len(tsegs) > 0 && strings.HasPrefix(tsegs[0], "{") {
		// {scope}/providers/...: match the fixed tail from the end.
		tail := tsegs[1:]
		if len(isegs) < len(tail)+2 {
			return nil, fmt.Errorf("azure simulator: %q does not match %s", id, tmpl)
		}
		scope := strings.Join(isegs[:len(isegs)-len(tail)], "/")
		out[tsegs[0][1:len(tsegs[0])-1]] = scope
		tsegs, isegs = tail, isegs[len(isegs)-len(tail):]
	}
	if len(tsegs) != len(isegs) {
		return nil, fmt.Errorf("azure simulator: %q does not match %s", id, tmpl)
	}
	for i, t := range tsegs {
		if strings.HasPrefix(t, "{") {
			if isegs[i] == "" {
				return nil, fmt.Errorf("azure simulator: %q has an empty %s", id, t)
			}
			out[t[1:len(t)-1]] = isegs[i]
			continue
		}
		if !strings.EqualFold(t, isegs[i]) {
			return nil, fmt.Errorf("azure simulator: %q does not match %s", id, tmpl)
		}
	}
	return out, nil
}

// parentID returns the ID of the resource that contains id: the resource
// group of a top-level resource, the vault of a key, the scope of an
// extension resource. It returns "" for a subscription or tenant-level ID.
func parentID(id string) string {
	segs := strings.Split(strings.TrimSuffix(id, "/"), "/")
	if len(segs) <= 3 { // "", "subscriptions", "{id}"
		return ""
	}
	segs = segs[:len(segs)-2]
	if len(segs) >= 2 && strings.EqualFold(segs[len(segs)-2], "providers") {
		segs = segs[:len(segs)-2]
	}
	return strings.Join(segs, "/")
}

// resourceGroupOf returns the resource group named in an ARM ID, if any.
func resourceGroupOf(id string) (sub, rg string, ok bool) {
	segs := strings.Split(id, "/")
	if len(segs) >= 5 && strings.EqualFold(segs[1], "subscriptions") && strings.EqualFold(segs[3], "resourceGroups") {
		return segs[2], segs[4], true
	}
	return "", "", false
}

// isResourceGroupID tells whether id is exactly a resource group's ID.
func isResourceGroupID(id string) bool {
	segs := strings.Split(strings.TrimSuffix(id, "/"), "/")
	return len(segs) == 5 && segs[0] == "" && strings.EqualFold(segs[1], "subscriptions") && strings.EqualFold(segs[3], "resourceGroups")
}

// isImplicitScope tells whether an ID names something that always exists
// for the simulator: the tenant root, a subscription or a management group.
func isImplicitScope(id string) bool {
	segs := strings.Split(strings.TrimSuffix(id, "/"), "/")
	switch {
	case id == "/" || id == "":
		return true
	case len(segs) == 3 && segs[0] == "" && strings.EqualFold(segs[1], "subscriptions"):
		return true
	case len(segs) == 5 && segs[0] == "" && strings.EqualFold(segs[1], "providers") &&
		strings.EqualFold(segs[2], "Microsoft.Management") && strings.EqualFold(segs[3], "managementGroups"):
		return true
	}
	return false
}

// lastSegment returns the last segment of an ARM ID (the resource's name).
func lastSegment(id string) string {
	id = strings.TrimSuffix(id, "/")
	return id[strings.LastIndex(id, "/")+1:]
}

// isUnder tells whether id is scope itself or a resource below it.
func isUnder(id, scope string) bool {
	k, s := key(id), key(scope)
	return k == s || strings.HasPrefix(k, s+"/")
}
