package keyvault

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/component"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
)

// renamed lists the schema fields whose Go name differs from the Go API's,
// as "<provider type>.<field>" → "<Go API field>".
var renamed = map[string]string{
	"JustInTime.MaxActivationMinutes": "MaxActivationDuration",
}

// The argument types mirror the Go API field by field, in both directions: a
// field added to component.ZeroTrustVaultArgs (or any nested type) without
// a schema counterpart fails here, and so does a schema field the Go API
// does not have.
func TestArgumentTypesMirrorTheGoAPI(t *testing.T) {
	mirror(t, "ZeroTrustVaultArgs", reflect.TypeFor[ZeroTrustVaultArgs](), reflect.TypeFor[component.ZeroTrustVaultArgs]())
}

func mirror(t *testing.T, path string, ours, theirs reflect.Type) {
	t.Helper()
	for ours.Kind() == reflect.Pointer {
		ours = ours.Elem()
	}
	switch ours.Kind() {
	case reflect.Slice, reflect.Map:
		mirror(t, path+"[]", ours.Elem(), theirs.Elem())
		return
	case reflect.Struct:
	default:
		return
	}
	theirFields := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(theirs) {
		if f.IsExported() {
			theirFields[f.Name] = f
		}
	}
	for _, f := range reflect.VisibleFields(ours) {
		name := f.Name
		if r, ok := renamed[ours.Name()+"."+f.Name]; ok {
			name = r
		}
		tf, ok := theirFields[name]
		if !assert.True(t, ok, "%s.%s has no counterpart in %s", path, f.Name, theirs) {
			continue
		}
		delete(theirFields, name)
		mirror(t, path+"."+f.Name, f.Type, tf.Type)
	}
	for name := range theirFields {
		t.Errorf("%s: the Go API's %s.%s is missing from the schema's %s", path, theirs.Name(), name, ours.Name())
	}
}

// Every argument reaches the Go API: with every field of the schema's
// arguments set, every field of the Go API's arguments is set.
func TestEveryArgumentReachesTheGoAPI(t *testing.T) {
	var args ZeroTrustVaultArgs
	fill(reflect.ValueOf(&args).Elem())
	got := args.toComponent()
	assertSet(t, "ZeroTrustVaultArgs", reflect.ValueOf(got).Elem())
}

// fill sets v to a non-zero value of its type, recursively.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int:
		v.SetInt(1)
	case reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e)
		m.SetMapIndex(reflect.ValueOf("k"), e)
		v.Set(m)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i))
		}
	case reflect.Interface:
		if v.Type() == reflect.TypeFor[pulumi.StringInput]() {
			v.Set(reflect.ValueOf(pulumi.String("x")))
		}
	}
}

// assertSet fails for every zero field under v.
func assertSet(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			assertSet(t, path+"."+v.Type().Field(i).Name, v.Field(i))
		}
	case reflect.Slice, reflect.Map:
		if assert.Positive(t, v.Len(), "%s is not mapped", path) && v.Kind() == reflect.Slice {
			assertSet(t, path+"[0]", v.Index(0))
		}
	default:
		assert.False(t, v.IsZero(), "%s is not mapped", path)
	}
}

// The component's outputs and the schema's are the same set, and
// copyOutputs finds a source for every one.
func TestOutputsMirrorTheGoComponent(t *testing.T) {
	tags := func(typ reflect.Type) []string {
		var out []string
		for i := 0; i < typ.NumField(); i++ {
			if tag, ok := typ.Field(i).Tag.Lookup("pulumi"); ok {
				out = append(out, tag)
			}
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, tags(reflect.TypeFor[component.ZeroTrustVault]()), tags(reflect.TypeFor[ZeroTrustVault]()))
	require.NoError(t, copyOutputs(&ZeroTrustVault{}, &component.ZeroTrustVault{}))
}

// schema returns the provider's schema as the engine gets it.
func schema(t *testing.T) pschema.PackageSpec {
	t.Helper()
	prov, err := Provider()
	require.NoError(t, err)
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse(SchemaVersion()), integration.WithProvider(prov))
	require.NoError(t, err)
	resp, err := s.GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &spec))
	return spec
}

