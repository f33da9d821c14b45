//! `POST /api/token/refresh/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_auth::{TokenPair, TokenService, TokenSubject, TokenType};
use notes_domain::{Rotation, SessionId, UserId};
use serde::Deserialize;
use utoipa::ToSchema;

use super::session_tokens::{TokenPairResponse, presented_refresh, token_pair_response};
use crate::blocking::run_blocking;
use crate::extract::{Field, FieldCollector, JsonBody};
use crate::openapi::{RequestBodyErrors, Unauthorized};
use crate::{ApiError, AppState};

/// A refresh token to exchange.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenRefreshRequest {
    /// The session's current refresh token; in cookie mode it may come from the cookie
    /// instead.
    #[serde(default)]
    #[schema(value_type = String, required = false, min_length = 1)]
    refresh: Field<String>,
}

/// Exchange a refresh token for a new access token and a new refresh token.
///
/// The old refresh token stops working. Presenting it again ends the whole session, since a
/// replayed refresh token means it was stolen.
#[utoipa::path(
    post,
    path = "/api/token/refresh/",
    operation_id = "refresh_token",
    tag = "accounts",
    request_body = TokenRefreshRequest,
    responses(
        (status = 200, description = "New tokens; the refresh token sent is spent.", body = TokenPairResponse),
        RequestBodyErrors,
        (status = 401, response = Unauthorized),
    ),
)]
pub(crate) async fn refresh_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    JsonBody(request): JsonBody<TokenRefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let refresh = presented_refresh(&state, &req, &mut fields, request.refresh);
    let refresh = fields.finish(refresh)?;

    let pair = rotate(&state, &refresh).await?;

    Ok(token_pair_response(&state, pair))
}

/// Spends `refresh` and issues the session's next token pair, or 401. A refresh token that
/// was already spent ends its session.
pub(crate) async fn rotate(state: &AppState, refresh: &str) -> Result<TokenPair, ApiError> {
    let claims = state
        .tokens
        .verify(refresh, TokenType::Refresh)
        .map_err(|e| ApiError::InvalidToken(e.to_string()))?;
    let (user_id, session) = (UserId(claims.user_id), SessionId(claims.sid));
    let sessions = state.sessions.clone();
    let user = run_blocking(move || sessions.authenticate(user_id, session, claims.ver))
        .await?
        .ok_or_else(|| ApiError::InvalidToken("session ended or account changed".into()))?;

    let next_jti = TokenService::new_jti();
    let expires_at = state.tokens.refresh_expiry();
    let sessions = state.sessions.clone();
    let (presented, next) = (claims.jti, next_jti.clone());
    let rotation =
        run_blocking(move || sessions.rotate(user_id, session, &presented, &next, expires_at))
            .await?;

    match rotation {
        Rotation::Rotated => {}
        Rotation::ReuseDetected => {
            tracing::warn!(
                user.id = user_id.0,
                session.id = session.0,
                "refresh token replayed: the session is ended and all its tokens revoked"
            );
            return Err(ApiError::InvalidToken("refresh token reused".into()));
        }
        Rotation::Ended => return Err(ApiError::InvalidToken("session ended".into())),
    }
    let subject = TokenSubject {
        user: user.id,
        session,
        version: user.token_version,
    };
    state
        .tokens
        .issue_pair(&subject, next_jti)
        .map_err(ApiError::internal)
}
