//! The PostgreSQL notes repository. Every query filters on the owner first.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use notes_domain::{
    NewNote, Note, NoteBody, NoteChanges, NoteError, NoteId, NoteTitle, NotesRepository,
    StorageError, UserId,
};

use super::pool::{PgPool, checkout, transaction};
use super::schema::notes;
use crate::errors::{is_foreign_key_violation, storage};
use crate::notes::now;

/// Notes stored in PostgreSQL.
pub struct PgNotesRepository {
    pool: PgPool,
}

impl PgNotesRepository {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notes, check_for_backend(Pg))]
struct NoteRow {
    id: i64,
    owner_id: i64,
    title: String,
    body: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Insertable)]
#[diesel(table_name = notes)]
struct NewNoteRow<'a> {
    owner_id: i64,
    title: &'a str,
    body: &'a str,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(AsChangeset)]
#[diesel(table_name = notes)]
struct NoteChangeset<'a> {
    title: Option<&'a str>,
    body: Option<&'a str>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<NoteRow> for Note {
    type Error = StorageError;

    fn try_from(row: NoteRow) -> Result<Self, Self::Error> {
        Ok(Note {
            id: NoteId(row.id),
            owner: UserId(row.owner_id),
            title: NoteTitle::parse(row.title).map_err(storage)?,
            body: NoteBody::parse(row.body).map_err(storage)?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl NotesRepository for PgNotesRepository {
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError> {
        let created_at = now();
        let row = NewNoteRow {
            owner_id: owner.0,
            title: note.title.as_str(),
            body: note.body.as_str(),
            created_at,
            updated_at: created_at,
        };

        let stored = transaction(&self.pool, |conn| {
            diesel::insert_into(notes::table)
                .values(&row)
                .returning(NoteRow::as_returning())
                .get_result(conn)
        })?
        .map_err(|e| {
            if is_foreign_key_violation(&e) {
                NoteError::OwnerGone
            } else {
                NoteError::Storage(storage(e))
            }
        })?;

        Ok(stored.try_into()?)
    }

    fn list(&self, owner: UserId) -> Result<Vec<Note>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let rows = notes::table
            .filter(notes::owner_id.eq(owner.0))
            .order((notes::created_at.desc(), notes::id.desc()))
            .select(NoteRow::as_select())
            .load(&mut conn)
            .map_err(storage)?;

        rows.into_iter().map(Note::try_from).collect()
    }

    fn get(&self, owner: UserId, id: NoteId) -> Result<Note, NoteError> {
        let mut conn = checkout(&self.pool)?;

        let row = notes::table
            .filter(notes::owner_id.eq(owner.0))
            .filter(notes::id.eq(id.0))
            .select(NoteRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(storage)?
            .ok_or(NoteError::NotFound)?;

        Ok(row.try_into()?)
    }

    fn update(&self, owner: UserId, id: NoteId, changes: &NoteChanges) -> Result<Note, NoteError> {
        let changeset = NoteChangeset {
            title: changes.title.as_ref().map(NoteTitle::as_str),
            body: changes.body.as_ref().map(NoteBody::as_str),
            updated_at: now(),
        };

        // One statement, so the ownership check and the write cannot be interleaved.
        let row = transaction(&self.pool, |conn| {
            diesel::update(
                notes::table
                    .filter(notes::owner_id.eq(owner.0))
                    .filter(notes::id.eq(id.0)),
            )
            .set(&changeset)
            .returning(NoteRow::as_returning())
            .get_result(conn)
            .optional()
        })?
        .map_err(storage)?
        .ok_or(NoteError::NotFound)?;

        Ok(row.try_into()?)
    }

    fn delete(&self, owner: UserId, id: NoteId) -> Result<(), NoteError> {
        let deleted = transaction(&self.pool, |conn| {
            diesel::delete(
                notes::table
                    .filter(notes::owner_id.eq(owner.0))
                    .filter(notes::id.eq(id.0)),
            )
            .execute(conn)
        })?
        .map_err(storage)?;

        if deleted == 0 {
            return Err(NoteError::NotFound);
        }
        Ok(())
    }
}
