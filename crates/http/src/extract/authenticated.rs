//! The signed-in user, from a bearer access token.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use notes_auth::TokenType;
use notes_domain::{UserId, Username, UsersRepository};

use crate::blocking::run_blocking;
use crate::middleware::RequestUser;
use crate::{ApiError, AppState};

/// The user a request acts for. Taking it as a handler argument is what makes an endpoint
/// require authentication: without a valid access token the handler never runs and the
/// client gets 401 with a `WWW-Authenticate: Bearer` challenge.
///
/// The token is checked when the request arrives; the account it names is checked by
/// [`AuthenticatedUser::run`], the only way a handler learns the user's id, in the same
/// trip to the blocking pool as the handler's own database work: one thread hand-off per
/// request instead of two.
pub struct AuthenticatedUser {
    claimed: UserId,
    users: Arc<dyn UsersRepository>,
}

impl AuthenticatedUser {
    /// Confirms on the blocking pool that the account still exists and is active (so a
    /// deleted or deactivated user's tokens stop working at once rather than at expiry),
    /// then runs `work` with its id there too. Returns the account's username (as shown in
    /// `owner`) with the outcome of `work`.
    pub(crate) async fn run<T, E>(
        self,
        work: impl FnOnce(UserId) -> Result<T, E> + Send + 'static,
    ) -> Result<(Username, T), ApiError>
    where
        T: Send + 'static,
        E: Send + 'static,
        ApiError: From<E>,
    {
        let Self { claimed, users } = self;
        run_blocking::<_, ApiError>(move || {
            let user = users
                .find_by_id(claimed)?
                .filter(|user| user.is_active)
                .ok_or_else(|| ApiError::InvalidToken("account deleted or inactive".into()))?;
            let outcome = work(user.id)?;
            Ok((user.username, outcome))
        })
        .await
    }
}

impl FromRequest for AuthenticatedUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<AuthenticatedUser, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("AppState is not registered"))?;
    let token = bearer_token(req)?;
    let claims = state
        .tokens
        .verify(token, TokenType::Access)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;

    let claimed = UserId(claims.user_id);
    // For the access log; the account itself is confirmed with the handler's work.
    req.extensions_mut().insert(RequestUser(claimed));
    Ok(AuthenticatedUser {
        claimed,
        users: Arc::clone(&state.users),
    })
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
