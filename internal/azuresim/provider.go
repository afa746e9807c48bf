package azuresim

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// PluginVersion is the azure-native version the simulator stands in for;
// the azure-native Go SDK v2.90.0 asks the engine for exactly this version.
const PluginVersion = "2.90.0"

// ProviderName is the Pulumi package name the simulator serves.
const ProviderName = "azure-native"

// ConfigureBanner is logged once per provider on Configure.
const ConfigureBanner = "azure-native here is the OFFLINE AZURE SIMULATOR (internal/azuresim), a local test double of " +
	"Azure Resource Manager: nothing is sent to Azure and no credentials are used. Simulated cloud: %s"

// Logger is the part of the engine's host client the server uses.
type Logger interface {
	Log(ctx context.Context, sev diag.Severity, urn resource.URN, msg string) error
}

// Options configure a Server. Zero values use the process environment,
// the real clock and os.Exit.
type Options struct {
	// Getenv reads the AZSIM_* knobs (default os.Getenv).
	Getenv func(string) string
	// Host receives the Configure banner (may be nil).
	Host Logger
	// Now is the simulated clock (default time.Now).
	Now func() time.Time
	// Exit ends the process for the crash knobs (default os.Exit). When it
	// returns, as in tests, the crashed call answers with an error instead.
	Exit func(code int)
	// Stderr receives the crash notice (default os.Stderr).
	Stderr io.Writer
}

// Server is the azure-native resource provider of the simulator.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer

	mu       sync.Mutex
	cloud    *Cloud // nil when AZSIM_STATE is unset
	store    *Store
	settings Settings
	faults   Faults
	host     Logger
	now      func() time.Time
	exit     func(int)
	stderr   io.Writer

	creates atomic.Int64
	updates atomic.Int64
	changed atomic.Bool // a Create, Update or Delete changed the cloud
}

