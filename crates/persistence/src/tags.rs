//! The SQLite tags repository: a user's tags across their notes.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, TimestamptzSqlite};
use diesel::sqlite::SqliteConnection;
use notes_domain::{StorageError, TagCount, TagError, TagName, TagsRepository, UserId};

use crate::errors::storage;
use crate::notes::now;
use crate::pool::{SqlitePool, checkout};
use crate::schema::{note_tags, tags};
use crate::writer::Writer;

/// Tags stored in SQLite.
pub struct SqliteTagsRepository {
    pool: SqlitePool,
    writer: Arc<Writer>,
}

impl SqliteTagsRepository {
    pub(crate) fn new(pool: SqlitePool, writer: Arc<Writer>) -> Self {
        Self { pool, writer }
    }
}

impl TagsRepository for SqliteTagsRepository {
    fn list(&self, owner: UserId) -> Result<Vec<TagCount>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let counted: Vec<(String, i64)> = tags::table
            .inner_join(note_tags::table)
            .filter(tags::owner_id.eq(owner.0))
            .group_by((tags::id, tags::name))
            .select((tags::name, count_star()))
            .order(tags::name.asc())
            .load(&mut conn)
            .map_err(storage)?;

        counted
            .into_iter()
            .map(|(name, notes)| tag_count(name, notes))
            .collect()
    }

    fn rename(&self, owner: UserId, from: &TagName, to: &TagName) -> Result<TagCount, TagError> {
        let (from, to) = (from.as_str().to_owned(), to.as_str().to_owned());
        let at = now();

        let renamed = self
            .writer
            .write(move |conn| {
                let Some(from_id) = tag_id(conn, owner, &from)? else {
                    return Ok(None);
                };
                if from == to {
                    return Ok(Some((to, notes_carrying(conn, from_id)?)));
                }

                touch_notes_carrying(conn, owner, from_id, at)?;
                let kept = match tag_id(conn, owner, &to)? {
                    Some(into) => merge(conn, from_id, into)?,
                    None => {
                        diesel::update(tags::table.filter(tags::id.eq(from_id)))
                            .set(tags::name.eq(&to))
                            .execute(conn)?;
                        from_id
                    }
                };
                Ok(Some((to, notes_carrying(conn, kept)?)))
            })?
            .map_err(storage)?;

        let (name, notes) = renamed.ok_or(TagError::NotFound)?;
        Ok(tag_count(name, notes)?)
    }

    fn delete(&self, owner: UserId, name: &TagName) -> Result<(), TagError> {
        let name = name.as_str().to_owned();
        let at = now();

        let deleted = self
            .writer
            .write(move |conn| {
                let Some(id) = tag_id(conn, owner, &name)? else {
                    return Ok(false);
                };
                touch_notes_carrying(conn, owner, id, at)?;
                // The links go with the tag (ON DELETE CASCADE).
                diesel::delete(tags::table.filter(tags::id.eq(id))).execute(conn)?;
                Ok(true)
            })?
            .map_err(storage)?;

        if !deleted {
            return Err(TagError::NotFound);
        }
        Ok(())
    }
}

/// The id of the owner's tag called `name`.
fn tag_id(conn: &mut SqliteConnection, owner: UserId, name: &str) -> QueryResult<Option<i64>> {
    tags::table
        .filter(tags::owner_id.eq(owner.0))
        .filter(tags::name.eq(name))
        .select(tags::id)
        .first(conn)
        .optional()
}

/// How many notes carry the tag.
fn notes_carrying(conn: &mut SqliteConnection, tag: i64) -> QueryResult<i64> {
    note_tags::table
        .filter(note_tags::tag_id.eq(tag))
        .count()
        .get_result(conn)
}

/// Gives every note carrying the tag a new version: their tags are about to change.
fn touch_notes_carrying(
    conn: &mut SqliteConnection,
    owner: UserId,
    tag: i64,
    at: DateTime<Utc>,
) -> QueryResult<usize> {
    sql_query(
        "UPDATE notes SET version = version + 1, updated_at = ? \
         WHERE owner_id = ? AND id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)",
    )
    .bind::<TimestamptzSqlite, _>(at)
    .bind::<BigInt, _>(owner.0)
    .bind::<BigInt, _>(tag)
    .execute(conn)
}

/// Moves the notes of tag `from` to tag `into` (once each) and deletes `from`; returns
/// `into`. Done in SQL so that a tag on many notes needs no list of them in memory.
fn merge(conn: &mut SqliteConnection, from: i64, into: i64) -> QueryResult<i64> {
    sql_query(
        "INSERT OR IGNORE INTO note_tags (note_id, tag_id) \
         SELECT note_id, ? FROM note_tags WHERE tag_id = ?",
    )
    .bind::<BigInt, _>(into)
    .bind::<BigInt, _>(from)
    .execute(conn)?;
    diesel::delete(tags::table.filter(tags::id.eq(from))).execute(conn)?;
    Ok(into)
}

fn tag_count(name: String, notes: i64) -> Result<TagCount, StorageError> {
    Ok(TagCount {
        name: TagName::parse(name).map_err(storage)?,
        notes: u64::try_from(notes).map_err(storage)?,
    })
}
