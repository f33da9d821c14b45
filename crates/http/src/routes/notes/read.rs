//! `GET /api/notes/{id}/`

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::NoteId;

use super::NoteResponse;
use super::etag::{etag, none_match_fails};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, PathId};
use crate::openapi::NoteLookupErrors;
use crate::{ApiError, AppState};

/// Read one of your notes.
///
/// The `ETag` names this state of the note: send it back in `If-None-Match` to get 304
/// while the note is unchanged, or in `If-Match` to change it only if nobody else did.
#[utoipa::path(
    get,
    path = "/api/notes/{id}/",
    operation_id = "get_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        ("id" = i64, Path, description = "The note's id.", example = 42),
        (
            "If-None-Match" = Option<String>, Header, nullable = false,
            description = "ETags the client holds; 304 when one is the note's current one."
        ),
    ),
    responses(
        (
            status = 200,
            description = "The note.",
            body = NoteResponse,
            headers(("ETag" = String, description = "The note's entity tag, e.g. `\"42-3\"`.")),
        ),
        (status = 304, description = "The note still has the ETag sent in If-None-Match."),
        NoteLookupErrors,
    ),
)]
pub(crate) async fn get_note(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let note = run_blocking(move || notes.get(user.id, NoteId(id))).await?;

    if none_match_fails(&req, &note) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag(&note)))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(&note)))
        .json(NoteResponse::new(note, &user.user.username)))
}
