package store

import (
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
