//! The application's limit on the size of a request's header fields.
//!
//! actix-web refuses a request head over 128 KiB or with more than 96 fields itself, with a
//! bare 431 before any application code runs; those limits cannot be configured. This
//! check sits under them, so that the usual oversized head gets a configurable limit and a
//! problem document like every other refusal.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError};

use crate::problem::ApiError;

/// The most bytes of header names and values a request may carry. Registered as app data;
/// 16 KiB when absent.
#[derive(Debug, Clone, Copy)]
pub struct HeaderLimit(pub usize);

impl Default for HeaderLimit {
    fn default() -> Self {
        Self(16 * 1024)
    }
}

/// Answers 431 to a request whose header names and values add up to more than the limit,
/// before any handler or extractor sees it.
pub async fn limit_header_size(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let limit = req.app_data::<HeaderLimit>().copied().unwrap_or_default().0;
    let size: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();

    if size > limit {
        let refusal = ApiError::HeadersTooLarge { limit }.error_response();
        return Ok(req.into_response(refusal));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
