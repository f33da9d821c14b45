//! Notes: the entity and the values a client sends to create or change one.

mod body;
mod title;

pub use body::{BodyError, NoteBody};
pub use title::{NoteTitle, TitleError};

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
}

/// A change to a note: each field that is `Some` replaces the stored one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteChanges {
    /// A new title, if it changes.
    pub title: Option<NoteTitle>,
    /// A new text, if it changes.
    pub body: Option<NoteBody>,
}
