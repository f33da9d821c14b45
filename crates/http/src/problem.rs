//! The one error type handlers return, and the RFC 9457 problem document every error
//! response carries. This is the only place that decides status codes.

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use notes_domain::{AccountError, MAX_TAGS_PER_USER, NoteError, StorageError, TagError};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Messages per offending request field, e.g. `{"title": ["This field is required."]}`.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank",
    "title": "Bad Request",
    "status": 400,
    "detail": "The request is invalid: see errors.",
    "code": "invalid",
    "errors": {"title": ["This field is required."]}
}))]
pub struct Problem {
    /// Always `about:blank`: the status code says what kind of problem this is.
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub problem_type: &'static str,
    /// The status code's reason phrase.
    pub title: &'static str,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599, example = 400)]
    pub status: u16,
    /// A human-readable explanation of this occurrence.
    pub detail: String,
    /// A stable machine-readable code, e.g. `invalid`, `not_found`, `token_not_valid`.
    pub code: &'static str,
    /// For validation failures: the messages for each offending field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = HashMap<String, Vec<String>>, required = false)]
    pub errors: Option<FieldErrors>,
}

/// Everything a request can end in other than success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One or more fields failed validation.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// The body is not well-formed JSON of the expected shape.
    #[error("malformed request body: {0}")]
    MalformedBody(String),
    /// No credentials were sent, or not as a bearer token.
    #[error("not authenticated")]
    NotAuthenticated,
    /// A bearer token was sent but is not valid here.
    #[error("invalid token: {0}")]
    InvalidToken(String),
    /// A username and password did not match an active account.
    #[error("bad credentials")]
    BadCredentials,
    /// Authenticated, but not allowed to do this (staff-only operations).
    #[error("forbidden")]
    Forbidden,
    /// The service cannot serve yet (its storage is unreachable or out of date).
    #[error("not ready: {0}")]
    NotReady(String),
    /// No such resource for this user.
    #[error("not found")]
    NotFound,
    /// The path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed {
        /// The methods the path does allow, for the `Allow` header.
        allow: &'static str,
    },
    /// An `If-Match` precondition failed: the note changed since the client read it.
    #[error("precondition failed")]
    PreconditionFailed,
    /// An `Idempotency-Key` already used for a different request.
    #[error("idempotency key reused for a different request")]
    IdempotencyKeyReused,
    /// The body is larger than the configured limit.
    #[error("payload too large")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not in the media type the operation takes.
    #[error("unsupported media type")]
    UnsupportedMediaType {
        /// The media type the operation takes, e.g. `application/json`.
        expected: &'static str,
    },
    /// Too many attempts from this client or on this account; retry later.
    #[error("rate limited")]
    TooManyRequests {
        /// Seconds until an attempt is allowed again.
        retry_after_secs: u64,
    },
    /// Too many requests are already waiting for the same scarce resource.
    #[error("overloaded")]
    Overloaded {
        /// Seconds after which a retry is sensible.
        retry_after_secs: u64,
    },
    /// A cross-origin request (usually a preflight) from an origin, or with a method or
    /// header, that the CORS settings do not allow.
    #[error("cross-origin request refused: {0}")]
    CrossOriginRefused(String),
    /// A fault on our side; the cause goes to the log, never to the client.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
}

impl ApiError {
    /// Wraps any unexpected failure.
    pub fn internal(cause: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::Internal(cause.into())
    }

