DROP TABLE idempotency_keys;
DROP INDEX notes_body_trgm_idx;
DROP INDEX notes_title_trgm_idx;
DROP TABLE note_tags;
DROP TABLE tags;
DROP INDEX notes_owner_title_idx;
DROP INDEX notes_owner_updated_idx;
ALTER TABLE notes DROP COLUMN version;
