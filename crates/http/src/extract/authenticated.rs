//! The signed-in user, from a bearer access token.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use notes_auth::{Claims, TokenType};
use notes_domain::{SessionId, User, UserId};

use crate::blocking::run_blocking;
use crate::middleware::RequestUser;
use crate::{ApiError, AppState};

/// The user a request acts for. Taking it as a handler argument is what makes an endpoint
/// require authentication: without a valid access token for an active account the handler
/// never runs and the client gets 401 with a `WWW-Authenticate: Bearer` challenge.
#[derive(Debug, Clone)]
pub struct AuthenticatedUser {
    /// The account's id.
    pub id: UserId,
    /// The account, as stored when the request arrived.
    pub user: User,
    /// The sign-in session the access token belongs to.
    pub session: SessionId,
}

impl FromRequest for AuthenticatedUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal("AppState is not registered"))?;
            let token = bearer_token(&req)?;
            let claims = state
                .tokens
                .verify(token, TokenType::Access)
                .map_err(|e| ApiError::InvalidToken(e.to_string()))?;

            let session = SessionId(claims.sid);
            let user = current_user(state, &claims)
                .await?
                .ok_or_else(|| ApiError::InvalidToken("session ended or account changed".into()))?;

            req.extensions_mut().insert(RequestUser(user.id));
            Ok(AuthenticatedUser {
                id: user.id,
                user,
                session,
            })
        })
    }
}

/// The account a token acts for, if it may still act. Checked on every request, in one
/// indexed query, so that a token stops working the moment its account is deleted or
/// deactivated, its password changes, or its session ends, rather than at expiry.
#[cfg(not(feature = "bench-skip-session-check"))]
async fn current_user(state: &AppState, claims: &Claims) -> Result<Option<User>, ApiError> {
    let sessions = state.sessions.clone();
    let (user, session, version) = (UserId(claims.user_id), SessionId(claims.sid), claims.ver);

    run_blocking(move || sessions.authenticate(user, session, version)).await
}

/// Benchmark builds only (`--features bench-skip-session-check`), to measure what the
/// revocation check costs: the account is looked up by id, with no session, version or
/// active check. Never enable it in a build that serves anyone.
#[cfg(feature = "bench-skip-session-check")]
async fn current_user(state: &AppState, claims: &Claims) -> Result<Option<User>, ApiError> {
    let users = state.users.clone();
    let user = UserId(claims.user_id);

    let found = run_blocking(move || users.find_credentials_by_id(user)).await?;
    Ok(found.map(|credentials| credentials.user))
}

/// The token of an `Authorization: Bearer <token>` header. Any other scheme counts as no
/// credentials; a malformed bearer header counts as an invalid token.
fn bearer_token(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::NotAuthenticated)?
        .to_str()
        .map_err(|_| ApiError::InvalidToken("non-ASCII Authorization header".into()))?;
    let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(ApiError::NotAuthenticated);
    }

    let token = credentials.trim();
    if token.is_empty() || token.contains(' ') {
        return Err(ApiError::InvalidToken(
            "malformed bearer credentials".into(),
        ));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn token_of(authorization: Option<&str>) -> Result<String, ApiError> {
        let mut req = TestRequest::default();
        if let Some(value) = authorization {
            req = req.insert_header((header::AUTHORIZATION, value));
        }
        bearer_token(&req.to_http_request()).map(str::to_owned)
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        for value in ["Bearer abc", "bearer abc", "BEARER  abc"] {
            assert_eq!(
                token_of(Some(value)).ok().as_deref(),
                Some("abc"),
                "{value}"
            );
        }
    }

    #[test]
    fn other_schemes_and_no_header_are_unauthenticated() {
        for value in [None, Some("Token abc"), Some("Basic YTpi"), Some("abc")] {
            assert!(
                matches!(token_of(value), Err(ApiError::NotAuthenticated)),
                "{value:?}"
            );
        }
    }

    #[test]
    fn a_bearer_header_without_one_token_is_invalid() {
        for value in ["Bearer", "Bearer ", "Bearer a b"] {
            assert!(
                matches!(token_of(Some(value)), Err(ApiError::InvalidToken(_))),
                "{value}"
            );
        }
    }
}
