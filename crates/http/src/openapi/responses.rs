//! The error responses operations share. Each is one component under
//! `#/components/responses`, carrying the `Problem` schema as `application/problem+json`;
//! the groups below attach several of them to an operation at once.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{Object, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToResponse};

use crate::PROBLEM_JSON;

/// A problem response: `description`, the `Problem` schema and an example body.
fn problem_response(description: &str, example: Value) -> ResponseBuilder {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("Problem")))
        .example(Some(example))
        .build();

    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, content)
}

/// The example body of a problem without field errors.
fn problem_example(status: u16, title: &str, code: &str, detail: &str) -> Value {
    json!({
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    })
}

/// A response header whose value is a string.
fn string_header(description: &str) -> utoipa::openapi::Header {
    HeaderBuilder::new()
        .schema(Some(Object::with_type(Type::String)))
        .description(Some(description))
        .build()
}

/// 400: malformed JSON, a wrong JSON type, or failed validation.
pub(crate) struct BadRequest;

impl<'r> ToResponse<'r> for BadRequest {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = json!({
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": "The request is invalid: see errors.",
            "code": "invalid",
            "errors": {"title": ["This field is required."]},
        });
        let response = problem_response(
            "The body is not valid JSON, has a member of the wrong type, or fails validation; \
             `errors` then lists the messages for each offending field.",
            example,
        );

        ("BadRequest", response.build().into())
    }
}

/// 401: no usable credentials.
pub(crate) struct Unauthorized;

impl<'r> ToResponse<'r> for Unauthorized {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            401,
            "Unauthorized",
            "token_not_valid",
            "Given token not valid for any token type",
        );
        let response = problem_response(
            "The token or the credentials are missing, malformed, expired, revoked, of the \
             wrong type, or do not match an active account.",
            example,
        )
        .header(
            "WWW-Authenticate",
            string_header("A `Bearer` challenge (RFC 6750)."),
        );

        ("Unauthorized", response.build().into())
    }
}

/// 403: authenticated, but not staff.
pub(crate) struct Forbidden;

impl<'r> ToResponse<'r> for Forbidden {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            403,
            "Forbidden",
            "permission_denied",
            "You do not have permission to perform this action.",
        );
        let response =
            problem_response("The token is valid, but its account is not staff.", example);

        ("Forbidden", response.build().into())
    }
}

/// 503 from the readiness probe: the database does not answer or is not migrated.
pub(crate) struct NotReady;

impl<'r> ToResponse<'r> for NotReady {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            503,
            "Service Unavailable",
            "not_ready",
            "The service is not ready to serve requests.",
        );
        let response = problem_response(
            "The database does not answer, or migrations built into the server are not \
             applied.",
            example,
        );

        ("NotReady", response.build().into())
    }
}

/// 404: no such note for this user.
pub(crate) struct NotFound;

impl<'r> ToResponse<'r> for NotFound {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(404, "Not Found", "not_found", "Not found.");
        let response = problem_response(
            "No such note or session, or one of another user: both answer the same.",
            example,
        );

        ("NotFound", response.build().into())
    }
}

/// 413: the body is over the configured limit.
pub(crate) struct PayloadTooLarge;

impl<'r> ToResponse<'r> for PayloadTooLarge {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            413,
            "Payload Too Large",
            "payload_too_large",
            "The request body is larger than the limit of 1048576 bytes.",
        );
        let response = problem_response(
            "The request body is larger than the server's limit.",
            example,
        );

        ("PayloadTooLarge", response.build().into())
    }
}

/// 415: the body is not in the media type the operation takes.
pub(crate) struct UnsupportedMediaType;

impl<'r> ToResponse<'r> for UnsupportedMediaType {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            415,
            "Unsupported Media Type",
            "unsupported_media_type",
            "The request body must be sent with Content-Type: application/json.",
        );
        let response = problem_response(
            "The body was not sent with the operation's request media type.",
            example,
        );

        ("UnsupportedMediaType", response.build().into())
    }
}

/// 503: too many sign-ins or registrations are already waiting.
pub(crate) struct ServiceUnavailable;

impl<'r> ToResponse<'r> for ServiceUnavailable {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            503,
            "Service Unavailable",
            "overloaded",
            "The server is busy; retry shortly.",
        );
        let retry_after = HeaderBuilder::new()
            .schema(Some(Object::with_type(Type::Integer)))
            .description(Some("Seconds to wait before retrying."))
            .build();
        let response = problem_response(
            "Too many password checks are already waiting; retry after `Retry-After` seconds.",
            example,
        )
        .header("Retry-After", retry_after);

        ("ServiceUnavailable", response.build().into())
    }
}

