-- Full-text search over every version. The index holds no copy of the text
-- (external content), and triggers keep it in step with the versions table.

CREATE VIRTUAL TABLE versions_fts USING fts5(
    text,
    content = 'versions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO versions_fts(rowid, text) SELECT id, text FROM versions;

CREATE TRIGGER versions_fts_insert AFTER INSERT ON versions BEGIN
    INSERT INTO versions_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER versions_fts_delete AFTER DELETE ON versions BEGIN
    INSERT INTO versions_fts(versions_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER versions_fts_update AFTER UPDATE OF text ON versions BEGIN
    INSERT INTO versions_fts(versions_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO versions_fts(rowid, text) VALUES (new.id, new.text);
END;
