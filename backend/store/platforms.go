package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fineprint/backend/catalog"
)

// Platform is a watched platform.
type Platform struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Company   string     `json:"company"`
	Category  string     `json:"category"`
	Homepage  string     `json:"homepage"`
	Source    string     `json:"source"`
	AddedAt   time.Time  `json:"added_at"`
	Muted     bool       `json:"muted"`
	Documents []Document `json:"documents"`
}

// Document is one watched document of a platform.
type Document struct {
	ID               int64            `json:"id"`
	PlatformID       string           `json:"platform_id"`
	Type             string           `json:"type"`
	Sources          []catalog.Source `json:"sources"`
	ETag             string           `json:"-"`
	LastModified     string           `json:"-"`
	CurrentVersionID int64            `json:"current_version_id,omitempty"`
	// Filled by listings.
	Versions  int    `json:"versions"`
	LastCheck *Check `json:"last_check,omitempty"`
	Unread    int    `json:"unread"`
}

// URL is the document's first page.
func (d Document) URL() string {
	if len(d.Sources) == 0 {
		return ""
	}
	return d.Sources[0].URL
}

// Sources of a platform: where it came from.
const (
	SourceCatalog = "catalog"
	SourceCustom  = "custom"
	SourceImport  = "import"
)

// AddPlatform starts watching a platform and its documents. A platform that
// was removed and not yet purged comes back with its archive. Adding one that
// is already watched adds the documents it lacks.
func (s *Store) AddPlatform(ctx context.Context, p catalog.Platform, source string) (Platform, error) {
	if p.ID == "" || p.Name == "" {
		return Platform{}, fmt.Errorf("%w: a platform needs an id and a name", ErrInvalid)
	}
	if len(p.Documents) == 0 {
		return Platform{}, fmt.Errorf("%w: %s has no documents to watch", ErrInvalid, p.Name)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO platforms (id, name, company, category, homepage, source, added_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET removed_at = NULL`,
			p.ID, p.Name, p.Company, p.Category, p.Homepage, source, ts(s.now()))
		if err != nil {
			return err
		}
		for _, d := range p.Documents {
			if err := insertDocument(ctx, tx, p.ID, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Platform{}, err
	}
	return s.Platform(ctx, p.ID)
}

func insertDocument(ctx context.Context, tx *sql.Tx, platformID string, d catalog.Document) error {
	if d.Type == "" || len(d.Sources) == 0 {
		return fmt.Errorf("%w: a document needs a type and at least one URL", ErrInvalid)
	}
	src, err := json.Marshal(d.Sources)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO documents (platform_id, type, sources) VALUES (?, ?, ?)
		ON CONFLICT(platform_id, type) DO NOTHING`, platformID, d.Type, string(src))
	return err
}

// AddDocument adds one document to a watched platform, or replaces the
// sources of the document of that type.
func (s *Store) AddDocument(ctx context.Context, platformID string, d catalog.Document) (Document, error) {
	src, err := json.Marshal(d.Sources)
	if err != nil {
		return Document{}, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO documents (platform_id, type, sources) VALUES (?, ?, ?)
			ON CONFLICT(platform_id, type) DO UPDATE SET sources = excluded.sources`,
			platformID, d.Type, string(src))
		return err
	})
	if err != nil {
		return Document{}, err
	}
	return s.DocumentByType(ctx, platformID, d.Type)
}

// RemovePlatform stops watching a platform. Its archive stays until
// PurgeRemoved, so that the removal can be undone.
func (s *Store) RemovePlatform(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platforms SET removed_at = ? WHERE id = ? AND removed_at IS NULL`, ts(s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: no watched platform %q", ErrNotFound, id)
		}
		return nil
	})
}

// RestorePlatform undoes RemovePlatform.
func (s *Store) RestorePlatform(ctx context.Context, id string) (Platform, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platforms SET removed_at = NULL WHERE id = ? AND removed_at IS NOT NULL`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q was not removed, or its archive is already gone", ErrNotFound, id)
		}
		return nil
	})
	if err != nil {
		return Platform{}, err
	}
	return s.Platform(ctx, id)
}

// PurgeRemoved deletes the archives of platforms removed before the cutoff.
func (s *Store) PurgeRemoved(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM platforms WHERE removed_at IS NOT NULL AND removed_at < ?`, ts(before))
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// Platform reads one watched platform with its documents and their status.
func (s *Store) Platform(ctx context.Context, id string) (Platform, error) {
	ps, err := s.platforms(ctx, "WHERE p.removed_at IS NULL AND p.id = ?", id)
	if err != nil {
		return Platform{}, err
	}
	if len(ps) == 0 {
		return Platform{}, fmt.Errorf("%w: %q is not on the watchlist", ErrNotFound, id)
	}
	return ps[0], nil
}

// Platforms lists the watched platforms, by name, with their documents.
func (s *Store) Platforms(ctx context.Context) ([]Platform, error) {
	return s.platforms(ctx, "WHERE p.removed_at IS NULL")
}

