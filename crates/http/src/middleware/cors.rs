//! Cross-origin resource sharing for browser clients served from other origins.

use actix_cors::{Cors, CorsError};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError};

use crate::middleware::request_log::REQUEST_ID_HEADER;
use crate::problem::ApiError;

/// Which other origins may call the API from a browser.
#[derive(Debug, Clone, Default)]
pub struct CorsSettings {
    /// Exact origins, e.g. `https://notes.example.com`. Empty: no CORS headers at all.
    pub origins: Vec<String>,
    /// Whether those origins may send credentials (the refresh-token cookie).
    pub allow_credentials: bool,
}

/// How long a browser may cache a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE_SECS: usize = 600;

/// The CORS middleware for `settings`. Requests from other origins still reach the
/// handlers (a same-origin page, such as the API docs, sends `Origin` too); they just get no
/// CORS headers, so the browser withholds the response from the calling page.
pub fn cors(settings: &CorsSettings) -> Cors {
    let mut cors = settings
        .origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            REQUEST_ID_HEADER,
        ])
        .expose_headers([
            header::ETAG,
            header::LINK,
            header::RETRY_AFTER,
            header::LOCATION,
            REQUEST_ID_HEADER,
        ])
        .max_age(PREFLIGHT_MAX_AGE_SECS)
        .block_on_origin_mismatch(false);
    if settings.allow_credentials {
        cors = cors.supports_credentials();
    }
    cors
}

/// Turns the CORS middleware's own refusals (plain-text 400s) into problem documents, so
/// that a refused preflight looks like every other error.
pub async fn cors_refusal(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let refusal = res
        .response()
        .error()
        .and_then(|error| error.as_error::<CorsError>())
        .map(|error| ApiError::CrossOriginRefused(lowercase_first(&error.to_string())));
    Ok(match refusal {
        Some(problem) => {
            let mut response = problem.error_response();
            if let Some(vary) = res.headers().get(header::VARY) {
                response.headers_mut().insert(header::VARY, vary.clone());
            }
            res.into_response(response)
        }
        None => res,
    })
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
