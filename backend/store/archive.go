package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/sync/errgroup"
	"runtime"
	"time"
)

// Outcomes of a check.
const (
	OutcomeNew       = "new"
	OutcomeChanged   = "changed"
	OutcomeUnchanged = "unchanged"
	OutcomeRevert    = "revert"
	OutcomeFailed    = "failed"
	OutcomeTechnical = "technical"
)

// Classes of a change.
const (
	ClassMaterial  = "material"
	ClassMinor     = "minor"
	ClassNoise     = "noise"
	ClassRevert    = "revert"
	ClassTechnical = "technical"
)

// Check is one attempt to read a document.
type Check struct {
	ID           int64         `json:"id"`
	DocumentID   int64         `json:"document_id"`
	At           time.Time     `json:"at"`
	Outcome      string        `json:"outcome"`
	ErrorKind    string        `json:"error_kind,omitempty"`
	ErrorMessage string        `json:"error_message,omitempty"`
	VersionID    int64         `json:"version_id,omitempty"`
	Duration     time.Duration `json:"duration"`
}

// Version is one distinct text of a document.
type Version struct {
	ID         int64     `json:"id"`
	DocumentID int64     `json:"document_id"`
	Text       string    `json:"text,omitempty"`
	Hash       string    `json:"hash"`
	FirstSeen  time.Time `json:"first_seen"`
	LastSeen   time.Time `json:"last_seen"`
	SnapshotID int64     `json:"snapshot_id,omitempty"`
	Origin     string    `json:"origin"`
}

// Change is the step from one version to the next.
type Change struct {
	ID            int64           `json:"id"`
	DocumentID    int64           `json:"document_id"`
	PlatformID    string          `json:"platform"`
	PlatformName  string          `json:"platform_name"`
	DocumentType  string          `json:"type"`
	FromVersionID int64           `json:"from_version_id,omitempty"`
	ToVersionID   int64           `json:"to_version_id"`
	Class         string          `json:"class"`
	Summary       string          `json:"summary"`
	Details       json.RawMessage `json:"details,omitempty"`
	DetectedAt    time.Time       `json:"detected_at"`
	Read          bool            `json:"read"`
}

// Snapshot is a raw page as fetched.
type Snapshot struct {
	URL         string
	ContentType string
	// Raw is the page as the pipeline keeps it (see monitor.archivedPage);
	// the store packs it (pack.go).
	Raw       []byte
	FetchedAt time.Time
}

// ChangeRecord is what the caller worked out about a new text.
type ChangeRecord struct {
	Class   string
	Summary string
	Details any
}

// Observation is a successful read of a document whose text the caller has
// extracted and hashed.
type Observation struct {
	DocumentID int64
	At         time.Time
	Text       string
	Hash       string
	Snapshots  []Snapshot
	// SnapshotID links the version to pages already archived, when the text
	// comes from re-reading them.
	SnapshotID   int64
	ETag         string
	LastModified string
	Duration     time.Duration
	Origin       string
	// ExpectCurrent is the version the caller compared against (0 for none);
	// if another writer moved the document on meanwhile, nothing is written.
	ExpectCurrent int64
	// Change describes the step from ExpectCurrent to this text, when the
	// text is new to the document.
	Change *ChangeRecord
	// Findings are the provisions found in the text, stored with a new
	// version, and Analyzer names the analysis that found them.
	Findings []Finding
	Analyzer string
}

// Finding is a provision found in a version: its kind, the evidence as byte
// offsets into the version's text, and how bad it is.
type Finding struct {
	Kind      string   `json:"kind"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Modifiers []string `json:"modifiers"`
	Severity  string   `json:"severity"`
	Reasons   []string `json:"reasons"`
}

// ErrStale means the document changed under the caller; it should re-read
// and try again.
var ErrStale = errors.New("the document was updated meanwhile")

// CurrentVersion is the version in force now, or nil before the first one.
func (s *Store) CurrentVersion(ctx context.Context, documentID int64) (*Version, error) {
	var vid sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT current_version_id FROM documents WHERE id = ?`, documentID).Scan(&vid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: no document %d", ErrNotFound, documentID)
	}
	if err != nil || !vid.Valid {
		return nil, s.explain(err)
	}
	v, err := s.Version(ctx, vid.Int64)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// VersionByHash finds a document's version with that normalised hash.
