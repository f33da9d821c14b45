//! The SQLite notes repository. Every query filters on the owner first.

mod idempotency;
mod listing;
mod rows;
mod writes;

use std::sync::Arc;

use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel::sqlite::SqliteConnection;
use notes_domain::{
    CreateOnce, IdempotencyKey, KeysetPage, NewNote, Note, NoteChanges, NoteError, NoteId,
    NoteQuery, NotesRepository, OffsetPage, PageLimit, Precondition, Seek, StorageError, UserId,
};

use crate::errors::{is_foreign_key_violation, storage};
use crate::pool::{SqlitePool, checkout};

use crate::writer::Writer;
use idempotency::Created;
pub(crate) use listing::register_functions;
pub(crate) use rows::now;
use rows::{find, to_note, with_tags};
use writes::{Outcome, is_tag_quota_exceeded};

/// Notes stored in SQLite.
pub struct SqliteNotesRepository {
    pool: SqlitePool,
    writer: Arc<Writer>,
}

impl SqliteNotesRepository {
    pub(crate) fn new(pool: SqlitePool, writer: Arc<Writer>) -> Self {
        Self { pool, writer }
    }

    /// Runs a read on a pooled connection.
    fn read<T>(
        &self,
        work: impl FnOnce(&mut SqliteConnection) -> QueryResult<Result<T, StorageError>>,
    ) -> Result<T, StorageError> {
        let mut conn = checkout(&self.pool)?;
        work(&mut conn).map_err(storage)?
    }
}

/// The domain's reading of a failed note write.
fn write_error(error: DieselError) -> NoteError {
    if is_foreign_key_violation(&error) {
        NoteError::OwnerGone
    } else if is_tag_quota_exceeded(&error) {
        NoteError::TagQuotaExceeded
    } else {
        NoteError::Storage(storage(error))
    }
}

impl NotesRepository for SqliteNotesRepository {
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError> {
        let created_at = now();
        let job_note = note.clone();

        let row = self
            .writer
            .write(move |conn| writes::insert(conn, owner, &job_note, created_at))?
            .map_err(write_error)?;

        Ok(to_note(row, tag_strings(note))?)
    }

    fn create_once(
        &self,
        owner: UserId,
        key: &IdempotencyKey,
        note: &NewNote,
    ) -> Result<CreateOnce, NoteError> {
        let at = now();
        let (job_key, job_note) = (key.clone(), note.clone());

        let created = self
            .writer
            .write(move |conn| idempotency::create_once(conn, owner, &job_key, &job_note, at))?
            .map_err(write_error)?;

        match created {
            Created::Replayed(remembered) => Ok(idempotency::replayed(remembered)?),
            Created::New(row) => Ok(CreateOnce::Created(to_note(row, tag_strings(note))?)),
        }
    }

    fn list(&self, owner: UserId, query: &NoteQuery) -> Result<Vec<Note>, StorageError> {
        self.read(|conn| {
            let rows = listing::load(conn, listing::everything(owner, query))?;
            with_tags(conn, owner, rows)
        })
    }

    fn list_offset(
        &self,
        owner: UserId,
        query: &NoteQuery,
        offset: u64,
        limit: PageLimit,
    ) -> Result<OffsetPage, StorageError> {
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        self.read(|conn| {
            let count: i64 = listing::filtered(owner, query).count().get_result(conn)?;

            let page = listing::offset_page(owner, query, offset, i64::from(limit.get()));
            let rows = listing::load(conn, page)?;

            Ok(with_tags(conn, owner, rows)?.map(|notes| OffsetPage {
                count: u64::try_from(count).unwrap_or(0),
                notes,
            }))
        })
    }

    fn list_keyset(
        &self,
        owner: UserId,
        query: &NoteQuery,
        seek: &Seek,
        limit: PageLimit,
    ) -> Result<KeysetPage, StorageError> {
        let wanted = usize::try_from(limit.get()).unwrap_or(usize::MAX);
        self.read(|conn| {
            // One more than the page shows whether anything follows it.
            let read = listing::keyset_page(owner, query, seek, i64::from(limit.get()) + 1);
            let mut rows = listing::load(conn, read)?;

            let more = rows.len() > wanted;
            rows.truncate(wanted);
            if seek.backwards {
                rows.reverse();
            }
            Ok(with_tags(conn, owner, rows)?.map(|notes| KeysetPage { notes, more }))
        })
    }

    fn get(&self, owner: UserId, id: NoteId) -> Result<Note, NoteError> {
        let mut conn = checkout(&self.pool)?;

        let found = find(&mut conn, owner, id.0).map_err(storage)?;

        Ok(found.ok_or(NoteError::NotFound)??)
    }

    fn update(
        &self,
        owner: UserId,
        id: NoteId,
        changes: &NoteChanges,
        condition: &Precondition,
    ) -> Result<Note, NoteError> {
        let at = now();
        let (changes, condition) = (changes.clone(), condition.clone());

        let outcome = self
            .writer
            .write(move |conn| {
                match writes::update(conn, owner, id.0, &changes, &condition, at)? {
                    Outcome::Done(_) => Ok(Outcome::Done(find(conn, owner, id.0)?)),
                    Outcome::Missing => Ok(Outcome::Missing),
                    Outcome::Changed => Ok(Outcome::Changed),
                }
            })?
            .map_err(write_error)?;

        match outcome {
            Outcome::Done(Some(note)) => Ok(note?),
            Outcome::Done(None) | Outcome::Missing => Err(NoteError::NotFound),
            Outcome::Changed => Err(NoteError::PreconditionFailed),
        }
    }

    fn delete(&self, owner: UserId, id: NoteId, condition: &Precondition) -> Result<(), NoteError> {
        let condition = condition.clone();

        let outcome = self
            .writer
            .write(move |conn| writes::delete(conn, owner, id.0, &condition))?
            .map_err(storage)?;

        match outcome {
            Outcome::Done(()) => Ok(()),
            Outcome::Missing => Err(NoteError::NotFound),
            Outcome::Changed => Err(NoteError::PreconditionFailed),
        }
    }
}

/// The tag names of a note about to be stored, as stored.
fn tag_strings(note: &NewNote) -> Vec<String> {
    note.tags
        .as_slice()
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect()
}
