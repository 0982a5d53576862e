package store

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mountTmpfs mounts a small tmpfs, which needs root; other users skip.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// A full disk is a clear error, and what was stored before stays whole.
func TestDiskFull(t *testing.T) {
	dir := mountTmpfs(t, "3m")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	var cur int64
	var full error
	kept := 0
	for i := 0; i < 1000 && full == nil; i++ {
		// Incompressible-ish text so the disk fills quickly.
		text := fmt.Sprintf("version %d %s", i, strings.Repeat(fmt.Sprintf("%x ", time.Now().UnixNano()*int64(i+1)), 8000))
		_, v, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: time.Now(), Text: text, Hash: fmt.Sprint(i), ExpectCurrent: cur})
		if err != nil {
			full = err
			break
		}
		cur, kept = v.ID, kept+1
	}
	if !errors.Is(full, ErrDiskFull) || !strings.Contains(full.Error(), "free some space") {
		t.Fatalf("after %d versions: %v, want ErrDiskFull", kept, full)
	}
	vs, err := s.Versions(ctx, d.ID)
	if err != nil || len(vs) != kept {
		t.Fatalf("%d versions readable (%v), %d were stored", len(vs), err, kept)
	}
	var integrity string
	s.DB().QueryRow("PRAGMA integrity_check").Scan(&integrity)
	if integrity != "ok" {
		t.Fatalf("integrity: %s", integrity)
	}
	if v, err := s.CurrentVersion(ctx, d.ID); err != nil || v.ID != cur {
		t.Fatalf("current version: %+v %v", v, err)
	}
}

// A read-only data folder is a clear error, never a crash or a half write.
func TestReadOnlyDataDir(t *testing.T) {
	dir := mountTmpfs(t, "8m")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.AddPlatform(ctx, samplePlatform("acme"), SourceCatalog)
	s.Close()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	s, err = Open(dir)
	if err == nil {
		defer s.Close()
		err = s.SetSetting(ctx, "k", "v")
	}
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("got %v, want ErrReadOnly", err)
	}
}