// NewServer reads the environment knobs and returns a provider server. A
// missing AZSIM_STATE is reported by every call that needs the simulated
// cloud (and by Configure), so that the engine shows a clear message.
func NewServer(opts Options) (*Server, error) {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Exit == nil {
		opts.Exit = os.Exit
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	settings, err := settingsFromEnv(opts.Getenv)
	if err != nil {
		return nil, err
	}
	faults, err := faultsFromEnv(opts.Getenv)
	if err != nil {
		return nil, err
	}
	s := &Server{settings: settings, faults: faults, host: opts.Host, now: opts.Now, exit: opts.Exit, stderr: opts.Stderr}
	if path := strings.TrimSpace(opts.Getenv(EnvState)); path != "" {
		s.store = NewStore(path, opts.Now)
		s.cloud = NewCloud(s.store, settings, opts.Now)
	}
	return s, nil
}

// getCloud returns the simulated cloud or ErrStateUnset.
func (s *Server) getCloud() (*Cloud, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cloud == nil {
		return nil, ErrStateUnset
	}
	return s.cloud, nil
}

// delay applies the AZSIM_LATENCY knob.
func (s *Server) delay(ctx context.Context) {
	if s.faults.Latency <= 0 {
		return
	}
	t := time.NewTimer(s.faults.Latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// crash ends the process as a kill would, after the world was saved.
func (s *Server) crash(op string, knob string, n int64, id string) error {
	fmt.Fprintf(s.stderr, "azure simulator: %s=%d: simulated crash after saving %s #%d of %s; exiting abruptly before answering the engine\n",
		knob, n, op, n, id)
	s.exit(CrashExitCode)
	return fmt.Errorf("azure simulator: simulated crash (%s=%d) after saving %s", knob, n, id)
}

// propsOpts are the marshalling options for everything the server reads
// and writes: unknowns, secrets and resource references are kept.
func propsOpts(label string) plugin.MarshalOptions {
	return plugin.MarshalOptions{Label: label, KeepUnknowns: true, KeepSecrets: true, KeepResources: true}
}

// unmarshal decodes a property struct (nil is an empty map).
func unmarshal(label string, st *structpb.Struct) (resource.PropertyMap, error) {
	if st == nil {
		return resource.PropertyMap{}, nil
	}
	m, err := plugin.UnmarshalProperties(st, propsOpts(label))
	if err != nil {
		return nil, fmt.Errorf("azure simulator: decoding %s: %w", label, err)
	}
	return m, nil
}

// marshal encodes a property map.
func marshal(label string, m resource.PropertyMap) (*structpb.Struct, error) {
	st, err := plugin.MarshalProperties(m, propsOpts(label))
	if err != nil {
		return nil, fmt.Errorf("azure simulator: encoding %s: %w", label, err)
	}
	return st, nil
}

// typeOf returns the type token of a request.
func typeOf(typ, urn string) string {
	if typ != "" {
		return typ
	}
	if urn != "" && resource.URN(urn).IsValid() {
		return string(resource.URN(urn).Type())
	}
	return typ
}

// nameOf returns the logical name of a request.
func nameOf(name, urn string) string {
	if name != "" {
		return name
	}
	if urn != "" && resource.URN(urn).IsValid() {
		return resource.URN(urn).Name()
	}
	return "resource"
}

// GetPluginInfo reports the azure-native version the simulator stands in for.
func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: PluginVersion}, nil
}

// CheckConfig accepts the provider configuration as given.
func (s *Server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// DiffConfig reports whether the provider configuration changed; a change
// never replaces the provider.
func (s *Server) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal("old config", req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("new config", req.GetNews())
	if err != nil {
		return nil, err
	}
	if plainEqual(unwrapping.object(olds), unwrapping.object(news)) {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME}, nil
}

// Configure takes the provider configuration (subscriptionId, tenantId,
// clientId and location override the AZSIM_* identities) and logs that
// this provider is the offline simulator.
func (s *Server) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	s.delay(ctx)
	cfg := map[string]string{}
	if args := req.GetArgs(); args != nil {
		m, err := unmarshal("provider configuration", args)
		if err != nil {
			return nil, err
		}
		for k, v := range unwrapping.object(m) {
			if str, ok := v.(string); ok {
				cfg[k] = str
			}
		}
	} else {
		for k, v := range req.GetVariables() {
			cfg[k[strings.LastIndex(k, ":")+1:]] = v
		}
	}
	s.mu.Lock()
	for k, dst := range map[string]*string{
		"subscriptionId": &s.settings.SubscriptionID,
		"tenantId":       &s.settings.TenantID,
		"clientId":       &s.settings.ClientID,
		"location":       &s.settings.Location,
	} {
		if v := strings.TrimSpace(cfg[k]); v != "" {
			*dst = v
		}
	}
	if s.store != nil {
		s.cloud = NewCloud(s.store, s.settings, s.now)
	}
	store := s.store
	s.mu.Unlock()
	if store == nil {
		return nil, ErrStateUnset
	}
	if s.host != nil {
		msg := fmt.Sprintf(ConfigureBanner, store.Path())
		if err := s.host.Log(ctx, diag.Info, "", msg); err != nil {
			return nil, fmt.Errorf("azure simulator: logging to the engine: %w", err)
		}
	}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, AcceptResources: true, SupportsPreview: true}, nil
}

// Close folds the journal of the simulated cloud into its snapshot (see
// Store.Compact) when this server changed the cloud; the plugin calls it
// when the engine stops it. A preview or a refresh writes nothing.
func (s *Server) Close() error {
	s.mu.Lock()
	store := s.store
	s.mu.Unlock()
	if store == nil || !s.changed.Load() {
		return nil
	}
	return store.Compact()
}

