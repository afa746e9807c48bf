package azuresim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The world file is one JSON document: a snapshot ("resources" and
// "deletedVaults") followed by a "journal", the changes made since the
// snapshot, one entry a line, applied in order:
//
//	{
//	  "version": 1,
//	  ...
//	  "deletedVaults": {},
//	  "journal": [
//	    {"put":{"id":"/subscriptions/…","type":"azure-native:keyvault:Vault",…}},
//	    {"remove":"/subscriptions/…/keys/old"}
//	  ]
//	}
//
// A change appends its entries in place of the closing "]}" (one write and
// an fsync, whatever the size of the world) before the operation answers.
// When the journal outgrows the snapshot the whole file is rewritten
// atomically (temporary file, fsync, rename) with an empty journal, so the
// cost of writing stays proportional to the size of the changes.

// journalTrailer ends every world file the store writes.
const journalTrailer = "\n  ]\n}\n"

// journalMarker precedes the journal entries.
const journalMarker = ",\n  \"journal\": ["

// journalCompactMin is the journal size (bytes) under which the file is
// never rewritten; tests lower it to exercise compaction.
var journalCompactMin int64 = 1 << 20

// verifyPersisted makes every Apply compare the world in memory with the
// file just written (tests turn it on, to catch a change that did not go
// through World's methods).
var verifyPersisted atomic.Bool

// journalEntry is one change in the journal. Exactly one field is set.
type journalEntry struct {
	// Put stores a record under key(ID).
	Put *Record `json:"put,omitempty"`
	// Remove deletes the record under a resource key.
	Remove string `json:"remove,omitempty"`
	// PutDeletedVault stores a soft-deleted vault under its lower-cased name.
	PutDeletedVault *DeletedVault `json:"putDeletedVault,omitempty"`
	// RemoveDeletedVault deletes the soft-deleted vault under a key.
	RemoveDeletedVault string `json:"removeDeletedVault,omitempty"`
}

// valid tells whether exactly one change is set.
func (e *journalEntry) valid() bool {
	n := 0
	for _, set := range []bool{e.Put != nil, e.Remove != "", e.PutDeletedVault != nil, e.RemoveDeletedVault != ""} {
		if set {
			n++
		}
	}
	return n == 1 && (e.Put == nil || e.Put.ID != "") && (e.PutDeletedVault == nil || e.PutDeletedVault.Name != "")
}

// apply replays a journal entry on a world being loaded.
func (e *journalEntry) apply(w *World) {
	switch {
	case e.Put != nil:
		w.Resources[key(e.Put.ID)] = e.Put
	case e.Remove != "":
		delete(w.Resources, e.Remove)
	case e.PutDeletedVault != nil:
		w.DeletedVaults[lowerName(e.PutDeletedVault.Name)] = e.PutDeletedVault
	case e.RemoveDeletedVault != "":
		delete(w.DeletedVaults, e.RemoveDeletedVault)
	}
}

// Store persists the world in a JSON file shared by every process that
// uses the simulated cloud (preview, up, refresh, destroy, the admin CLI).
//
// The world is kept in memory for the life of the process and read again
// only when the file changed: every operation takes the advisory file lock,
// then compares the file's identity, size and modification time, and the
// generation counter that writers keep in the lock file, with those of the
// file it last read or wrote. Calls are serialised by a mutex inside the
// process and the lock across processes (shared to read, exclusive to
// write).
type Store struct {
	path string
	mu   sync.Mutex
	now  func() time.Time

	world      *World // as of stamp; nil: read the file on next use
	stamp      fileStamp
	jr         journalState
	compactMin int64
}

// fileStamp identifies the version of the file the cached world is.
type fileStamp struct {
	info os.FileInfo // nil: there was no file
	gen  uint64      // the lock file's generation counter
}

// same tells whether the file is still the one the stamp describes.
func (a fileStamp) same(info os.FileInfo, gen uint64) bool {
	if a.gen != gen || (a.info == nil) != (info == nil) {
		return false
	}
	return info == nil || os.SameFile(a.info, info) && a.info.Size() == info.Size() && a.info.ModTime().Equal(info.ModTime())
}

// journalState is where the next journal entry goes in the file.
type journalState struct {
	// appendable tells whether the file ends with the journal and holds
	// exactly the cached world (else the next change rewrites it).
	appendable bool
	trailerAt  int64 // offset of journalTrailer
	entries    int   // entries in the journal
	snapshot   int64 // bytes before the journal entries
	journal    int64 // bytes of the journal entries
}

// NewStore returns a store for the world file at path.
func NewStore(path string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{path: path, now: now, compactMin: journalCompactMin}
}

// Path returns the world file's path.
func (s *Store) Path() string { return s.path }

// View runs fn on the current world without saving it. fn must not change
// the world.
func (s *Store) View(fn func(w *World) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lk, err := lockFile(s.path+".lock", false)
	if err != nil {
		return err
	}
	defer lk.unlock()
	w, err := s.current(lk)
	if err != nil {
		return err
	}
	return fn(w)
}

// Update runs fn on the current world and, when fn succeeds, rewrites the
// whole file atomically: fn may change records in place. When fn fails
// nothing is written, so a refused operation changes nothing. It costs a
// read and a write of the whole world; the provider uses Apply.
func (s *Store) Update(fn func(w *World) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lk, err := lockFile(s.path+".lock", true)
	if err != nil {
		return err
	}
	defer lk.unlock()
	w, err := s.current(lk)
	if err != nil {
		return err
	}
	defer s.forget() // fn may have changed records in place: read the file next time
	if err := fn(w); err != nil {
		return err
	}
	return s.rewrite(lk, w)
}

// Apply runs fn on the current world and, when fn succeeds, appends what
// fn changed through the World's methods to the file before returning.
// When fn fails nothing is written and the world is read again from the
// file on next use, so a refused operation changes nothing.
func (s *Store) Apply(fn func(w *World) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lk, err := lockFile(s.path+".lock", true)
	if err != nil {
		return err
	}
	defer lk.unlock()
	w, err := s.current(lk)
	if err != nil {
		return err
	}
	if err := fn(w); err != nil {
		s.forget()
		return err
	}
	if err := s.persist(lk, w); err != nil {
		s.forget()
		return err
	}
	if verifyPersisted.Load() {
		return s.verify(w)
	}
	return nil
}

// Compact rewrites the file without a journal when it has one, so that
// "resources" and "deletedVaults" show the current state to a reader of
// the file. A plugin that changed the cloud compacts when the engine stops
// it.
func (s *Store) Compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lk, err := lockFile(s.path+".lock", true)
	if err != nil {
		return err
	}
	defer lk.unlock()
	w, err := s.current(lk)
	if err != nil {
		return err
	}
	if s.stamp.info == nil || s.jr.entries == 0 {
		return nil
	}
	if _, err := w.takeChanges(); err != nil {
		return err
	}
	if err := s.rewrite(lk, w); err != nil {
		s.forget()
		return err
	}
	return nil
}

