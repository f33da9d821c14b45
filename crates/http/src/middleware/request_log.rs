//! One structured log line per request, and a request id that ties it to the client.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use notes_domain::UserId;

use crate::AppState;

/// The header a request id is read from and echoed in.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The authenticated user, recorded by the extractor for the access log.
#[derive(Debug, Clone, Copy)]
pub struct RequestUser(pub UserId);

/// Counts the request in the metrics by method, matched route pattern and status; logs
/// method, matched route, status, latency, request id and user id once the response is
/// ready, and returns the request id in `X-Request-Id`: the client's own when it is a
/// sensible token, otherwise a fresh UUID. Never logs headers, bodies or query
/// strings, where tokens, passwords and note contents travel.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|value| is_acceptable_id(value))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned);
    let method = req.method().clone();

    let mut res = next.call(req).await?;

    let status = res.status();
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".into());
    let user_id = res
        .request()
        .extensions()
        .get::<RequestUser>()
        .map(|user| user.0.0);
    let latency = started.elapsed();
    if let Some(state) = res.request().app_data::<web::Data<AppState>>() {
        state
            .metrics
            .observe(&route, &method, status.as_u16(), latency);
    }
    let latency_ms = latency.as_secs_f64() * 1000.0;
    // Only a 500 is a fault worth an error line; 503s under load are expected and counted.
    if let Some(error) = res
        .response()
        .error()
        .filter(|_| status == StatusCode::INTERNAL_SERVER_ERROR)
    {
        tracing::error!(
            request.id = %request_id, http.method = %method, http.route = %route,
            http.status = status.as_u16(), latency_ms, user.id = user_id,
            error.cause = ?error.as_response_error(), "request failed"
        );
    } else if status.is_server_error() {
        tracing::warn!(
            request.id = %request_id, http.method = %method, http.route = %route,
            http.status = status.as_u16(), latency_ms, user.id = user_id, "request refused"
        );
    } else {
        tracing::info!(
            request.id = %request_id, http.method = %method, http.route = %route,
            http.status = status.as_u16(), latency_ms, user.id = user_id, "request served"
        );
    }

    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    Ok(res)
}

/// Up to 128 characters of letters, digits and `-_.:`, so a client's id cannot inject
/// anything into logs or headers.
fn is_acceptable_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_request_ids_are_taken_from_the_client() {
        assert!(is_acceptable_id("3f2c-req_01:a.b"));
        for bad in ["", "a b", "a\nb", "<script>", &"x".repeat(129)] {
            assert!(!is_acceptable_id(bad), "{bad:?}");
        }
    }
}
