//! A JSON request body: checked for media type and size, then parsed with the path of any
//! type error reported against its field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::body::{Accepted, receive};
use crate::ApiError;

/// `application/json` or any `application/*+json`.
const JSON: Accepted = Accepted {
    name: "application/json",
    matches: |media_type| {
        media_type == "application/json"
            || (media_type.starts_with("application/") && media_type.ends_with("+json"))
    },
};

/// A request body parsed from JSON into `T`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = receive(req, payload, JSON);

        Box::pin(async move { parse(&body.await?).map(JsonBody) })
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
        title: Field<String>,
    }

    #[derive(Debug, Deserialize)]
    struct Strict {
        #[expect(dead_code, reason = "only parsing is under test")]
        count: u32,
    }

    #[test]
    fn a_wrong_json_type_in_a_field_is_kept_for_validation_to_report() {
        let outcome = parse::<Input>(br#"{"title": 5}"#);

        assert!(
            matches!(
                outcome,
                Ok(Input {
                    title: Field::WrongType(_)
                })
            ),
            "{outcome:?}"
        );
    }

    #[test]
    fn a_wrong_json_type_in_a_plain_member_is_reported_against_its_name() {
        let outcome = parse::<Strict>(br#"{"count": "many"}"#);

        let Err(ApiError::Validation(errors)) = outcome else {
            panic!("expected a validation error, got {outcome:?}");
        };
        assert!(errors.contains_key("count"), "{errors:?}");
    }

    #[test]
    fn syntax_errors_trailing_data_and_non_objects_are_malformed_bodies() {
        for body in [
            &b"{"[..],
            b"",
            b"{} []",
            b"[]",
            br#"["a title", "a body"]"#,
            b" [null] ",
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
