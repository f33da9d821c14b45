//! The PostgreSQL tags repository: a user's tags across their notes.

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Timestamptz};
use notes_domain::{StorageError, TagCount, TagError, TagName, TagsRepository, UserId};

use super::notes::lock_owner;
use super::pool::{PgPool, checkout, transaction};
use super::schema::{note_tags, tags};
use crate::errors::storage;
use crate::notes::now;

/// Tags stored in PostgreSQL.
pub struct PgTagsRepository {
    pool: PgPool,
}

impl PgTagsRepository {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

impl TagsRepository for PgTagsRepository {
    fn list(&self, owner: UserId) -> Result<Vec<TagCount>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let counted: Vec<(String, i64)> = tags::table
            .inner_join(note_tags::table)
            .filter(tags::owner_id.eq(owner.0))
            .group_by((tags::id, tags::name))
            .select((tags::name, count_star()))
            .order(diesel::dsl::sql::<diesel::sql_types::Text>("tags.name COLLATE \"C\"").asc())
            .load(&mut conn)
            .map_err(storage)?;

        counted
            .into_iter()
            .map(|(name, notes)| tag_count(name, notes))
            .collect()
    }

    fn rename(&self, owner: UserId, from: &TagName, to: &TagName) -> Result<TagCount, TagError> {
        let (from, to) = (from.as_str(), to.as_str());
        let at = now();

        let renamed = transaction(&self.pool, |conn| {
            lock_owner(conn, owner)?;
            let Some(from_id) = tag_id(conn, owner, from)? else {
                return Ok(None);
            };
            if from == to {
                return Ok(Some(notes_carrying(conn, from_id)?));
            }

            touch_notes_carrying(conn, owner, from_id, at)?;
            let kept = match tag_id(conn, owner, to)? {
                Some(into) => merge(conn, from_id, into)?,
                None => {
                    diesel::update(tags::table.filter(tags::id.eq(from_id)))
                        .set(tags::name.eq(to))
                        .execute(conn)?;
                    from_id
                }
            };
            Ok(Some(notes_carrying(conn, kept)?))
        })?
        .map_err(storage)?;

        let notes = renamed.ok_or(TagError::NotFound)?;
        Ok(tag_count(to.to_owned(), notes)?)
    }

    fn delete(&self, owner: UserId, name: &TagName) -> Result<(), TagError> {
        let at = now();

        let deleted = transaction(&self.pool, |conn| {
            lock_owner(conn, owner)?;
            let Some(id) = tag_id(conn, owner, name.as_str())? else {
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
fn tag_id(conn: &mut PgConnection, owner: UserId, name: &str) -> QueryResult<Option<i64>> {
    tags::table
        .filter(tags::owner_id.eq(owner.0))
        .filter(tags::name.eq(name))
        .select(tags::id)
        .first(conn)
        .optional()
}

/// How many notes carry the tag.
fn notes_carrying(conn: &mut PgConnection, tag: i64) -> QueryResult<i64> {
    note_tags::table
        .filter(note_tags::tag_id.eq(tag))
        .count()
        .get_result(conn)
}

/// Gives every note carrying the tag a new version: their tags are about to change.
fn touch_notes_carrying(
    conn: &mut PgConnection,
    owner: UserId,
    tag: i64,
    at: DateTime<Utc>,
) -> QueryResult<usize> {
    sql_query(
        "UPDATE notes SET version = version + 1, updated_at = $1 \
         WHERE owner_id = $2 AND id IN (SELECT note_id FROM note_tags WHERE tag_id = $3)",
    )
    .bind::<Timestamptz, _>(at)
    .bind::<BigInt, _>(owner.0)
    .bind::<BigInt, _>(tag)
    .execute(conn)
}

/// Moves the notes of tag `from` to tag `into` (once each) and deletes `from`; returns
/// `into`. Done in SQL so that a tag on many notes needs no list of them in memory.
fn merge(conn: &mut PgConnection, from: i64, into: i64) -> QueryResult<i64> {
    sql_query(
        "INSERT INTO note_tags (note_id, tag_id) \
         SELECT note_id, $1 FROM note_tags WHERE tag_id = $2 ON CONFLICT DO NOTHING",
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
