//! Creating a note at most once per idempotency key, on PostgreSQL.

use chrono::{DateTime, Utc};
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use notes_domain::{
    CreateOnce, IDEMPOTENCY_KEY_LIFETIME, IdempotencyKey, NewNote, Note, NoteBody, NoteId,
    NoteTitle, NoteVersion, StorageError, UserId,
};

use super::rows::{NoteRow, parse_tags};
use super::writes;
use crate::errors::storage;
use crate::postgres::schema::idempotency_keys;

/// What a key remembers: the note as its request created it.
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys, check_for_backend(Pg))]
pub(super) struct KeyRow {
    owner_id: i64,
    key: String,
    expires_at: DateTime<Utc>,
    note_id: i64,
    title: String,
    body: String,
    tags: String,
    created_at: DateTime<Utc>,
}

/// Either the note remembered under the key or the row of the note just created.
pub(super) enum Created {
    /// The key was used before; this is what its request created.
    Replayed(KeyRow),
    /// The note was created now.
    New(NoteRow),
}

/// Forgets the owner's expired keys, then replays the key or creates the note and
/// remembers it under the key. Runs after [`writes::lock_owner`], so two requests with one
/// key, on any instances, take turns and the second replays the first.
pub(super) fn create_once(
    conn: &mut PgConnection,
    owner: UserId,
    key: &IdempotencyKey,
    note: &NewNote,
    at: DateTime<Utc>,
) -> QueryResult<Created> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::owner_id.eq(owner.0))
            .filter(idempotency_keys::expires_at.le(at)),
    )
    .execute(conn)?;

    let remembered = idempotency_keys::table
        .filter(idempotency_keys::owner_id.eq(owner.0))
        .filter(idempotency_keys::key.eq(key.as_str()))
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(remembered) = remembered {
        return Ok(Created::Replayed(remembered));
    }

    let row = writes::insert(conn, owner, note, at)?;
    let tags: Vec<&str> = note.tags.as_slice().iter().map(|t| t.as_str()).collect();
    diesel::insert_into(idempotency_keys::table)
        .values(KeyRow {
            owner_id: owner.0,
            key: key.as_str().to_owned(),
            expires_at: at + IDEMPOTENCY_KEY_LIFETIME,
            note_id: row.id,
            title: note.title.as_str().to_owned(),
            body: note.body.as_str().to_owned(),
            tags: tags.join("\n"),
            created_at: at,
        })
        .execute(conn)?;
    Ok(Created::New(row))
}

/// The note a remembered key created, as it was then.
pub(super) fn replayed(row: KeyRow) -> Result<CreateOnce, StorageError> {
    let tags = if row.tags.is_empty() {
        Vec::new()
    } else {
        row.tags.split('\n').map(str::to_owned).collect()
    };
    Ok(CreateOnce::Replayed(Note {
        id: NoteId(row.note_id),
        owner: UserId(row.owner_id),
        title: NoteTitle::parse(row.title).map_err(storage)?,
        body: NoteBody::parse(row.body).map_err(storage)?,
        tags: parse_tags(tags)?,
        version: NoteVersion::FIRST,
        created_at: row.created_at,
        updated_at: row.created_at,
    }))
}
