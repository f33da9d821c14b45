//! The signed-in user, from a bearer access token.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use notes_auth::TokenType;
use notes_domain::{SessionId, StorageError, User, UserId};

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

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let access = AccessToken::from_request(req, payload).into_inner();
        Box::pin(async move {
            let (user, ()) = access?.run(|_| Ok::<_, ApiError>(())).await?;
            Ok(user)
        })
    }
}

/// A bearer access token whose signature, expiry and type have been verified, but whose
/// account and session have not been checked yet. Its only use is [`AccessToken::run`],
/// which checks them on the same trip to the blocking pool as the handler's own query, so
/// that an authenticated request crosses to a blocking thread and back once, not twice.
///
/// Taking it as a handler argument requires authentication like [`AuthenticatedUser`]
/// does, with one difference in order: the account check comes after the other
/// extractors, so a token whose session has ended gets the 400 or 404 of a malformed path
/// or body before the 401 it gets otherwise.
pub struct AccessToken {
    req: HttpRequest,
    user: UserId,
    session: SessionId,
    version: i64,
}

impl FromRequest for AccessToken {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(verify(req))
    }
}

fn verify(req: &HttpRequest) -> Result<AccessToken, ApiError> {
    let claims = app_state(req)?
        .tokens
        .verify(bearer_token(req)?, TokenType::Access)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;

    Ok(AccessToken {
        req: req.clone(),
        user: UserId(claims.user_id),
        session: SessionId(claims.sid),
        version: claims.ver,
    })
}

impl AccessToken {
    /// Checks that the token's account is active and at the token's version and that its
    /// session is live (so that a token stops working the moment its account is deleted or
    /// deactivated, its password changes or its session ends, not at expiry), then runs
    /// `work` for that account: both on one blocking thread, one after the other. `work`
    /// never runs for a token that may no longer act.
    pub(crate) async fn run<T, E>(
        self,
        work: impl FnOnce(&User) -> Result<T, E> + Send + 'static,
    ) -> Result<(AuthenticatedUser, T), ApiError>
    where
        T: Send + 'static,
        E: Send + 'static,
        ApiError: From<E>,
    {
        let state = app_state(&self.req)?.clone();
        let (user, session, version) = (self.user, self.session, self.version);

        let checked = web::block(move || -> Result<_, StorageError> {
            let account = current_user(&state, user, session, version)?;
            Ok(account.map(|account| {
                let outcome = work(&account);
                (account, outcome)
            }))
        })
        .await
        .map_err(ApiError::internal)??;

        let (account, outcome) = checked
            .ok_or_else(|| ApiError::InvalidToken("session ended or account changed".into()))?;
        self.req.extensions_mut().insert(RequestUser(account.id));
        let value = outcome?;
        let authenticated = AuthenticatedUser {
            id: account.id,
            user: account,
            session,
        };
        Ok((authenticated, value))
    }
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("AppState is not registered"))
}

/// The account a token acts for, if it may still act: one indexed query.
#[cfg(not(feature = "bench-skip-session-check"))]
fn current_user(
    state: &AppState,
    user: UserId,
    session: SessionId,
    version: i64,
) -> Result<Option<User>, StorageError> {
    state.sessions.authenticate(user, session, version)
}

/// Benchmark builds only (`--features bench-skip-session-check`), to measure what the
/// revocation check costs: the account is looked up by id, with no session, version or
/// active check. Never enable it in a build that serves anyone.
#[cfg(feature = "bench-skip-session-check")]
fn current_user(
    state: &AppState,
    user: UserId,
    _: SessionId,
    _: i64,
) -> Result<Option<User>, StorageError> {
    let found = state.users.find_credentials_by_id(user)?;
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
