-- Counts a note's writes; the ETag is made of it, and a conditional write compares it.
ALTER TABLE notes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The other two orderings of a user's notes; the newest-first one has its index already.
-- Each ends in the id so that keyset pages seek straight to their position.
CREATE INDEX notes_owner_updated_idx ON notes (owner_id, updated_at DESC, id DESC);
CREATE INDEX notes_owner_title_idx ON notes (owner_id, title, id);

-- A user's tags. A tag no note carries is deleted with the last note that carried it.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (owner_id, name)
);

CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, tag_id)
) WITHOUT ROWID;

-- From a tag to its notes: the tag filter and the tag counts read it.
CREATE INDEX note_tags_tag_idx ON note_tags (tag_id, note_id);

-- Substring search over titles and bodies. The trigram tokenizer folds case (Unicode
-- aware) and matches any substring of three or more characters; it indexes the notes
-- table's own text (external content), kept in step by the triggers below.
CREATE VIRTUAL TABLE notes_search USING fts5(
    title, body, content = 'notes', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_search (notes_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER notes_search_update AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_search (notes_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

INSERT INTO notes_search (notes_search) VALUES ('rebuild');

-- Create requests already answered, per user and key, with the note as it was created so
-- that a retry gets the same answer. No foreign key to the note: the answer outlives it.
CREATE TABLE idempotency_keys (
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    note_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The note's tags, one per line (tag names hold no control characters).
    tags TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (owner_id, key)
);

CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (owner_id, expires_at);
