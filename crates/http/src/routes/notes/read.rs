//! `GET /api/notes/{id}/`

use actix_web::{HttpResponse, web};

use super::NoteResponse;
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, NoteIdPath};
use crate::{ApiError, AppState};

/// Read one of your notes.
pub(crate) async fn get_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    NoteIdPath(id): NoteIdPath,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let note = run_blocking(move || notes.get(user.id, id)).await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(note, &user.username)))
}
