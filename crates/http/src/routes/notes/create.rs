//! `POST /api/notes/`

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{NoteRequest, NoteResponse};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, JsonBody};
use crate::{ApiError, AppState};

/// Create a note owned by you.
pub(crate) async fn create_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let new_note = request.into_new_note()?;
    let notes = state.notes.clone();

    let note = run_blocking(move || notes.create(user.id, &new_note)).await?;

    let location = format!("/api/notes/{}/", note.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(NoteResponse::new(note, &user.user.username)))
}
