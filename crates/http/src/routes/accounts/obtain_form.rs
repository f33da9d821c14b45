//! `POST /api/token/form/`: the OAuth2 token endpoint (RFC 6749), for clients that sign in
//! with a form rather than JSON, such as Swagger UI's "Authorize" dialog.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use notes_auth::TokenPair;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::obtain::sign_in;
use super::refresh::rotate;
use super::session_tokens::start_session;
use crate::extract::{FieldCollector, FormBody};
use crate::openapi::{RequestBodyErrors, SignInErrors};
use crate::{ApiError, AppState};

/// How the client proves who it is.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum GrantType {
    /// A username and password (section 4.3).
    Password,
    /// A refresh token from an earlier answer (section 6).
    RefreshToken,
}

/// An OAuth2 token request. Members a grant does not use are ignored, as are `scope`,
/// `client_id` and `client_secret`: tokens carry no scopes and any client may ask.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TokenFormRequest {
    /// `password` to sign in, `refresh_token` to renew the access token.
    grant_type: GrantType,
    /// For the `password` grant: the account's username.
    #[schema(value_type = String, required = false, example = "priya")]
    username: Option<String>,
    /// For the `password` grant: the account's password.
    #[schema(value_type = String, required = false, format = Password, write_only)]
    password: Option<String>,
    /// For the `refresh_token` grant: a refresh token.
    #[schema(value_type = String, required = false)]
    refresh_token: Option<String>,
    /// Ignored.
    #[schema(value_type = String, required = false)]
    #[serde(rename = "scope")]
    _scope: Option<String>,
}

/// An OAuth2 access token response (RFC 6749, section 5.1).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OAuthTokenResponse {
    /// Send as `Authorization: Bearer <access_token>`.
    access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    token_type: &'static str,
    /// Seconds until `access_token` expires.
    #[schema(example = 1800)]
    expires_in: u64,
    /// Post with `grant_type=refresh_token` for a new access token.
    refresh_token: String,
}

/// Sign in with an OAuth2 form (password or refresh-token grant).
///
/// The same sign-in as `POST /api/token/`, in the shape OAuth2 clients expect: a form
/// request and an `access_token`/`token_type`/`expires_in` answer. The `refresh_token`
/// grant rotates like `POST /api/token/refresh/`: the answer carries the next refresh token.
#[utoipa::path(
    post,
    path = "/api/token/form/",
    operation_id = "obtain_token_form",
    tag = "accounts",
    request_body(content = TokenFormRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (
            status = 200,
            description = "Signed in.",
            body = OAuthTokenResponse,
            headers(("Cache-Control" = String, description = "`no-store`: tokens are not cached.")),
        ),
        RequestBodyErrors,
        SignInErrors,
    ),
)]
pub(crate) async fn obtain_token_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    FormBody(request): FormBody<TokenFormRequest>,
) -> Result<HttpResponse, ApiError> {
    let pair = match request.grant_type {
        GrantType::Password => password_grant(&state, &req, request).await?,
        GrantType::RefreshToken => refresh_grant(&state, request).await?,
    };

    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(OAuthTokenResponse {
            access_token: pair.access.token,
            token_type: "Bearer",
            expires_in: state.tokens.settings().access_lifetime.as_secs(),
            refresh_token: pair.refresh.token,
        }))
}

/// Checks the username and password and starts a session.
async fn password_grant(
    state: &AppState,
    req: &HttpRequest,
    request: TokenFormRequest,
) -> Result<TokenPair, ApiError> {
    let mut fields = FieldCollector::default();
    let username = required(&mut fields, "username", request.username);
    let password = required(&mut fields, "password", request.password);
    let (username, password) = fields.finish(username.zip(password))?;

    let user = sign_in(state, req, username, password).await?;

    start_session(state, req, &user).await
}

/// Spends the refresh token for the session's next pair.
async fn refresh_grant(state: &AppState, request: TokenFormRequest) -> Result<TokenPair, ApiError> {
    let mut fields = FieldCollector::default();
    let refresh = required(&mut fields, "refresh_token", request.refresh_token);
    let refresh = fields.finish(refresh)?;

    rotate(state, &refresh).await
}

/// A form member that must be present and not empty.
fn required(fields: &mut FieldCollector, name: &str, value: Option<String>) -> Option<String> {
    match value {
        Some(value) if !value.is_empty() => Some(value),
        Some(_) => {
            fields.add(name, "This field may not be blank.");
            None
        }
        None => {
            fields.add(name, "This field is required.");
            None
        }
    }
}
