//! `DELETE /api/notes/{id}/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::NoteId;

use super::etag::if_match;
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, PathId};
use crate::openapi::{NoteLookupErrors, PreconditionFailed};
use crate::{ApiError, AppState};

/// Delete one of your notes.
///
/// With `If-Match`, only if the note still has one of the ETags given.
#[utoipa::path(
    delete,
    path = "/api/notes/{id}/",
    operation_id = "delete_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        ("id" = i64, Path, description = "The note's id.", example = 42),
        (
            "If-Match" = Option<String>, Header, nullable = false,
            description = "Delete only if the note still has one of these ETags."
        ),
    ),
    responses(
        (status = 204, description = "The note was deleted."),
        NoteLookupErrors,
        PreconditionFailed,
    ),
)]
pub(crate) async fn delete_note(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();
    let id = NoteId(id);
    let condition = if_match(&req, id);

    run_blocking(move || notes.delete(user.id, id, &condition)).await?;

    Ok(HttpResponse::NoContent().finish())
}
