-- Accounts. `username_key` is the NFKC, case-folded form that uniqueness is decided on (the
-- server computes it, exactly as for SQLite), so "Alice" and "ALICE" cannot both register.
-- Identity columns draw from a sequence, which never hands out a value twice: a rolled-back
-- or deleted row's id is simply skipped.
CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    is_staff BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Serves every per-owner query, as on SQLite.
CREATE INDEX notes_owner_created_idx ON notes (owner_id, created_at DESC, id DESC);
