package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Server serves the pack on Pulumi's analyzer gRPC protocol, as policyx.Main
// does, with three differences that matter to users of policyx v3.276.0:
//
//   - stack policies receive their policy configuration (policyx passes
//     none, so e.g. dnsManagedExternally had no effect in a real preview);
//   - a resource's properties are decoded once per Analyze call, not once
//     per policy, and the stack policies share one index of the resources;
//   - GetPluginInfo answers before ConfigureStack (policyx dereferences a
//     nil pack there, which breaks `pulumi policy publish`).
//
// The policies themselves are ordinary policyx policies; only the transport
// is the pack's own.
type Server struct {
	pulumirpc.UnimplementedAnalyzerServer

	policies []policyx.Policy
	byName   map[string]policyx.Policy

	mu     sync.RWMutex
	config map[string]policyx.PolicyConfig
	tags   map[string]string
}

// NewServer returns an analyzer server for the pack's policies.
func NewServer() *Server {
	s := &Server{policies: Policies(), byName: map[string]policyx.Policy{}}
	for _, p := range s.policies {
		s.byName[p.Name()] = p
	}
	return s
}

// Serve starts the analyzer server on a free local port, writes the port to
// stdout (the engine reads it from the first line) and blocks until the
// engine stops it.
func Serve() error {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(g *grpc.Server) error {
			pulumirpc.RegisterAnalyzerServer(g, NewServer())
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("starting the analyzer: %w", err)
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}

// Handshake implements pulumirpc.AnalyzerServer.
func (s *Server) Handshake(context.Context, *pulumirpc.AnalyzerHandshakeRequest) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

// GetPluginInfo implements pulumirpc.AnalyzerServer.
func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: PackVersion}, nil
}

// GetAnalyzerInfo describes the pack and every policy with its default level
// and config schema.
func (s *Server) GetAnalyzerInfo(context.Context, *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	infos := make([]*pulumirpc.PolicyInfo, 0, len(s.policies))
	for _, p := range s.policies {
		info := &pulumirpc.PolicyInfo{
			Name:             p.Name(),
			Description:      p.Description(),
			EnforcementLevel: pulumirpc.EnforcementLevel(p.EnforcementLevel()),
		}
		if cs := p.ConfigSchema(); cs != nil {
			m := make(map[string]any, len(cs.Properties))
			for k, v := range cs.Properties {
				m[k] = v
			}
			props, err := structpb.NewStruct(m)
			if err != nil {
				return nil, fmt.Errorf("config schema of %s: %w", p.Name(), err)
			}
			info.ConfigSchema = &pulumirpc.PolicyConfigSchema{Properties: props, Required: cs.Required}
		}
		infos = append(infos, info)
	}
	return &pulumirpc.AnalyzerInfo{
		Name:           PackName,
		Version:        PackVersion,
		SupportsConfig: true,
		Policies:       infos,
	}, nil
}

// ConfigureStack records the stack's tags.
func (s *Server) ConfigureStack(_ context.Context, req *pulumirpc.AnalyzerStackConfigureRequest) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	s.mu.Lock()
	s.tags = req.GetTags()
	s.mu.Unlock()
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

// Configure records the policy configuration: an enforcement level and
// properties per policy name.
func (s *Server) Configure(_ context.Context, req *pulumirpc.ConfigureAnalyzerRequest) (*emptypb.Empty, error) {
	conf := make(map[string]policyx.PolicyConfig, len(req.GetPolicyConfig()))
	for name, c := range req.GetPolicyConfig() {
		var props map[string]any
		if st := c.GetProperties(); st != nil {
			raw, err := st.MarshalJSON()
			if err != nil {
				return nil, fmt.Errorf("config of policy %q: %w", name, err)
			}
			if err := json.Unmarshal(raw, &props); err != nil {
				return nil, fmt.Errorf("config of policy %q: %w", name, err)
			}
		}
		conf[name] = policyx.PolicyConfig{EnforcementLevel: policyx.EnforcementLevel(c.GetEnforcementLevel()), Properties: props}
	}
	s.mu.Lock()
	s.config = conf
	s.mu.Unlock()
	return &emptypb.Empty{}, nil
}

