//! `PUT` and `PATCH /api/notes/{id}/`

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{NoteChanges, NoteId};

use super::etag::{etag, if_match};
use super::{NotePatchRequest, NoteRequest, NoteResponse};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, JsonBody, PathId};
use crate::openapi::{NoteLookupErrors, PreconditionFailed, RequestBodyErrors};
use crate::{ApiError, AppState};

/// Replace the title and body (and tags, when given) of one of your notes.
///
/// With `If-Match`, only if the note still has one of the ETags given.
#[utoipa::path(
    put,
    path = "/api/notes/{id}/",
    operation_id = "replace_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        ("id" = i64, Path, description = "The note's id.", example = 42),
        (
            "If-Match" = Option<String>, Header, nullable = false,
            description = "Write only if the note still has one of these ETags."
        ),
    ),
    request_body = NoteRequest,
    responses(
        (
            status = 200,
            description = "The note as replaced.",
            body = NoteResponse,
            headers(("ETag" = String, description = "The note's new entity tag.")),
        ),
        RequestBodyErrors,
        NoteLookupErrors,
        PreconditionFailed,
    ),
)]
pub(crate) async fn replace_note(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let (note, tags) = request.into_replacement()?;
    let changes = NoteChanges {
        title: Some(note.title),
        body: Some(note.body),
        tags,
    };

    apply(&req, state, user, NoteId(id), changes).await
}

/// Change some fields of one of your notes.
///
/// Absent fields stay as they are. With `If-Match`, only if the note still has one of
/// the ETags given.
#[utoipa::path(
    patch,
    path = "/api/notes/{id}/",
    operation_id = "update_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        ("id" = i64, Path, description = "The note's id.", example = 42),
        (
            "If-Match" = Option<String>, Header, nullable = false,
            description = "Write only if the note still has one of these ETags."
        ),
    ),
    request_body = NotePatchRequest,
    responses(
        (
            status = 200,
            description = "The note as changed.",
            body = NoteResponse,
            headers(("ETag" = String, description = "The note's new entity tag.")),
        ),
        RequestBodyErrors,
        NoteLookupErrors,
        PreconditionFailed,
    ),
)]
pub(crate) async fn update_note(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NotePatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let changes = request.into_changes()?;

    apply(&req, state, user, NoteId(id), changes).await
}

async fn apply(
    req: &HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    id: NoteId,
    changes: NoteChanges,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();
    let condition = if_match(req, id);

    let note = run_blocking(move || notes.update(user.id, id, &changes, &condition)).await?;

    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(&note)))
        .json(NoteResponse::new(note, &user.user.username)))
}
