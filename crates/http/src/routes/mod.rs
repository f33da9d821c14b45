//! The API's routes. Each path is served with and without its trailing slash (the
//! `NormalizePath` middleware adds it), and a method a path does not support answers 405
//! with `Allow`.

mod accounts;
mod health;
mod jwks;
mod me;
mod notes;
mod sessions;
mod timestamps;

use actix_web::{HttpResponse, guard, web};

use crate::ApiError;

/// Registers every route.
pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/register/")
            .route(web::post().to(accounts::register))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/api/token/")
            .route(web::post().to(accounts::obtain_token))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/api/token/refresh/")
            .route(web::post().to(accounts::refresh_token))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/api/token/verify/")
            .route(web::post().to(accounts::verify_token))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/api/token/blacklist/")
            .route(web::post().to(accounts::blacklist_token))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/api/notes/")
            .route(get_or_head().to(notes::list_notes))
            .route(web::post().to(notes::create_note))
            .default_service(method_not_allowed("GET, HEAD, POST")),
    )
    .service(
        web::resource("/api/notes/{id}/")
            .route(get_or_head().to(notes::get_note))
            .route(web::put().to(notes::replace_note))
            .route(web::patch().to(notes::update_note))
            .route(web::delete().to(notes::delete_note))
            .default_service(method_not_allowed("GET, HEAD, PUT, PATCH, DELETE")),
    )
    .service(
        web::resource("/api/sessions/")
            .route(get_or_head().to(sessions::list_sessions))
            .route(web::delete().to(sessions::end_all_sessions))
            .default_service(method_not_allowed("GET, HEAD, DELETE")),
    )
    .service(
        web::resource("/api/sessions/{id}/")
            .route(web::delete().to(sessions::end_session))
            .default_service(method_not_allowed("DELETE")),
    )
    .service(
        web::resource("/api/users/me/")
            .route(get_or_head().to(me::get_profile))
            .route(web::patch().to(me::update_profile))
            .route(web::delete().to(me::delete_account))
            .default_service(method_not_allowed("GET, HEAD, PATCH, DELETE")),
    )
    .service(
        web::resource("/api/users/me/password/")
            .route(web::post().to(me::change_password))
            .default_service(method_not_allowed("POST")),
    )
    .service(
        web::resource("/.well-known/jwks.json/")
            .route(get_or_head().to(jwks::jwks))
            .default_service(method_not_allowed("GET, HEAD")),
    )
    .service(
        web::resource("/healthz/")
            .route(get_or_head().to(health::healthz))
            .default_service(method_not_allowed("GET, HEAD")),
    );
}

/// Answers any path no route matches.
pub(crate) async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

/// A route for GET that also serves HEAD, as RFC 9110 expects of every GET resource.
fn get_or_head() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

fn method_not_allowed(allow: &'static str) -> actix_web::Route {
    web::route()
        .to(move || async move { Err::<HttpResponse, _>(ApiError::MethodNotAllowed { allow }) })
}
