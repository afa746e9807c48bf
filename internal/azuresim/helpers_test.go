package azuresim

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/structpb"
)

// Identities used by the tests.
const (
	testSub         = DefaultSubscriptionID
	testTenant      = DefaultTenantID
	principalA      = "11111111-1111-4111-8111-111111111111"
	principalB      = "22222222-2222-4222-8222-222222222222"
	raName1         = "aaaaaaaa-0000-4000-8000-000000000001"
	raName2         = "aaaaaaaa-0000-4000-8000-000000000002"
	roleSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6"
	roleReader      = "21090545-7ca7-4776-b22c-e363652d74d2"
)

// Tests check after every change that the file holds exactly the world in
// memory, and compact the journal often so that both ways of writing run.
func init() {
	verifyPersisted.Store(true)
	journalCompactMin = 4 << 10
}

// secret wraps a string as a Pulumi secret for pv.
type secret string

// unknownPV is an unknown (computed) value for pv.
type unknownPV struct{}

// pv builds a property value from Go literals: maps, slices, strings,
// numbers, booleans, secret(...) and unknownPV{}.
func pv(v any) resource.PropertyValue {
	switch t := v.(type) {
	case nil:
		return resource.NewNullProperty()
	case resource.PropertyValue:
		return t
	case secret:
		return resource.MakeSecret(resource.NewStringProperty(string(t)))
	case unknownPV:
		return resource.MakeComputed(resource.NewStringProperty(""))
	case string:
		return resource.NewStringProperty(t)
	case bool:
		return resource.NewBoolProperty(t)
	case int:
		return resource.NewNumberProperty(float64(t))
	case float64:
		return resource.NewNumberProperty(t)
	case []any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = pv(e)
		}
		return resource.NewArrayProperty(arr)
	case map[string]any:
		return resource.NewObjectProperty(pm(t))
	}
	panic("pv: unsupported value")
}

// pm builds a property map (see pv).
func pm(m map[string]any) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		out[resource.PropertyKey(k)] = pv(v)
	}
	return out
}

// obj is shorthand for a nested object literal.
type obj = map[string]any

// arr is shorthand for an array literal.
type arr = []any

// recordingLogger captures what the server logs to the engine.
type recordingLogger struct {
	mu   sync.Mutex
	msgs []string
}

func (l *recordingLogger) Log(_ context.Context, _ diag.Severity, _ resource.URN, msg string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, msg)
	return nil
}

// harness drives a Server in-process against a world file in a temporary
// directory.
type harness struct {
	t     *testing.T
	dir   string
	path  string
	env   map[string]string
	srv   *Server
	log   *recordingLogger
	exits []int
	mu    sync.Mutex
	clock time.Time
}

// newHarness returns a harness with a fresh world file; env adds AZSIM_*
// knobs.
func newHarness(t *testing.T, env map[string]string) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, path: filepath.Join(dir, "world.json"), env: map[string]string{}, log: &recordingLogger{},
		clock: time.Now().UTC().Truncate(time.Second)}
	h.env[EnvState] = h.path
	for k, v := range env {
		h.env[k] = v
	}
	h.srv = h.newServer(nil)
	return h
}

// now is the harness clock.
func (h *harness) now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.clock
}

// advance moves the clock.
func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clock = h.clock.Add(d)
}

// getenv reads the harness environment.
func (h *harness) getenv(k string) string { return h.env[k] }

// newServer starts another server (another "process") on the same world;
// extra overrides knobs for that server only.
func (h *harness) newServer(extra map[string]string) *Server {
	h.t.Helper()
	env := map[string]string{}
	for k, v := range h.env {
		env[k] = v
	}
	for k, v := range extra {
		env[k] = v
	}
	srv, err := NewServer(Options{
		Getenv: func(k string) string { return env[k] },
		Host:   h.log,
		Now:    h.now,
		Exit: func(code int) {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.exits = append(h.exits, code)
		},
		Stderr: &bytes.Buffer{},
	})
	require.NoError(h.t, err)
	return srv
}

// urn builds a URN for a resource of the test stack.
func urn(typ, name string) string {
	return string(resource.NewURN("dev", "ztkv", "", tokens.Type(typ), name))
}

// mustMarshal encodes a property map.
func mustMarshal(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	if m == nil {
		return nil
	}
	st, err := plugin.MarshalProperties(m, propsOpts("test"))
	require.NoError(t, err)
	return st
}

// mustUnmarshal decodes a property struct.
func mustUnmarshal(t *testing.T, st *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := unmarshal("test", st)
	require.NoError(t, err)
	return m
}

