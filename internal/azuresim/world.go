package azuresim

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// worldVersion is the format version of the world file.
const worldVersion = 1

// Record is one resource of the simulated cloud.
type Record struct {
	// ID is the ARM resource ID, with the casing it was created with.
	ID string `json:"id"`
	// Type is the canonical Pulumi type token, such as
	// azure-native:keyvault:Vault.
	Type string `json:"type"`
	// Inputs is the last request body (the Pulumi inputs), with every
	// secret replaced by a salted digest.
	Inputs map[string]any `json:"inputs"`
	// Outputs is the resource as a GET would return it, in the output shape
	// of the azure-native SDK.
	Outputs map[string]any `json:"outputs"`
	// Seeded marks resources put in place with "sim put" (pre-existing
	// infrastructure) rather than created through the provider.
	Seeded bool `json:"seeded,omitempty"`
	// CreatedAt and UpdatedAt are the simulated ARM timestamps.
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// DeletedVault is a soft-deleted key vault, with the resources that were
// under it when it was deleted.
type DeletedVault struct {
	// Name is the vault name (vault names are global).
	Name string `json:"name"`
	// ID is the vault's ARM ID before deletion.
	ID string `json:"id"`
	// Location is the vault's region.
	Location string `json:"location"`
	// DeletionDate is when the vault was deleted.
	DeletionDate time.Time `json:"deletionDate"`
	// ScheduledPurgeDate is when Azure purges the vault for good.
	ScheduledPurgeDate time.Time `json:"scheduledPurgeDate"`
	// PurgeProtection tells whether purge protection was on, which forbids
	// purging before ScheduledPurgeDate.
	PurgeProtection bool `json:"purgeProtectionEnabled"`
	// Vault is the vault record as it was.
	Vault *Record `json:"vault"`
	// Children are the keys, secrets and other resources under the vault.
	Children []*Record `json:"children,omitempty"`
}

// World is the whole simulated cloud.
type World struct {
	// Version is the file format version.
	Version int `json:"version"`
	// Note tells a reader of the file what it is.
	Note string `json:"note"`
	// SecretSalt salts the digests of secret values.
	SecretSalt string `json:"secretSalt"`
	// Resources maps lower-cased ARM IDs to records.
	Resources map[string]*Record `json:"resources"`
	// DeletedVaults maps lower-cased vault names to soft-deleted vaults.
	DeletedVaults map[string]*DeletedVault `json:"deletedVaults"`
}

// worldNote is written into every world file.
const worldNote = "Simulated Azure cloud of the offline azure-native test double (internal/azuresim). " +
	"Not Azure. Secret values are stored only as salted SHA-256 digests."

// newWorld returns an empty world with a fresh salt.
func newWorld() *World {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(fmt.Sprintf("azure simulator: reading random bytes: %v", err))
	}
	return &World{
		Version:       worldVersion,
		Note:          worldNote,
		SecretSalt:    hex.EncodeToString(salt),
		Resources:     map[string]*Record{},
		DeletedVaults: map[string]*DeletedVault{},
	}
}

// key normalises an ARM ID for lookups: ARM IDs are case-insensitive.
func key(id string) string {
	return strings.ToLower(strings.TrimSuffix(id, "/"))
}

// Get returns the record with the given ARM ID.
func (w *World) Get(id string) (*Record, bool) {
	r, ok := w.Resources[key(id)]
	return r, ok
}

// Put stores a record under its ID.
func (w *World) Put(r *Record) {
	w.Resources[key(r.ID)] = r
}

// Remove deletes the record with the given ID.
func (w *World) Remove(id string) {
	delete(w.Resources, key(id))
}

// Sorted returns the records ordered by ID.
func (w *World) Sorted() []*Record {
	out := make([]*Record, 0, len(w.Resources))
	for _, r := range w.Resources {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i].ID) < key(out[j].ID) })
	return out
}

// Under returns the records strictly under the given ID (children and
// extension resources), ordered by ID.
func (w *World) Under(id string) []*Record {
	prefix := key(id) + "/"
	var out []*Record
	for _, r := range w.Sorted() {
		if strings.HasPrefix(key(r.ID), prefix) {
			out = append(out, r)
		}
	}
	return out
}

// OfType returns the records of a canonical type token, ordered by ID.
func (w *World) OfType(token string) []*Record {
	var out []*Record
	for _, r := range w.Sorted() {
		if r.Type == token {
			out = append(out, r)
		}
	}
	return out
}

// purgeExpired drops soft-deleted vaults whose purge date has passed, as
// Azure does on its own.
func (w *World) purgeExpired(now time.Time) {
	for k, d := range w.DeletedVaults {
		if !now.Before(d.ScheduledPurgeDate) {
			delete(w.DeletedVaults, k)
		}
	}
}

// Store persists the world in a JSON file. Every operation loads the file,
// so that separate processes (preview, up, refresh, destroy, the admin CLI)
// see the same cloud; writes are atomic (temporary file and rename) and
// serialised by a mutex inside the process and an advisory file lock
// across processes.
type Store struct {
	path string
	mu   sync.Mutex
	now  func() time.Time
}

// NewStore returns a store for the world file at path.
func NewStore(path string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{path: path, now: now}
}

// Path returns the world file's path.
func (s *Store) Path() string { return s.path }

// View runs fn on a fresh copy of the world without saving it.
func (s *Store) View(fn func(w *World) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := lockFile(s.path+".lock", false)
	if err != nil {
		return err
	}
	defer unlock()
	w, err := s.load()
	if err != nil {
		return err
	}
	return fn(w)
}

// Update runs fn on a fresh copy of the world and saves it when fn
// succeeds. When fn fails nothing is written, so a refused operation
// changes nothing.
func (s *Store) Update(fn func(w *World) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := lockFile(s.path+".lock", true)
	if err != nil {
		return err
	}
	defer unlock()
	w, err := s.load()
	if err != nil {
		return err
	}
	if err := fn(w); err != nil {
		return err
	}
	return s.save(w)
}

// load reads the world file; a missing file is an empty world.
func (s *Store) load() (*World, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return newWorld(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("azure simulator: reading the simulated cloud %s: %w", s.path, err)
	}
	w := &World{}
	if err := json.Unmarshal(data, w); err != nil {
		return nil, fmt.Errorf("azure simulator: the simulated cloud %s is not valid JSON: %w", s.path, err)
	}
	if w.Version != worldVersion {
		return nil, fmt.Errorf("azure simulator: the simulated cloud %s has format version %d, want %d", s.path, w.Version, worldVersion)
	}
	if w.Resources == nil {
		w.Resources = map[string]*Record{}
	}
	if w.DeletedVaults == nil {
		w.DeletedVaults = map[string]*DeletedVault{}
	}
	if w.SecretSalt == "" {
		w.SecretSalt = newWorld().SecretSalt
	}
	w.purgeExpired(s.now())
	return w, nil
}

// save writes the world atomically.
func (s *Store) save(w *World) error {
	data, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
	}
	data = append(data, '\n')
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("azure simulator: creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(s.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("azure simulator: writing the simulated cloud: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("azure simulator: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("azure simulator: syncing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("azure simulator: closing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("azure simulator: replacing %s: %w", s.path, err)
	}
	return nil
}
