//! `/api/notes/`: a user's own notes. Every handler takes an [`AuthenticatedUser`] and passes
//! its id to the repository, which is what keeps users apart.
//!
//! [`AuthenticatedUser`]: crate::extract::AuthenticatedUser

pub(crate) mod create;
mod cursor;
pub(crate) mod delete;
pub(crate) mod dto;
mod etag;
pub(crate) mod list;
mod list_params;
pub(crate) mod pages;
pub(crate) mod read;
pub(crate) mod update;

pub(crate) use create::create_note;
pub(crate) use delete::delete_note;
use dto::{NotePatchRequest, NoteRequest, NoteResponse};
pub(crate) use list::list_notes;
pub(crate) use read::get_note;
pub(crate) use update::{replace_note, update_note};
