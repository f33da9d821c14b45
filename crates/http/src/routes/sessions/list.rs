//! `GET /api/sessions/`

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::AuthenticatedUser;
use crate::openapi::BearerErrors;
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// A live sign-in session.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SessionResponse {
    /// The session's id, for ending it.
    #[schema(read_only, example = 3)]
    id: i64,
    /// The client's `User-Agent` at sign-in.
    #[schema(read_only, example = "curl/8.5.0")]
    client: String,
    /// When the user signed in.
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    created_at: DateTime<Utc>,
    /// When the session last obtained tokens (sign-in or refresh).
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    last_used_at: DateTime<Utc>,
    /// When the session ends unless refreshed.
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    expires_at: DateTime<Utc>,
    /// True for the session of the token making this request.
    #[schema(read_only)]
    current: bool,
}

/// List your live sessions, most recently used first.
#[utoipa::path(
    get,
    path = "/api/sessions/",
    operation_id = "list_sessions",
    tag = "sessions",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 200, description = "Your live sessions.", body = Vec<SessionResponse>),
        BearerErrors,
    ),
)]
pub(crate) async fn list_sessions(
    state: web::Data<AppState>,
    auth: AuthenticatedUser,
) -> Result<HttpResponse, ApiError> {
    let sessions = state.sessions.clone();

    let listed = run_blocking(move || sessions.list(auth.id)).await?;

    let body: Vec<SessionResponse> = listed
        .into_iter()
        .map(|session| SessionResponse {
            id: session.id.0,
            current: session.id == auth.session,
            client: session.client,
            created_at: session.created_at,
            last_used_at: session.last_used_at,
            expires_at: session.expires_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
