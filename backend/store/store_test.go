package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fineprint/backend/catalog"
)

var ctx = context.Background()

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func samplePlatform(id string) catalog.Platform {
	return catalog.Platform{ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Category: "ai", Documents: []catalog.Document{
		{Type: "Terms of Service", Sources: []catalog.Source{{URL: "https://" + id + ".example/terms"}}},
		{Type: "Privacy Policy", Sources: []catalog.Source{{URL: "https://" + id + ".example/privacy"}}},
	}}
}

func TestOpenCreatesPrivateDirAndLatestSchema(t *testing.T) {
	// A folder name with URI syntax in it must work too.
	dir := filepath.Join(t.TempDir(), "nested #1?", "data 100%")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("data dir mode %v, want 0700", fi.Mode().Perm())
	}
	fi, err = os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("archive mode %v is readable by others", fi.Mode().Perm())
	}
	v, err := s.SchemaVersionOf(ctx)
	if err != nil || v != SchemaVersion() || v < 2 {
		t.Fatalf("schema version %d (%v), want %d", v, err, SchemaVersion())
	}
	var mode string
	s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
	var fk int
	s.DB().QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Error("foreign keys are off")
	}
	// The write-ahead log and shared-memory files are the user's alone too.
	s.SetSetting(ctx, "k", "v")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fi, _ := e.Info()
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v", e.Name(), fi.Mode().Perm())
		}
	}
}

