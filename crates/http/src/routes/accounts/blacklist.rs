//! `POST /api/token/blacklist/`

use actix_web::{HttpResponse, web};
use notes_auth::TokenType;
use notes_domain::{SessionId, UserId};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{EmptyObject, RequestBodyErrors, Unauthorized};
use crate::{ApiError, AppState};

/// The refresh token of the session to end.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenBlacklistRequest {
    /// A refresh token of the session.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1)]
    refresh: Field<String>,
}

/// Sign out: end the session a refresh token belongs to. Its refresh and access tokens stop
/// working at once. Signing out of an already ended session succeeds too.
#[utoipa::path(
    post,
    path = "/api/token/blacklist/",
    operation_id = "blacklist_token",
    tag = "accounts",
    request_body = TokenBlacklistRequest,
    responses(
        (status = 200, description = "Signed out.", body = EmptyObject),
        RequestBodyErrors,
        (status = 401, response = Unauthorized),
    ),
)]
pub(crate) async fn blacklist_token(
    state: web::Data<AppState>,
    JsonBody(request): JsonBody<TokenBlacklistRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let refresh = fields.required("refresh", request.refresh);
    let refresh = fields.finish(refresh)?;

    let claims = state
        .tokens
        .verify(&refresh, TokenType::Refresh)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;
    let sessions = state.sessions.clone();

    run_blocking(move || sessions.end(UserId(claims.user_id), SessionId(claims.sid))).await?;

    Ok(HttpResponse::Ok().json(json!({})))
}
