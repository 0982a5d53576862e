package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
)

// sqliteMagic starts every SQLite file.
var sqliteMagic = []byte("SQLite format 3\x00")

// IsArchive reports whether a file looks like a Fineprint archive (an
// SQLite file), without trusting it further.
func IsArchive(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, sqliteMagic)
}

// Export writes a consistent copy of the whole archive to path (an SQLite
// file, readable by the user alone). It never overwrites an existing file.
func (s *Store) Export(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: %s already exists; choose another name", ErrExists, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return classify(err)
	}
	// VACUUM INTO reads one snapshot of the database, so checks may run
	// meanwhile.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return s.explain(fmt.Errorf("cannot export the archive: %w", err))
	}
	return os.Chmod(path, 0o600)
}

// ImportStats counts what an archive import added.
type ImportStats struct {
	Platforms int `json:"platforms"`
	Documents int `json:"documents"`
	Versions  int `json:"versions"`
	Changes   int `json:"changes"`
	Checks    int `json:"checks"`
}

// ImportArchive merges an exported archive into this one, in one
// transaction: platforms and documents are matched by id and type, versions
// by their hash, so importing twice adds nothing. A file that is not a
// sound Fineprint archive is refused before anything is written.
func (s *Store) ImportArchive(ctx context.Context, path string) (ImportStats, error) {
	var st ImportStats
	if !IsArchive(path) {
		return st, fmt.Errorf("%w: %s is not a Fineprint archive", ErrInvalid, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return st, err
	}
	if same, _ := sameFile(abs, s.path); same {
		return st, fmt.Errorf("%w: that is this archive itself", ErrInvalid)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return st, s.explain(err)
	}
	defer conn.Close()
	u := fileURI(abs, url.Values{"mode": {"ro"}})
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, u); err != nil {
		return st, fmt.Errorf("%w: cannot open %s: %v", ErrInvalid, path, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE src`)

	var check string
	if err := conn.QueryRowContext(ctx, `PRAGMA src.integrity_check(1)`).Scan(&check); err != nil || check != "ok" {
		return st, fmt.Errorf("%w: %s is damaged (%s %v)", ErrInvalid, path, check, err)
	}
	var v int
	if err := conn.QueryRowContext(ctx, `PRAGMA src.user_version`).Scan(&v); err != nil {
		return st, err
	}
	if v < 1 || v > SchemaVersion() {
		return st, fmt.Errorf("%w: %s has schema %d; this Fineprint reads 1 to %d", ErrInvalid, path, v, SchemaVersion())
	}
	for _, table := range []string{"platforms", "documents", "versions", "snapshots", "checks", "changes"} {
		var n int
		if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM src.sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			return st, fmt.Errorf("%w: %s is not a Fineprint archive (no %s table)", ErrInvalid, path, table)
		}
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return st, s.explain(err)
	}
	defer tx.Rollback()
	count := func(res sql.Result, err error, n *int) error {
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		*n += int(k)
		return nil
	}
	const versionsAfter = 2 // the docmap step
	steps := []struct {
		n   *int
		sql string
	}{
		{&st.Platforms, `INSERT INTO platforms (id, name, company, category, homepage, source, added_at, removed_at, muted)
			SELECT id, name, company, category, homepage, source, added_at, NULL, muted FROM src.platforms
			WHERE removed_at IS NULL AND id NOT IN (SELECT id FROM main.platforms)`},
		{&st.Documents, `INSERT INTO documents (platform_id, type, sources)
			SELECT d.platform_id, d.type, d.sources FROM src.documents d JOIN src.platforms p ON p.id = d.platform_id
			WHERE p.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.platform_id = d.platform_id AND m.type = d.type)`},
		// The id maps: source document -> this archive's document.
		{new(int), `CREATE TEMP TABLE docmap AS SELECT d.id AS src_id, m.id AS dst_id FROM src.documents d
			JOIN main.documents m ON m.platform_id = d.platform_id AND m.type = d.type`},
		{new(int), `CREATE TEMP TABLE vermap AS SELECT v.id AS src_id, m.id AS dst_id FROM src.versions v
			JOIN temp.docmap dm ON dm.src_id = v.document_id JOIN main.versions m ON m.document_id = dm.dst_id AND m.hash = v.hash`},
		{&st.Changes, `INSERT INTO changes (document_id, from_version_id, to_version_id, class, summary, details, detected_at, read_at)
			SELECT dm.dst_id, fv.dst_id, tv.dst_id, c.class, c.summary, c.details, c.detected_at, c.read_at FROM src.changes c
			JOIN temp.docmap dm ON dm.src_id = c.document_id JOIN temp.vermap tv ON tv.src_id = c.to_version_id
			LEFT JOIN temp.vermap fv ON fv.src_id = c.from_version_id
			WHERE NOT EXISTS (SELECT 1 FROM main.changes m WHERE m.document_id = dm.dst_id AND m.to_version_id = tv.dst_id AND m.detected_at = c.detected_at)`},
		{&st.Checks, `INSERT INTO checks (document_id, at, outcome, error_kind, error_message, version_id, duration_ms)
			SELECT dm.dst_id, c.at, c.outcome, c.error_kind, c.error_message, vm.dst_id, c.duration_ms FROM src.checks c
			JOIN temp.docmap dm ON dm.src_id = c.document_id LEFT JOIN temp.vermap vm ON vm.src_id = c.version_id
			WHERE NOT EXISTS (SELECT 1 FROM main.checks m WHERE m.document_id = dm.dst_id AND m.at = c.at)`},
		// Documents that had no version here take the imported current one.
		{new(int), `UPDATE main.documents SET current_version_id = (
				SELECT vm.dst_id FROM src.documents d JOIN temp.docmap dm ON dm.src_id = d.id
				JOIN temp.vermap vm ON vm.src_id = d.current_version_id WHERE dm.dst_id = main.documents.id)
			WHERE current_version_id IS NULL`},
		{new(int), `DROP TABLE temp.docmap`},
		{new(int), `DROP TABLE temp.vermap`},
	}
	for i, step := range steps {
		res, err := tx.ExecContext(ctx, step.sql)
		if err := count(res, err, step.n); err != nil {
			return ImportStats{}, s.explain(fmt.Errorf("import of %s: %w", path, err))
		}
		// Versions are copied once the documents are mapped: their texts
		// are unpacked from the source and packed again here, since keyframes
		// are per archive.
		if i == versionsAfter {
			if st.Versions, err = importVersions(ctx, tx, v); err != nil {
				return ImportStats{}, s.explain(fmt.Errorf("import of %s: %w", path, err))
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return ImportStats{}, s.explain(err)
	}
	return st, nil
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// importVersions copies the source's versions that this archive lacks, in
// the order they were first seen.
func importVersions(ctx context.Context, tx *sql.Tx, schema int) (int, error) {
	src := packedTable{name: "src.versions", plain: "text", packed: "body", base: "base_id"}
	if schema < 3 {
		src.packed, src.base = "NULL", "NULL"
	}
	rows, err := tx.QueryContext(ctx, `SELECT v.id, dm.dst_id, v.hash, v.first_seen, v.last_seen, v.origin FROM src.versions v
		JOIN temp.docmap dm ON dm.src_id = v.document_id
		WHERE NOT EXISTS (SELECT 1 FROM main.versions m WHERE m.document_id = dm.dst_id AND m.hash = v.hash)
		ORDER BY dm.dst_id, v.first_seen, v.id`)
	if err != nil {
		return 0, err
	}
	type row struct {
		id, doc                   int64
		hash, first, last, origin string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.doc, &r.hash, &r.first, &r.last, &r.origin); err != nil {
			rows.Close()
			return 0, err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, r := range all {
		text, err := src.row(ctx, tx, r.id)
		if err != nil {
			return 0, fmt.Errorf("%w: version %d: %v", ErrInvalid, r.id, err)
		}
		if _, err := insertVersion(ctx, tx, r.doc, string(text), r.hash, r.first, r.last, nil, r.origin, prepacked{}); err != nil {
			return 0, err
		}
	}
	return len(all), nil
}
