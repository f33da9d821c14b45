//! A JSON request body: checked for media type and size, then parsed with the path of any
//! type error reported against its field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::ApiError;

/// The largest request body accepted, in bytes. Registered as app data; 1 MiB when absent.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl Default for BodyLimit {
    fn default() -> Self {
        Self(1024 * 1024)
    }
}

/// A request body parsed from JSON into `T`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().copied().unwrap_or_default().0;
        let checked = check_media_type(req).and_then(|()| check_declared_length(req, limit));
        let payload = web::Payload::from_request(req, payload).into_inner();

        Box::pin(async move {
            checked?;
            let bytes = payload
                .map_err(|e| ApiError::internal(e.to_string()))?
                .to_bytes_limited(limit)
                .await
                .map_err(|_| ApiError::PayloadTooLarge { limit })?
                .map_err(|e| {
                    ApiError::MalformedBody(format!("the body could not be received ({e})"))
                })?;
            parse(&bytes).map(JsonBody)
        })
    }
}

/// `application/json` or any `application/*+json`, with or without parameters.
fn check_media_type(req: &HttpRequest) -> Result<(), ApiError> {
    let media_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|essence| essence.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let is_json = media_type == "application/json"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"));

    if is_json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
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

/// Parses an object body into `T`. The body must be a JSON object: serde would otherwise
/// accept an array as a struct's fields in order.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::MalformedBody(format!("invalid JSON ({e})")))?;
    if !value.is_object() {
        return Err(ApiError::MalformedBody("expected a JSON object".into()));
    }

    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        ApiError::invalid_field(&path, error.into_inner())
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::extract::Field;

    #[derive(Debug, Deserialize)]
    struct Input {
        #[serde(default)]
        #[expect(dead_code, reason = "only parsing is under test")]
        title: Field<String>,
    }

    #[test]
    fn a_wrong_json_type_is_reported_against_its_field() {
        let outcome = parse::<Input>(br#"{"title": 5}"#);

        let Err(ApiError::Validation(errors)) = outcome else {
            panic!("expected a validation error, got {outcome:?}");
        };
        assert!(errors.contains_key("title"), "{errors:?}");
    }

    #[test]
    fn syntax_errors_trailing_data_and_non_objects_are_malformed_bodies() {
        for body in [
            &b"{"[..],
            b"",
            b"{} []",
            b"[]",
            br#"["a title", "a body"]"#,
            b"\"text\"",
            b"null",
            b"\xef\xbb\xbf{}",
        ] {
            let outcome = parse::<Input>(body);
            assert!(
                matches!(outcome, Err(ApiError::MalformedBody(_))),
                "{:?}: {outcome:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
