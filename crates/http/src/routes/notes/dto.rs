//! The JSON shapes of notes.

use chrono::{DateTime, Utc};
use notes_domain::{NewNote, Note, NoteBody, NoteChanges, NoteTitle, Username};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ApiError;
use crate::extract::{Field, FieldCollector};
use crate::routes::timestamps::rfc3339;

/// A note as the API shows it. It borrows from the stored note, so answering copies no
/// text before serialisation.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NoteResponse<'a> {
    /// Assigned by the server.
    #[schema(read_only, example = 42)]
    pub id: i64,
    /// The owner's username; set by the server from the token, never by the client.
    #[schema(read_only, example = "priya")]
    pub owner: &'a str,
    /// 1 to 200 characters.
    #[schema(min_length = 1, max_length = 200, example = "Groceries")]
    pub title: &'a str,
    /// Not blank.
    #[schema(min_length = 1, example = "eggs, milk, bread")]
    pub body: &'a str,
    /// When the note was created (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    pub created_at: DateTime<Utc>,
    /// When the note last changed (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    pub updated_at: DateTime<Utc>,
}

impl<'a> NoteResponse<'a> {
    /// The representation of `note`, owned by `owner`.
    pub(crate) fn new(note: &'a Note, owner: &'a Username) -> Self {
        Self {
            id: note.id.0,
            owner: owner.as_str(),
            title: note.title.as_str(),
            body: note.body.as_str(),
            created_at: note.created_at,
            updated_at: note.updated_at,
        }
    }
}

/// A whole note, to create one (POST) or replace one (PUT). Other members, such as `owner`,
/// `id` or `created_at`, are ignored.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NoteRequest {
    /// 1 to 200 characters, not blank, no control characters.
    #[serde(default)]
    #[schema(value_type = String, min_length = 1, max_length = 200, example = "Groceries")]
    title: Field<String>,
    /// Not blank.
    #[serde(default)]
    #[schema(value_type = String, min_length = 1, example = "eggs, milk, bread")]
    body: Field<String>,
}

impl NoteRequest {
    /// Validates both fields, reporting every failure at once.
    pub(crate) fn into_new_note(self) -> Result<NewNote, ApiError> {
        let mut fields = FieldCollector::default();
        let title = fields
            .required("title", self.title)
            .and_then(|raw| fields.check("title", NoteTitle::parse(raw)));
        let body = fields
            .required("body", self.body)
            .and_then(|raw| fields.check("body", NoteBody::parse(raw)));
        let (title, body) = fields.finish(title.zip(body))?;

        Ok(NewNote { title, body })
    }
}

/// Some fields of a note (PATCH); absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NotePatchRequest {
    /// 1 to 200 characters, not blank, no control characters.
    #[serde(default)]
    #[schema(value_type = String, required = false, min_length = 1, max_length = 200)]
    title: Field<String>,
    /// Not blank.
    #[serde(default)]
    #[schema(value_type = String, required = false, min_length = 1)]
    body: Field<String>,
}

impl NotePatchRequest {
    /// Validates the fields present, reporting every failure at once.
    pub(crate) fn into_changes(self) -> Result<NoteChanges, ApiError> {
        let mut fields = FieldCollector::default();
        let title = fields
            .optional("title", self.title)
            .flatten()
            .and_then(|raw| fields.check("title", NoteTitle::parse(raw)));
        let body = fields
            .optional("body", self.body)
            .flatten()
            .and_then(|raw| fields.check("body", NoteBody::parse(raw)));
        fields.finish(Some(()))?;

        Ok(NoteChanges { title, body })
    }
}
