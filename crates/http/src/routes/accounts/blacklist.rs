//! `POST /api/token/blacklist/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_auth::TokenType;
use notes_domain::{SessionId, UserId};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::session_tokens::{presented_refresh, refresh_cookie};
use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{EmptyObject, RequestBodyErrors, Unauthorized};
use crate::{ApiError, AppState};

/// The refresh token of the session to end.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenBlacklistRequest {
    /// A refresh token of the session; in cookie mode it may come from the cookie instead.
    #[serde(default)]
    #[schema(value_type = String, required = false, min_length = 1)]
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
    req: HttpRequest,
    JsonBody(request): JsonBody<TokenBlacklistRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let refresh = presented_refresh(&state, &req, &mut fields, request.refresh);
    let refresh = fields.finish(refresh)?;

    let claims = state
        .tokens
        .verify(&refresh, TokenType::Refresh)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;
    let sessions = state.sessions.clone();

    run_blocking(move || sessions.end(UserId(claims.user_id), SessionId(claims.sid))).await?;

    let mut response = HttpResponse::Ok();
    if state.refresh_cookie {
        response.cookie(refresh_cookie(String::new(), 0));
    }
    Ok(response.json(json!({})))
}
