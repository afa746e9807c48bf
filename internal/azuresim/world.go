package azuresim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
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
//
// Records are changed only through Put, Remove, putDeletedVault and
// removeDeletedVault: they keep the world's indexes current and record
// what changed, which is what Store.Apply writes to the file. A record is
// not modified in place once it is in the world; a change puts a new one.
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

	idx            *worldIndex     // built on first use
	changed        map[string]bool // resource keys changed since the last write
	changedDeleted map[string]bool // deleted-vault keys changed since the last write
}

// worldNote is written into every world file.
const worldNote = "Simulated Azure cloud of the offline azure-native test double (internal/azuresim). " +
	"Not Azure. Secret values are stored only as salted SHA-256 digests. " +
	"The current state is \"resources\" and \"deletedVaults\" with the \"journal\" of later changes applied in order."

// newWorld returns an empty world with a fresh salt.
func newWorld() *World {
	return &World{
		Version:       worldVersion,
		Note:          worldNote,
		SecretSalt:    newSalt(),
		Resources:     map[string]*Record{},
		DeletedVaults: map[string]*DeletedVault{},
	}
}

// newSalt returns a random salt for secret digests.
func newSalt() string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(fmt.Sprintf("azure simulator: reading random bytes: %v", err))
	}
	return hex.EncodeToString(salt)
}

// key normalises an ARM ID for lookups: ARM IDs are case-insensitive.
func key(id string) string {
	return strings.ToLower(strings.TrimSuffix(id, "/"))
}

// index returns the world's index, building it on first use.
func (w *World) index() *worldIndex {
	if w.idx == nil {
		w.idx = newWorldIndex(w.Resources)
	}
	return w.idx
}

// Get returns the record with the given ARM ID.
func (w *World) Get(id string) (*Record, bool) {
	r, ok := w.Resources[key(id)]
	return r, ok
}

// Put stores a record under its ID.
func (w *World) Put(r *Record) {
	k := key(r.ID)
	w.replace(k, r)
	w.markChanged(k)
}

// replace stores a record under a key and re-indexes it, without marking
// it as changed.
func (w *World) replace(k string, r *Record) {
	x := w.index()
	if _, ok := w.Resources[k]; ok {
		x.remove(k)
	}
	w.Resources[k] = r
	x.add(k, r)
}

// Remove deletes the record with the given ID.
func (w *World) Remove(id string) {
	k := key(id)
	if _, ok := w.Resources[k]; !ok {
		return
	}
	w.index().remove(k)
	delete(w.Resources, k)
	w.markChanged(k)
}

// markChanged notes that a resource changed.
func (w *World) markChanged(k string) {
	if w.changed == nil {
		w.changed = map[string]bool{}
	}
	w.changed[k] = true
}

// putDeletedVault stores a soft-deleted vault under its name.
func (w *World) putDeletedVault(d *DeletedVault) {
	k := strings.ToLower(d.Name)
	w.DeletedVaults[k] = d
	w.markDeletedChanged(k)
}

// removeDeletedVault forgets a soft-deleted vault (recovered or purged).
func (w *World) removeDeletedVault(name string) {
	w.removeDeletedKey(strings.ToLower(name))
}

// removeDeletedKey forgets the soft-deleted vault stored under a key.
func (w *World) removeDeletedKey(k string) {
	if _, ok := w.DeletedVaults[k]; !ok {
		return
	}
	delete(w.DeletedVaults, k)
	w.markDeletedChanged(k)
}

// markDeletedChanged notes that a soft-deleted vault changed.
func (w *World) markDeletedChanged(k string) {
	if w.changedDeleted == nil {
		w.changedDeleted = map[string]bool{}
	}
	w.changedDeleted[k] = true
}

// Sorted returns the records ordered by ID.
func (w *World) Sorted() []*Record {
	keys := make([]string, 0, len(w.Resources))
	for k := range w.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Record, len(keys))
	for i, k := range keys {
		out[i] = w.Resources[k]
	}
	return out
}

// Under returns the records strictly under the given ID (children and
// extension resources), ordered by ID.
func (w *World) Under(id string) []*Record {
	return w.index().lookup(ixUnder + key(id))
}

// OfType returns the records of a canonical type token, ordered by ID.
func (w *World) OfType(token string) []*Record {
	return w.index().lookup(ixType + token)
}

// lookup returns the candidates an index key lists, ordered by ID.
func (w *World) lookup(ik string) []*Record {
	return w.index().lookup(ik)
}

// purgeExpired drops soft-deleted vaults whose purge date has passed, as
// Azure does on its own.
func (w *World) purgeExpired(now time.Time) {
	for k, d := range w.DeletedVaults {
		if !now.Before(d.ScheduledPurgeDate) {
			w.removeDeletedKey(k)
		}
	}
}
