package azuresim

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// journalOf returns the journal entries of the world file as written.
func journalOf(t *testing.T, data []byte) []json.RawMessage {
	t.Helper()
	var doc struct {
		Journal []json.RawMessage `json:"journal"`
	}
	require.NoError(t, json.Unmarshal(data, &doc), "the world file is one JSON document")
	return doc.Journal
}

// withCompactMin sets the journal size under which the store never
// compacts, for one test (not parallel: it is a package setting).
func withCompactMin(t *testing.T, n int64) {
	old := journalCompactMin
	journalCompactMin = n
	t.Cleanup(func() { journalCompactMin = old })
}

func TestChangesAreAppendedToTheJournal(t *testing.T) {
	withCompactMin(t, 1<<20)
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	first := h.worldBytes()
	require.True(t, bytes.HasSuffix(first, []byte(journalTrailer)))
	vID, _ := h.mustCreate(tokVault, "vault", vaultProps("rg-app", "kv-journal", nil))
	second := h.worldBytes()
	require.True(t, bytes.HasPrefix(second, first[:len(first)-len(journalTrailer)]), "a change only appends to the file")
	entries := journalOf(t, second)
	require.NotEmpty(t, entries)
	require.Contains(t, string(entries[len(entries)-1]), `"put":{"id":"`+vID+`"`)

	// Another process reads the snapshot with the journal applied.
	require.Equal(t, []string{rgID("rg-app"), vID}, h.ids())
	require.NoError(t, h.del(h.srv, tokVault, vID))
	require.Contains(t, string(h.worldBytes()), `{"remove":"`+key(vID)+`"}`)
	require.Contains(t, string(h.worldBytes()), `{"putDeletedVault":{"name":"kv-journal"`)
	require.Equal(t, []string{rgID("rg-app")}, h.ids())
	require.Contains(t, h.world().DeletedVaults, "kv-journal")

	// Stopping the plugin folds the journal into the snapshot; a plugin
	// that changed nothing leaves the file alone.
	journaled := h.worldBytes()
	require.NoError(t, h.newServer(nil).Close())
	require.Equal(t, journaled, h.worldBytes())
	require.NoError(t, h.srv.Close())
	require.Empty(t, journalOf(t, h.worldBytes()))
	require.Equal(t, []string{rgID("rg-app")}, h.ids())
	require.Contains(t, h.world().DeletedVaults, "kv-journal")
	compacted := h.worldBytes()
	require.NoError(t, h.srv.Close())
	require.Equal(t, compacted, h.worldBytes(), "compacting a compacted file writes nothing")
}

func TestJournalIsCompactedWhenItOutgrowsTheSnapshot(t *testing.T) {
	withCompactMin(t, 0)
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	sizes := map[int]bool{}
	for i := range 20 {
		h.mustCreate(tokWorkspace, "law", pm(pmWorkspace("law-"+string(rune('a'+i)))))
		sizes[len(journalOf(t, h.worldBytes()))] = true
	}
	require.True(t, sizes[0], "some changes rewrote the file with an empty journal")
	require.Greater(t, len(sizes), 1, "others appended")
	require.Len(t, h.ids(), 21)
}

// pmWorkspace is a minimal workspace in rg-app.
func pmWorkspace(name string) map[string]any {
	return obj{"resourceGroupName": "rg-app", "workspaceName": name}
}

func TestAPlainOrRepairedFileIsRewrittenOnTheNextChange(t *testing.T) {
	withCompactMin(t, 1<<20)
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	h.mustCreate(tokWorkspace, "a", pm(pmWorkspace("law-a")))
	h.mustCreate(tokWorkspace, "b", pm(pmWorkspace("law-b")))
	data := h.worldBytes()
	require.Len(t, journalOf(t, data), 2, "the first change created the file, the next two appended")

	// A write cut short (a power loss during the last append) loses the
	// last entry only.
	torn := data[:len(data)-len(journalTrailer)-40]
	require.NoError(t, os.WriteFile(h.path, torn, 0o600))
	require.Equal(t, []string{rgID("rg-app"), rgID("rg-app") + "/providers/Microsoft.OperationalInsights/workspaces/law-a"}, h.ids())
	h.mustCreate(tokWorkspace, "c", pm(pmWorkspace("law-c")))
	require.Empty(t, journalOf(t, h.worldBytes()), "the next change rewrites the repaired file")
	require.Len(t, h.ids(), 3)

	// A file without a journal (written by hand or by an older version)
	// is read as it is and rewritten by the next change.
	var plain map[string]any
	require.NoError(t, json.Unmarshal(h.worldBytes(), &plain))
	delete(plain, "journal")
	text, err := json.MarshalIndent(plain, "", "\t")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(h.path, text, 0o600))
	require.Len(t, h.ids(), 3)
	h.mustCreate(tokWorkspace, "d", pm(pmWorkspace("law-d")))
	require.True(t, bytes.HasSuffix(h.worldBytes(), []byte(journalTrailer)))
	require.Len(t, h.ids(), 4)
}

