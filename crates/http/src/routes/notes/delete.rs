//! `DELETE /api/notes/{id}/`

use actix_web::{HttpResponse, web};
use notes_domain::NoteId;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, PathId};
use crate::{ApiError, AppState};

/// Delete one of your notes.
pub(crate) async fn delete_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    run_blocking(move || notes.delete(user.id, NoteId(id))).await?;

    Ok(HttpResponse::NoContent().finish())
}