// forget drops the cached world.
func (s *Store) forget() {
	s.world = nil
	s.stamp = fileStamp{}
	s.jr = journalState{}
}

// current returns the world as the file has it now: the cached world when
// the file did not change since it was read or written, else the file
// read again.
func (s *Store) current(lk *fileLock) (*World, error) {
	info, err := os.Stat(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		info, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("azure simulator: reading the simulated cloud %s: %w", s.path, err)
	}
	gen := lk.generation()
	if s.world == nil || !s.stamp.same(info, gen) {
		w, info, jr, err := s.read()
		if err != nil {
			s.forget()
			return nil, err
		}
		s.world, s.stamp, s.jr = w, fileStamp{info: info, gen: gen}, jr
	}
	s.world.purgeExpired(s.now())
	return s.world, nil
}

// read loads the world file; a missing file is an empty world.
func (s *Store) read() (*World, os.FileInfo, journalState, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return newWorld(), nil, journalState{}, nil
	}
	if err != nil {
		return nil, nil, journalState{}, fmt.Errorf("azure simulator: reading the simulated cloud %s: %w", s.path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, journalState{}, fmt.Errorf("azure simulator: reading the simulated cloud %s: %w", s.path, err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, journalState{}, fmt.Errorf("azure simulator: reading the simulated cloud %s: %w", s.path, err)
	}
	w, jr, err := decodeWorld(s.path, data)
	if err != nil {
		return nil, nil, journalState{}, err
	}
	return w, info, jr, nil
}

// worldDoc is the world file: the world and its journal.
type worldDoc struct {
	World
	Journal []journalEntry `json:"journal"`
}

// decodeWorld parses a world file and replays its journal. A file whose
// last journal entry was cut short (a write interrupted by a power loss)
// loses that entry only, and is rewritten by the next change.
func decodeWorld(path string, data []byte) (*World, journalState, error) {
	var doc worldDoc
	repaired := false
	if err := json.Unmarshal(data, &doc); err != nil {
		var ok bool
		if doc, ok = repairWorld(data); !ok {
			return nil, journalState{}, fmt.Errorf("azure simulator: the simulated cloud %s is not valid JSON: %w", path, err)
		}
		repaired = true
	}
	w := &doc.World
	if w.Version != worldVersion {
		return nil, journalState{}, fmt.Errorf("azure simulator: the simulated cloud %s has format version %d, want %d", path, w.Version, worldVersion)
	}
	if w.Resources == nil {
		w.Resources = map[string]*Record{}
	}
	if w.DeletedVaults == nil {
		w.DeletedVaults = map[string]*DeletedVault{}
	}
	salted := w.SecretSalt != ""
	if !salted {
		w.SecretSalt = newSalt()
	}
	for i := range doc.Journal {
		doc.Journal[i].apply(w)
	}
	jr := journalState{entries: len(doc.Journal), trailerAt: int64(len(data) - len(journalTrailer))}
	if m := bytes.LastIndex(data, []byte(journalMarker)); m >= 0 && !repaired && salted && doc.Journal != nil &&
		bytes.HasSuffix(data, []byte(journalTrailer)) && bytes.LastIndex(data, []byte("\n  \"")) == m+1 {
		jr.appendable = true
		jr.snapshot = int64(m + len(journalMarker))
		jr.journal = jr.trailerAt - jr.snapshot
	}
	return w, jr, nil
}

// repairWorld reads a world file whose journal ends with an incomplete
// entry: the snapshot, then the entries up to the first one that does not
// parse.
func repairWorld(data []byte) (worldDoc, bool) {
	var doc worldDoc
	m := bytes.LastIndex(data, []byte(journalMarker))
	if m < 0 {
		return doc, false
	}
	head := append(append([]byte{}, data[:m]...), "\n}"...)
	if err := json.Unmarshal(head, &doc.World); err != nil {
		return doc, false
	}
	doc.Journal = []journalEntry{}
	for _, line := range bytes.Split(data[m+len(journalMarker):], []byte("\n")) {
		t := bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(line), []byte(",")))
		if len(t) == 0 {
			continue
		}
		var e journalEntry
		if json.Unmarshal(t, &e) != nil || !e.valid() {
			break
		}
		doc.Journal = append(doc.Journal, e)
	}
	return doc, true
}