// The schema names the component with the Go component's type token,
// describes the component, every argument, output, type and property, and
// keeps secret values secret.
func TestSchemaDescribesEverything(t *testing.T) {
	spec := schema(t)
	assert.Equal(t, Name, spec.Name)
	assert.Equal(t, SchemaVersion(), spec.Version)
	res, ok := spec.Resources[component.TypeToken]
	require.True(t, ok, "the schema has no %s", component.TypeToken)
	assert.True(t, res.IsComponent)
	assert.NotEmpty(t, res.Description)
	assert.Equal(t, []string{"resourceGroupName"}, res.RequiredInputs)
	for name, prop := range res.InputProperties {
		assert.NotEmpty(t, prop.Description, "argument %s", name)
	}
	for name, prop := range res.Properties {
		assert.NotEmpty(t, prop.Description, "output %s", name)
	}
	assert.Len(t, res.Properties, reflect.TypeFor[component.ZeroTrustVault]().NumField()-1, "every output")
	for tok, typ := range spec.Types {
		assert.True(t, strings.HasPrefix(tok, Name+":keyvault:"), tok)
		assert.NotEmpty(t, typ.Description, "type %s", tok)
		for name, prop := range typ.Properties {
			assert.NotEmpty(t, prop.Description, "%s.%s", tok, name)
		}
	}
	assert.True(t, spec.Types[Name+":keyvault:Secret"].Properties["value"].Secret, "a secret's value is a secret")
	assert.True(t, spec.Types[Name+":keyvault:Webhook"].Properties["uri"].Secret, "a webhook URI is a secret")
}

// Plain Go values are plain in the schema, at every depth; Go inputs are not.
func TestSchemaMarksPlainArguments(t *testing.T) {
	spec := schema(t)
	in := spec.Resources[component.TypeToken].InputProperties
	for _, name := range []string{"vaultName", "sku", "softDeleteRetentionDays", "network", "keys", "tags"} {
		assert.True(t, in[name].Plain, "%s is plain", name)
	}
	for _, name := range []string{"resourceGroupName", "location", "tenantId"} {
		assert.False(t, in[name].Plain, "%s is an input", name)
	}
	assert.True(t, in["keys"].Items.Plain, "keys[] is plain")
	network := spec.Types[Name+":keyvault:Network"].Properties
	assert.True(t, network["virtualNetworkSubnetIds"].Plain)
	assert.True(t, network["virtualNetworkSubnetIds"].Items.Plain)
	endpoint := spec.Types[Name+":keyvault:PrivateEndpoint"].Properties
	assert.False(t, endpoint["subnetId"].Plain, "a subnet ID may come from another resource")
	assert.True(t, endpoint["name"].Plain)
}

func TestSchemaVersion(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	for in, want := range map[string]string{"": DefaultVersion, "v1.2.3": "1.2.3", "1.2.3-rc.1": "1.2.3-rc.1", " v2.0.0\n": "2.0.0"} {
		Version = in
		assert.Equal(t, want, SchemaVersion(), "Version=%q", in)
	}
}

const (
	project  = "proj"
	stack    = "dev"
	subnetID = "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
	appID    = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
)

// construct runs the provider's Construct in process, against mocks.
func construct(t *testing.T, name string, inputs map[string]property.Value) (*azmock.Mocks, p.ConstructResponse, error) {
	t.Helper()
	prov, err := Provider()
	require.NoError(t, err)
	mocks := azmock.New(project, stack)
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse(SchemaVersion()),
		integration.WithProvider(prov), integration.WithMocks(mocks))
	require.NoError(t, err)
	urn := presource.NewURN(stack, project, "", tokens.Type(component.TypeToken), name)
	resp, err := s.Construct(p.ConstructRequest{Urn: urn, Inputs: property.NewMap(inputs)})
	return mocks, resp, err
}

// goAPI runs the Go API under the same mocks and returns the error
// NewZeroTrustVault returned, or else the run's.
func goAPI(name string, args *component.ZeroTrustVaultArgs) (*azmock.Mocks, error) {
	mocks := azmock.New(project, stack)
	var ctorErr error
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, ctorErr = component.NewZeroTrustVault(ctx, name, args)
		return ctorErr
	}, mocks.RunOption())
	if ctorErr != nil {
		return mocks, ctorErr
	}
	return mocks, err
}

func baseInputs() map[string]property.Value {
	return map[string]property.Value{
		"resourceGroupName": property.New("rg-app"),
		"location":          property.New("westeurope"),
		"privateEndpoints": property.New([]property.Value{
			property.New(map[string]property.Value{"subnetId": property.New(subnetID)}),
		}),
		"roleAssignments": property.New([]property.Value{
			property.New(map[string]property.Value{
				"key": property.New("app"), "principalId": property.New(appID), "role": property.New("Key Vault Secrets User"),
			}),
		}),
		"secrets": property.New([]property.Value{
			property.New(map[string]property.Value{
				"name": property.New("db"), "value": property.New("hunter2").WithSecret(true), "contentType": property.New("text/plain"),
			}),
		}),
	}
}