func (s *Store) VersionByHash(ctx context.Context, documentID int64, hash string) (*Version, error) {
	vs, err := s.versions(ctx, true, "WHERE document_id = ? AND hash = ?", documentID, hash)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return &vs[0], nil
}

// Version reads one version with its text.
func (s *Store) Version(ctx context.Context, id int64) (Version, error) {
	vs, err := s.versions(ctx, true, "WHERE id = ?", id)
	if err != nil {
		return Version{}, err
	}
	if len(vs) == 0 {
		return Version{}, fmt.Errorf("%w: no version %d", ErrNotFound, id)
	}
	return vs[0], nil
}

// Versions lists a document's versions, oldest first, without their text.
func (s *Store) Versions(ctx context.Context, documentID int64) ([]Version, error) {
	return s.versions(ctx, false, "WHERE document_id = ? ORDER BY first_seen, id", documentID)
}

// VersionAt is the version in force at t: the newest one first seen at or
// before t, following reverts through the change records.
func (s *Store) VersionAt(ctx context.Context, documentID int64, t time.Time) (*Version, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `
		SELECT to_version_id FROM changes WHERE document_id = ? AND detected_at <= ?
		ORDER BY detected_at DESC, id DESC LIMIT 1`, documentID, ts(t)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.QueryRowContext(ctx, `SELECT id FROM versions WHERE document_id = ? AND first_seen <= ?
			ORDER BY first_seen DESC, id DESC LIMIT 1`, documentID, ts(t)).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.explain(err)
	}
	v, err := s.Version(ctx, id)
	return &v, err
}

