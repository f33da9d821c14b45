//! `PUT` and `PATCH /api/notes/{id}/`

use actix_web::{HttpResponse, web};
use notes_domain::{NoteChanges, NoteId};

use super::{NotePatchRequest, NoteRequest, NoteResponse};
use crate::extract::{AccessToken, JsonBody, PathId};
use crate::openapi::{NoteLookupErrors, RequestBodyErrors};
use crate::{ApiError, AppState};

/// Replace the title and body of one of your notes.
#[utoipa::path(
    put,
    path = "/api/notes/{id}/",
    operation_id = "replace_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The note's id.", example = 42)),
    request_body = NoteRequest,
    responses(
        (status = 200, description = "The note as replaced.", body = NoteResponse),
        RequestBodyErrors,
        NoteLookupErrors,
    ),
)]
pub(crate) async fn replace_note(
    state: web::Data<AppState>,
    access: AccessToken,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let note = request.into_new_note()?;
    let changes = NoteChanges {
        title: Some(note.title),
        body: Some(note.body),
    };

    apply(state, access, NoteId(id), changes).await
}

/// Change some fields of one of your notes.
///
/// Absent fields stay as they are.
#[utoipa::path(
    patch,
    path = "/api/notes/{id}/",
    operation_id = "update_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The note's id.", example = 42)),
    request_body = NotePatchRequest,
    responses(
        (status = 200, description = "The note as changed.", body = NoteResponse),
        RequestBodyErrors,
        NoteLookupErrors,
    ),
)]
pub(crate) async fn update_note(
    state: web::Data<AppState>,
    access: AccessToken,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NotePatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let changes = request.into_changes()?;

    apply(state, access, NoteId(id), changes).await
}

async fn apply(
    state: web::Data<AppState>,
    access: AccessToken,
    id: NoteId,
    changes: NoteChanges,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let (user, note) = access
        .run(move |user| notes.update(user.id, id, &changes))
        .await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(note, &user.user.username)))
}
