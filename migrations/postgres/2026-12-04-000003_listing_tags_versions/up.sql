-- Counts a note's writes; the ETag is made of it, and a conditional write compares it.
ALTER TABLE notes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The other two orderings of a user's notes, as on SQLite. Titles sort by code point
-- (COLLATE "C"), whatever the database's collation, so both backends order alike.
CREATE INDEX notes_owner_updated_idx ON notes (owner_id, updated_at DESC, id DESC);
CREATE INDEX notes_owner_title_idx ON notes (owner_id, (title COLLATE "C"), id);

-- A user's tags. A tag no note carries is deleted with the last note that carried it.
CREATE TABLE tags (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (owner_id, name)
);

CREATE TABLE note_tags (
    note_id BIGINT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, tag_id)
);

-- From a tag to its notes: the tag filter and the tag counts read it.
CREATE INDEX note_tags_tag_idx ON note_tags (tag_id, note_id);

-- Substring search over titles and bodies: trigram indexes answer ILIKE '%term%' for
-- terms of three or more characters, case-insensitively.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX notes_title_trgm_idx ON notes USING gin (title gin_trgm_ops);
CREATE INDEX notes_body_trgm_idx ON notes USING gin (body gin_trgm_ops);

-- Create requests already answered, per user and key, with the note as it was created so
-- that a retry gets the same answer. No foreign key to the note: the answer outlives it.
CREATE TABLE idempotency_keys (
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
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
