//! `POST /api/token/refresh/`

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use notes_auth::TokenType;
use notes_domain::UserId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{RequestBodyErrors, Unauthorized};
use crate::routes::timestamps::rfc3339;
use crate::{ApiError, AppState};

/// A refresh token to exchange.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenRefreshRequest {
    /// A refresh token from `/api/token/`.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1)]
    refresh: Field<String>,
}

/// A new access token.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AccessTokenResponse {
    /// Send as `Authorization: Bearer <access>`.
    access: String,
    /// When `access` expires (RFC 3339, UTC).
    #[serde(serialize_with = "rfc3339")]
    access_expires_at: DateTime<Utc>,
}

/// Exchange a refresh token for a new access token.
#[utoipa::path(
    post,
    path = "/api/token/refresh/",
    operation_id = "refresh_token",
    tag = "accounts",
    request_body = TokenRefreshRequest,
    responses(
        (status = 200, description = "A new access token.", body = AccessTokenResponse),
        RequestBodyErrors,
        (status = 401, response = Unauthorized),
    ),
)]
pub(crate) async fn refresh_token(
    state: web::Data<AppState>,
    JsonBody(request): JsonBody<TokenRefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let refresh = fields.required("refresh", request.refresh);
    let refresh = fields.finish(refresh)?;

    let user = user_of_refresh_token(&state, &refresh).await?;

    let access = state
        .tokens
        .issue(user, TokenType::Access)
        .map_err(ApiError::internal)?;

    Ok(HttpResponse::Ok().json(AccessTokenResponse {
        access: access.token,
        access_expires_at: access.expires_at,
    }))
}

/// The active account a refresh token was issued to, or 401.
pub(crate) async fn user_of_refresh_token(
    state: &AppState,
    refresh: &str,
) -> Result<UserId, ApiError> {
    let claims = state
        .tokens
        .verify(refresh, TokenType::Refresh)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;
    let users = state.users.clone();

    let user = run_blocking(move || users.find_by_id(UserId(claims.user_id)))
        .await?
        .filter(|user| user.is_active)
        .ok_or_else(|| ApiError::InvalidToken("account deleted or inactive".into()))?;

    Ok(user.id)
}