func (s *Store) versions(ctx context.Context, withText bool, where string, args ...any) ([]Version, error) {
	text := "NULL, NULL, NULL"
	if withText {
		text = "text, body, base_id"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, document_id, `+text+`, hash, first_seen, last_seen,
		COALESCE(snapshot_id, 0), origin FROM versions `+where, args...)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	type packed struct {
		plain sql.NullString
		z     []byte
		base  sql.NullInt64
	}
	var out []Version
	var zs []packed
	for rows.Next() {
		var v Version
		var p packed
		var first, last string
		if err := rows.Scan(&v.ID, &v.DocumentID, &p.plain, &p.z, &p.base, &v.Hash, &first, &last, &v.SnapshotID, &v.Origin); err != nil {
			return nil, err
		}
		v.FirstSeen, v.LastSeen = parseTS(first), parseTS(last)
		out = append(out, v)
		zs = append(zs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.explain(err)
	}
	rows.Close()
	if withText {
		for i, p := range zs {
			b, err := versionsTable.content(ctx, s.db, out[i].ID, p.plain, p.z, p.base)
			if err != nil {
				return nil, err
			}
			out[i].Text = string(b)
		}
	}
	return out, nil
}

// RecordFailure records a failed check. Nothing else changes.
func (s *Store) RecordFailure(ctx context.Context, documentID int64, at time.Time, kind, message string, took time.Duration) (Check, error) {
	c := Check{DocumentID: documentID, At: at, Outcome: OutcomeFailed, ErrorKind: kind, ErrorMessage: message, Duration: took}
	err := s.tx(ctx, func(tx *sql.Tx) error { return insertCheck(ctx, tx, &c) })
	return c, err
}

// RecordUnchanged records a check that found the current text again.
func (s *Store) RecordUnchanged(ctx context.Context, documentID int64, at time.Time, etag, lastModified string, took time.Duration) (Check, error) {
	c := Check{DocumentID: documentID, At: at, Outcome: OutcomeUnchanged, Duration: took}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var vid sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT current_version_id FROM documents WHERE id = ?`, documentID).Scan(&vid); err != nil {
			return err
		}
		c.VersionID = vid.Int64
		if vid.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE versions SET last_seen = ? WHERE id = ? AND last_seen < ?`, ts(at), vid.Int64, ts(at)); err != nil {
				return err
			}
		}
		if err := setValidators(ctx, tx, documentID, etag, lastModified); err != nil {
			return err
		}
		return insertCheck(ctx, tx, &c)
	})
	return c, err
}

// RecordObservation stores what a successful check found, in one
// transaction: the raw pages, the version (or the return to an earlier one),
// the change record and the check.
func (s *Store) RecordObservation(ctx context.Context, o Observation) (Check, Version, error) {
	var c Check
	var v Version
	if o.Origin == "" {
		o.Origin = "fetch"
	}
	// A text the caller found new is packed before the transaction, so
	// that other checks' writes need not wait on it.
	var preText prepacked
	var prePages []prepacked
	if o.Change != nil || o.ExpectCurrent == 0 {
		preText = versionsTable.prepack(ctx, s.db, o.DocumentID, []byte(o.Text))
		if len(o.Snapshots) == 1 { // several pages of one document base on each other
			prePages = []prepacked{snapshotsTable.prepack(ctx, s.db, o.DocumentID, o.Snapshots[0].Raw)}
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var cur sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT current_version_id FROM documents WHERE id = ?`, o.DocumentID).Scan(&cur); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: no document %d", ErrNotFound, o.DocumentID)
			}
			return err
		}
		if cur.Int64 != o.ExpectCurrent {
			return ErrStale
		}
		c = Check{DocumentID: o.DocumentID, At: o.At, Duration: o.Duration}
		// A text seen before is a revert (or, if current, unchanged).
		var existing sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT id FROM versions WHERE document_id = ? AND hash = ?`, o.DocumentID, o.Hash).Scan(&existing)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case existing.Valid && existing.Int64 == cur.Int64:
			c.Outcome = OutcomeUnchanged
			v.ID = existing.Int64
			if _, err := tx.ExecContext(ctx, `UPDATE versions SET last_seen = ? WHERE id = ? AND last_seen < ?`, ts(o.At), v.ID, ts(o.At)); err != nil {
				return err
			}
		case existing.Valid:
			c.Outcome = OutcomeRevert
			v.ID = existing.Int64
			if _, err := tx.ExecContext(ctx, `UPDATE versions SET last_seen = ? WHERE id = ? AND last_seen < ?`, ts(o.At), v.ID, ts(o.At)); err != nil {
				return err
			}
			summary := "Returned to the text first seen earlier"
			if _, err := insertChange(ctx, tx, o.DocumentID, cur.Int64, v.ID, ClassRevert, summary, map[string]any{"revert_to": v.ID}, o.At); err != nil {
				return err
			}
		default:
			snapID, err := insertSnapshots(ctx, tx, o.DocumentID, o.Snapshots, prePages)
			if err != nil {
				return err
			}
			if snapID == 0 {
				snapID = o.SnapshotID
			}
			if v.ID, err = insertVersion(ctx, tx, o.DocumentID, o.Text, o.Hash, ts(o.At), ts(o.At), nullID(snapID), o.Origin, preText); err != nil {
				return err
			}
			if err := insertFindings(ctx, tx, v.ID, o.Analyzer, o.Findings); err != nil {
				return err
			}
			c.Outcome = OutcomeNew
			if cur.Valid {
				c.Outcome = OutcomeChanged
				if o.Change != nil && o.Change.Class == ClassTechnical {
					c.Outcome = OutcomeTechnical
				}
				ch := o.Change
				if ch == nil {
					ch = &ChangeRecord{Class: ClassMaterial}
				}
				if _, err := insertChange(ctx, tx, o.DocumentID, cur.Int64, v.ID, ch.Class, ch.Summary, ch.Details, o.At); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET current_version_id = ? WHERE id = ?`, v.ID, o.DocumentID); err != nil {
			return err
		}
		if err := setValidators(ctx, tx, o.DocumentID, o.ETag, o.LastModified); err != nil {
			return err
		}
		c.VersionID = v.ID
		return insertCheck(ctx, tx, &c)
	})
	if err != nil {
		return Check{}, Version{}, err
	}
	v, err = s.Version(ctx, v.ID)
	return c, v, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func setValidators(ctx context.Context, tx *sql.Tx, documentID int64, etag, lastModified string) error {
	_, err := tx.ExecContext(ctx, `UPDATE documents SET etag = ?, last_modified = ? WHERE id = ?`, etag, lastModified, documentID)
	return err
}

func insertCheck(ctx context.Context, tx *sql.Tx, c *Check) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO checks (document_id, at, outcome, error_kind, error_message, version_id, duration_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.DocumentID, ts(c.At), c.Outcome, c.ErrorKind, c.ErrorMessage, nullID(c.VersionID), c.Duration.Milliseconds())
	if err != nil {
		return err
	}
	c.ID, _ = res.LastInsertId()
	return nil
}

