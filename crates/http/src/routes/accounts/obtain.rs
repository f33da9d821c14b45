//! `POST /api/token/`

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use notes_domain::{Password, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{RequestBodyErrors, SignInErrors};
use crate::routes::timestamps::rfc3339;
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

/// A new pair of tokens.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenPairResponse {
    /// Send as `Authorization: Bearer <access>`; short-lived.
    access: String,
    /// Exchange at `/api/token/refresh/` for a new access token.
    refresh: String,
    /// When `access` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    access_expires_at: DateTime<Utc>,
    /// When `refresh` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    refresh_expires_at: DateTime<Utc>,
}

/// Sign in: exchange a username and password for an access and a refresh token.
///
/// An unknown username and a wrong password answer the same 401.
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

    let user = sign_in(&state, username, password).await?;

    let pair = state.tokens.issue_pair(user).map_err(ApiError::internal)?;

    Ok(HttpResponse::Ok().json(TokenPairResponse {
        access: pair.access.token,
        refresh: pair.refresh.token,
        access_expires_at: pair.access.expires_at,
        refresh_expires_at: pair.refresh.expires_at,
    }))
}

/// The active account `username` and `password` sign in to, or 401.
pub(crate) async fn sign_in(
    state: &AppState,
    username: String,
    password: String,
) -> Result<UserId, ApiError> {
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
        .filter(|user| user.is_active)
        .ok_or(ApiError::BadCredentials)?;

    Ok(user.id)
}