// checked runs Check and returns the checked inputs.
func (h *harness) checked(srv *Server, typ, name string, news, olds resource.PropertyMap) (resource.PropertyMap, []*pulumirpc.CheckFailure) {
	h.t.Helper()
	resp, err := srv.Check(context.Background(), &pulumirpc.CheckRequest{
		Urn: urn(typ, name), Name: name, Type: typ, News: mustMarshal(h.t, news), Olds: mustMarshal(h.t, olds),
		RandomSeed: []byte("seed-" + name),
	})
	require.NoError(h.t, err)
	return mustUnmarshal(h.t, resp.GetInputs()), resp.GetFailures()
}

// createWith runs Create on a given server.
func (h *harness) createWith(srv *Server, typ, name string, props resource.PropertyMap) (string, resource.PropertyMap, error) {
	h.t.Helper()
	resp, err := srv.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: urn(typ, name), Name: name, Type: typ, Properties: mustMarshal(h.t, props),
	})
	if err != nil {
		return "", nil, err
	}
	return resp.GetId(), mustUnmarshal(h.t, resp.GetProperties()), nil
}

// create runs Create on the harness server.
func (h *harness) create(typ, name string, props resource.PropertyMap) (string, resource.PropertyMap, error) {
	h.t.Helper()
	return h.createWith(h.srv, typ, name, props)
}

// mustCreate creates and fails the test on error.
func (h *harness) mustCreate(typ, name string, props resource.PropertyMap) (string, resource.PropertyMap) {
	h.t.Helper()
	id, outs, err := h.create(typ, name, props)
	require.NoError(h.t, err, "creating %s %s", typ, name)
	return id, outs
}

// read runs Read.
func (h *harness) read(srv *Server, typ, id string, inputs resource.PropertyMap) (string, resource.PropertyMap, resource.PropertyMap) {
	h.t.Helper()
	resp, err := srv.Read(context.Background(), &pulumirpc.ReadRequest{
		Id: id, Urn: urn(typ, "r"), Name: "r", Type: typ, Inputs: mustMarshal(h.t, inputs),
	})
	require.NoError(h.t, err)
	return resp.GetId(), mustUnmarshal(h.t, resp.GetProperties()), mustUnmarshal(h.t, resp.GetInputs())
}

// update runs Update.
func (h *harness) update(srv *Server, typ, id string, olds, news resource.PropertyMap) (resource.PropertyMap, error) {
	h.t.Helper()
	resp, err := srv.Update(context.Background(), &pulumirpc.UpdateRequest{
		Id: id, Urn: urn(typ, "r"), Name: "r", Type: typ, OldInputs: mustMarshal(h.t, olds), Olds: mustMarshal(h.t, olds),
		News: mustMarshal(h.t, news),
	})
	if err != nil {
		return nil, err
	}
	return mustUnmarshal(h.t, resp.GetProperties()), nil
}

// del runs Delete.
func (h *harness) del(srv *Server, typ, id string) error {
	h.t.Helper()
	_, err := srv.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: id, Urn: urn(typ, "r"), Name: "r", Type: typ})
	return err
}

// diff runs Diff.
func (h *harness) diff(typ, id string, olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
	h.t.Helper()
	resp, err := h.srv.Diff(context.Background(), &pulumirpc.DiffRequest{
		Id: id, Urn: urn(typ, "r"), Name: "r", Type: typ, OldInputs: mustMarshal(h.t, olds), Olds: mustMarshal(h.t, olds),
		News: mustMarshal(h.t, news),
	})
	require.NoError(h.t, err)
	return resp
}

// world loads the world file as it is on disk.
func (h *harness) world() *World {
	h.t.Helper()
	var w *World
	require.NoError(h.t, NewStore(h.path, h.now).View(func(x *World) error { w = x; return nil }))
	return w
}

// worldBytes returns the raw world file (nil when it does not exist).
func (h *harness) worldBytes() []byte {
	h.t.Helper()
	data, err := os.ReadFile(h.path)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(h.t, err)
	return data
}

// ids lists the IDs in the world, sorted.
func (h *harness) ids() []string {
	var out []string
	for _, r := range h.world().Sorted() {
		out = append(out, r.ID)
	}
	sort.Strings(out)
	return out
}

// live returns the outputs "sim show" displays for a resource.
func (h *harness) live(id string) resource.PropertyMap {
	h.t.Helper()
	out, stderr, code := h.admin("show", id)
	require.Equal(h.t, 0, code, stderr)
	var view struct {
		Outputs map[string]any `json:"outputs"`
	}
	require.NoError(h.t, json.Unmarshal([]byte(out), &view))
	return toPropertyMap(view.Outputs, nil)
}