func insertChange(ctx context.Context, tx *sql.Tx, documentID, from, to int64, class, summary string, details any, at time.Time) (int64, error) {
	b := []byte("{}")
	if details != nil {
		var err error
		if b, err = json.Marshal(details); err != nil {
			return 0, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO changes (document_id, from_version_id, to_version_id, class, summary, details, detected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, documentID, nullID(from), to, class, summary, string(b), ts(at))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// insertSnapshots keeps the raw pages packed against the document's latest
// keyframe page (pack.go); the first one's id is linked from the version.
func insertSnapshots(ctx context.Context, tx *sql.Tx, documentID int64, snaps []Snapshot, pre []prepacked) (int64, error) {
	var first int64
	for i, sn := range snaps {
		var p prepacked
		if i < len(pre) {
			p = pre[i]
		}
		z, base, err := snapshotsTable.packFor(ctx, tx, documentID, sn.Raw, p)
		if err != nil {
			return 0, err
		}
		sum := sha256.Sum256(sn.Raw)
		res, err := tx.ExecContext(ctx, `INSERT INTO snapshots (document_id, fetched_at, url, content_type, raw, sha256, base_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, documentID, ts(sn.FetchedAt), sn.URL, sn.ContentType, z, hex.EncodeToString(sum[:]), nullID(base))
		if err != nil {
			return 0, err
		}
		if i == 0 {
			first, _ = res.LastInsertId()
		}
	}
	return first, nil
}

// SnapshotsOf returns the raw pages that produced a version, in order.
func (s *Store) SnapshotsOf(ctx context.Context, versionID int64) ([]Snapshot, error) {
	var first sql.NullInt64
	var docID int64
	err := s.db.QueryRowContext(ctx, `SELECT snapshot_id, document_id FROM versions WHERE id = ?`, versionID).Scan(&first, &docID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: no version %d", ErrNotFound, versionID)
	}
	if err != nil || !first.Valid {
		return nil, s.explain(err)
	}
	// The pages of one fetch were inserted together with the same time.
	rows, err := s.db.QueryContext(ctx, `SELECT id, url, content_type, raw, base_id, fetched_at FROM snapshots
		WHERE document_id = ? AND id >= ? AND fetched_at = (SELECT fetched_at FROM snapshots WHERE id = ?)
		ORDER BY id`, docID, first.Int64, first.Int64)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	type packed struct {
		id   int64
		z    []byte
		base sql.NullInt64
	}
	var out []Snapshot
	var zs []packed
	for rows.Next() {
		var sn Snapshot
		var p packed
		var at string
		if err := rows.Scan(&p.id, &sn.URL, &sn.ContentType, &p.z, &p.base, &at); err != nil {
			return nil, err
		}
		sn.FetchedAt = parseTS(at)
		out = append(out, sn)
		zs = append(zs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.explain(err)
	}
	rows.Close()
	for i, p := range zs {
		raw, err := snapshotsTable.content(ctx, s.db, p.id, sql.NullString{}, p.z, p.base)
		if err != nil {
			return nil, fmt.Errorf("the page of version %d: %w", versionID, err)
		}
		out[i].Raw = raw
	}
	return out, nil
}

// Checks lists a document's checks, newest first.
func (s *Store) Checks(ctx context.Context, documentID int64, limit int) ([]Check, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, outcome, error_kind, error_message, COALESCE(version_id, 0), duration_ms
		FROM checks WHERE document_id = ? ORDER BY at DESC, id DESC LIMIT ?`, documentID, limit)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	var out []Check
	for rows.Next() {
		c := Check{DocumentID: documentID}
		var at string
		var ms int64
		if err := rows.Scan(&c.ID, &at, &c.Outcome, &c.ErrorKind, &c.ErrorMessage, &c.VersionID, &ms); err != nil {
			return nil, err
		}
		c.At, c.Duration = parseTS(at), time.Duration(ms)*time.Millisecond
		out = append(out, c)
	}
	return out, s.explain(rows.Err())
}

// ChangeFilter narrows a listing of changes.
type ChangeFilter struct {
	Since      time.Time
	DocumentID int64
	PlatformID string
	Classes    []string
	Limit      int
}

// Changes lists changes, newest first.
func (s *Store) Changes(ctx context.Context, f ChangeFilter) ([]Change, error) {
	q := `SELECT c.id, c.document_id, d.platform_id, p.name, d.type, COALESCE(c.from_version_id, 0), c.to_version_id,
		c.class, c.summary, c.details, c.detected_at, c.read_at IS NOT NULL
		FROM changes c JOIN documents d ON d.id = c.document_id JOIN platforms p ON p.id = d.platform_id
		WHERE p.removed_at IS NULL AND c.detected_at >= ?`
	args := []any{ts(f.Since)}
	if f.DocumentID != 0 {
		q += ` AND c.document_id = ?`
		args = append(args, f.DocumentID)
	}
	if f.PlatformID != "" {
		q += ` AND d.platform_id = ?`
		args = append(args, f.PlatformID)
	}
	if len(f.Classes) > 0 {
		q += ` AND c.class IN (?` + repeat(",?", len(f.Classes)-1) + `)`
		for _, c := range f.Classes {
			args = append(args, c)
		}
	}
	q += ` ORDER BY c.detected_at DESC, c.id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var details, at string
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.PlatformID, &c.PlatformName, &c.DocumentType, &c.FromVersionID, &c.ToVersionID,
			&c.Class, &c.Summary, &details, &at, &c.Read); err != nil {
			return nil, err
		}
		c.Details, c.DetectedAt = json.RawMessage(details), parseTS(at)
		out = append(out, c)
	}
	return out, s.explain(rows.Err())
}

// MarkRead marks changes as read.
func (s *Store) MarkRead(ctx context.Context, ids ...int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE changes SET read_at = ? WHERE id = ? AND read_at IS NULL`, ts(s.now()), id); err != nil {
				return err
			}
		}
		return nil
	})
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// SearchHit is a document whose archived text matches a full-text query:
// its best matching version (the current one when it matches), with a
// snippet in which matches are marked « and ».
type SearchHit struct {
	VersionID    int64     `json:"version_id"`
	DocumentID   int64     `json:"document_id"`
	PlatformID   string    `json:"platform"`
	PlatformName string    `json:"platform_name"`
	DocumentType string    `json:"type"`
	FirstSeen    time.Time `json:"first_seen"`
	Current      bool      `json:"current"`
	// Versions is how many versions of the document match.
	Versions int    `json:"versions"`
	Snippet  string `json:"snippet"`
}

// searchScan bounds how many matching versions are ranked; beyond it the
// least relevant are not shown.
const searchScan = 2000

// Search finds the documents whose text matches what a person typed (all
// words, as prefixes; "quoted phrases" as phrases), best first, one hit per
// document. FTS5 ranks the versions; snippets are cut here from the few
// texts shown, since FTS5's snippet() would re-read every matching version.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT v.id, v.document_id, d.platform_id, p.name, d.type, v.first_seen, COALESCE(d.current_version_id = v.id, 0)
		FROM (SELECT rowid AS id, rank FROM versions_fts WHERE versions_fts MATCH ? ORDER BY rank LIMIT ?) f
		JOIN versions v ON v.id = f.id JOIN documents d ON d.id = v.document_id JOIN platforms p ON p.id = d.platform_id
		WHERE p.removed_at IS NULL ORDER BY f.rank`, ftsQuery(query), searchScan)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot search for %q: %v", ErrInvalid, query, s.explain(err))
	}
	var out []SearchHit
	byDoc := map[int64]int{}
	for rows.Next() {
		var h SearchHit
		var first string
		if err := rows.Scan(&h.VersionID, &h.DocumentID, &h.PlatformID, &h.PlatformName, &h.DocumentType, &first, &h.Current); err != nil {
			rows.Close()
			return nil, err
		}
		h.FirstSeen, h.Versions = parseTS(first), 1
		if i, seen := byDoc[h.DocumentID]; seen {
			out[i].Versions++
			if h.Current && !out[i].Current {
				h.Versions = out[i].Versions
				out[i] = h
			}
			continue
		}
		byDoc[h.DocumentID] = len(out)
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.explain(err)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	// Each snippet unpacks a text and scans it: independent work, spread
	// over the cores so that a search answers as one types.
	marker, words := matcherWords(query)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range out {
		g.Go(func() error {
			text, err := versionsTable.row(ctx, s.db, out[i].VersionID)
			if err != nil {
				return s.explain(err)
			}
			out[i].Snippet = snippet(string(text), marker, words)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}
