//! `GET /.well-known/jwks.json`

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::AppState;
use crate::openapi::JwkSetDocument;

/// The public keys that verify access tokens (RFC 7517), for other services. Empty when the
/// server signs with an HS256 secret, which is never published.
#[utoipa::path(
    get,
    path = "/.well-known/jwks.json/",
    operation_id = "get_jwks",
    tag = "keys",
    responses((status = 200, description = "The JWK Set.", body = JwkSetDocument)),
)]
pub(crate) async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(state.tokens.jwks())
}
