-- The archive: what is watched, every check, every raw page that produced a
-- version, every version, and the changes between them.

CREATE TABLE platforms (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    company     TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    homepage    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'catalog' CHECK (source IN ('catalog', 'custom', 'import')),
    added_at    TEXT NOT NULL,
    -- Set while a removal can still be undone; such platforms are hidden and
    -- purged later.
    removed_at  TEXT,
    muted       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id                 INTEGER PRIMARY KEY,
    platform_id        TEXT NOT NULL REFERENCES platforms(id) ON DELETE CASCADE,
    type               TEXT NOT NULL,
    -- JSON list of {url, select, remove, executeClientScripts, filter}.
    sources            TEXT NOT NULL,
    etag               TEXT NOT NULL DEFAULT '',
    last_modified      TEXT NOT NULL DEFAULT '',
    current_version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,
    UNIQUE (platform_id, type)
);

CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    fetched_at   TEXT NOT NULL,
    url          TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    -- gzip of the bytes as received (after transfer decoding).
    raw          BLOB NOT NULL,
    sha256       TEXT NOT NULL
);
CREATE INDEX snapshots_document ON snapshots(document_id, fetched_at);

CREATE TABLE versions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    -- SHA-256 of the normalised text: equal hashes are the same terms.
    hash        TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    snapshot_id INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
    origin      TEXT NOT NULL DEFAULT 'fetch' CHECK (origin IN ('fetch', 'import')),
    UNIQUE (document_id, hash)
);
CREATE INDEX versions_document ON versions(document_id, first_seen);

CREATE TABLE checks (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('new', 'changed', 'unchanged', 'revert', 'failed', 'technical')),
    error_kind    TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '',
    version_id    INTEGER REFERENCES versions(id) ON DELETE SET NULL,
    duration_ms   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX checks_document ON checks(document_id, at);

CREATE TABLE changes (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    from_version_id INTEGER REFERENCES versions(id) ON DELETE CASCADE,
    to_version_id   INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    class           TEXT NOT NULL CHECK (class IN ('material', 'minor', 'noise', 'revert', 'technical')),
    -- One line for people; the structured summary is JSON.
    summary         TEXT NOT NULL DEFAULT '',
    details         TEXT NOT NULL DEFAULT '{}',
    detected_at     TEXT NOT NULL,
    read_at         TEXT
);
CREATE INDEX changes_document ON changes(document_id, detected_at);
CREATE INDEX changes_detected ON changes(detected_at);

CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    modifiers  TEXT NOT NULL DEFAULT '[]',
    severity   TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    reasons    TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX findings_version ON findings(version_id, kind);

-- Platforms added to the catalog from Open Terms Archive declarations.
CREATE TABLE catalog_entries (
    id          TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
