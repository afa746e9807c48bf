// Package azmock is a recording pulumi.MockResourceMonitor for tests of
// programs that use the azure-native SDK: it records every registered
// resource (type, name, inputs, parent, dependencies) and answers with
// ARM-shaped IDs and the outputs the component reads (vault URI, private
// endpoint network interfaces, client config), without any Azure call.
package azmock

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Identity values returned by the getClientConfig mock.
const (
	TenantID       = "11111111-1111-4111-8111-111111111111"
	SubscriptionID = "22222222-2222-4222-8222-222222222222"
	ObjectID       = "33333333-3333-4333-8333-333333333333"
	ClientID       = "44444444-4444-4444-8444-444444444444"
	// PrivateIP is the address the getNetworkInterface mock reports.
	PrivateIP = "10.20.1.4"
)

// Resource is one registered resource as the mock monitor saw it.
type Resource struct {
	Type   string
	Name   string
	URN    string
	Parent string
	ID     string
	Custom bool
	Inputs resource.PropertyMap
	// Dependencies and PropertyDependencies are URNs, as the engine sends them.
	Dependencies         []string
	PropertyDependencies map[string][]string
	Protect              bool
	DeleteBeforeReplace  bool
}

// Mocks implements pulumi.MockResourceMonitor and records what it sees.
// It is safe for concurrent use, as the SDK requires.
type Mocks struct {
	project, stack string

	mu        sync.Mutex
	resources []Resource
	calls     []string
}

var _ pulumi.MockResourceMonitor = (*Mocks)(nil)

// New returns mocks for a program run as project/stack.
func New(project, stack string) *Mocks { return &Mocks{project: project, stack: stack} }

// RunOption plugs the mocks into pulumi.RunErr.
func (m *Mocks) RunOption() pulumi.RunOption { return pulumi.WithMocks(m.project, m.stack, m) }

// NewResource records the resource and returns an ARM-shaped ID and outputs.
func (m *Mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	outputs := args.Inputs.Copy()
	id := ""
	if args.Custom {
		id = armID(args.TypeToken, args.Name, args.Inputs)
		outputs["name"] = resource.NewProperty(id[strings.LastIndex(id, "/")+1:])
		enrich(args.TypeToken, id, outputs)
	}
	r := Resource{Type: args.TypeToken, Name: args.Name, ID: id, Custom: args.Custom, Inputs: args.Inputs}
	if rpc := args.RegisterRPC; rpc != nil {
		r.Parent = rpc.GetParent()
		r.Dependencies = rpc.GetDependencies()
		r.Protect = rpc.GetProtect()
		r.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		r.PropertyDependencies = map[string][]string{}
		for k, v := range rpc.GetPropertyDependencies() {
			r.PropertyDependencies[k] = v.GetUrns()
		}
		r.URN = m.urnOf(rpc.GetParent(), args.TypeToken, args.Name)
	}
	m.mu.Lock()
	m.resources = append(m.resources, r)
	m.mu.Unlock()
	return id, outputs, nil
}

// Call answers the invokes the component uses.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.calls = append(m.calls, args.Token)
	m.mu.Unlock()
	switch args.Token {
	case "azure-native:authorization:getClientConfig":
		return resource.NewPropertyMapFromMap(map[string]any{
			"tenantId": TenantID, "subscriptionId": SubscriptionID, "objectId": ObjectID, "clientId": ClientID,
		}), nil
	case "azure-native:network:getNetworkInterface":
		return resource.NewPropertyMapFromMap(map[string]any{
			"ipConfigurations": []any{map[string]any{"privateIPAddress": PrivateIP}},
		}), nil
	}
	return nil, fmt.Errorf("azmock: invoke %s is not mocked", args.Token)
}

// Resources returns the recorded resources sorted by URN (registration order
// is concurrent and so not stable).
func (m *Mocks) Resources() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Resource(nil), m.resources...)
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

// Calls returns the invoke tokens seen, in order.
func (m *Mocks) Calls() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.calls...)
}

// OfType returns the recorded resources of one type token.
func (m *Mocks) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// urnOf mirrors the mock monitor's URN scheme.
func (m *Mocks) urnOf(parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(m.stack), tokens.PackageName(m.project), parentType, tokens.Type(typ), name))
}

// WithConfig is a run option that gives the program stack configuration
// (fully qualified keys such as "project:key", values as the CLI passes them:
// objects and arrays JSON-encoded).
func WithConfig(cfg map[string]string) pulumi.RunOption {
	return func(ri *pulumi.RunInfo) { ri.Config = cfg }
}
