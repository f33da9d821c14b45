//! `GET` and `PATCH /api/users/me/`

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use notes_domain::{Email, ProfileChanges, User, Username};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, Field, FieldCollector, JsonBody};
use crate::openapi::{BearerErrors, RequestBodyErrors};
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// Your account. Never includes the password or its hash.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProfileResponse {
    /// The account's id.
    #[schema(read_only, example = 1)]
    id: i64,
    /// The username you sign in with.
    #[schema(example = "priya")]
    username: String,
    /// The contact address, or empty.
    #[schema(example = "priya@example.com")]
    email: String,
    /// Whether the account may administer others.
    #[schema(read_only)]
    is_staff: bool,
    /// When the account was created.
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    date_joined: DateTime<Utc>,
}

impl From<User> for ProfileResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.id.0,
            username: user.username.to_string(),
            email: user.email.to_string(),
            is_staff: user.is_staff,
            date_joined: user.created_at,
        }
    }
}

/// Profile fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct ProfileUpdateRequest {
    /// A new username: 1 to 150 letters, digits and `@ . + - _`, not taken.
    #[serde(default)]
    #[schema(value_type = String, required = false, min_length = 1, max_length = 150)]
    username: Field<String>,
    /// A new contact address, or empty to remove it.
    #[serde(default)]
    #[schema(value_type = String, required = false, max_length = 254)]
    email: Field<String>,
}

/// Show your account.
#[utoipa::path(
    get,
    path = "/api/users/me/",
    operation_id = "get_profile",
    tag = "users",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 200, description = "Your account.", body = ProfileResponse),
        BearerErrors,
    ),
)]
pub(crate) async fn get_profile(auth: AuthenticatedUser) -> HttpResponse {
    HttpResponse::Ok().json(ProfileResponse::from(auth.user))
}

/// Change your username or e-mail address.
#[utoipa::path(
    patch,
    path = "/api/users/me/",
    operation_id = "update_profile",
    tag = "users",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    request_body = ProfileUpdateRequest,
    responses(
        (status = 200, description = "Your account, changed.", body = ProfileResponse),
        RequestBodyErrors,
        BearerErrors,
    ),
)]
pub(crate) async fn update_profile(
    state: web::Data<AppState>,
    auth: AuthenticatedUser,
    JsonBody(request): JsonBody<ProfileUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let username = fields
        .optional("username", request.username)
        .flatten()
        .and_then(|raw| fields.check("username", Username::parse(raw)));
    let email = fields
        .optional("email", request.email)
        .flatten()
        .and_then(|raw| fields.check("email", Email::parse(raw)));
    fields.finish(Some(()))?;
    let changes = ProfileChanges { username, email };
    let users = state.users.clone();

    let user = run_blocking(move || users.update_profile(auth.id, &changes)).await?;

    Ok(HttpResponse::Ok().json(ProfileResponse::from(user)))
}
