//! The `{id}` segment of a resource's path.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::ApiError;

/// A numeric id taken from the path: plain decimal digits without sign or leading zero, as
/// the server writes ids. Anything else (`+2`, `02`, `-1`, too large for 64 bits) names
/// nothing, so it answers 404 exactly as an unknown id does.
#[derive(Debug, Clone, Copy)]
pub struct PathId(pub i64);

impl FromRequest for PathId {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .get("id")
            .filter(|segment| {
                segment.bytes().all(|b| b.is_ascii_digit()) && !segment.starts_with('0')
            })
            .and_then(|segment| segment.parse::<i64>().ok())
            .map(PathId)
            .ok_or(ApiError::NotFound);
        ready(id)
    }
}