// admin runs the admin CLI in-process on the harness world.
func (h *harness) admin(args ...string) (string, string, int) {
	h.t.Helper()
	var out, errb bytes.Buffer
	code := RunAdmin(args, &out, &errb, h.getenv)
	return out.String(), errb.String(), code
}

// requireAzureCode asserts an Azure-like error with the given code.
func requireAzureCode(t *testing.T, err error, code string) *AzureError {
	t.Helper()
	require.Error(t, err)
	ae, ok := AsAzureError(err)
	require.True(t, ok, "want an Azure-like error %s, got %v", code, err)
	require.Equal(t, code, ae.Code, "error: %v", err)
	require.True(t, strings.HasPrefix(err.Error(), ErrorPrefix), "error must say it comes from the simulator: %v", err)
	return ae
}

// get reads a property path of a property map as a plain value (secrets
// unwrapped).
func get(m resource.PropertyMap, path string) any {
	v, _ := getPath(unwrapping.object(m), mustPath(path))
	return v
}

// jsonOf renders a property map as JSON text with secrets kept wrapped, to
// search it for plaintext.
func jsonOf(t *testing.T, st *structpb.Struct) string {
	t.Helper()
	data, err := json.Marshal(st.AsMap())
	require.NoError(t, err)
	return string(data)
}

// IDs of the standard fixtures.
func rgID(rg string) string { return "/subscriptions/" + testSub + "/resourceGroups/" + rg }

func vaultID(rg, name string) string {
	return rgID(rg) + "/providers/Microsoft.KeyVault/vaults/" + name
}

// Fixtures: inputs as the azure-native SDK sends them.

func rgProps(name string) resource.PropertyMap {
	return pm(obj{"resourceGroupName": name, "location": "westeurope"})
}

func vaultProps(rg, name string, props obj) resource.PropertyMap {
	p := obj{
		"tenantId":                  testTenant,
		"sku":                       obj{"family": "A", "name": "standard"},
		"enableRbacAuthorization":   true,
		"enableSoftDelete":          true,
		"softDeleteRetentionInDays": 90,
		"publicNetworkAccess":       "Disabled",
		"networkAcls":               obj{"defaultAction": "Deny", "bypass": "None"},
	}
	for k, v := range props {
		if v == nil {
			delete(p, k)
			continue
		}
		p[k] = v
	}
	return pm(obj{"resourceGroupName": rg, "vaultName": name, "location": "westeurope", "properties": p, "tags": obj{"env": "dev"}})
}

func vnetProps(rg, name, space string, subnets arr) resource.PropertyMap {
	m := obj{"resourceGroupName": rg, "virtualNetworkName": name, "location": "westeurope",
		"addressSpace": obj{"addressPrefixes": arr{space}}}
	if subnets != nil {
		m["subnets"] = subnets
	}
	return pm(m)
}

func subnetProps(rg, vnet, name, prefix string) resource.PropertyMap {
	return pm(obj{"resourceGroupName": rg, "virtualNetworkName": vnet, "subnetName": name, "addressPrefix": prefix,
		"privateEndpointNetworkPolicies": "Disabled"})
}

func peProps(rg, name, subnetID, target string, extra obj) resource.PropertyMap {
	m := obj{
		"resourceGroupName":   rg,
		"privateEndpointName": name,
		"location":            "westeurope",
		"subnet":              obj{"id": subnetID},
		"privateLinkServiceConnections": arr{obj{
			"name": name + "-conn", "privateLinkServiceId": target, "groupIds": arr{"vault"},
		}},
	}
	for k, v := range extra {
		m[k] = v
	}
	return pm(m)
}

func roleAssignmentProps(name, scope, principal, role string) resource.PropertyMap {
	return pm(obj{
		"roleAssignmentName": name,
		"scope":              scope,
		"principalId":        principal,
		"principalType":      "ServicePrincipal",
		"roleDefinitionId":   "/subscriptions/" + testSub + "/providers/Microsoft.Authorization/roleDefinitions/" + role,
	})
}

func lockProps(name, scope, level string) resource.PropertyMap {
	return pm(obj{"lockName": name, "scope": scope, "level": level, "notes": "test lock"})
}

// baseline creates a resource group, a vault, a network with a subnet,
// and returns their IDs.
func (h *harness) baseline(vault string, vaultExtra obj) (vID, subnetID string) {
	h.t.Helper()
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	vID, _ = h.mustCreate(tokVault, "vault", vaultProps("rg-app", vault, vaultExtra))
	h.mustCreate(tokVirtualNetwork, "vnet", vnetProps("rg-app", "vnet-app", "10.10.0.0/16", nil))
	subnetID, _ = h.mustCreate(tokSubnet, "snet", subnetProps("rg-app", "vnet-app", "snet-pe", "10.10.1.0/24"))
	return vID, subnetID
}
