//! The `{id}` segment of a note's path.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use notes_domain::NoteId;

use crate::ApiError;

/// A note id taken from the path. Anything that is not a 64-bit integer names no note, so it
/// answers 404 exactly as an unknown id does.
#[derive(Debug, Clone, Copy)]
pub struct NoteIdPath(pub NoteId);

impl FromRequest for NoteIdPath {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .get("id")
            .and_then(|segment| segment.parse::<i64>().ok())
            .map(|id| NoteIdPath(NoteId(id)))
            .ok_or(ApiError::NotFound);
        ready(id)
    }
}
