//! The write jobs of the notes repository. Each runs on the writer connection inside its
//! own savepoint (see [`crate::writer`]), so a job's reads and writes are one atomic step.

use chrono::{DateTime, Utc};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel::sqlite::SqliteConnection;
use notes_domain::{MAX_TAGS_PER_USER, NewNote, NoteChanges, NoteTags, Precondition, UserId};

use super::rows::NoteRow;
use crate::schema::{note_tags, notes, tags};

/// A write that would give its owner more than [`MAX_TAGS_PER_USER`] tags. Raised as a
/// diesel error so that the job's savepoint is rolled back.
#[derive(Debug, thiserror::Error)]
#[error("the owner would have more than {MAX_TAGS_PER_USER} tags")]
struct TagQuotaExceeded;

/// True when `error` is the tag quota being exceeded.
pub(super) fn is_tag_quota_exceeded(error: &DieselError) -> bool {
    matches!(error, DieselError::QueryBuilderError(cause) if cause.is::<TagQuotaExceeded>())
}

/// What a conditional write found.
pub(super) enum Outcome<T> {
    /// The note was written.
    Done(T),
    /// The owner has no such note.
    Missing,
    /// The note's version is not one the precondition allows.
    Changed,
}

#[derive(Insertable)]
#[diesel(table_name = notes)]
struct NewNoteRow<'a> {
    owner_id: i64,
    title: &'a str,
    body: &'a str,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

#[derive(AsChangeset)]
#[diesel(table_name = notes)]
struct NoteChangeset<'a> {
    title: Option<&'a str>,
    body: Option<&'a str>,
    updated_at: DateTime<Utc>,
}

/// Inserts a note and its tags; returns the stored row.
pub(super) fn insert(
    conn: &mut SqliteConnection,
    owner: UserId,
    note: &NewNote,
    at: DateTime<Utc>,
) -> QueryResult<NoteRow> {
    let row = diesel::insert_into(notes::table)
        .values(NewNoteRow {
            owner_id: owner.0,
            title: note.title.as_str(),
            body: note.body.as_str(),
            created_at: at,
            updated_at: at,
            version: 1,
        })
        .returning(NoteRow::as_returning())
        .get_result(conn)?;

    replace_tags(conn, owner, row.id, &note.tags)?;
    Ok(row)
}

/// Applies `changes` if the note exists and `condition` allows its version; the version
/// goes up by one.
pub(super) fn update(
    conn: &mut SqliteConnection,
    owner: UserId,
    id: i64,
    changes: &NoteChanges,
    condition: &Precondition,
    at: DateTime<Utc>,
) -> QueryResult<Outcome<NoteRow>> {
    if let Some(refused) = check(conn, owner, id, condition)? {
        return Ok(refused);
    }

    let changeset = NoteChangeset {
        title: changes.title.as_ref().map(|t| t.as_str()),
        body: changes.body.as_ref().map(|b| b.as_str()),
        updated_at: at,
    };
    let row = diesel::update(
        notes::table
            .filter(notes::owner_id.eq(owner.0))
            .filter(notes::id.eq(id)),
    )
    .set((&changeset, notes::version.eq(notes::version + 1)))
    .returning(NoteRow::as_returning())
    .get_result(conn)?;

    if let Some(tags) = &changes.tags {
        replace_tags(conn, owner, id, tags)?;
    }
    Ok(Outcome::Done(row))
}

/// Deletes the note if it exists and `condition` allows its version.
pub(super) fn delete(
    conn: &mut SqliteConnection,
    owner: UserId,
    id: i64,
    condition: &Precondition,
) -> QueryResult<Outcome<()>> {
    if let Some(refused) = check(conn, owner, id, condition)? {
        return Ok(refused);
    }

    let tag_ids = tags_of(conn, id)?;
    diesel::delete(
        notes::table
            .filter(notes::owner_id.eq(owner.0))
            .filter(notes::id.eq(id)),
    )
    .execute(conn)?;
    prune_unused(conn, &tag_ids)?;
    Ok(Outcome::Done(()))
}

/// `None` when the owner's note exists at a version `condition` allows, else why not.
fn check<T>(
    conn: &mut SqliteConnection,
    owner: UserId,
    id: i64,
    condition: &Precondition,
) -> QueryResult<Option<Outcome<T>>> {
    let version: Option<i64> = notes::table
        .filter(notes::owner_id.eq(owner.0))
        .filter(notes::id.eq(id))
        .select(notes::version)
        .first(conn)
        .optional()?;

    Ok(match version {
        None => Some(Outcome::Missing),
        Some(v) if !condition.allows(notes_domain::NoteVersion(v)) => Some(Outcome::Changed),
        Some(_) => None,
    })
}

/// The ids of the tags a note carries.
fn tags_of(conn: &mut SqliteConnection, note_id: i64) -> QueryResult<Vec<i64>> {
    note_tags::table
        .filter(note_tags::note_id.eq(note_id))
        .select(note_tags::tag_id)
        .load(conn)
}

/// Makes `tags` the note's tags, creating the owner's tags that are new and deleting those
/// no note carries any more.
fn replace_tags(
    conn: &mut SqliteConnection,
    owner: UserId,
    note_id: i64,
    tags: &NoteTags,
) -> QueryResult<()> {
    let previous = tags_of(conn, note_id)?;
    diesel::delete(note_tags::table.filter(note_tags::note_id.eq(note_id))).execute(conn)?;

    if !tags.is_empty() {
        let names: Vec<&str> = tags.as_slice().iter().map(|t| t.as_str()).collect();
        let new_tags: Vec<_> = names
            .iter()
            .map(|name| (tags::owner_id.eq(owner.0), tags::name.eq(*name)))
            .collect();
        diesel::insert_or_ignore_into(tags::table)
            .values(new_tags)
            .execute(conn)?;

        let ids: Vec<i64> = tags::table
            .filter(tags::owner_id.eq(owner.0))
            .filter(tags::name.eq_any(&names))
            .select(tags::id)
            .load(conn)?;
        let links: Vec<_> = ids
            .into_iter()
            .map(|tag_id| (note_tags::note_id.eq(note_id), note_tags::tag_id.eq(tag_id)))
            .collect();
        diesel::insert_into(note_tags::table)
            .values(links)
            .execute(conn)?;
    }

    prune_unused(conn, &previous)?;
    let owned: i64 = tags::table
        .filter(tags::owner_id.eq(owner.0))
        .count()
        .get_result(conn)?;
    if usize::try_from(owned).unwrap_or(usize::MAX) > MAX_TAGS_PER_USER {
        return Err(DieselError::QueryBuilderError(Box::new(TagQuotaExceeded)));
    }
    Ok(())
}

/// Deletes those of the tags `ids` that no note carries.
fn prune_unused(conn: &mut SqliteConnection, ids: &[i64]) -> QueryResult<usize> {
    let unused = not(exists(
        note_tags::table.filter(note_tags::tag_id.eq(tags::id)),
    ));
    diesel::delete(tags::table.filter(tags::id.eq_any(ids)).filter(unused)).execute(conn)
}