func (s *Store) platforms(ctx context.Context, where string, args ...any) ([]Platform, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT p.id, p.name, p.company, p.category, p.homepage, p.source, p.added_at, p.muted
		FROM platforms p `+where+` ORDER BY p.name COLLATE NOCASE, p.id`, args...)
	if err != nil {
		return nil, s.explain(err)
	}
	var out []Platform
	for rows.Next() {
		var p Platform
		var added string
		if err := rows.Scan(&p.ID, &p.Name, &p.Company, &p.Category, &p.Homepage, &p.Source, &added, &p.Muted); err != nil {
			rows.Close()
			return nil, err
		}
		p.AddedAt = parseTS(added)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.explain(err)
	}
	for i := range out {
		docs, err := s.documents(ctx, "WHERE d.platform_id = ?", out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Documents = docs
	}
	return out, nil
}

// Document reads one document by id.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	ds, err := s.documents(ctx, "WHERE d.id = ?", id)
	if err != nil {
		return Document{}, err
	}
	if len(ds) == 0 {
		return Document{}, fmt.Errorf("%w: no document %d", ErrNotFound, id)
	}
	return ds[0], nil
}

// DocumentByType reads a platform's document of one type.
func (s *Store) DocumentByType(ctx context.Context, platformID, typ string) (Document, error) {
	ds, err := s.documents(ctx, "WHERE d.platform_id = ? AND d.type = ? COLLATE NOCASE", platformID, typ)
	if err != nil {
		return Document{}, err
	}
	if len(ds) == 0 {
		return Document{}, fmt.Errorf("%w: %s has no document of type %q", ErrNotFound, platformID, typ)
	}
	return ds[0], nil
}

// Documents lists every watched document, optionally of some platforms only.
func (s *Store) Documents(ctx context.Context, platformIDs ...string) ([]Document, error) {
	if len(platformIDs) == 0 {
		return s.documents(ctx, "JOIN platforms p ON p.id = d.platform_id WHERE p.removed_at IS NULL")
	}
	var out []Document
	for _, id := range platformIDs {
		ds, err := s.documents(ctx, "JOIN platforms p ON p.id = d.platform_id WHERE p.removed_at IS NULL AND p.id = ?", id)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

func (s *Store) documents(ctx context.Context, where string, args ...any) ([]Document, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT d.id, d.platform_id, d.type, d.sources, d.etag, d.last_modified, COALESCE(d.current_version_id, 0),
		       (SELECT COUNT(*) FROM versions v WHERE v.document_id = d.id),
		       (SELECT COUNT(*) FROM changes c WHERE c.document_id = d.id AND c.read_at IS NULL AND c.class = 'material'),
		       c.id, c.at, c.outcome, c.error_kind, c.error_message, COALESCE(c.version_id, 0), c.duration_ms
		FROM documents d
		LEFT JOIN checks c ON c.id = (SELECT id FROM checks WHERE document_id = d.id ORDER BY at DESC, id DESC LIMIT 1)
		`+where+` ORDER BY d.platform_id, d.type`, args...)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		var src string
		var cid, dur sql.NullInt64
		var at, outcome, ekind, emsg sql.NullString
		var vid sql.NullInt64
		if err := rows.Scan(&d.ID, &d.PlatformID, &d.Type, &src, &d.ETag, &d.LastModified, &d.CurrentVersionID,
			&d.Versions, &d.Unread, &cid, &at, &outcome, &ekind, &emsg, &vid, &dur); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(src), &d.Sources); err != nil {
			return nil, fmt.Errorf("document %d has unreadable sources: %w", d.ID, err)
		}
		if cid.Valid {
			d.LastCheck = &Check{ID: cid.Int64, DocumentID: d.ID, At: nullTS(at), Outcome: outcome.String,
				ErrorKind: ekind.String, ErrorMessage: emsg.String, VersionID: vid.Int64, Duration: time.Duration(dur.Int64) * time.Millisecond}
		}
		out = append(out, d)
	}
	return out, s.explain(rows.Err())
}

// IsWatched reports whether a platform is on the watchlist.
func (s *Store) IsWatched(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM platforms WHERE id = ? AND removed_at IS NULL`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, s.explain(err)
}

// SaveCatalogEntries adds platforms to the user's catalog (from imported
// Open Terms Archive declarations); an entry with the same id is replaced.
func (s *Store) SaveCatalogEntries(ctx context.Context, ps []catalog.Platform) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range ps {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO catalog_entries (id, platform, imported_at) VALUES (?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET platform = excluded.platform, imported_at = excluded.imported_at`,
				p.ID, string(b), ts(s.now())); err != nil {
				return err
			}
		}
		return nil
	})
}

// CatalogEntries lists the platforms the user imported into the catalog.
func (s *Store) CatalogEntries(ctx context.Context) ([]catalog.Platform, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT platform FROM catalog_entries ORDER BY id`)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	var out []catalog.Platform
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		var p catalog.Platform
		if err := json.Unmarshal([]byte(b), &p); err != nil {
			return nil, fmt.Errorf("a catalog entry is unreadable: %w", err)
		}
		out = append(out, p)
	}
	return out, s.explain(rows.Err())
}

// Setting reads a setting, or def when it is unset.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, s.explain(err)
}

// SetSetting writes a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
