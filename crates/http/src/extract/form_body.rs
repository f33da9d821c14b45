//! An `application/x-www-form-urlencoded` request body, as OAuth2 clients send to a token
//! endpoint.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::body::{Accepted, receive};
use crate::ApiError;

const FORM: Accepted = Accepted {
    name: "application/x-www-form-urlencoded",
    matches: |media_type| media_type == "application/x-www-form-urlencoded",
};

/// A request body parsed from a URL-encoded form into `T`.
#[derive(Debug)]
pub struct FormBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for FormBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = receive(req, payload, FORM);

        Box::pin(async move { parse(&body.await?).map(FormBody) })
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_urlencoded::from_bytes(bytes)
        .map_err(|error| ApiError::MalformedBody(format!("invalid form ({error})")))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Input {
        username: Option<String>,
    }

    #[test]
    fn percent_encoded_members_are_decoded() {
        let input = parse::<Input>(b"username=priya%40example.com&other=1").expect("parses");

        assert_eq!(input.username.as_deref(), Some("priya@example.com"));
    }

    #[test]
    fn a_repeated_member_is_a_malformed_body() {
        let outcome = parse::<Input>(b"username=a&username=b");

        assert!(
            matches!(outcome, Err(ApiError::MalformedBody(_))),
            "{outcome:?}"
        );
    }
}
