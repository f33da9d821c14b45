DROP INDEX sessions_user_idx;
DROP TABLE sessions;
ALTER TABLE users DROP COLUMN token_version;
