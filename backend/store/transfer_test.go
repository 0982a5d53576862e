package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestExportImportRoundTrip(t *testing.T) {
	a := open(t)
	a.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := a.DocumentByType(ctx, "acme", "Terms of Service")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, v1, _ := a.RecordObservation(ctx, Observation{DocumentID: d.ID, At: t0, Text: "first text", Hash: "1"})
	a.RecordObservation(ctx, Observation{DocumentID: d.ID, At: t0.Add(time.Hour), Text: "second text", Hash: "2", ExpectCurrent: v1.ID,
		Change: &ChangeRecord{Class: ClassMaterial, Summary: "changed"}})

	out := filepath.Join(t.TempDir(), "backup.fineprint")
	if err := a.Export(ctx, out); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v", fi.Mode().Perm())
	}
	if err := a.Export(ctx, out); !errors.Is(err, ErrExists) {
		t.Fatalf("overwrite: %v", err)
	}

	b := open(t)
	st, err := b.ImportArchive(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Platforms != 1 || st.Documents != 2 || st.Versions != 2 || st.Changes != 1 {
		t.Fatalf("stats: %+v", st)
	}
	bd, _ := b.DocumentByType(ctx, "acme", "Terms of Service")
	cur, _ := b.CurrentVersion(ctx, bd.ID)
	if cur == nil || cur.Text != "second text" {
		t.Fatalf("current after import: %+v", cur)
	}
	if hits, _ := b.Search(ctx, "second", 5); len(hits) != 1 {
		t.Fatalf("search after import: %v", hits)
	}
	// Twice adds nothing.
	if st, err = b.ImportArchive(ctx, out); err != nil || st != (ImportStats{}) {
		t.Fatalf("second import: %+v %v", st, err)
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	s := open(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database at all"), 0o600)
	trunc := filepath.Join(dir, "trunc.db")
	os.WriteFile(trunc, append(append([]byte{}, sqliteMagic...), make([]byte, 100)...), 0o600)
	other := filepath.Join(dir, "other.db")
	o, _ := OpenAt(filepath.Join(dir, "o"), 1)
	o.DB().Exec(`DROP TABLE changes`)
	o.Close()
	os.Rename(filepath.Join(dir, "o", FileName), other)
	for _, p := range []string{junk, trunc, other, filepath.Join(dir, "missing.db"), s.Path()} {
		if _, err := s.ImportArchive(ctx, p); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	if ps, _ := s.Platforms(ctx); len(ps) != 0 {
		t.Fatal("a refused import wrote something")
	}
}

// An archive exported by a build on schema 2 (plain texts) imports into
// this one, packed here.
func TestImportFromSchema2(t *testing.T) {
	dir := t.TempDir()
	old, err := OpenAt(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	old.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := old.DocumentByType(ctx, "acme", "Terms of Service")
	for i, text := range []string{"We keep your data.", "We keep your data for a year."} {
		if _, err := old.DB().Exec(`INSERT INTO versions (id, document_id, text, hash, first_seen, last_seen) VALUES (?, ?, ?, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
			i+1, d.ID, text, text); err != nil {
			t.Fatal(err)
		}
	}
	old.DB().Exec(`UPDATE documents SET current_version_id = 2 WHERE id = ?`, d.ID)
	old.Close()

	s := open(t)
	st, err := s.ImportArchive(ctx, filepath.Join(dir, FileName))
	if err != nil || st.Versions != 2 {
		t.Fatalf("import of a schema 2 archive: %+v %v", st, err)
	}
	sd, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	cur, err := s.CurrentVersion(ctx, sd.ID)
	if err != nil || cur == nil || cur.Text != "We keep your data for a year." {
		t.Fatalf("current after import: %+v %v", cur, err)
	}
	var plain int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions WHERE body IS NULL`).Scan(&plain)
	if hits, _ := s.Search(ctx, "year", 5); len(hits) != 1 || plain != 0 {
		t.Fatalf("after import: hits %+v, %d unpacked rows", hits, plain)
	}
}

// A packed text that does not unpack refuses the whole import.
func TestImportRefusesDamagedText(t *testing.T) {
	a := open(t)
	a.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := a.DocumentByType(ctx, "acme", "Terms of Service")
	a.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now(), Text: "We keep your data.", Hash: "1"})
	out := filepath.Join(t.TempDir(), "backup.sqlite")
	if err := a.Export(ctx, out); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE versions SET body = X'28B52FFD0000DEADBEEF'`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	b := open(t)
	if _, err := b.ImportArchive(ctx, out); !errors.Is(err, ErrInvalid) {
		t.Fatalf("importing a damaged text: %v", err)
	}
	if ps, _ := b.Platforms(ctx); len(ps) != 0 {
		t.Fatal("a refused import wrote something")
	}
}
