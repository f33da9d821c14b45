//! Starting a session and the token pair that carries it.

use actix_web::HttpRequest;
use actix_web::http::header;
use chrono::{DateTime, Utc};
use notes_auth::{TokenPair, TokenService, TokenSubject};
use notes_domain::{NewSession, User};
use serde::Serialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// A new pair of tokens.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenPairResponse {
    /// Send as `Authorization: Bearer <access>`; short-lived.
    access: String,
    /// Exchange at `/api/token/refresh/` for new tokens; each works once.
    refresh: String,
    /// When `access` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    access_expires_at: DateTime<Utc>,
    /// When `refresh` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    refresh_expires_at: DateTime<Utc>,
}

impl From<TokenPair> for TokenPairResponse {
    fn from(pair: TokenPair) -> Self {
        Self {
            access: pair.access.token,
            refresh: pair.refresh.token,
            access_expires_at: pair.access.expires_at,
            refresh_expires_at: pair.refresh.expires_at,
        }
    }
}

/// Starts a session for `user`, described by the request's `User-Agent`, and issues its
/// first token pair.
pub(crate) async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    user: &User,
) -> Result<TokenPair, ApiError> {
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let new_session = NewSession {
        user: user.id,
        client: NewSession::describe_client(user_agent),
        refresh_jti: TokenService::new_jti(),
        expires_at: state.tokens.refresh_expiry(),
    };
    let refresh_jti = new_session.refresh_jti.clone();
    let sessions = state.sessions.clone();

    let session = run_blocking(move || sessions.start(&new_session)).await?;

    let subject = TokenSubject {
        user: user.id,
        session: session.id,
        version: user.token_version,
    };
    state
        .tokens
        .issue_pair(&subject, refresh_jti)
        .map_err(ApiError::internal)
}
