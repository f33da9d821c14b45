//! `POST /api/users/me/password/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{Password, UserId};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, Field, FieldCollector, JsonBody};
use crate::openapi::{BearerErrors, RequestBodyErrors, ServiceUnavailable};
use crate::routes::accounts::session_tokens::{TokenPairResponse, token_pair_response};
use crate::routes::accounts::start_session;
use crate::{ApiError, AppState};

/// The current password and the new one.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct PasswordChangeRequest {
    /// Your current password.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Password, min_length = 1, write_only)]
    old_password: Field<String>,
    /// 8 to 256 characters, not entirely numeric, not the username, not a common password.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Password, min_length = 8, max_length = 256, write_only)]
    new_password: Field<String>,
}

/// Change your password. Every session ends and every token issued so far stops working;
/// the answer carries a fresh token pair for a new session on this client.
#[utoipa::path(
    post,
    path = "/api/users/me/password/",
    operation_id = "change_password",
    tag = "users",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    request_body = PasswordChangeRequest,
    responses(
        (status = 200, description = "Changed; a fresh token pair for this client.", body = TokenPairResponse),
        RequestBodyErrors,
        BearerErrors,
        (status = 503, response = ServiceUnavailable),
    ),
)]
pub(crate) async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthenticatedUser,
    JsonBody(request): JsonBody<PasswordChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let old = fields.required("old_password", request.old_password);
    let new = fields
        .required("new_password", request.new_password)
        .and_then(|raw| {
            fields.check(
                "new_password",
                Password::parse(raw, Some(&auth.user.username)),
            )
        });
    let (old, new) = fields.finish(old.zip(new))?;

    let hash = confirm_then_hash(&state, auth.id, Password::for_sign_in(old), new).await?;
    let users = state.users.clone();
    let sessions = state.sessions.clone();
    let user_id = auth.id;
    let version = run_blocking(move || {
        let version = users.set_password(user_id, &hash)?;
        sessions.end_all(user_id, None)?;
        Ok::<_, notes_domain::StorageError>(version)
    })
    .await?
    .ok_or_else(|| ApiError::InvalidToken("the account no longer exists".into()))?;

    let mut user = auth.user;
    user.token_version = version;
    let pair = start_session(&state, &req, &user).await?;
    Ok(token_pair_response(&state, pair))
}

/// Checks `old` against the stored hash and hashes `new`, in one trip through the gate.
async fn confirm_then_hash(
    state: &AppState,
    user: UserId,
    old: Password,
    new: Password,
) -> Result<notes_domain::PasswordHash, ApiError> {
    let users = state.users.clone();
    let stored = run_blocking(move || users.find_credentials_by_id(user))
        .await?
        .ok_or_else(|| ApiError::InvalidToken("the account no longer exists".into()))?;

    let outcome = state
        .passwords
        .run(move |hasher| {
            if hasher.verify(&old, &stored.password_hash) {
                hasher.hash(&new).map(Some)
            } else {
                Ok(None)
            }
        })
        .await?
        .map_err(ApiError::internal)?;

    outcome.ok_or_else(|| {
        ApiError::invalid_field("old_password", "Your old password was entered incorrectly.")
    })
}
