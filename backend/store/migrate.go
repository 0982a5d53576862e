package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
)

// migrationSteps are the parts of a migration SQL cannot do, run in the
// same transaction right after the migration's SQL.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	3: packRows,
}

// packRows moves an archive written before schema 3 to packed storage:
// findings into one packed list per version, version texts into deltas.
// Raw pages stay in the gzip they were written in, which unpack reads.
func packRows(ctx context.Context, tx *sql.Tx) error {
	if err := packFindings(ctx, tx); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, document_id, text FROM versions ORDER BY document_id, id`)
	if err != nil {
		return err
	}
	type row struct {
		id, doc int64
		text    string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.doc, &r.text); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The same rule as packFor, kept in memory: the rows not yet packed
	// would otherwise look like keyframes to it.
	var doc, base int64
	var baseText []byte
	served := 0
	for _, r := range all {
		if r.doc != doc || served >= keyframeEvery {
			doc, base, baseText, served = r.doc, 0, nil, 0
		}
		var z []byte
		var baseID any
		if base == 0 || len(baseText) == 0 {
			z = pack([]byte(r.text), nil)
			base, baseText = r.id, []byte(r.text)
		} else {
			z, baseID = pack([]byte(r.text), baseText), base
			served++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE versions SET text = '', body = ?, base_id = ? WHERE id = ?`, z, baseID, r.id); err != nil {
			return err
		}
	}
	return nil
}

// packFindings turns the findings table of schema 1 and 2 into analyses.
func packFindings(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT version_id, kind, start, end, modifiers, severity, reasons FROM findings ORDER BY version_id`)
	if err != nil {
		return err
	}
	byVersion := map[int64][]Finding{}
	var order []int64
	for rows.Next() {
		var v int64
		var f Finding
		var mods, reasons string
		if err := rows.Scan(&v, &f.Kind, &f.Start, &f.End, &mods, &f.Severity, &reasons); err != nil {
			rows.Close()
			return err
		}
		json.Unmarshal([]byte(mods), &f.Modifiers)
		json.Unmarshal([]byte(reasons), &f.Reasons)
		if _, ok := byVersion[v]; !ok {
			order = append(order, v)
		}
		byVersion[v] = append(byVersion[v], f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, v := range order {
		if err := insertFindings(ctx, tx, v, "", byVersion[v]); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE findings`)
	return err
}

// analysis is a version's stored analysis. Rows written before the analyzer
// was named hold the bare list.
type analysis struct {
	Analyzer string    `json:"analyzer"`
	Findings []Finding `json:"findings"`
}

// insertFindings stores a version's analysis, by the named analyzer, as one
// packed record; nil means the version was not analysed and stores nothing.
func insertFindings(ctx context.Context, q querier, versionID int64, analyzer string, fs []Finding) error {
	if fs == nil {
		return nil
	}
	sorted := make([]Finding, len(fs))
	copy(sorted, fs)
	for i := range sorted {
		sorted[i].Modifiers = nonNil(sorted[i].Modifiers)
		sorted[i].Reasons = nonNil(sorted[i].Reasons)
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].Kind < sorted[j].Kind
	})
	b, err := json.Marshal(analysis{Analyzer: analyzer, Findings: sorted})
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT OR REPLACE INTO analyses (version_id, findings) VALUES (?, ?)`, versionID, pack(b, nil))
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Findings lists the provisions stored for a version, in text order, and
// whether the version was analysed by analyzer: findings of another
// analyzer are reported as no analysis, for the caller to analyse afresh.
func (s *Store) Findings(ctx context.Context, versionID int64, analyzer string) ([]Finding, bool, error) {
	var z []byte
	err := s.db.QueryRowContext(ctx, `SELECT findings FROM analyses WHERE version_id = ?`, versionID).Scan(&z)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.explain(err)
	}
	b, err := unpack(z, nil)
	if err != nil {
		return nil, false, fmt.Errorf("%w: the findings of version %d cannot be read: %v", ErrDamaged, versionID, err)
	}
	var a analysis
	if len(b) > 0 && b[0] == '[' {
		err = json.Unmarshal(b, &a.Findings)
	} else {
		err = json.Unmarshal(b, &a)
	}
	if err != nil {
		return nil, false, fmt.Errorf("%w: the findings of version %d cannot be read: %v", ErrDamaged, versionID, err)
	}
	if a.Analyzer != analyzer {
		return nil, false, nil
	}
	return a.Findings, true, nil
}

// insertVersion writes a new version, packed against its document's
// keyframe, and indexes its text for search.
func insertVersion(ctx context.Context, q querier, documentID int64, text, hash, firstSeen, lastSeen string, snapshotID any, origin string, pre prepacked) (int64, error) {
	z, base, err := versionsTable.packFor(ctx, q, documentID, []byte(text), pre)
	if err != nil {
		return 0, err
	}
	res, err := q.ExecContext(ctx, `INSERT INTO versions (document_id, text, body, base_id, hash, first_seen, last_seen, snapshot_id, origin)
		VALUES (?, '', ?, ?, ?, ?, ?, ?, ?)`, documentID, z, nullID(base), hash, firstSeen, lastSeen, snapshotID, origin)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO versions_fts(rowid, text) VALUES (?, ?)`, id, text); err != nil {
		return 0, err
	}
	return id, nil
}
