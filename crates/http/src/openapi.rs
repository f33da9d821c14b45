//! The OpenAPI 3.1 document of the API, derived from the handlers' `#[utoipa::path]`
//! annotations and the request and response types. It is served at `/api/openapi.json`,
//! printed by `notes openapi`, and committed as `docs/openapi.json`.

mod responses;
mod schemas;
mod security;

use utoipa::OpenApi;

use crate::problem::Problem;
use crate::routes::{accounts, admin, health, jwks, me, notes, sessions, tags};

pub(crate) use responses::{
    BadRequest, BearerErrors, Forbidden, IdempotencyKeyReused, IdempotencyKeyReusedResponse,
    NotFound, NotReady, NoteLookupErrors, PayloadTooLarge, PreconditionFailed,
    PreconditionFailedResponse, RequestBodyErrors, ServiceUnavailable, SessionLookupErrors,
    SignInErrors, StaffErrors, StaffLookupErrors, TooManyRequests, Unauthorized,
    UnsupportedMediaType,
};
pub(crate) use schemas::{EmptyObject, JwkSetDocument};
use security::SecuritySchemes;
pub use security::{BEARER_SCHEME, PASSWORD_SCHEME};

/// The API's OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Notes API",
        description = "Personal notes behind JWT authentication. Sign in at `/api/token/` (or \
            with the OAuth2 password flow at `/api/token/form/`), then send the access token \
            as `Authorization: Bearer <token>`. Every error is an RFC 9457 problem document \
            (`application/problem+json`). Each path is also served without its trailing slash.",
    ),
    paths(
        accounts::register::register,
        accounts::obtain::obtain_token,
        accounts::obtain_form::obtain_token_form,
        accounts::refresh::refresh_token,
        accounts::verify::verify_token,
        accounts::blacklist::blacklist_token,
        sessions::list::list_sessions,
        sessions::end::end_session,
        sessions::end::end_all_sessions,
        me::profile::get_profile,
        me::profile::update_profile,
        me::delete::delete_account,
        me::password::change_password,
        jwks::jwks,
        notes::list::list_notes,
        notes::create::create_note,
        notes::read::get_note,
        notes::update::replace_note,
        notes::update::update_note,
        notes::delete::delete_note,
        tags::list::list_tags,
        tags::rename::rename_tag,
        tags::delete::delete_tag,
        admin::users::list_users,
        admin::users::get_user,
        admin::users::update_user,
        admin::users::delete_user,
        admin::users::end_user_sessions,
        health::healthz,
        health::readyz,
        health::metrics,
    ),
    components(
        schemas(Problem),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            PayloadTooLarge,
            UnsupportedMediaType,
            TooManyRequests,
            ServiceUnavailable,
            NotReady,
            PreconditionFailedResponse,
            IdempotencyKeyReusedResponse,
        ),
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "accounts", description = "Registration and tokens; no authentication needed."),
        (name = "notes", description = "Your own notes; every operation needs an access token."),
        (name = "tags", description = "Your tags across your notes: counts, renaming, removal."),
        (name = "sessions", description = "Your sign-ins on each client; end one or all."),
        (name = "users", description = "Your own account."),
        (name = "keys", description = "Public keys that verify access tokens."),
        (name = "admin", description = "Account administration; staff only."),
        (name = "health", description = "Whether the server is up and ready, and its metrics."),
    ),
)]
pub struct ApiDoc;

/// The document as pretty-printed JSON with a final newline, exactly as committed in
/// `docs/openapi.json`.
pub fn openapi_json() -> Result<String, serde_json::Error> {
    let mut json = ApiDoc::openapi().to_pretty_json()?;
    json.push('\n');

    Ok(json)
}

#[cfg(test)]
mod tests;
