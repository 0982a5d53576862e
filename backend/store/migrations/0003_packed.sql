-- Schema 3: a smaller archive (pack.go). Version texts and raw pages are
-- kept compressed, most as deltas against a keyframe of their document
-- (base_id); a version's findings are one compressed list; and the search
-- index keeps no copy of the text, which the versions table no longer holds
-- in plain form. The Go step of this migration (migrate.go) packs the rows
-- written before it.

ALTER TABLE versions ADD COLUMN body BLOB;
ALTER TABLE versions ADD COLUMN base_id INTEGER REFERENCES versions(id);
CREATE INDEX versions_base ON versions(base_id);

ALTER TABLE snapshots ADD COLUMN base_id INTEGER REFERENCES snapshots(id);
CREATE INDEX snapshots_base ON snapshots(base_id);

DROP TRIGGER versions_fts_insert;
DROP TRIGGER versions_fts_delete;
DROP TRIGGER versions_fts_update;
DROP TABLE versions_fts;

-- Contentless: rows are added by the store as versions are written, and
-- removed with them.
CREATE VIRTUAL TABLE versions_fts USING fts5(
    text,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO versions_fts(rowid, text) SELECT id, text FROM versions;

CREATE TRIGGER versions_fts_delete AFTER DELETE ON versions BEGIN
    DELETE FROM versions_fts WHERE rowid = old.id;
END;

-- One row per analysed version: its findings as packed JSON. A version
-- without a row was never analysed; an empty list means nothing was found.
CREATE TABLE analyses (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
    findings   BLOB NOT NULL
);
