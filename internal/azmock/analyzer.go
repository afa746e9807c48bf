package azmock

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// AnalyzerResources returns the recorded resources the way a policy pack
// sees them during a preview: type, name, URN, parent, dependencies and
// inputs, so that tests can run the pack over what a program registered.
func (m *Mocks) AnalyzerResources() []policyx.AnalyzerResource {
	recorded := m.Resources()
	out := make([]policyx.AnalyzerResource, 0, len(recorded))
	for _, r := range recorded {
		out = append(out, policyx.AnalyzerResource{
			Type:                 r.Type,
			Name:                 r.Name,
			URN:                  r.URN,
			Parent:               r.Parent,
			Dependencies:         r.Dependencies,
			PropertyDependencies: r.PropertyDependencies,
			Properties:           resource.FromResourcePropertyMap(r.Inputs),
		})
	}
	return out
}
