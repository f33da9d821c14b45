//! `POST /api/token/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{Password, User, canonical_username};
use serde::Deserialize;
use utoipa::ToSchema;

use super::session_tokens::{TokenPairResponse, start_session, token_pair_response};
use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{RequestBodyErrors, SignInErrors};
use crate::rate_limit::client_address;
use crate::{ApiError, AppState};

/// Credentials to sign in with.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenObtainRequest {
    /// The account's username (any letter case).
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1, example = "priya")]
    username: Field<String>,
    /// The account's password.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Password, min_length = 1, write_only)]
    password: Field<String>,
}

/// Sign in: exchange a username and password for an access and a refresh token.
///
/// Each sign-in starts a session (see `/api/sessions/`). An unknown username and a wrong
/// password answer the same 401.
#[utoipa::path(
    post,
    path = "/api/token/",
    operation_id = "obtain_token",
    tag = "accounts",
    request_body = TokenObtainRequest,
    responses(
        (status = 200, description = "Signed in.", body = TokenPairResponse),
        RequestBodyErrors,
        SignInErrors,
    ),
)]
pub(crate) async fn obtain_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    JsonBody(request): JsonBody<TokenObtainRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let username = fields.required("username", request.username);
    let password = fields.required("password", request.password);
    for (field, value) in [("username", &username), ("password", &password)] {
        if value.as_deref().is_some_and(str::is_empty) {
            fields.add(field, "This field may not be blank.");
        }
    }
    let (username, password) = fields.finish(username.zip(password))?;

    let user = sign_in(&state, &req, username, password).await?;
    let pair = start_session(&state, &req, &user).await?;

    Ok(token_pair_response(&state, pair))
}

/// The active account `username` and `password` sign in to, or 401; 429 beyond the
/// brute-force limits.
pub(crate) async fn sign_in(
    state: &AppState,
    req: &HttpRequest,
    username: String,
    password: String,
) -> Result<User, ApiError> {
    let limits = &state.limits;
    limits
        .sign_in_per_address
        .hit(&client_address(req, &limits.trusted_proxies))?;
    let account = canonical_username(&username);
    limits.sign_in_failures_per_account.check(&account)?;

    let users = state.users.clone();
    let credentials = run_blocking(move || users.find_credentials(&username)).await?;
    // An unknown user costs one decoy verification, so the answer takes as long as for a
    // wrong password and does not reveal which usernames exist.
    let password = Password::for_sign_in(password);
    let user = state
        .passwords
        .run(move |hasher| match credentials {
            Some(found) => hasher
                .verify(&password, &found.password_hash)
                .then_some(found.user),
            None => {
                hasher.verify_decoy(&password);
                None
            }
        })
        .await?
        .filter(|user| user.is_active);

    match user {
        Some(user) => Ok(user),
        None => {
            limits.sign_in_failures_per_account.hit(&account)?;
            Err(ApiError::BadCredentials)
        }
    }
}
