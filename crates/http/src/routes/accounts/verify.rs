//! `POST /api/token/verify/`

use actix_web::{HttpResponse, web};
use notes_auth::{Claims, TokenType};
use notes_domain::{SessionId, UserId};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{EmptyObject, RequestBodyErrors, Unauthorized};
use crate::{ApiError, AppState};

/// A token to check.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenVerifyRequest {
    /// An access or a refresh token.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1)]
    token: Field<String>,
}

/// Tell whether a token (access or refresh) would be accepted now: 200 with an empty object
/// if so, 401 if not. Checks the signature, expiry, account, session and, for a refresh
/// token, that it has not been used already.
#[utoipa::path(
    post,
    path = "/api/token/verify/",
    operation_id = "verify_token",
    tag = "accounts",
    request_body = TokenVerifyRequest,
    responses(
        (status = 200, description = "The token would be accepted.", body = EmptyObject),
        RequestBodyErrors,
        (status = 401, response = Unauthorized),
    ),
)]
pub(crate) async fn verify_token(
    state: web::Data<AppState>,
    JsonBody(request): JsonBody<TokenVerifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let token = fields.required("token", request.token);
    let token = fields.finish(token)?;

    let claims = verify_either(&state, &token)?;
    let sessions = state.sessions.clone();
    let valid = run_blocking(move || {
        let (user, session) = (UserId(claims.user_id), SessionId(claims.sid));
        let live = sessions.authenticate(user, session, claims.ver)?.is_some();
        match claims.token_type {
            TokenType::Access => Ok::<_, notes_domain::StorageError>(live),
            TokenType::Refresh => Ok(live && sessions.is_current(user, session, &claims.jti)?),
        }
    })
    .await?;

    if !valid {
        return Err(ApiError::InvalidToken(
            "session ended, account changed or token reused".into(),
        ));
    }
    Ok(HttpResponse::Ok().json(json!({})))
}

fn verify_either(state: &AppState, token: &str) -> Result<Claims, ApiError> {
    state
        .tokens
        .verify(token, TokenType::Access)
        .or_else(|_| state.tokens.verify(token, TokenType::Refresh))
        .map_err(|e| ApiError::InvalidToken(e.to_string()))
}