// Cancel has nothing to stop: every call is short.
func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Check fills a missing name parameter the way azure-native does (the
// logical name plus a random suffix, or a GUID for authorization
// resources; the old name is kept on updates) and reports missing path
// parameters. Azure's own rules are applied by Create and Update, as Azure
// applies them when the request reaches it.
func (s *Server) Check(ctx context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("news", req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal("olds", req.GetOlds())
	if err != nil {
		return nil, err
	}
	nameKey := resource.PropertyKey(spec.NameParam)
	if v, ok := news[nameKey]; !ok || v.IsNull() {
		if old, ok := olds[nameKey]; ok && (old.IsString() || old.IsSecret()) {
			news[nameKey] = old
		} else {
			news[nameKey] = resource.NewStringProperty(spec.autoName(nameOf(req.GetName(), req.GetUrn()), req.GetRandomSeed()))
		}
	}
	var failures []*pulumirpc.CheckFailure
	for _, p := range spec.params() {
		v, ok := news[resource.PropertyKey(p)]
		if !ok || v.IsNull() || (v.IsString() && v.StringValue() == "") {
			failures = append(failures, &pulumirpc.CheckFailure{Property: p, Reason: fmt.Sprintf("missing required property '%s'", p)})
		}
	}
	inputs, err := marshal("inputs", news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: failures}, nil
}

// sealedInputs converts request inputs for storage: secrets become digests.
func sealedInputs(spec *Spec, book *secretBook, props resource.PropertyMap) (map[string]any, error) {
	in := converter{book: book}.object(props)
	book.sealPaths(in, spec.SecretInputs)
	if containsUnknown(in) {
		return nil, fmt.Errorf("azure simulator: %s received unknown input values outside a preview", spec.Token)
	}
	return in, nil
}

// previewResponse builds preview outputs without touching the cloud.
func previewResponse(spec *Spec, props, olds resource.PropertyMap) (*structpb.Struct, error) {
	book := newSecretBook("preview")
	in := converter{book: book}.object(props)
	book.sealPaths(in, spec.SecretInputs)
	var old map[string]any
	if olds != nil {
		old = converter{book: book}.object(olds)
	}
	return marshal("preview outputs", toPropertyMap(spec.previewOutputs(in, old), book))
}

// Create creates a resource with ARM's PUT semantics: when the ID already
// exists in the simulated cloud (for example after a crash between the PUT
// and the engine saving its state) the resource is updated in place and
// adopted, so the next "up" converges without duplicates. The real
// azure-native provider refuses instead and asks for an import.
func (s *Server) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	props, err := unmarshal("properties", req.GetProperties())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		out, err := previewResponse(spec, props, nil)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.CreateResponse{Properties: out}, nil
	}
	cloud, err := s.getCloud()
	if err != nil {
		return nil, err
	}
	n := s.creates.Add(1)
	if s.faults.FailCreateN > 0 && n == int64(s.faults.FailCreateN) {
		return nil, azErr(500, "InternalServerError",
			"Simulated failure of create #%d (%s=%d) for %s; nothing was changed.", n, EnvFailCreateN, s.faults.FailCreateN, req.GetUrn())
	}
	rec, out, err := s.put(cloud, spec, props, putOptions{}, s.faults.CrashCreateN == int(n), "create", EnvCrashCreateN, n)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: rec.ID, Properties: out}, nil
}

