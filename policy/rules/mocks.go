package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// ResourceFromMock converts a resource registered under Pulumi mocks into the form Evaluate
// takes. project and stack must be the ones passed to pulumi.WithMocks: the URN is derived the
// same way the mock monitor derives it, so that Parent, Dependencies and PropertyDependencies
// (taken from args.RegisterRPC) name the URNs of the other recorded resources.
//
// Properties are args.Inputs converted with resource.FromResourcePropertyMap, the SDK's own
// conversion from resource.PropertyMap to property.Map (secrets stay secret).
func ResourceFromMock(project, stack string, args pulumi.MockResourceArgs) policyx.AnalyzerResource {
	r := policyx.AnalyzerResource{
		Type:       args.TypeToken,
		Name:       args.Name,
		Properties: resource.FromResourcePropertyMap(args.Inputs),
	}
	parent := ""
	if rpc := args.RegisterRPC; rpc != nil {
		parent = rpc.GetParent()
		r.Parent = parent
		r.Dependencies = append([]string(nil), rpc.GetDependencies()...)
		if pd := rpc.GetPropertyDependencies(); len(pd) > 0 {
			r.PropertyDependencies = make(map[string][]string, len(pd))
			for k, v := range pd {
				if urns := v.GetUrns(); len(urns) > 0 {
					r.PropertyDependencies[k] = append([]string(nil), urns...)
				}
			}
		}
	}
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	r.URN = string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType,
		tokens.Type(args.TypeToken), args.Name))
	return r
}
