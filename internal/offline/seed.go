package offline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"gopkg.in/yaml.v3"
)

// existingResource is a resource a stack references by ID but does not create.
type existingResource struct {
	key   string // config key
	typ   string // azure-native type token
	props map[string]any
}

// existingKeys are the config keys that name pre-existing (hub) resources.
var existingKeys = []existingResource{
	{key: "endpointSubnetId", typ: "azure-native:network:Subnet", props: map[string]any{"addressPrefix": "10.100.8.0/24"}},
	{key: "privateDnsZoneId", typ: "azure-native:network:PrivateZone", props: map[string]any{"location": "Global"}},
	{key: "logAnalyticsWorkspaceId", typ: "azure-native:operationalinsights:Workspace", props: map[string]any{"retentionInDays": 365}},
}

// SeedExisting pre-creates, in the simulated cloud only, the resources that a
// stack's configuration references by ID (a landing zone's hub subnet, central
// DNS zone and workspace, and an existing resource group), so that a
// hub-and-spoke stack such as prod deploys offline. Each is announced as
// simulated. It changes nothing that already exists.
func SeedExisting(ctx context.Context, l Layout, stack string, log io.Writer) error {
	subscriptionID := SimSubscriptionID
	raw, err := os.ReadFile(l.ProjectDir() + "/stacks/Pulumi." + stack + ".yaml")
	if err != nil {
		return err
	}
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("reading stack %q configuration: %w", stack, err)
	}
	get := func(key string) string {
		s, _ := doc.Config[ProjectName+":"+key].(string)
		return s
	}
	type seed struct {
		typ, id string
		props   map[string]any
	}
	var seeds []seed
	if rg := get("resourceGroupName"); rg != "" {
		seeds = append(seeds, seed{"azure-native:resources:ResourceGroup", "/subscriptions/" + subscriptionID + "/resourceGroups/" + rg,
			map[string]any{"location": get("location")}})
	}
	for _, e := range existingKeys {
		id := get(e.key)
		if id == "" {
			continue
		}
		// The parent chain (resource group, virtual network) is seeded first.
		parts := strings.Split(id, "/")
		if len(parts) >= 5 {
			seeds = append(seeds, seed{"azure-native:resources:ResourceGroup", strings.Join(parts[:5], "/"), map[string]any{"location": get("location")}})
		}
		if e.typ == "azure-native:network:Subnet" && len(parts) >= 9 {
			seeds = append(seeds, seed{"azure-native:network:VirtualNetwork", strings.Join(parts[:9], "/"),
				map[string]any{"location": get("location"), "addressSpace": map[string]any{"addressPrefixes": []string{"10.100.0.0/16"}}}})
		}
		seeds = append(seeds, seed{e.typ, id, e.props})
	}
	seen := map[string]bool{}
	for _, s := range seeds {
		if seen[strings.ToLower(s.id)] {
			continue
		}
		seen[strings.ToLower(s.id)] = true
		if exists, err := simExists(ctx, l, s.id); err != nil {
			return err
		} else if exists {
			continue
		}
		props, err := json.Marshal(s.props)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "Simulator: seeding pre-existing %s %s (simulated, stands in for your landing zone)\n", s.typ, s.id)
		if out, err := simCommand(ctx, l, "put", s.typ, s.id, string(props)).CombinedOutput(); err != nil {
			return fmt.Errorf("seeding %s: %w: %s", s.id, err, out)
		}
	}
	return nil
}

// simCommand runs the simulator's admin CLI on the offline world.
func simCommand(ctx context.Context, l Layout, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, l.SimulatorPath(), append([]string{"sim"}, args...)...)
	cmd.Env = os.Environ()
	for k, v := range l.simEnv() {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// simExists reports whether the simulated cloud holds the resource.
func simExists(ctx context.Context, l Layout, id string) (bool, error) {
	err := simCommand(ctx, l, "show", id).Run()
	if err == nil {
		return true, nil
	}
	if _, ok := err.(*exec.ExitError); ok {
		return false, nil
	}
	return false, fmt.Errorf("asking the simulator about %s: %w", id, err)
}
