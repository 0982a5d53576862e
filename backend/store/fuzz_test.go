package store

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzImportArchive feeds damaged archives to the import: it never panics,
// and a refused file leaves the archive as it was.
func FuzzImportArchive(f *testing.F) {
	seedDir := f.TempDir()
	src, err := Open(filepath.Join(seedDir, "src"))
	if err != nil {
		f.Fatal(err)
	}
	src.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	exported := filepath.Join(seedDir, "export.db")
	if err := src.Export(ctx, exported); err != nil {
		f.Fatal(err)
	}
	src.Close()
	good, _ := os.ReadFile(exported)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(append([]byte{}, sqliteMagic...))
	f.Add([]byte("not an archive"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		s, err := Open(filepath.Join(dir, "a"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		p := filepath.Join(dir, "in.db")
		os.WriteFile(p, data, 0o600)
		if _, err := s.ImportArchive(ctx, p); err != nil {
			if ps, _ := s.Platforms(ctx); len(ps) != 0 {
				t.Fatalf("a refused import wrote %d platforms", len(ps))
			}
		}
		var integrity string
		s.DB().QueryRow("PRAGMA integrity_check").Scan(&integrity)
		if integrity != "ok" {
			t.Fatalf("integrity after import: %s", integrity)
		}
	})
}
