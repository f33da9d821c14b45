//! `POST /api/notes/`

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{NoteRequest, NoteResponse};
use crate::extract::{AuthenticatedUser, JsonBody};
use crate::{ApiError, AppState};

/// Create a note owned by you.
pub(crate) async fn create_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let new_note = request.into_new_note()?;
    let notes = Arc::clone(&state.notes);

    let (owner, note) = user.run(move |me| notes.create(me, &new_note)).await?;

    let location = format!("/api/notes/{}/", note.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(NoteResponse::new(&note, &owner)))
}
