//! Notes as rows, and the assembling of a row and its tags into the domain's [`Note`].

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use diesel::sqlite::{Sqlite, SqliteConnection};
use notes_domain::{
    Note, NoteBody, NoteId, NoteTags, NoteTitle, NoteVersion, StorageError, TagName, UserId,
};

use crate::errors::storage;
use crate::schema::{note_tags, notes, tags};

/// Above this many notes, their tags are read for the whole owner at once instead of by id.
const TAGS_BY_ID_MAX: usize = 500;

#[derive(Queryable, Selectable)]
#[diesel(table_name = notes, check_for_backend(Sqlite))]
pub(super) struct NoteRow {
    pub(super) id: i64,
    owner_id: i64,
    title: String,
    body: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

/// The current time at the precision every backend stores (microseconds), so that what a
/// write returns equals what a later read returns.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Parses stored tag names; a name that fails the rules means the row is damaged.
pub(super) fn parse_tags(names: Vec<String>) -> Result<NoteTags, StorageError> {
    let names = names
        .into_iter()
        .map(TagName::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(storage)?;
    NoteTags::new(names).map_err(storage)
}

/// The note of `row`, carrying `tags`.
pub(super) fn to_note(row: NoteRow, tags: Vec<String>) -> Result<Note, StorageError> {
    Ok(Note {
        id: NoteId(row.id),
        owner: UserId(row.owner_id),
        title: NoteTitle::parse(row.title).map_err(storage)?,
        body: NoteBody::parse(row.body).map_err(storage)?,
        tags: parse_tags(tags)?,
        version: NoteVersion(row.version),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// The notes of `rows`, in their order, each with its tags: one more query for all of them.
pub(super) fn with_tags(
    conn: &mut SqliteConnection,
    owner: UserId,
    rows: Vec<NoteRow>,
) -> QueryResult<Result<Vec<Note>, StorageError>> {
    let pairs: Vec<(i64, String)> = if rows.is_empty() {
        Vec::new()
    } else if rows.len() <= TAGS_BY_ID_MAX {
        note_tags::table
            .inner_join(tags::table)
            .filter(
                sql::<Bool>("note_tags.note_id IN (SELECT value FROM json_each(")
                    .bind::<Text, _>(ids_as_json(&rows))
                    .sql("))"),
            )
            .select((note_tags::note_id, tags::name))
            .load(conn)?
    } else {
        note_tags::table
            .inner_join(tags::table)
            .filter(tags::owner_id.eq(owner.0))
            .select((note_tags::note_id, tags::name))
            .load(conn)?
    };

    let mut by_note: HashMap<i64, Vec<String>> = HashMap::new();
    for (note_id, name) in pairs {
        by_note.entry(note_id).or_default().push(name);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let tags = by_note.remove(&row.id).unwrap_or_default();
            to_note(row, tags)
        })
        .collect())
}

/// The rows' ids as one JSON array, bound to a single parameter of the tags query: its
/// text is then the same for any number of notes, so it is prepared once and cached, where
/// `IN (?, ?, …)` would be a new statement, parsed and planned again, for every page size.
fn ids_as_json(rows: &[NoteRow]) -> String {
    let ids: Vec<String> = rows.iter().map(|row| row.id.to_string()).collect();
    format!("[{}]", ids.join(","))
}

/// One of `owner`'s notes with its tags, if it exists.
pub(super) fn find(
    conn: &mut SqliteConnection,
    owner: UserId,
    id: i64,
) -> QueryResult<Option<Result<Note, StorageError>>> {
    let row = super::listing::one(owner, id)
        .select(NoteRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };

    let tags = note_tags::table
        .inner_join(tags::table)
        .filter(note_tags::note_id.eq(id))
        .select(tags::name)
        .load(conn)?;
    Ok(Some(to_note(row, tags)))
}