func TestARefusedChangeLeavesNoTraceInMemory(t *testing.T) {
	h := newHarness(t, nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	before := h.worldBytes()
	// The first inline subnet is stored before the second one's name is
	// refused: the refusal must drop it from the cached world too.
	_, _, err := h.create(tokVirtualNetwork, "vnet", vnetProps("rg-app", "vnet-app", "10.10.0.0/16", arr{
		obj{"name": "ok", "addressPrefix": "10.10.1.0/24"},
		obj{"name": "bad/name", "addressPrefix": "10.10.2.0/24"},
	}))
	require.ErrorContains(t, err, "InvalidResourceName")
	require.Equal(t, before, h.worldBytes())
	subnet := rgID("rg-app") + "/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/ok"
	id, _, _ := h.read(h.srv, tokSubnet, subnet, nil)
	require.Empty(t, id, "the same process does not see the refused change")
}

func TestProcessesSeeEachOthersChanges(t *testing.T) {
	h := newHarness(t, nil)
	other := h.newServer(nil)
	h.mustCreate(tokResourceGroup, "rg", rgProps("rg-app"))
	vID, _ := h.mustCreate(tokVault, "vault", vaultProps("rg-app", "kv-shared", nil))
	id, _, _ := h.read(other, tokVault, vID, nil)
	require.Equal(t, vID, id)

	// A rewrite by the first process, a change by the other process, and
	// one by the admin CLI reach both processes' cached worlds.
	require.NoError(t, h.srv.Close())
	require.Empty(t, journalOf(t, h.worldBytes()))
	require.NoError(t, other.Close())
	id, _, _ = h.read(other, tokVault, vID, nil)
	require.Equal(t, vID, id)
	_, _, err := h.createWith(other, tokKey, "k", pm(obj{"resourceGroupName": "rg-app", "vaultName": "kv-shared", "keyName": "k",
		"properties": obj{"kty": "RSA"}}))
	require.NoError(t, err)
	keyID := vID + "/keys/k"
	id, _, _ = h.read(h.srv, tokKey, keyID, nil)
	require.Equal(t, keyID, id)
	_, stderr, code := h.admin("set", vID, "properties.publicNetworkAccess", `"Enabled"`)
	require.Equal(t, 0, code, stderr)
	_, outs, _ := h.read(h.srv, tokVault, vID, nil)
	require.Equal(t, "Enabled", get(outs, "properties.publicNetworkAccess"))
	require.NoError(t, h.del(other, tokKey, keyID))
	id, _, _ = h.read(h.srv, tokKey, keyID, nil)
	require.Empty(t, id)
}

func TestFileStamp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := dir + "/f"
	require.NoError(t, os.WriteFile(path, []byte("one"), 0o600))
	a, err := os.Stat(path)
	require.NoError(t, err)
	st := fileStamp{info: a, gen: 3}
	require.True(t, st.same(a, 3))
	require.False(t, st.same(a, 4), "another writer bumped the generation")
	require.False(t, st.same(nil, 3))
	require.True(t, fileStamp{gen: 3}.same(nil, 3), "still no file")
	require.NoError(t, os.WriteFile(path, []byte("three"), 0o600))
	b, err := os.Stat(path)
	require.NoError(t, err)
	require.False(t, st.same(b, 3), "the size changed")
	require.NoError(t, os.Chtimes(path, time.Now(), a.ModTime().Add(time.Second)))
	c, err := os.Stat(path)
	require.NoError(t, err)
	require.False(t, fileStamp{info: b, gen: 3}.same(c, 3), "the modification time changed")
	require.NoError(t, os.WriteFile(dir+"/g", []byte("three"), 0o600))
	require.NoError(t, os.Chtimes(dir+"/g", time.Now(), c.ModTime()))
	d, err := os.Stat(dir + "/g")
	require.NoError(t, err)
	require.False(t, fileStamp{info: c, gen: 3}.same(d, 3), "another file")
}

func TestLockFileGeneration(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/w.json.lock"
	lk, err := lockFile(path, true)
	require.NoError(t, err)
	g := lk.generation()
	require.Equal(t, g+1, lk.bump())
	require.Equal(t, g+2, lk.bump())
	lk.unlock()
	lk, err = lockFile(path, false)
	require.NoError(t, err)
	defer lk.unlock()
	if lk.f != nil {
		require.Equal(t, g+2, lk.generation())
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.True(t, strings.HasSuffix(string(data), "2\n"))
	}
}