func baseArgs() *component.ZeroTrustVaultArgs {
	return &component.ZeroTrustVaultArgs{
		ResourceGroupName: pulumi.String("rg-app"),
		Location:          pulumi.String("westeurope"),
		PrivateEndpoints:  []component.PrivateEndpointArgs{{SubnetID: pulumi.String(subnetID)}},
		RoleAssignments:   []component.RoleAssignmentArgs{{Key: "app", PrincipalID: pulumi.String(appID), Role: "Key Vault Secrets User"}},
		Secrets:           []component.SecretArgs{{Name: "db", Value: pulumi.String("hunter2"), ContentType: "text/plain"}},
	}
}

// Constructed through the provider, the component registers the same
// resources, with the same names and types, as the Go API does.
func TestConstructRegistersWhatTheGoAPIRegisters(t *testing.T) {
	viaProvider, resp, err := construct(t, "vault", baseInputs())
	require.NoError(t, err)
	assert.Equal(t, component.TypeToken, string(resp.Urn.Type()))
	for _, out := range []string{"vaultId", "vaultUri", "privateEndpointIds", "secretUris"} {
		assert.True(t, resp.State.Get(out).IsComputed() || !resp.State.Get(out).IsNull(), "output %s", out)
	}
	viaGo, err := goAPI("vault", baseArgs())
	require.NoError(t, err)
	names := func(m *azmock.Mocks) []string {
		var out []string
		for _, r := range m.Resources() {
			if r.Custom {
				out = append(out, r.Type+" "+r.Name)
			}
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, names(viaGo), names(viaProvider))
	vaults := viaProvider.OfType("azure-native:keyvault:Vault")
	require.Len(t, vaults, 1)
	assert.Equal(t, component.DeriveVaultName(project, stack, "vault"), vaults[0].Inputs["vaultName"].StringValue())
	secrets := viaProvider.OfType("azure-native:keyvault:Secret")
	require.Len(t, secrets, 1)
	assert.True(t, secrets[0].Inputs["properties"].ObjectValue()["value"].ContainsSecrets(), "the value stays secret")
}

// Invalid arguments fail with exactly the Go API's message.
func TestValidationErrorsAreTheGoAPIs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inputs func(map[string]property.Value)
		args   func(*component.ZeroTrustVaultArgs)
	}{{
		name:   "retention",
		inputs: func(in map[string]property.Value) { in["softDeleteRetentionDays"] = property.New(120.0) },
		args:   func(a *component.ZeroTrustVaultArgs) { a.SoftDeleteRetentionDays = 120 },
	}, {
		name: "owner",
		inputs: func(in map[string]property.Value) {
			in["roleAssignments"] = property.New([]property.Value{property.New(map[string]property.Value{
				"key": property.New("ops"), "principalId": property.New(appID), "role": property.New("Owner"),
			})})
		},
		args: func(a *component.ZeroTrustVaultArgs) {
			a.RoleAssignments = []component.RoleAssignmentArgs{{Key: "ops", PrincipalID: pulumi.String(appID), Role: "Owner"}}
		},
	}, {
		name: "several",
		inputs: func(in map[string]property.Value) {
			in["sku"] = property.New("basic")
			in["network"] = property.New(map[string]property.Value{
				"allowPublicNetworkAccess": property.New(true),
				"ipRules":                  property.New([]property.Value{property.New("10.0.0.0/8")}),
			})
			in["justInTime"] = property.New(map[string]property.Value{"maxActivationMinutes": property.New(10.0)})
		},
		args: func(a *component.ZeroTrustVaultArgs) {
			a.SKU = "basic"
			a.Network = component.NetworkArgs{AllowPublicNetworkAccess: true, IPRules: []string{"10.0.0.0/8"}}
			a.JustInTime.MaxActivationDuration = 10 * time.Minute
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			in := baseInputs()
			tc.inputs(in)
			_, _, err := construct(t, "vault", in)
			require.Error(t, err)
			args := baseArgs()
			tc.args(args)
			_, goErr := goAPI("vault", args)
			require.Error(t, goErr)
			assert.ErrorIs(t, goErr, component.ErrInvalidArgs)
			assert.Contains(t, err.Error(), goErr.Error())
			t.Log(goErr)
		})
	}
}
