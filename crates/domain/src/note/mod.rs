//! Notes: the entity and the values a client sends to create or change one.

mod body;
mod idempotency;
mod query;
mod search;
mod tags;
mod title;
mod version;

pub use body::{BodyError, NoteBody};
pub use idempotency::{CreateOnce, IDEMPOTENCY_KEY_LIFETIME, IdempotencyKey, IdempotencyKeyError};
pub use query::{
    KeysetPage, NoteOrdering, NoteQuery, OffsetPage, PageLimit, PageLimitError, Position, Seek,
    SortField, SortValue, TimeRange,
};
pub use search::{SearchError, SearchTerms};
pub use tags::{
    MAX_TAGS_PER_NOTE, MAX_TAGS_PER_USER, NoteTags, TagCount, TagName, TagNameError, TooManyTags,
};
pub use title::{NoteTitle, TitleError};
pub use version::{NoteVersion, Precondition};

use chrono::{DateTime, Utc};

use crate::{NoteId, UserId};

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Assigned by storage.
    pub id: NoteId,
    /// The user who created the note; it never changes.
    pub owner: UserId,
    /// The note's title.
    pub title: NoteTitle,
    /// The note's text.
    pub body: NoteBody,
    /// The note's tags.
    pub tags: NoteTags,
    /// Counts the note's writes; changes with every change.
    pub version: NoteVersion,
    /// When the note was created.
    pub created_at: DateTime<Utc>,
    /// When the note was last changed (equal to `created_at` until then).
    pub updated_at: DateTime<Utc>,
}

/// What a client provides to create a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    /// The new note's title.
    pub title: NoteTitle,
    /// The new note's text.
    pub body: NoteBody,
    /// The new note's tags.
    pub tags: NoteTags,
}

/// A change to a note: each field that is `Some` replaces the stored one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteChanges {
    /// A new title, if it changes.
    pub title: Option<NoteTitle>,
    /// A new text, if it changes.
    pub body: Option<NoteBody>,
    /// New tags replacing all of the old ones, if they change.
    pub tags: Option<NoteTags>,
}
