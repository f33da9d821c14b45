//! The `{name}` segment of a tag's path.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use notes_domain::TagName;

use crate::ApiError;

/// A tag name taken from the path, percent-decoded. A segment that is no valid tag name
/// names no tag: 404, as an unknown tag.
#[derive(Debug)]
pub(crate) struct TagPath(pub(crate) TagName);

impl FromRequest for TagPath {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let name = req
            .match_info()
            .get("name")
            .and_then(decode)
            .and_then(|name| TagName::parse(name).ok())
            .map(TagPath)
            .ok_or(ApiError::NotFound);
        ready(name)
    }
}

/// Decodes the escapes actix-web leaves in a path segment (`%25`, `%2F`, `%2B` and any
/// other `%XX`); `None` when the result is not UTF-8 or an escape is malformed.
fn decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_left_in_the_segment_are_decoded_once() {
        assert_eq!(decode("a%2Fb%2Bc%25d").as_deref(), Some("a/b+c%d"));
        assert_eq!(decode("%252F").as_deref(), Some("%2F"));
        assert_eq!(decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(decode("bad%2"), None);
        assert_eq!(decode("%FF"), None);
    }
}