/// 429: too many sign-in or registration attempts.
pub(crate) struct TooManyRequests;

impl<'r> ToResponse<'r> for TooManyRequests {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            429,
            "Too Many Requests",
            "throttled",
            "Too many attempts; retry in 20 seconds.",
        );
        let retry_after = HeaderBuilder::new()
            .schema(Some(Object::with_type(Type::Integer)))
            .description(Some("Seconds until an attempt is allowed again."))
            .build();
        let response = problem_response(
            "Too many attempts from this client address, or failed sign-ins on this account; \
             retry after `Retry-After` seconds.",
            example,
        )
        .header("Retry-After", retry_after);

        ("TooManyRequests", response.build().into())
    }
}

/// 412: an `If-Match` precondition failed.
pub(crate) struct PreconditionFailedResponse;

impl<'r> ToResponse<'r> for PreconditionFailedResponse {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            412,
            "Precondition Failed",
            "precondition_failed",
            "The note has changed since the version in If-Match; read it again.",
        );
        let response = problem_response(
            "The note no longer has any ETag sent in `If-Match`: someone changed it meanwhile. \
             Nothing was written.",
            example,
        );

        ("PreconditionFailed", response.build().into())
    }
}

/// 422: an `Idempotency-Key` reused for a different note.
pub(crate) struct IdempotencyKeyReusedResponse;

impl<'r> ToResponse<'r> for IdempotencyKeyReusedResponse {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = problem_example(
            422,
            "Unprocessable Entity",
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request.",
        );
        let response = problem_response(
            "The `Idempotency-Key` was used within 24 hours for a request with another title, \
             body or tags. Nothing was created.",
            example,
        );

        ("IdempotencyKeyReused", response.build().into())
    }
}

/// A `status` entry referring to the response component `R`.
fn refs<'r, R: ToResponse<'r>>(status: &str) -> (String, RefOr<Response>) {
    let (name, _) = R::response();
    (status.to_owned(), Ref::from_response_name(name).into())
}

/// What any operation with a request body can answer: 400, 413 and 415.
pub(crate) struct RequestBodyErrors;

impl IntoResponses for RequestBodyErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([
            refs::<BadRequest>("400"),
            refs::<PayloadTooLarge>("413"),
            refs::<UnsupportedMediaType>("415"),
        ])
    }
}

/// What a sign-in can answer besides its own errors: 401 for bad credentials, 429 beyond
/// the brute-force limits and 503 when too many password checks are waiting.
pub(crate) struct SignInErrors;

impl IntoResponses for SignInErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([
            refs::<Unauthorized>("401"),
            refs::<TooManyRequests>("429"),
            refs::<ServiceUnavailable>("503"),
        ])
    }
}

/// What every operation behind a bearer token can answer: 401.
pub(crate) struct BearerErrors;

impl IntoResponses for BearerErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([refs::<Unauthorized>("401")])
    }
}

/// What every staff-only operation can answer: 401 and 403.
pub(crate) struct StaffErrors;

impl IntoResponses for StaffErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([refs::<Unauthorized>("401"), refs::<Forbidden>("403")])
    }
}

/// What every staff-only operation on one account can answer: 401, 403 and 404.
pub(crate) struct StaffLookupErrors;

impl IntoResponses for StaffLookupErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([
            refs::<Unauthorized>("401"),
            refs::<Forbidden>("403"),
            refs::<NotFound>("404"),
        ])
    }
}

/// What every operation on one session can answer: 401 and 404.
pub(crate) type SessionLookupErrors = NoteLookupErrors;

/// What every operation on one note can answer: 401 and 404.
pub(crate) struct NoteLookupErrors;

impl IntoResponses for NoteLookupErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([refs::<Unauthorized>("401"), refs::<NotFound>("404")])
    }
}

/// What a conditional write can answer besides its own errors: 412.
pub(crate) struct PreconditionFailed;

impl IntoResponses for PreconditionFailed {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([refs::<PreconditionFailedResponse>("412")])
    }
}

/// What a create with an `Idempotency-Key` can answer besides its own errors: 422.
pub(crate) struct IdempotencyKeyReused;

impl IntoResponses for IdempotencyKeyReused {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([refs::<IdempotencyKeyReusedResponse>("422")])
    }
}