    /// A validation failure of a single field.
    pub fn invalid_field(field: &str, message: impl fmt::Display) -> Self {
        Self::Validation(BTreeMap::from([(
            field.to_owned(),
            vec![message.to_string()],
        )]))
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "invalid",
            Self::MalformedBody(_) => "parse_error",
            Self::NotAuthenticated => "not_authenticated",
            Self::InvalidToken(_) => "token_not_valid",
            Self::BadCredentials => "no_active_account",
            Self::Forbidden => "permission_denied",
            Self::NotReady(_) => "not_ready",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::PreconditionFailed => "precondition_failed",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::TooManyRequests { .. } => "throttled",
            Self::Overloaded { .. } => "overloaded",
            Self::CrossOriginRefused(_) => "cross_origin_refused",
            Self::Internal(_) => "internal_error",
        }
    }

    /// What the client is told. Deliberately says nothing about why a token failed or
    /// whether a username exists.
    fn detail(&self) -> String {
        match self {
            Self::Validation(_) => "The request is invalid: see errors.".into(),
            Self::MalformedBody(reason) => format!("The request body could not be read: {reason}"),
            Self::NotAuthenticated => "Authentication credentials were not provided.".into(),
            Self::InvalidToken(_) => "Given token not valid for any token type".into(),
            Self::BadCredentials => "No active account found with the given credentials".into(),
            Self::Forbidden => "You do not have permission to perform this action.".into(),
            Self::NotReady(_) => "The service is not ready to serve requests.".into(),
            Self::NotFound => "Not found.".into(),
            Self::MethodNotAllowed { allow } => {
                format!("Method not allowed here; allowed: {allow}.")
            }
            Self::PreconditionFailed => {
                "The note has changed since the version in If-Match; read it again.".into()
            }
            Self::IdempotencyKeyReused => {
                "This Idempotency-Key was already used for a different request.".into()
            }
            Self::PayloadTooLarge { limit } => {
                format!("The request body is larger than the limit of {limit} bytes.")
            }
            Self::UnsupportedMediaType { expected } => {
                format!("The request body must be sent with Content-Type: {expected}.")
            }
            Self::TooManyRequests { retry_after_secs } => {
                format!("Too many attempts; retry in {retry_after_secs} seconds.")
            }
            Self::Overloaded { .. } => "The server is busy; retry shortly.".into(),
            Self::CrossOriginRefused(reason) => {
                format!("This cross-origin request is not allowed: {reason}.")
            }
            Self::Internal(_) => "An internal error occurred; it has been logged.".into(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) | Self::MalformedBody(_) => StatusCode::BAD_REQUEST,
            Self::NotAuthenticated | Self::InvalidToken(_) | Self::BadCredentials => {
                StatusCode::UNAUTHORIZED
            }
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Overloaded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::CrossOriginRefused(_) => StatusCode::FORBIDDEN,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let problem = Problem {
            problem_type: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.detail(),
            code: self.code(),
            errors: match self {
                Self::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
        };

        let mut response = HttpResponse::build(status);
        response.content_type(PROBLEM_JSON);
        match self {
            Self::NotAuthenticated => {
                response.insert_header((header::WWW_AUTHENTICATE, r#"Bearer realm="api""#));
            }
            Self::InvalidToken(_) => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    r#"Bearer realm="api", error="invalid_token""#,
                ));
            }
            Self::BadCredentials => {
                response.insert_header((header::WWW_AUTHENTICATE, r#"Bearer realm="api""#));
            }
            Self::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, HeaderValue::from_static(allow)));
            }
            Self::TooManyRequests { retry_after_secs } | Self::Overloaded { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            Self::PayloadTooLarge { .. } => {
                // The rest of an oversized body is never read, so the connection cannot be
                // reused for another request.
                response.insert_header((header::CONNECTION, "close"));
            }
            _ => {}
        }
        response.json(problem)
    }
}

// ---------------------------------------------------------------------------------------
// Domain outcomes as API errors

impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        Self::internal(error)
    }
}

impl From<NoteError> for ApiError {
    fn from(error: NoteError) -> Self {
        match error {
            NoteError::NotFound => Self::NotFound,
            NoteError::OwnerGone => Self::InvalidToken("the account no longer exists".into()),
            NoteError::PreconditionFailed => Self::PreconditionFailed,
            NoteError::TagQuotaExceeded => Self::invalid_field(
                "tags",
                format!("You already have the most distinct tags allowed ({MAX_TAGS_PER_USER})."),
            ),
            NoteError::Storage(cause) => cause.into(),
        }
    }
}

impl From<TagError> for ApiError {
    fn from(error: TagError) -> Self {
        match error {
            TagError::NotFound => Self::NotFound,
            TagError::Storage(cause) => cause.into(),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::UsernameTaken => {
                Self::invalid_field("username", "A user with that username already exists.")
            }
            AccountError::Storage(cause) => cause.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;

    use super::*;

    async fn body_of(error: ApiError) -> serde_json::Value {
        let bytes = to_bytes(error.error_response().into_body())
            .await
            .expect("body");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    #[actix_web::test]
    async fn an_internal_error_reveals_nothing_of_its_cause() {
        let error = ApiError::internal("disk I/O error at /var/lib/notes.sqlite3");

        let body = body_of(error).await;

        assert_eq!(body["status"], 500);
        assert!(!body.to_string().contains("sqlite3"), "{body}");
    }

    #[actix_web::test]
    async fn validation_errors_list_each_field() {
        let error = ApiError::invalid_field("title", "This field is required.");

        let body = body_of(error).await;

        assert_eq!(body["errors"]["title"][0], "This field is required.");
        assert_eq!(body["type"], "about:blank");
        assert_eq!(body["title"], "Bad Request");
    }

    #[test]
    fn every_401_carries_a_bearer_challenge() {
        for error in [
            ApiError::NotAuthenticated,
            ApiError::InvalidToken("expired".into()),
            ApiError::BadCredentials,
        ] {
            let response = error.error_response();
            let challenge = response.headers().get(header::WWW_AUTHENTICATE);
            assert!(
                challenge.is_some_and(|v| v.as_bytes().starts_with(b"Bearer")),
                "{error:?}"
            );
        }
    }
}
