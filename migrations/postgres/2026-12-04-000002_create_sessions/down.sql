DROP TABLE sessions;
ALTER TABLE users DROP COLUMN token_version;