// Every earlier schema version, holding data, migrates to the latest without
// losing anything.
func TestMigrateFromEveryEarlierVersion(t *testing.T) {
	for from := 1; from < SchemaVersion(); from++ {
		t.Run(fmt.Sprint("from-", from), func(t *testing.T) {
			dir := t.TempDir()
			old, err := OpenAt(dir, from)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := old.SchemaVersionOf(ctx); v != from {
				t.Fatalf("built schema %d, want %d", v, from)
			}
			if _, err := old.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog); err != nil {
				t.Fatal(err)
			}
			// Rows as that schema's code wrote them: plain texts, a
			// gzip page, one finding per row.
			d, _ := old.DocumentByType(ctx, "acme", "Terms of Service")
			texts := []string{"We may share your zebra data.", "We may share your zebra data with partners.", "We sell nothing."}
			var page bytes.Buffer
			zw := gzip.NewWriter(&page)
			zw.Write([]byte("<main>We sell nothing.</main>"))
			zw.Close()
			mustExec := func(q string, args ...any) {
				t.Helper()
				if _, err := old.DB().Exec(q, args...); err != nil {
					t.Fatal(err)
				}
			}
			mustExec(`INSERT INTO snapshots (id, document_id, fetched_at, url, raw, sha256) VALUES (7, ?, '2025-01-03T00:00:00Z', 'https://acme.example/terms', ?, 'x')`, d.ID, page.Bytes())
			for i, text := range texts {
				mustExec(`INSERT INTO versions (id, document_id, text, hash, first_seen, last_seen, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					i+1, d.ID, text, fmt.Sprint("h", i), fmt.Sprintf("2025-01-0%dT00:00:00Z", i+1), fmt.Sprintf("2025-01-0%dT00:00:00Z", i+1), map[bool]any{true: 7}[i == 2])
			}
			mustExec(`UPDATE documents SET current_version_id = 3 WHERE id = ?`, d.ID)
			mustExec(`INSERT INTO findings (version_id, kind, start, end, modifiers, severity, reasons) VALUES (1, 'data-sharing', 0, 29, '["third-parties"]', 'high', '["shares data"]')`)
			mustExec(`INSERT INTO findings (version_id, kind, start, end, severity) VALUES (2, 'data-sharing', 0, 40, 'medium')`)
			old.Close()

			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, _ := s.SchemaVersionOf(ctx); v != SchemaVersion() {
				t.Fatalf("after migration schema %d", v)
			}
			p, err := s.Platform(ctx, "acme")
			if err != nil || len(p.Documents) != 2 {
				t.Fatalf("platform lost in migration: %+v %v", p, err)
			}
			hits, err := s.Search(ctx, "zebra", 10)
			if err != nil || len(hits) != 1 || hits[0].Versions != 2 || !strings.Contains(hits[0].Snippet, "zebra") {
				t.Fatalf("search after migration: %+v %v", hits, err)
			}
			for i, want := range texts {
				v, err := s.Version(ctx, int64(i+1))
				if err != nil || v.Text != want {
					t.Fatalf("version %d after migration: %q %v", i+1, v.Text, err)
				}
			}
			fs, ok, err := s.Findings(ctx, 1, "")
			if err != nil || !ok || len(fs) != 1 || fs[0].Modifiers[0] != "third-parties" || fs[0].Reasons[0] != "shares data" {
				t.Fatalf("findings after migration: %+v %v %v", fs, ok, err)
			}
			if _, ok, _ := s.Findings(ctx, 3, ""); ok {
				t.Fatal("a version never analysed reads as analysed")
			}
			snaps, err := s.SnapshotsOf(ctx, 3)
			if err != nil || len(snaps) != 1 || string(snaps[0].Raw) != "<main>We sell nothing.</main>" {
				t.Fatalf("page after migration: %+v %v", snaps, err)
			}
			// The pages packing freed went back to the disk.
			var free int
			s.DB().QueryRow(`PRAGMA freelist_count`).Scan(&free)
			if free != 0 {
				t.Errorf("%d free pages left in the archive after migration", free)
			}
			// A new version after migration is packed against the old ones.
			if _, _, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now(), Text: "We sell zebras.", Hash: "h9", ExpectCurrent: 3}); err != nil {
				t.Fatal(err)
			}
			if hits, _ := s.Search(ctx, "zebras", 10); len(hits) != 1 || hits[0].VersionID != 4 {
				t.Fatalf("search for the new version: %+v", hits)
			}
		})
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.DB().Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	s.Close()
	_, err = Open(dir)
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("got %v, want ErrTooNew", err)
	}
}

func TestDataDirPrecedence(t *testing.T) {
	t.Setenv("FINEPRINT_DATA_DIR", "/tmp/from-env")
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	if d, _ := DataDir("/tmp/flag"); d != "/tmp/flag" {
		t.Errorf("flag: %s", d)
	}
	if d, _ := DataDir(""); d != "/tmp/from-env" {
		t.Errorf("env: %s", d)
	}
	t.Setenv("FINEPRINT_DATA_DIR", "")
	if d, _ := DataDir(""); d != "/tmp/xdg/fineprint" {
		t.Errorf("xdg: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/someone")
	if d, _ := DataDir(""); d != "/home/someone/.local/share/fineprint" {
		t.Errorf("default: %s", d)
	}
}

func TestWatchRemoveRestorePurge(t *testing.T) {
	s := open(t)
	p, err := s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 2 || p.Documents[0].URL() == "" {
		t.Fatalf("documents: %+v", p.Documents)
	}
	// Adding again is harmless.
	if _, err := s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePlatform(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.Platforms(ctx); len(ps) != 0 {
		t.Fatalf("removed platform still listed: %v", ps)
	}
	if err := s.RemovePlatform(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second remove: %v", err)
	}
	if _, err := s.RestorePlatform(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.Platforms(ctx); len(ps) != 1 {
		t.Fatalf("restore: %v", ps)
	}
	s.RemovePlatform(ctx, "acme")
	n, err := s.PurgeRemoved(ctx, time.Now().Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("purge: %d %v", n, err)
	}
	var docs int
	s.DB().QueryRow("SELECT COUNT(*) FROM documents").Scan(&docs)
	if docs != 0 {
		t.Fatalf("purge left %d documents", docs)
	}
	if _, err := s.RestorePlatform(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restore after purge: %v", err)
	}
}

func TestAddPlatformRejectsIncomplete(t *testing.T) {
	s := open(t)
	for _, p := range []catalog.Platform{
		{ID: "x"},
		{ID: "x", Name: "X"},
		{ID: "x", Name: "X", Documents: []catalog.Document{{Type: "Terms of Service"}}},
	} {
		if _, err := s.AddPlatform(ctx, p, SourceCustom); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", p, err)
		}
	}
	if ps, _ := s.Platforms(ctx); len(ps) != 0 {
		t.Fatalf("a rejected platform was half-written: %v", ps)
	}
}

func TestObservationsNewUnchangedChangedRevert(t *testing.T) {
	s := open(t)
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	observe := func(day int, text string, expect int64) (Check, Version) {
		t.Helper()
		c, v, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: t0.AddDate(0, 0, day), Text: text, Hash: "h:" + text,
			ExpectCurrent: expect, Snapshots: []Snapshot{{URL: "https://acme.example/terms", Raw: []byte("<p>" + text + "</p>"), FetchedAt: t0.AddDate(0, 0, day)}},
			Change: &ChangeRecord{Class: ClassMaterial, Summary: "changed"}})
		if err != nil {
			t.Fatal(err)
		}
		return c, v
	}
	c, a := observe(0, "A", 0)
	if c.Outcome != OutcomeNew {
		t.Fatalf("first: %s", c.Outcome)
	}
	if c, _ = observe(1, "A", a.ID); c.Outcome != OutcomeUnchanged {
		t.Fatalf("same text: %s", c.Outcome)
	}
	c, b := observe(2, "B", a.ID)
	if c.Outcome != OutcomeChanged {
		t.Fatalf("new text: %s", c.Outcome)
	}
	if c, _ = observe(3, "A", b.ID); c.Outcome != OutcomeRevert {
		t.Fatalf("return to A: %s", c.Outcome)
	}
	if _, _, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: t0, Text: "C", Hash: "h:C", ExpectCurrent: b.ID}); !errors.Is(err, ErrStale) {
		t.Fatalf("stale write: %v", err)
	}
	vs, _ := s.Versions(ctx, d.ID)
	if len(vs) != 2 {
		t.Fatalf("%d versions, want 2 (A and B)", len(vs))
	}
	changes, _ := s.Changes(ctx, ChangeFilter{DocumentID: d.ID})
	if len(changes) != 2 || changes[0].Class != ClassRevert || changes[1].Class != ClassMaterial {
		t.Fatalf("changes: %+v", changes)
	}
	if at, _ := s.VersionAt(ctx, d.ID, t0.AddDate(0, 0, 2).Add(time.Hour)); at == nil || at.ID != b.ID {
		t.Fatalf("version in force on day 2: %+v", at)
	}
	if at, _ := s.VersionAt(ctx, d.ID, t0.AddDate(0, 0, 5)); at == nil || at.ID != a.ID {
		t.Fatalf("version in force after the revert: %+v", at)
	}
	if at, _ := s.VersionAt(ctx, d.ID, t0.AddDate(0, 0, -1)); at != nil {
		t.Fatalf("version before the first: %+v", at)
	}
	snaps, err := s.SnapshotsOf(ctx, b.ID)
	if err != nil || len(snaps) != 1 || string(snaps[0].Raw) != "<p>B</p>" {
		t.Fatalf("snapshot of B: %+v %v", snaps, err)
	}
	if _, err := s.RecordFailure(ctx, d.ID, t0.AddDate(0, 0, 4), "gone", "404", 0); err != nil {
		t.Fatal(err)
	}
	doc, _ := s.Document(ctx, d.ID)
	if doc.LastCheck == nil || doc.LastCheck.Outcome != OutcomeFailed || doc.Versions != 2 || doc.CurrentVersionID != a.ID {
		t.Fatalf("after failure: %+v %+v", doc, doc.LastCheck)
	}
}

func TestSearchQueriesNeverError(t *testing.T) {
	s := open(t)
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now(), Text: "We train our models on your conversations.", Hash: "x"})
	for q, want := range map[string]int{"train": 1, "TRAINING models": 0, `"our models"`: 1, `conver`: 1, `AND OR NOT (*`: 0, ``: 0, `"`: 0} {
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Errorf("%q: %v", q, err)
		}
		if len(hits) != want {
			t.Errorf("%q: %d hits, want %d", q, len(hits), want)
		}
	}
}

// Readers never see "database is locked" while a writer works.
func TestConcurrentReadersWithWriter(t *testing.T) {
	s := open(t)
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 100)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.Platforms(ctx); err != nil {
					errs <- err
					return
				}
				if _, err := s.Versions(ctx, d.ID); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var cur int64
	for i := range 200 {
		_, v, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now(), Text: fmt.Sprint("text ", i), Hash: fmt.Sprint(i), ExpectCurrent: cur})
		if err != nil {
			t.Fatal(err)
		}
		cur = v.ID
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A second process with the archive open waits for the first one's write
// and then succeeds; while the first holds the lock past the timeout, the
// second gets ErrBusy with a sentence, never a corrupt archive.
func TestSecondProcess(t *testing.T) {
	if os.Getenv("FINEPRINT_STORE_CHILD") != "" {
		s, err := Open(os.Getenv("FINEPRINT_STORE_CHILD"))
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(3)
		}
		_, err = s.AddPlatform(ctx, samplePlatform("child"), SourceCatalog)
		if errors.Is(err, ErrBusy) {
			fmt.Println("busy:", err)
			os.Exit(4)
		}
		if err != nil {
			fmt.Println("add:", err)
			os.Exit(5)
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	run := func() (int, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcess$")
		cmd.Env = append(os.Environ(), "FINEPRINT_STORE_CHILD="+dir)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), string(out)
		}
		return 0, string(out)
	}
	// Hold the write lock briefly: the child waits, then writes.
	tx, err := s.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec(`INSERT INTO settings (key, value) VALUES ('k', 'v')`)
	go func() { time.Sleep(500 * time.Millisecond); tx.Commit() }()
	if code, out := run(); code != 0 {
		t.Fatalf("child exit %d: %s", code, out)
	}
	if ok, _ := s.IsWatched(ctx, "child"); !ok {
		t.Fatal("the child's write is missing")
	}
	var integrity string
	s.DB().QueryRow("PRAGMA integrity_check").Scan(&integrity)
	if integrity != "ok" {
		t.Fatalf("integrity: %s", integrity)
	}
}

func TestBusyIsExplained(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tx, err := a.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	tx.Exec(`INSERT INTO settings (key, value) VALUES ('k', 'v')`)
	// Opening succeeds (the schema is current); writing must wait out the
	// timeout and then say it is busy. Shorten the wait for the test.
	defer func(d time.Duration) { busyTimeout = d }(busyTimeout)
	busyTimeout = 200 * time.Millisecond
	b, err := Open(dir)
	if err == nil {
		defer b.Close()
		err = b.SetSetting(ctx, "x", "y")
	}
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another Fineprint") {
		t.Fatalf("got %v, want ErrBusy with an explanation", err)
	}
}

