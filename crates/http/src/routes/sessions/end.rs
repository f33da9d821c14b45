//! `DELETE /api/sessions/{id}/` and `DELETE /api/sessions/`

use actix_web::{HttpResponse, web};
use notes_domain::SessionId;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, PathId};
use crate::openapi::{BearerErrors, SessionLookupErrors};
use crate::{ApiError, AppState};

/// End one of your sessions: its tokens stop working at once. Another user's session
/// answers 404, like one that does not exist.
#[utoipa::path(
    delete,
    path = "/api/sessions/{id}/",
    operation_id = "end_session",
    tag = "sessions",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The session's id.", example = 3)),
    responses(
        (status = 204, description = "The session has ended."),
        SessionLookupErrors,
    ),
)]
pub(crate) async fn end_session(
    state: web::Data<AppState>,
    auth: AuthenticatedUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let session = SessionId(id);
    let sessions = state.sessions.clone();

    let ended = run_blocking(move || sessions.end(auth.id, session)).await?;

    if !ended {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Sign out everywhere: end every one of your sessions, this one included.
#[utoipa::path(
    delete,
    path = "/api/sessions/",
    operation_id = "end_all_sessions",
    tag = "sessions",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 204, description = "Every session has ended."),
        BearerErrors,
    ),
)]
pub(crate) async fn end_all_sessions(
    state: web::Data<AppState>,
    auth: AuthenticatedUser,
) -> Result<HttpResponse, ApiError> {
    let sessions = state.sessions.clone();

    let ended = run_blocking(move || sessions.end_all(auth.id, None)).await?;

    tracing::info!(
        user.id = auth.id.0,
        sessions.ended = ended,
        "signed out everywhere"
    );
    Ok(HttpResponse::NoContent().finish())
}