// takeChanges returns the journal entries of what changed since the last
// write, and replaces every changed record in the world by its JSON
// round trip, so that the world in memory holds exactly what a process
// reading the file would (numbers as float64, no shared maps).
func (w *World) takeChanges() ([][]byte, error) {
	var out [][]byte
	for _, k := range sortedKeys(w.changed) {
		r, ok := w.Resources[k]
		if !ok {
			line, err := json.Marshal(journalEntry{Remove: k})
			if err != nil {
				return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
			}
			out = append(out, line)
			continue
		}
		data, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
		}
		n := &Record{}
		if err := json.Unmarshal(data, n); err != nil {
			return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
		}
		w.replace(k, n)
		out = append(out, append(append([]byte(`{"put":`), data...), '}'))
	}
	for _, k := range sortedKeys(w.changedDeleted) {
		d, ok := w.DeletedVaults[k]
		if !ok {
			line, err := json.Marshal(journalEntry{RemoveDeletedVault: k})
			if err != nil {
				return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
			}
			out = append(out, line)
			continue
		}
		data, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
		}
		n := &DeletedVault{}
		if err := json.Unmarshal(data, n); err != nil {
			return nil, fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
		}
		w.DeletedVaults[k] = n
		out = append(out, append(append([]byte(`{"putDeletedVault":`), data...), '}'))
	}
	w.changed, w.changedDeleted = nil, nil
	return out, nil
}

