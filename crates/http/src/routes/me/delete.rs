//! `DELETE /api/users/me/`

use actix_web::{HttpResponse, web};
use notes_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, Field, FieldCollector, JsonBody};
use crate::openapi::{BearerErrors, RequestBodyErrors, ServiceUnavailable};
use crate::{ApiError, AppState};

/// Confirmation for deleting the account.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct AccountDeleteRequest {
    /// Your current password.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Password, min_length = 1, write_only)]
    password: Field<String>,
}

/// Delete your account with all of its notes and sessions. Needs the password.
#[utoipa::path(
    delete,
    path = "/api/users/me/",
    operation_id = "delete_account",
    tag = "users",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    request_body = AccountDeleteRequest,
    responses(
        (status = 204, description = "The account and its notes are gone."),
        RequestBodyErrors,
        BearerErrors,
        (status = 503, response = ServiceUnavailable),
    ),
)]
pub(crate) async fn delete_account(
    state: web::Data<AppState>,
    auth: AuthenticatedUser,
    JsonBody(request): JsonBody<AccountDeleteRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let password = fields.required("password", request.password);
    let password = Password::for_sign_in(fields.finish(password)?);

    let users = state.users.clone();
    let user_id = auth.id;
    let stored = run_blocking(move || users.find_credentials_by_id(user_id))
        .await?
        .ok_or_else(|| ApiError::InvalidToken("the account no longer exists".into()))?;
    let confirmed = state
        .passwords
        .run(move |hasher| hasher.verify(&password, &stored.password_hash))
        .await?;
    if !confirmed {
        return Err(ApiError::invalid_field(
            "password",
            "The password is incorrect.",
        ));
    }
    let users = state.users.clone();

    run_blocking(move || users.delete(user_id)).await?;

    tracing::info!(user.id = user_id.0, "account deleted");
    Ok(HttpResponse::NoContent().finish())
}