// Analyze runs the resource policies on one resource.
func (s *Server) Analyze(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	props, err := decodeProperties(req.GetProperties(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	r := policyx.AnalyzerResource{
		Type:       req.GetType(),
		Properties: props,
		URN:        req.GetUrn(),
		Name:       req.GetName(),
		Options:    resourceOptions(req.GetOptions()),
		Parent:     req.GetOptions().GetParent(),
	}
	s.mu.RLock()
	config := s.config
	s.mu.RUnlock()
	vs, err := analyzeResource(ctx, s.policies, r, config)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AnalyzeResponse{Diagnostics: s.diagnostics(vs, req.GetUrn())}, nil
}

// AnalyzeStack runs the stack policies on every resource of the stack.
func (s *Server) AnalyzeStack(ctx context.Context, req *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	resources := make([]policyx.AnalyzerResource, 0, len(req.GetResources()))
	for _, r := range req.GetResources() {
		props, err := decodeProperties(r.GetProperties(), r.GetUrn())
		if err != nil {
			return nil, err
		}
		deps := map[string][]string{}
		for k, v := range r.GetPropertyDependencies() {
			if urns := v.GetUrns(); len(urns) > 0 {
				deps[k] = urns
			}
		}
		resources = append(resources, policyx.AnalyzerResource{
			Type:                 r.GetType(),
			Properties:           props,
			URN:                  r.GetUrn(),
			Name:                 r.GetName(),
			Options:              resourceOptions(r.GetOptions()),
			Parent:               r.GetParent(),
			Dependencies:         r.GetDependencies(),
			PropertyDependencies: deps,
		})
	}
	s.mu.RLock()
	config := s.config
	s.mu.RUnlock()
	vs, err := analyzeStack(ctx, s.policies, resources, config)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AnalyzeResponse{Diagnostics: s.diagnostics(vs, "")}, nil
}

// Remediate implements pulumirpc.AnalyzerServer: the pack has no remediations.
func (s *Server) Remediate(context.Context, *pulumirpc.AnalyzeRequest) (*pulumirpc.RemediateResponse, error) {
	return &pulumirpc.RemediateResponse{}, nil
}

// Cancel implements pulumirpc.AnalyzerServer.
func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// diagnostics turns violations into the engine's diagnostics. The message
// the engine shows is the policy's description, a newline, then the
// violation's own message, as with policyx.
func (s *Server) diagnostics(vs []Violation, defURN string) []*pulumirpc.AnalyzeDiagnostic {
	out := make([]*pulumirpc.AnalyzeDiagnostic, 0, len(vs))
	for _, v := range vs {
		desc := ""
		if p, ok := s.byName[v.Policy]; ok {
			desc = p.Description()
		}
		msg := desc
		if v.Message != "" {
			msg += "\n" + v.Message
		}
		urn := v.URN
		if urn == "" {
			urn = defURN
		}
		out = append(out, &pulumirpc.AnalyzeDiagnostic{
			PolicyName:        v.Policy,
			PolicyPackName:    PackName,
			PolicyPackVersion: PackVersion,
			Description:       desc,
			Message:           msg,
			EnforcementLevel:  pulumirpc.EnforcementLevel(v.Level),
			Urn:               urn,
		})
	}
	return out
}

// decodeProperties turns the wire form into the property model policies read,
// keeping unknowns and secrets.
func decodeProperties(st *structpb.Struct, urn string) (property.Map, error) {
	pm, err := plugin.UnmarshalProperties(st, plugin.MarshalOptions{
		Label:            PackName + ".analyze",
		KeepUnknowns:     true,
		KeepSecrets:      true,
		KeepResources:    true,
		KeepOutputValues: true,
	})
	if err != nil {
		return property.Map{}, fmt.Errorf("decoding the properties of %s: %w", urn, err)
	}
	return resource.FromResourcePropertyMap(pm), nil
}

// resourceOptions carries the options policies may look at.
func resourceOptions(o *pulumirpc.AnalyzerResourceOptions) pulumi.ResourceOptions {
	if o == nil {
		return pulumi.ResourceOptions{}
	}
	return pulumi.ResourceOptions{
		Protect:                 o.GetProtect(),
		IgnoreChanges:           o.GetIgnoreChanges(),
		DeleteBeforeReplace:     o.GetDeleteBeforeReplace(),
		AdditionalSecretOutputs: o.GetAdditionalSecretOutputs(),
	}
}
