//! `/api/admin/users/`: list, inspect, activate, promote and delete accounts, and end their
//! sessions.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use notes_domain::{StorageError, User, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody, PathId, StaffUser};
use crate::openapi::{RequestBodyErrors, StaffErrors, StaffLookupErrors};
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// An account as staff see it: no notes, no password hash.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AdminUserResponse {
    /// The account's id.
    #[schema(read_only, example = 7)]
    id: i64,
    /// The username the account signs in with.
    #[schema(read_only, example = "priya")]
    username: String,
    /// The contact address, or empty.
    #[schema(read_only, example = "priya@example.com")]
    email: String,
    /// Whether the account may sign in and use its tokens.
    is_active: bool,
    /// Whether the account may administer others.
    is_staff: bool,
    /// Whether the account holds every permission.
    #[schema(read_only)]
    is_superuser: bool,
    /// When the account was created.
    #[serde(serialize_with = "rfc3339")]
    #[schema(read_only)]
    date_joined: DateTime<Utc>,
}

impl From<User> for AdminUserResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.id.0,
            username: user.username.to_string(),
            email: user.email.to_string(),
            is_active: user.is_active,
            is_staff: user.is_staff,
            is_superuser: user.is_superuser,
            date_joined: user.created_at,
        }
    }
}

/// Flags to change; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct AdminUserUpdateRequest {
    /// False deactivates the account and ends its sessions at once; true reactivates it.
    #[serde(default)]
    #[schema(value_type = bool, required = false)]
    is_active: Field<bool>,
    /// Grants or withdraws staff status.
    #[serde(default)]
    #[schema(value_type = bool, required = false)]
    is_staff: Field<bool>,
}

/// How many sessions ended.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SessionsEndedResponse {
    /// The number of live sessions that were ended.
    #[schema(example = 2)]
    ended: usize,
}

/// List every account, oldest first (staff only).
#[utoipa::path(
    get,
    path = "/api/admin/users/",
    operation_id = "list_users",
    tag = "admin",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 200, description = "Every account.", body = Vec<AdminUserResponse>),
        StaffErrors,
    ),
)]
pub(crate) async fn list_users(
    state: web::Data<AppState>,
    _staff: StaffUser,
) -> Result<HttpResponse, ApiError> {
    let users = state.users.clone();

    let listed = run_blocking(move || users.list()).await?;

    let body: Vec<AdminUserResponse> = listed.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Show one account (staff only).
#[utoipa::path(
    get,
    path = "/api/admin/users/{id}/",
    operation_id = "get_user",
    tag = "admin",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The account's id.", example = 7)),
    responses(
        (status = 200, description = "The account.", body = AdminUserResponse),
        StaffLookupErrors,
    ),
)]
pub(crate) async fn get_user(
    state: web::Data<AppState>,
    _staff: StaffUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let users = state.users.clone();

    let found = run_blocking(move || users.find_credentials_by_id(UserId(id))).await?;

    let user = found.ok_or(ApiError::NotFound)?.user;
    Ok(HttpResponse::Ok().json(AdminUserResponse::from(user)))
}

/// Activate, deactivate, promote or demote an account (staff only). Deactivating ends the
/// account's sessions, so its tokens answer 401 at once.
#[utoipa::path(
    patch,
    path = "/api/admin/users/{id}/",
    operation_id = "update_user",
    tag = "admin",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The account's id.", example = 7)),
    request_body = AdminUserUpdateRequest,
    responses(
        (status = 200, description = "The account, changed.", body = AdminUserResponse),
        RequestBodyErrors,
        StaffLookupErrors,
    ),
)]
pub(crate) async fn update_user(
    state: web::Data<AppState>,
    StaffUser(staff): StaffUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<AdminUserUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let is_active = fields.optional("is_active", request.is_active);
    let is_staff = fields.optional("is_staff", request.is_staff);
    let (is_active, is_staff) = fields.finish(is_active.zip(is_staff))?;
    let target = UserId(id);
    if target == staff.id && (is_active == Some(false) || is_staff == Some(false)) {
        return Err(ApiError::invalid_field(
            if is_active == Some(false) {
                "is_active"
            } else {
                "is_staff"
            },
            "You cannot deactivate or demote your own account.",
        ));
    }
    let users = state.users.clone();

    let user = run_blocking(move || -> Result<Option<User>, StorageError> {
        let mut user = users
            .find_credentials_by_id(target)?
            .map(|found| found.user);
        if let Some(active) = is_active {
            user = users.set_active(target, active)?;
        }
        if let Some(make_staff) = is_staff.filter(|_| user.is_some()) {
            user = users.set_staff(target, make_staff)?;
        }
        Ok(user)
    })
    .await?
    .ok_or(ApiError::NotFound)?;

    tracing::info!(
        staff.id = staff.id.0,
        user.id = id,
        user.is_active = user.is_active,
        user.is_staff = user.is_staff,
        "account changed by staff"
    );
    Ok(HttpResponse::Ok().json(AdminUserResponse::from(user)))
}

/// Delete an account with all of its notes and sessions (staff only).
#[utoipa::path(
    delete,
    path = "/api/admin/users/{id}/",
    operation_id = "delete_user",
    tag = "admin",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The account's id.", example = 7)),
    responses(
        (status = 204, description = "The account and its notes are gone."),
        StaffLookupErrors,
    ),
)]
pub(crate) async fn delete_user(
    state: web::Data<AppState>,
    StaffUser(staff): StaffUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let users = state.users.clone();

    let deleted = run_blocking(move || users.delete(UserId(id))).await?;

    if !deleted {
        return Err(ApiError::NotFound);
    }
    tracing::info!(
        staff.id = staff.id.0,
        user.id = id,
        "account deleted by staff"
    );
    Ok(HttpResponse::NoContent().finish())
}

/// End every session of an account (staff only): its tokens answer 401 at once.
#[utoipa::path(
    post,
    path = "/api/admin/users/{id}/sessions/end/",
    operation_id = "end_user_sessions",
    tag = "admin",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("id" = i64, Path, description = "The account's id.", example = 7)),
    responses(
        (status = 200, description = "The sessions have ended.", body = SessionsEndedResponse),
        StaffLookupErrors,
    ),
)]
pub(crate) async fn end_user_sessions(
    state: web::Data<AppState>,
    StaffUser(staff): StaffUser,
    PathId(id): PathId,
) -> Result<HttpResponse, ApiError> {
    let (users, sessions) = (state.users.clone(), state.sessions.clone());
    let target = UserId(id);

    let ended = run_blocking(move || -> Result<Option<usize>, StorageError> {
        if users.find_credentials_by_id(target)?.is_none() {
            return Ok(None);
        }
        sessions.end_all(target, None).map(Some)
    })
    .await?
    .ok_or(ApiError::NotFound)?;

    tracing::info!(
        staff.id = staff.id.0,
        user.id = id,
        sessions.ended = ended,
        "sessions ended by staff"
    );
    Ok(HttpResponse::Ok().json(SessionsEndedResponse { ended }))
}
