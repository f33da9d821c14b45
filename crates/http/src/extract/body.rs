//! Receiving a request body: its media type checked and its size bounded before any of it
//! is parsed.

use std::future::Future;
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{FromRequest, HttpRequest};

use crate::ApiError;

/// The largest request body accepted, in bytes. Registered as app data; 1 MiB when absent.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl Default for BodyLimit {
    fn default() -> Self {
        Self(1024 * 1024)
    }
}

/// How long a client may take to send a request body. Registered as app data; 30 s when
/// absent. actix-web times out only the request head, so without this a client could hold
/// a worker's connection open by trickling a body.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub Duration);

impl Default for BodyTimeout {
    fn default() -> Self {
        Self(Duration::from_secs(30))
    }
}

/// A media type that a body extractor takes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Accepted {
    /// The type named in the 415 answer to any other.
    pub(super) name: &'static str,
    /// Whether a lower-cased media type without parameters is acceptable.
    pub(super) matches: fn(&str) -> bool,
}

/// The whole body of `req`, once its media type is `accepted` and it is within the size
/// and time limits.
pub(super) fn receive(
    req: &HttpRequest,
    payload: &mut Payload,
    accepted: Accepted,
) -> impl Future<Output = Result<Bytes, ApiError>> + 'static {
    let limit = req.app_data::<BodyLimit>().copied().unwrap_or_default().0;
    let timeout = req.app_data::<BodyTimeout>().copied().unwrap_or_default().0;
    let checked = check_media_type(req, accepted).and_then(|()| check_declared_length(req, limit));
    let payload = web::Payload::from_request(req, payload).into_inner();

    async move {
        checked?;
        let receiving = payload
            .map_err(|e| ApiError::internal(e.to_string()))?
            .to_bytes_limited(limit);
        actix_web::rt::time::timeout(timeout, receiving)
            .await
            .map_err(|_| ApiError::BodyTimeout { timeout })?
            .map_err(|_| ApiError::PayloadTooLarge { limit })?
            .map_err(|e| ApiError::MalformedBody(format!("the body could not be received ({e})")))
    }
}

/// Checks the media type, ignoring its parameters and letter case.
fn check_media_type(req: &HttpRequest, accepted: Accepted) -> Result<(), ApiError> {
    let media_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|essence| essence.trim().to_ascii_lowercase())
        .unwrap_or_default();

    // A compressed body would be parsed as if it were plain text: refuse any coding but
    // identity (RFC 9110, 8.4) rather than guess.
    let encoded = req
        .headers()
        .get_all(header::CONTENT_ENCODING)
        .any(|value| {
            !value
                .to_str()
                .is_ok_and(|v| v.trim().eq_ignore_ascii_case("identity"))
        });

    if (accepted.matches)(&media_type) && !encoded {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType {
            expected: accepted.name,
        })
    }
}

/// Refuses a body whose declared length is over the limit before reading any of it.
fn check_declared_length(req: &HttpRequest, limit: usize) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());

    match declared {
        Some(length) if length > limit as u64 => Err(ApiError::PayloadTooLarge { limit }),
        _ => Ok(()),
    }
}
