//! Starting a session and the token pair that carries it.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use notes_auth::{TokenPair, TokenService, TokenSubject};
use notes_domain::{NewSession, User};
use serde::Serialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector};
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// A new pair of tokens.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenPairResponse {
    /// Send as `Authorization: Bearer <access>`; short-lived.
    access: String,
    /// Exchange at `/api/token/refresh/` for new tokens; each works once. Absent when the
    /// server is configured to send it as an `HttpOnly` cookie instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = String, required = false)]
    refresh: Option<String>,
    /// When `access` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    access_expires_at: DateTime<Utc>,
    /// When `refresh` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    refresh_expires_at: DateTime<Utc>,
}

/// The name of the cookie that carries the refresh token in cookie mode.
pub(crate) const REFRESH_COOKIE: &str = "notes_refresh";

/// The answer carrying a new token pair. In cookie mode the refresh token goes into an
/// `HttpOnly`, `Secure`, `SameSite=Strict` cookie scoped to `/api/token/`, so that script
/// code in a browser never holds it, and is left out of the body.
pub(crate) fn token_pair_response(state: &AppState, pair: TokenPair) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    let refresh = if state.refresh_cookie {
        let max_age = state.tokens.settings().refresh_lifetime.as_secs();
        response.cookie(refresh_cookie(pair.refresh.token, max_age));
        None
    } else {
        Some(pair.refresh.token)
    };

    response.json(TokenPairResponse {
        access: pair.access.token,
        refresh,
        access_expires_at: pair.access.expires_at,
        refresh_expires_at: pair.refresh.expires_at,
    })
}

/// The refresh cookie with `value`, living `max_age` seconds (0 deletes it).
pub(crate) fn refresh_cookie(value: String, max_age: u64) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path("/api/token/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(
            i64::try_from(max_age).unwrap_or(i64::MAX),
        ))
        .finish()
}

/// The refresh token a request carries: the body's, or in cookie mode the cookie's.
pub(crate) fn presented_refresh(
    state: &AppState,
    req: &HttpRequest,
    fields: &mut FieldCollector,
    from_body: Field<String>,
) -> Option<String> {
    let from_cookie = state
        .refresh_cookie
        .then(|| {
            req.cookie(REFRESH_COOKIE)
                .map(|cookie| cookie.value().to_owned())
        })
        .flatten();
    match (from_body, from_cookie) {
        (Field::Absent, Some(cookie)) => Some(cookie),
        (body, _) => fields.required("refresh", body),
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