// persist writes what fn changed: appended to the journal, or the whole
// file rewritten when the journal would outgrow the snapshot (or the file
// cannot be appended to: missing, repaired, or written by an older
// version).
func (s *Store) persist(lk *fileLock, w *World) error {
	entries, err := w.takeChanges()
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	sep := []byte(",\n    ")
	var buf bytes.Buffer
	if s.jr.entries == 0 {
		buf.WriteString("\n    ")
	} else {
		buf.Write(sep)
	}
	buf.Write(bytes.Join(entries, sep))
	grown := int64(buf.Len())
	buf.WriteString(journalTrailer)
	if !s.jr.appendable || s.jr.journal+grown > max(s.jr.snapshot, s.compactMin) {
		return s.rewrite(lk, w)
	}
	gen := lk.bump()
	f, err := os.OpenFile(s.path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("azure simulator: writing the simulated cloud: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteAt(buf.Bytes(), s.jr.trailerAt); err != nil {
		return fmt.Errorf("azure simulator: writing %s: %w", s.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("azure simulator: syncing %s: %w", s.path, err)
	}
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("azure simulator: writing %s: %w", s.path, err)
	}
	s.stamp = fileStamp{info: info, gen: gen}
	s.jr.trailerAt += grown
	s.jr.journal += grown
	s.jr.entries += len(entries)
	return nil
}

// rewrite writes the whole world atomically, with an empty journal.
func (s *Store) rewrite(lk *fileLock, w *World) error {
	data, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return fmt.Errorf("azure simulator: encoding the simulated cloud: %w", err)
	}
	data = append(append(data[:len(data)-len("\n}")], journalMarker...), journalTrailer...)
	gen := lk.bump()
	info, err := writeFileAtomic(s.path, data)
	if err != nil {
		return err
	}
	w.changed, w.changedDeleted = nil, nil
	s.stamp = fileStamp{info: info, gen: gen}
	snapshot := int64(len(data) - len(journalTrailer))
	s.jr = journalState{appendable: true, trailerAt: snapshot, snapshot: snapshot}
	return nil
}

// writeFileAtomic replaces a file with data (temporary file, fsync,
// rename) and returns the new file's information.
func writeFileAtomic(path string, data []byte) (os.FileInfo, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("azure simulator: creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("azure simulator: writing the simulated cloud: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("azure simulator: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("azure simulator: syncing %s: %w", tmp.Name(), err)
	}
	info, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return nil, fmt.Errorf("azure simulator: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("azure simulator: closing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return nil, fmt.Errorf("azure simulator: replacing %s: %w", path, err)
	}
	return info, nil
}

// verify compares the world in memory with the file (see verifyPersisted).
func (s *Store) verify(w *World) error {
	if s.stamp.info == nil && len(w.Resources) == 0 && len(w.DeletedVaults) == 0 {
		return nil // nothing was ever written
	}
	disk, _, _, err := s.read()
	if err != nil {
		return err
	}
	disk.purgeExpired(s.now())
	a, errA := json.Marshal(w)
	b, errB := json.Marshal(disk)
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		return fmt.Errorf("azure simulator: internal error: the simulated cloud in memory differs from %s after a change "+
			"(a change did not go through the World's methods)", s.path)
	}
	return nil
}

// lowerName is the key of a soft-deleted vault.
func lowerName(name string) string { return strings.ToLower(name) }

// fileLock is a held advisory lock on the lock file next to the world
// file. The lock file also holds the generation counter that every writer
// increments before it changes the world file.
type fileLock struct {
	f      *os.File // nil where there is no cross-process lock
	unlock func()
}

// generation reads the counter (0 when there is none).
func (l *fileLock) generation() uint64 {
	if l.f == nil {
		return 0
	}
	var buf [24]byte
	n, _ := l.f.ReadAt(buf[:], 0)
	g, err := strconv.ParseUint(string(bytes.TrimSpace(buf[:n])), 10, 64)
	if err != nil {
		return 0
	}
	return g
}

// bump increments the counter and returns its new value.
func (l *fileLock) bump() uint64 {
	g := l.generation() + 1
	if l.f != nil {
		_, _ = l.f.WriteAt([]byte(fmt.Sprintf("%020d\n", g)), 0)
	}
	return g
}
