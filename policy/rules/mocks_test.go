package rules

import (
	"context"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingMocks records every registered resource with ResourceFromMock.
type recordingMocks struct {
	mu        sync.Mutex
	resources []policyx.AnalyzerResource
}

func (m *recordingMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	m.resources = append(m.resources, ResourceFromMock("zt", "dev", args))
	m.mu.Unlock()
	return args.Name + "_id", args.Inputs, nil
}

func (m *recordingMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

type genericResource struct{ pulumi.CustomResourceState }

// TestResourceFromMock registers a private vault, a component-parented private endpoint whose
// connection takes the vault's (mock) ID, and a plaintext secret under Pulumi mocks, and
// evaluates what the mocks recorded: the endpoint relates to the vault through property
// dependencies although the mock ID is no ARM ID, and the plaintext secret is reported.
func TestResourceFromMock(t *testing.T) {
	t.Parallel()
	mocks := &recordingMocks{}
	var vaultURN, endpointURN string
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		var comp struct{ pulumi.ResourceState }
		if err := ctx.RegisterComponentResource("zt:index:ZeroTrustVault", "main", &comp); err != nil {
			return err
		}
		var vault genericResource
		if err := ctx.RegisterResource(tokVault, "kv", pulumi.Map{
			"vaultName": pulumi.String("kv-prod"),
			"properties": pulumi.Map{
				"publicNetworkAccess": pulumi.String("Disabled"),
				"sku":                 pulumi.Map{"name": pulumi.String("premium")},
			},
		}, &vault, pulumi.Parent(&comp)); err != nil {
			return err
		}
		var pe genericResource
		if err := ctx.RegisterResource(tokPrivateEndpoint, "kv-pe", pulumi.Map{
			"privateLinkServiceConnections": pulumi.Array{pulumi.Map{
				"privateLinkServiceId": vault.ID(),
				"groupIds":             pulumi.StringArray{pulumi.String("vault")},
			}},
		}, &pe, pulumi.Parent(&comp)); err != nil {
			return err
		}
		var sec genericResource
		if err := ctx.RegisterResource(tokSecret, "pw", pulumi.Map{
			"vaultName":  pulumi.String("kv-prod"),
			"properties": pulumi.Map{"value": pulumi.String("hunter2")},
		}, &sec, pulumi.Parent(&comp)); err != nil {
			return err
		}
		vault.URN().ApplyT(func(u pulumi.URN) error { vaultURN = string(u); return nil })
		pe.URN().ApplyT(func(u pulumi.URN) error { endpointURN = string(u); return nil })
		return nil
	}, pulumi.WithMocks("zt", "dev", mocks))
	require.NoError(t, err)

	byURN := map[string]policyx.AnalyzerResource{}
	for _, r := range mocks.resources {
		byURN[r.URN] = r
	}
	require.Contains(t, byURN, vaultURN, "ResourceFromMock must derive the URN the mock monitor returns")
	require.Contains(t, byURN, endpointURN)
	assert.Contains(t, byURN[endpointURN].PropertyDependencies["privateLinkServiceConnections"], vaultURN)

	conf := DefaultConfig()
	vs, err := Evaluate(context.Background(), mocks.resources, conf)
	require.NoError(t, err)
	policies := map[string]bool{}
	for _, v := range vs {
		policies[v.Policy] = true
	}
	assert.False(t, policies["keyvault-private-endpoint-required"], "the endpoint relates to the vault through its dependencies")
	assert.True(t, policies["keyvault-secret-value-is-secret"])
	assert.True(t, policies["keyvault-private-endpoint-dns-zone-group"], "no zone group was registered")
}
