//! `DELETE /api/sessions/{id}/` and `DELETE /api/sessions/`

use actix_web::{HttpResponse, web};
use notes_domain::SessionId;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, PathId};
use crate::{ApiError, AppState};

/// End one of your sessions: its tokens stop working at once. Another user's session
/// answers 404, like one that does not exist.
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