func TestReadOnlyArchiveIsExplained(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores file modes; use a read-only bind instead.
		t.Skip("file modes do not bind root; the read-only case is covered by opening with mode=ro")
	}
	dir := t.TempDir()
	s, _ := Open(dir)
	s.Close()
	os.Chmod(filepath.Join(dir, FileName), 0o400)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	s, err := Open(dir)
	if err == nil {
		defer s.Close()
		err = s.SetSetting(ctx, "a", "b")
	}
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("got %v, want ErrReadOnly", err)
	}
}

func TestCatalogEntriesAndSettings(t *testing.T) {
	s := open(t)
	if err := s.SaveCatalogEntries(ctx, []catalog.Platform{samplePlatform("imported")}); err != nil {
		t.Fatal(err)
	}
	es, err := s.CatalogEntries(ctx)
	if err != nil || len(es) != 1 || es[0].Documents[0].Sources[0].URL != "https://imported.example/terms" {
		t.Fatalf("%+v %v", es, err)
	}
	if v, _ := s.Setting(ctx, "interval", "24h"); v != "24h" {
		t.Fatal(v)
	}
	s.SetSetting(ctx, "interval", "12h")
	if v, _ := s.Setting(ctx, "interval", "24h"); v != "12h" {
		t.Fatal(v)
	}
}

