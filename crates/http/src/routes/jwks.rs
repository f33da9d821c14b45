//! `GET /.well-known/jwks.json`

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::AppState;

/// The public keys that verify access tokens (RFC 7517), for other services. Empty when the
/// server signs with an HS256 secret, which is never published.
pub(crate) async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(state.tokens.jwks())
}
