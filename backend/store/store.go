// Package store keeps the archive in one SQLite file: the watched platforms
// and documents, every check, every raw page that produced a version, every
// version and the changes between them. Versions are never overwritten and
// every write is one transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors carry their kind so callers can tell a person what to do.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	ErrBusy     = errors.New("the archive is busy")
	ErrReadOnly = errors.New("the archive is read-only")
	ErrDiskFull = errors.New("the disk is full")
	ErrInvalid  = errors.New("invalid input")
	ErrTooNew   = errors.New("the archive was written by a newer Fineprint")
	ErrDamaged  = errors.New("the archive is damaged")
)

// FileName is the archive's file inside the data directory.
const FileName = "fineprint.db"

// busyTimeout is how long a writer waits for another process to finish its
// transaction before it reports ErrBusy. Checks write one short transaction
// per document, so waits are normally milliseconds.
var busyTimeout = 10 * time.Second

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open archive. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	dir  string
	path string
	now  func() time.Time
	// writing queues this process's write transactions. SQLite lets one
	// writer in at a time; without the queue, concurrent checks contend
	// through the busy handler, which sleeps up to 100 ms per retry.
	writing sync.Mutex
}

// DataDir picks the data directory: the flag, else FINEPRINT_DATA_DIR, else
// $XDG_DATA_HOME/fineprint (or the platform's equivalent).
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv("FINEPRINT_DATA_DIR"); env != "" {
		return filepath.Abs(env)
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" && filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "fineprint"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a data directory (set --data-dir or FINEPRINT_DATA_DIR): %w", err)
	}
	switch {
	case isDarwin:
		return filepath.Join(home, "Library", "Application Support", "Fineprint"), nil
	case isWindows:
		if app := os.Getenv("LOCALAPPDATA"); app != "" {
			return filepath.Join(app, "Fineprint"), nil
		}
	}
	return filepath.Join(home, ".local", "share", "fineprint"), nil
}

// Open opens (creating if needed) the archive in dir and brings its schema up
// to date. The directory is created readable by the user alone.
func Open(dir string) (*Store, error) {
	return OpenAt(dir, 0)
}

// OpenAt is Open that migrates only up to the given schema version (0 means
// the latest); tests use it to build archives of earlier versions.
func OpenAt(dir string, version int) (*Store, error) {
	if dir == "" {
		return nil, fmt.Errorf("%w: no data directory given", ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, classify(fmt.Errorf("cannot create the data directory %s: %w", dir, err))
	}
	// MkdirAll leaves an existing directory's mode alone; an archive of
	// someone's terms and habits is theirs alone to read.
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o077 != 0 {
		_ = os.Chmod(dir, 0o700)
	}
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			return nil, classify(fmt.Errorf("cannot create the archive %s: %w", path, err))
		}
		f.Close()
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Write transactions take the write lock up front, so two writers queue
	// on busy_timeout instead of one failing midway on a lock upgrade.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		return nil, classify(err)
	}
	s := &Store{db: db, dir: dir, path: path, now: time.Now}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, s.explain(fmt.Errorf("cannot open the archive %s: %w", path, err))
	}
	if err := s.migrate(context.Background(), version); err != nil {
		db.Close()
		return nil, s.explain(err)
	}
	return s, nil
}

// Close closes the archive.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// Path is the archive file.
func (s *Store) Path() string { return s.path }

// DB exposes the connection for read-only diagnostics in tests.
func (s *Store) DB() *sql.DB { return s.db }

// SetClock replaces the clock, for tests.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3...; found %s", m.name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// SchemaVersionOf reports the archive's schema version.
func (s *Store) SchemaVersionOf(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if upTo <= 0 || upTo > len(ms) {
		upTo = len(ms)
	}
	// One immediate transaction: a second process starting at the same time
	// waits here, then sees the new version and does nothing.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("%w (schema %d, this build knows %d): update Fineprint", ErrTooNew, current, len(ms))
	}
	for _, m := range ms {
		if m.version <= current || m.version > upTo {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if step := migrationSteps[m.version]; step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Packing an archive written before schema 3 frees most of its pages
	// (the corpus histories: 62.7 MB down to 16.5 MB); give them back to
	// the disk once. If another process holds the archive, VACUUM fails and
	// the pages stay free inside the file, for later writes to reuse.
	if current >= 1 && current < packedSchema && upTo >= packedSchema {
		s.db.ExecContext(ctx, "VACUUM")
	}
	return nil
}

// packedSchema is the schema that packs texts and pages (pack.go).
const packedSchema = 3

// tx runs fn in one write transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.explain(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.explain(err)
	}
	return s.explain(tx.Commit())
}

// explain turns SQLite's result codes into errors of a kind, with a sentence
// that says what to do.
func (s *Store) explain(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return classify(err)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w: another Fineprint process is writing to %s; try again in a moment (%v)", ErrBusy, s.path, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: %s cannot be written; check the permissions of the data folder (%v)", ErrReadOnly, s.path, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w: nothing was saved, and what was saved before is intact; free some space and try again (%v)", ErrDiskFull, err)
	case sqlite3.SQLITE_CONSTRAINT:
		if strings.Contains(err.Error(), "UNIQUE") || strings.Contains(err.Error(), "PRIMARY KEY") {
			return fmt.Errorf("%w: %v", ErrExists, err)
		}
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	}
	return err
}

// classify recognises file-system errors that are not SQLite's.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	case isNoSpace(err):
		return fmt.Errorf("%w: %v", ErrDiskFull, err)
	}
	return err
}

// Timestamps are stored as fixed-width UTC text so that they sort as text.
const timeLayout = "2006-01-02T15:04:05.000Z"

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTS(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func nullTS(ns sql.NullString) time.Time {
	if !ns.Valid {
		return time.Time{}
	}
	return parseTS(ns.String)
}

// fileURI makes an SQLite URI of a path, escaping what a URI would read as
// syntax ("#", "?", "%"), so that any folder name works.
func fileURI(path string, q url.Values) string {
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	if !strings.HasPrefix(path, "/") {
		u.Opaque = url.PathEscape(path)
	}
	return u.String()
}