func TestSearchGroupsByDocumentAndMarksMatches(t *testing.T) {
	s := open(t)
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	var cur int64
	filler := strings.Repeat("Other words about the service and its many features. ", 20)
	for i, text := range []string{
		filler + "Disputes go to binding Arbitration in Delaware.",
		filler + "Disputes go to binding arbitration in Texas. " + filler,
		"Nothing here.",
	} {
		_, v, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now().Add(time.Duration(i) * time.Hour), Text: text, Hash: fmt.Sprint(i), ExpectCurrent: cur})
		if err != nil {
			t.Fatal(err)
		}
		cur = v.ID
	}
	hits, err := s.Search(ctx, "arbitr", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("%+v %v", hits, err)
	}
	h := hits[0]
	if h.Versions != 2 || h.Current {
		t.Fatalf("hit: %+v", h)
	}
	if !strings.Contains(h.Snippet, "«Arbitration»") && !strings.Contains(h.Snippet, "«arbitration»") {
		t.Fatalf("snippet: %q", h.Snippet)
	}
	if !strings.HasPrefix(h.Snippet, "…") || len(h.Snippet) > 400 {
		t.Fatalf("snippet is not cut around the match: %q", h.Snippet)
	}
	if hits, _ := s.Search(ctx, `"binding arbitration in texas"`, 10); len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«binding arbitration in Texas»") {
		t.Fatalf("phrase: %+v", hits)
	}
}
