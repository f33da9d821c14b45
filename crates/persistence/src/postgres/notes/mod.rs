//! The PostgreSQL notes repository. Every query filters on the owner first; every write is
//! one transaction that first takes the owner's write lock ([`writes::lock_owner`]).

mod idempotency;
mod listing;
mod rows;
mod writes;

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use notes_domain::{
    CreateOnce, IdempotencyKey, KeysetPage, NewNote, Note, NoteChanges, NoteError, NoteId,
    NoteQuery, NotesRepository, OffsetPage, PageLimit, Precondition, Seek, StorageError, UserId,
};

use super::pool::{PgPool, checkout, transaction};
use crate::errors::{is_foreign_key_violation, storage};
use crate::notes::now;
use idempotency::Created;
use rows::{find, to_note, with_tags};
pub(crate) use writes::lock_owner;
use writes::{Outcome, is_tag_quota_exceeded};

/// Notes stored in PostgreSQL.
pub struct PgNotesRepository {
    pool: PgPool,
}

impl PgNotesRepository {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Runs a read on a pooled connection.
    fn read<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> QueryResult<Result<T, StorageError>>,
    ) -> Result<T, StorageError> {
        let mut conn = checkout(&self.pool)?;
        work(&mut conn).map_err(storage)?
    }

    /// Runs a write of `owner`'s notes as one transaction holding the owner's write lock.
    fn write<T>(
        &self,
        owner: UserId,
        work: impl Fn(&mut PgConnection) -> QueryResult<T>,
    ) -> Result<QueryResult<T>, StorageError> {
        transaction(&self.pool, |conn| {
            lock_owner(conn, owner)?;
            work(conn)
        })
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

impl NotesRepository for PgNotesRepository {
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError> {
        let created_at = now();

        let row = self
            .write(owner, |conn| writes::insert(conn, owner, note, created_at))?
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

        let created = self
            .write(owner, |conn| {
                idempotency::create_once(conn, owner, key, note, at)
            })?
            .map_err(write_error)?;

        match created {
            Created::Replayed(remembered) => Ok(idempotency::replayed(remembered)?),
            Created::New(row) => Ok(CreateOnce::Created(to_note(row, tag_strings(note))?)),
        }
    }

    fn list(&self, owner: UserId, query: &NoteQuery) -> Result<Vec<Note>, StorageError> {
        self.read(|conn| {
            let selected = listing::ordered(listing::filtered(owner, query), query.ordering, false);
            let rows = listing::load(conn, selected)?;
            with_tags(conn, rows)
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

            let page = listing::ordered(listing::filtered(owner, query), query.ordering, false)
                .limit(i64::from(limit.get()))
                .offset(offset);
            let rows = listing::load(conn, page)?;

            Ok(with_tags(conn, rows)?.map(|notes| OffsetPage {
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
            let selected = listing::beyond(listing::filtered(owner, query), query.ordering, seek);
            // One more than the page shows whether anything follows it.
            let read = listing::ordered(selected, query.ordering, seek.backwards)
                .limit(i64::from(limit.get()) + 1);
            let mut rows = listing::load(conn, read)?;

            let more = rows.len() > wanted;
            rows.truncate(wanted);
            if seek.backwards {
                rows.reverse();
            }
            Ok(with_tags(conn, rows)?.map(|notes| KeysetPage { notes, more }))
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

        let outcome = self
            .write(owner, |conn| {
                match writes::update(conn, owner, id.0, changes, condition, at)? {
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
        let outcome = self
            .write(owner, |conn| writes::delete(conn, owner, id.0, condition))?
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
