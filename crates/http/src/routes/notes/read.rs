//! `GET /api/notes/{id}/`

use actix_web::{HttpResponse, web};
use notes_domain::NoteId;

use super::NoteResponse;
use crate::extract::{AccessToken, PathId};
use crate::openapi::NoteLookupErrors;
use crate::{ApiError, AppState};

/// Read one of your notes.
#[utoipa::path(
    get,
    path = "/api/notes/{id}/",
    operation_id = "get_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The note's id.", example = 42)),
    responses(
        (status = 200, description = "The note.", body = NoteResponse),
        NoteLookupErrors,
    ),
)]
pub(crate) async fn get_note(
    state: web::Data<AppState>,
    access: AccessToken,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let (user, note) = access
        .run(move |user| notes.get(user.id, NoteId(id)))
        .await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(note, &user.user.username)))
}
