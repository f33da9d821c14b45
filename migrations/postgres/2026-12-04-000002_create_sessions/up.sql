-- Bumped on a password change: tokens carry the version they were issued under, and older
-- versions stop working at once.
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;

-- One row per sign-in. `refresh_jti` is the only refresh token of the session that still
-- works: each refresh replaces it, and presenting a replaced one ends the session.
CREATE TABLE sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_jti TEXT NOT NULL,
    client TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ
);

CREATE INDEX sessions_user_idx ON sessions (user_id, ended_at);
