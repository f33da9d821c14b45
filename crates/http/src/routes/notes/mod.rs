//! `/api/notes/`: a user's own notes. Every handler takes an [`AccessToken`] and runs its
//! repository call through [`AccessToken::run`], which checks the account and session and
//! hands the call the user, on one blocking-pool trip; passing the user's id to the
//! repository is what keeps users apart.
//!
//! [`AccessToken`]: crate::extract::AccessToken
//! [`AccessToken::run`]: crate::extract::AccessToken::run

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
