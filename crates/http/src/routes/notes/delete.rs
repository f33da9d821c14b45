//! `DELETE /api/notes/{id}/`

use actix_web::{HttpResponse, web};
use notes_domain::NoteId;

use crate::extract::{AccessToken, PathId};
use crate::openapi::NoteLookupErrors;
use crate::{ApiError, AppState};

/// Delete one of your notes.
#[utoipa::path(
    delete,
    path = "/api/notes/{id}/",
    operation_id = "delete_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The note's id.", example = 42)),
    responses(
        (status = 204, description = "The note was deleted."),
        NoteLookupErrors,
    ),
)]
pub(crate) async fn delete_note(
    state: web::Data<AppState>,
    access: AccessToken,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    access
        .run(move |user| notes.delete(user.id, NoteId(id)))
        .await?;

    Ok(HttpResponse::NoContent().finish())
}
