//! `POST /api/register/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{Email, NewUser, Password, Username};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{RequestBodyErrors, ServiceUnavailable, TooManyRequests};
use crate::rate_limit::client_address;
use crate::{ApiError, AppState};

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct RegisterRequest {
    /// 1 to 150 letters, digits and `@ . + - _`; unique regardless of case.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1, max_length = 150, example = "priya")]
    username: Field<String>,
    /// Optional; empty, null or a valid address.
    #[serde(default)]
    #[schema(value_type = String, required = false, max_length = 254, example = "priya@example.com")]
    email: Field<String>,
    /// 8 to 256 characters, not entirely numeric, not the username.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Password, min_length = 8, max_length = 256, write_only)]
    password: Field<String>,
}

/// The account as created. Never includes the password or its hash.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RegisterResponse {
    /// The new account's id.
    #[schema(example = 1)]
    id: i64,
    /// The username as given.
    #[schema(example = "priya")]
    username: String,
    /// The address as given, or empty.
    #[schema(example = "priya@example.com")]
    email: String,
}

/// Create an account.
#[utoipa::path(
    post,
    path = "/api/register/",
    operation_id = "register_user",
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created.", body = RegisterResponse),
        RequestBodyErrors,
        (status = 429, response = TooManyRequests),
        (status = 503, response = ServiceUnavailable),
    ),
)]
pub(crate) async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    JsonBody(request): JsonBody<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let limits = &state.limits;
    limits
        .register_per_address
        .hit(&client_address(&req, &limits.trusted_proxies))?;

    let mut fields = FieldCollector::default();
    let username = fields
        .required("username", request.username)
        .and_then(|raw| fields.check("username", Username::parse(raw)));
    // Like absence, null means "no address": clients generated from the schema send it.
    let email = match request.email {
        Field::Value(raw) => fields.check("email", Email::parse(raw)),
        Field::Absent | Field::Null => Some(Email::default()),
        wrong => fields
            .required("email", wrong)
            .and_then(|raw| fields.check("email", Email::parse(raw))),
    };
    let password = fields
        .required("password", request.password)
        .and_then(|raw| fields.check("password", Password::parse(raw, username.as_ref())));
    let ((username, email), password) = fields.finish(username.zip(email).zip(password))?;

    // Checked before hashing so that a taken name costs no argon2 run; the unique index
    // still decides races between two registrations.
    let users = state.users.clone();
    let taken_name = username.as_str().to_owned();
    if run_blocking(move || users.find_credentials(&taken_name))
        .await?
        .is_some()
    {
        return Err(notes_domain::AccountError::UsernameTaken.into());
    }
    let password_hash = state
        .passwords
        .run(move |hasher| hasher.hash(&password))
        .await?
        .map_err(ApiError::internal)?;
    let new_user = NewUser {
        username,
        email,
        password_hash,
        is_staff: false,
        is_superuser: false,
    };
    let users = state.users.clone();

    let user = run_blocking(move || users.create(&new_user)).await?;

    Ok(HttpResponse::Created().json(RegisterResponse {
        id: user.id.0,
        username: user.username.to_string(),
        email: user.email.to_string(),
    }))
}
