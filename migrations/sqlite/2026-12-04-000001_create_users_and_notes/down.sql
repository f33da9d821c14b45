DROP INDEX notes_owner_created_idx;
DROP TABLE notes;
DROP TABLE users;