// put writes one resource to the simulated cloud (a PUT, as ARM does for
// both create and update) and returns the record and its marshalled
// outputs. When crash is set, the process dies after the write and before
// answering, as a killed update would (the fault knobs named by env).
func (s *Server) put(cloud *Cloud, spec *Spec, props resource.PropertyMap, opt putOptions,
	crash bool, op, env string, n int64,
) (*Record, *structpb.Struct, error) {
	var rec *Record
	var live map[string]any
	var book *secretBook
	err := cloud.store.Apply(func(w *World) error {
		book = newSecretBook(w.SecretSalt)
		in, err := sealedInputs(spec, book, props)
		if err != nil {
			return err
		}
		if rec, err = cloud.put(w, spec, in, opt); err != nil {
			return err
		}
		live = copyMap(rec.Outputs)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	s.changed.Store(true)
	if crash {
		return nil, nil, s.crash(op, env, n, rec.ID)
	}
	out, err := marshal("outputs", toPropertyMap(live, book))
	if err != nil {
		return nil, nil, err
	}
	return rec, out, nil
}

// Read returns the resource as the simulated cloud has it now, so that a
// refresh shows drift (changes made with "sim set"); a resource that is
// gone (deleted out of band, or a soft-deleted vault) is reported with an
// empty ID. Outputs that only reflect other resources (Spec.Live) are as
// of the resource's own last PUT. The returned inputs are the old inputs
// with every value the outputs echo replaced by its current value.
func (s *Server) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	cloud, err := s.getCloud()
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal("inputs", req.GetInputs())
	if err != nil {
		return nil, err
	}
	state, err := unmarshal("state", req.GetProperties())
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.ReadResponse{}
	err = cloud.store.View(func(w *World) error {
		rec, ok := w.Get(req.GetId())
		if !ok || rec.Type != spec.Token {
			return nil
		}
		book := newSecretBook(w.SecretSalt)
		converter{book: book}.object(state)
		base := copyMap(rec.Inputs)
		if len(inputs) > 0 {
			if base, err = sealedInputs(spec, book, inputs); err != nil {
				return err
			}
		}
		live := copyMap(rec.Outputs)
		derived := deriveInputs(spec, base, live, rec.Inputs)
		if resp.Properties, err = marshal("outputs", toPropertyMap(live, book)); err != nil {
			return err
		}
		if resp.Inputs, err = marshal("inputs", toPropertyMap(derived, book)); err != nil {
			return err
		}
		resp.Id = rec.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// deriveInputs projects the live outputs onto the shape of the old inputs:
// each input that the outputs echo takes its current value, inputs the
// outputs do not echo (path parameters, write-only values) are kept, and
// echoed inputs that disappeared are removed. A secret-by-nature input
// whose digest changed out of band is removed, since its new plaintext is
// unknown to the simulator; the next update then writes it again.
func deriveInputs(s *Spec, base, live, stored map[string]any) map[string]any {
	out := copyMap(base)
	var walk func(p propertyPath, v any)
	walk = func(p propertyPath, v any) {
		op := s.outputPath(p)
		if op == nil {
			return
		}
		lv, ok := getPath(live, op)
		if !ok || lv == nil {
			if v != nil {
				deletePath(out, p)
			}
			return
		}
		switch t := v.(type) {
		case map[string]any:
			if lm, isMap := lv.(map[string]any); isMap && !isSecretMarker(t) && !isSecretMarker(lm) && len(t) > 0 {
				for _, k := range sortedKeys(t) {
					walk(p.child(k), t[k])
				}
				return
			}
		case []any:
			if la, isArr := lv.([]any); isArr && len(la) == len(t) {
				for i, e := range t {
					q := append(append(propertyPath{}, p...), pathElem{index: i, isIdx: true})
					walk(q, e)
				}
				return
			}
		}
		_ = setPath(out, p, deepCopy(lv))
	}
	for _, k := range sortedKeys(base) {
		walk(propertyPath{{key: k}}, base[k])
	}
	for _, sp := range s.SecretInputs {
		p := mustPath(sp)
		bv, inBase := getPath(base, p)
		sv, inStore := getPath(stored, p)
		if inBase && inStore && !plainEqual(bv, sv) {
			deletePath(out, p)
		}
	}
	return out
}

// Update applies new inputs with a PUT on the existing ID, under Azure's
// rules for existing resources (for example purge protection cannot be
// turned off); a refused update changes nothing.
func (s *Server) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("news", req.GetNews())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		olds, err := unmarshal("olds", req.GetOlds())
		if err != nil {
			return nil, err
		}
		out, err := previewResponse(spec, news, olds)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.UpdateResponse{Properties: out}, nil
	}
	cloud, err := s.getCloud()
	if err != nil {
		return nil, err
	}
	n := s.updates.Add(1)
	_, out, err := s.put(cloud, spec, news, putOptions{expectID: req.GetId()}, s.faults.CrashUpdateN == int(n), "update", EnvCrashUpdateN, n)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: out}, nil
}

// Delete deletes a resource: management locks refuse it, vaults are
// soft-deleted, and a resource that is already gone is not an error.
func (s *Server) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	s.delay(ctx)
	spec, err := lookupSpec(typeOf(req.GetType(), req.GetUrn()))
	if err != nil {
		return nil, err
	}
	cloud, err := s.getCloud()
	if err != nil {
		return nil, err
	}
	err = cloud.store.Apply(func(w *World) error {
		if rec, ok := w.Get(req.GetId()); ok && rec.Type != spec.Token {
			return azErr(409, "Conflict", "the resource '%s' is a %s, not a %s", rec.ID, rec.Type, spec.Token)
		}
		return cloud.delete(w, req.GetId())
	})
	if err != nil {
		return nil, err
	}
	s.changed.Store(true)
	return &emptypb.Empty{}, nil
}
