//! The SQLite notes repository. Every query filters on the owner first.

use chrono::{DateTime, SubsecRound, Utc};
use diesel::prelude::*;
use diesel::sqlite::Sqlite;
use notes_domain::{
    NewNote, Note, NoteBody, NoteChanges, NoteError, NoteId, NoteTitle, NotesRepository,
    StorageError, UserId,
};

use crate::errors::{is_foreign_key_violation, storage};
use crate::pool::{SqlitePool, checkout};
use crate::schema::notes;

/// Notes stored in SQLite.
pub struct SqliteNotesRepository {
    pool: SqlitePool,
}

impl SqliteNotesRepository {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notes, check_for_backend(Sqlite))]
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

/// The current time at the precision every backend stores (microseconds), so that what a
/// write returns equals what a later read returns.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

impl NotesRepository for SqliteNotesRepository {
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError> {
        let mut conn = checkout(&self.pool)?;
        let created_at = now();
        let row = NewNoteRow {
            owner_id: owner.0,
            title: note.title.as_str(),
            body: note.body.as_str(),
            created_at,
            updated_at: created_at,
        };

        let stored = diesel::insert_into(notes::table)
            .values(&row)
            .returning(NoteRow::as_returning())
            .get_result(&mut conn)
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
        let mut conn = checkout(&self.pool)?;
        let changeset = NoteChangeset {
            title: changes.title.as_ref().map(NoteTitle::as_str),
            body: changes.body.as_ref().map(NoteBody::as_str),
            updated_at: now(),
        };

        // One statement, so the ownership check and the write cannot be interleaved.
        let row = diesel::update(
            notes::table
                .filter(notes::owner_id.eq(owner.0))
                .filter(notes::id.eq(id.0)),
        )
        .set(&changeset)
        .returning(NoteRow::as_returning())
        .get_result(&mut conn)
        .optional()
        .map_err(storage)?
        .ok_or(NoteError::NotFound)?;

        Ok(row.try_into()?)
    }

    fn delete(&self, owner: UserId, id: NoteId) -> Result<(), NoteError> {
        let mut conn = checkout(&self.pool)?;

        let deleted = diesel::delete(
            notes::table
                .filter(notes::owner_id.eq(owner.0))
                .filter(notes::id.eq(id.0)),
        )
        .execute(&mut conn)
        .map_err(storage)?;

        if deleted == 0 {
            return Err(NoteError::NotFound);
        }
        Ok(())
    }
}
