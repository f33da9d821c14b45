-- Accounts. `username_key` is the NFKC, lower-cased form that uniqueness is decided on, so
-- "Alice" and "ALICE" cannot both register.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    is_staff BOOLEAN NOT NULL DEFAULT 0,
    is_superuser BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

-- AUTOINCREMENT (not plain rowid) so that a deleted note's id is never handed out again.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Serves every per-owner query: the newest-first list walks it in order, and lookups by id
-- are checked against the owner without touching other users' rows.
CREATE INDEX notes_owner_created_idx ON notes (owner_id, created_at DESC, id DESC);
