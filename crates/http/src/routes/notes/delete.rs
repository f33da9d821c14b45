//! `DELETE /api/notes/{id}/`

use std::sync::Arc;

use actix_web::{HttpResponse, web};

use crate::extract::{AuthenticatedUser, NoteIdPath};
use crate::{ApiError, AppState};

/// Delete one of your notes.
pub(crate) async fn delete_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    NoteIdPath(id): NoteIdPath,
) -> Result<HttpResponse, ApiError> {
    let notes = Arc::clone(&state.notes);

    user.run(move |me| notes.delete(me, id)).await?;

    Ok(HttpResponse::NoContent().finish())
}
