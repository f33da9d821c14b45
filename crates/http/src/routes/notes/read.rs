//! `GET /api/notes/{id}/`

use std::sync::Arc;

use actix_web::{HttpResponse, web};

use super::NoteResponse;
use crate::extract::{AuthenticatedUser, NoteIdPath};
use crate::{ApiError, AppState};

/// Read one of your notes.
pub(crate) async fn get_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    NoteIdPath(id): NoteIdPath,
) -> Result<HttpResponse, ApiError> {
    let notes = Arc::clone(&state.notes);

    let (owner, note) = user.run(move |me| notes.get(me, id)).await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(&note, &owner)))
}
