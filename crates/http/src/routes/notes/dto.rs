//! The JSON shapes of notes.

use chrono::{DateTime, Utc};
use notes_domain::{
    MAX_TAGS_PER_NOTE, NewNote, Note, NoteBody, NoteChanges, NoteTags, NoteTitle, TagName, Username,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ApiError;
use crate::extract::{Field, FieldCollector};
use crate::routes::timestamps::rfc3339;

/// A note as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NoteResponse {
    /// Assigned by the server.
    #[schema(read_only, example = 42)]
    pub id: i64,
    /// The owner's username; set by the server from the token, never by the client.
    #[schema(read_only, example = "priya")]
    pub owner: String,
    /// 1 to 200 characters, not blank, no control characters.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000-\u001F\u007F-\u009F]*$",
        example = "Groceries"
    )]
    pub title: String,
    /// Not blank, no NUL characters.
    #[schema(
        min_length = 1,
        pattern = r"^[^\u0000]*[^\u0000\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000]*$",
        example = "eggs, milk, bread"
    )]
    pub body: String,
    /// The note's tags, sorted by name, each once.
    #[schema(example = json!(["home", "shopping"]))]
    pub tags: Vec<String>,
    /// When the note was created (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only, example = "2026-12-04T16:20:00.123456Z")]
    pub created_at: DateTime<Utc>,
    /// When the note last changed (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only, example = "2026-12-04T16:25:00.654321Z")]
    pub updated_at: DateTime<Utc>,
}

impl NoteResponse {
    /// The representation of `note`, owned by `owner`.
    pub(crate) fn new(note: Note, owner: &Username) -> Self {
        Self {
            id: note.id.0,
            owner: owner.to_string(),
            title: note.title.as_str().to_owned(),
            body: note.body.as_str().to_owned(),
            tags: tag_names(&note.tags),
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
    #[schema(
        value_type = String,
        required = true,
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000-\u001F\u007F-\u009F]*$",
        example = "Groceries"
    )]
    title: Field<String>,
    /// Not blank, no NUL characters.
    #[serde(default)]
    #[schema(
        value_type = String,
        required = true,
        min_length = 1,
        pattern = r"^[^\u0000]*[^\u0000\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000]*$",
        example = "eggs, milk, bread"
    )]
    body: Field<String>,
    /// Tag names (1 to 50 characters, no control characters, no white space at either end),
    /// at most 20 distinct; repeats count once. Absent: none on create, unchanged on replace.
    #[serde(default)]
    #[schema(value_type = Vec<String>, required = false, max_items = 20, example = json!(["home"]))]
    tags: Field<Vec<String>>,
}

impl NoteRequest {
    /// Validates every field, reporting every failure at once; absent tags are none.
    pub(crate) fn into_new_note(self) -> Result<NewNote, ApiError> {
        let (new_note, tags) = self.into_replacement()?;

        Ok(NewNote {
            tags: tags.unwrap_or_default(),
            ..new_note
        })
    }

    /// Validates every field for a replacement: the tags are `None` when absent, which
    /// leaves them unchanged.
    pub(crate) fn into_replacement(self) -> Result<(NewNote, Option<NoteTags>), ApiError> {
        let mut fields = FieldCollector::default();
        let title = fields
            .required("title", self.title)
            .and_then(|raw| fields.check("title", NoteTitle::parse(raw)));
        let body = fields
            .required("body", self.body)
            .and_then(|raw| fields.check("body", NoteBody::parse(raw)));
        let tags = fields
            .optional("tags", self.tags)
            .map(|raw| raw.and_then(|raw| parse_tags(&mut fields, raw)));
        let ((title, body), tags) = fields.finish(title.zip(body).zip(tags))?;

        let new_note = NewNote {
            title,
            body,
            tags: NoteTags::default(),
        };
        Ok((new_note, tags))
    }
}

/// Some fields of a note (PATCH); absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NotePatchRequest {
    /// 1 to 200 characters, not blank, no control characters.
    #[serde(default)]
    #[schema(
        value_type = String,
        required = false,
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    title: Field<String>,
    /// Not blank, no NUL characters.
    #[serde(default)]
    #[schema(
        value_type = String,
        required = false,
        min_length = 1,
        pattern = r"^[^\u0000]*[^\u0000\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000]*$"
    )]
    body: Field<String>,
    /// Tag names (1 to 50 characters, no control characters, no white space at either end),
    /// at most 20 distinct; repeats count once. Absent: unchanged.
    #[serde(default)]
    #[schema(value_type = Vec<String>, required = false, max_items = 20, example = json!(["home"]))]
    tags: Field<Vec<String>>,
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
        let tags = fields
            .optional("tags", self.tags)
            .flatten()
            .and_then(|raw| parse_tags(&mut fields, raw));
        fields.finish(Some(()))?;

        Ok(NoteChanges { title, body, tags })
    }
}

/// The names of `tags`, in their order.
pub(crate) fn tag_names(tags: &NoteTags) -> Vec<String> {
    tags.as_slice()
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect()
}

/// Parses a list of tag names, recording every bad name (and a list too long) against
/// `tags`.
fn parse_tags(fields: &mut FieldCollector, raw: Vec<String>) -> Option<NoteTags> {
    let mut names = Vec::with_capacity(raw.len().min(MAX_TAGS_PER_NOTE));
    let mut valid = true;
    for name in raw {
        match TagName::parse(name) {
            Ok(name) => names.push(name),
            Err(error) => {
                fields.add("tags", error);
                valid = false;
            }
        }
    }
    let tags = fields.check("tags", NoteTags::new(names));
    tags.filter(|_| valid)
}
