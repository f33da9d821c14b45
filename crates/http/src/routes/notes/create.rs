//! `POST /api/notes/`

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{CreateOnce, IdempotencyKey, Note};

use super::etag::etag;
use super::{NoteRequest, NoteResponse};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, JsonBody};
use crate::openapi::{BearerErrors, IdempotencyKeyReused, RequestBodyErrors};
use crate::{ApiError, AppState};

/// The request header naming a create request, so that retrying it is safe.
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Create a note owned by you.
///
/// `owner`, `id` and timestamps in the body are ignored. Send an `Idempotency-Key` to make
/// retries safe: for 24 hours, the same key with the same body creates nothing more and
/// answers the first response again (with `Idempotent-Replayed: true`); with a different
/// body it answers 422. Keys are per user.
#[utoipa::path(
    post,
    path = "/api/notes/",
    operation_id = "create_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        (
            "Idempotency-Key" = Option<String>, Header, nullable = false,
            description = "1 to 255 visible ASCII characters naming this request.",
            example = "7c0e1c9a-5d1f-4a77-9f3e-2b8f0d6a1c42"
        ),
    ),
    request_body = NoteRequest,
    responses(
        (
            status = 201,
            description = "The note was created (or, for a repeated Idempotency-Key, had been).",
            body = NoteResponse,
            headers(
                ("Location" = String, description = "The new note's path."),
                ("ETag" = String, description = "The note's entity tag."),
                (
                    "Idempotent-Replayed" = String,
                    description = "`true` when this answers an earlier request with the same key."
                ),
            ),
        ),
        RequestBodyErrors,
        BearerErrors,
        IdempotencyKeyReused,
    ),
)]
pub(crate) async fn create_note(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    let new_note = request.into_new_note()?;
    let notes = state.notes.clone();

    let Some(key) = key else {
        let note = run_blocking(move || notes.create(user.id, &new_note)).await?;
        return Ok(created(note, &user, false));
    };
    let (outcome, new_note) = run_blocking(move || {
        notes
            .create_once(user.id, &key, &new_note)
            .map(|outcome| (outcome, new_note))
    })
    .await?;

    match outcome {
        CreateOnce::Created(note) => Ok(created(note, &user, false)),
        CreateOnce::Replayed(note) if new_note.is_request_for(&note) => {
            Ok(created(note, &user, true))
        }
        CreateOnce::Replayed(_) => Err(ApiError::IdempotencyKeyReused),
    }
}

/// The `Idempotency-Key` header, if sent.
fn idempotency_key(req: &HttpRequest) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(value) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default();
    IdempotencyKey::parse(text)
        .map(Some)
        .map_err(|error| ApiError::invalid_field(IDEMPOTENCY_KEY, error))
}

/// The 201 answer for `note`.
fn created(note: Note, user: &AuthenticatedUser, replayed: bool) -> HttpResponse {
    let mut response = HttpResponse::Created();
    response
        .insert_header((header::LOCATION, format!("/api/notes/{}/", note.id)))
        .insert_header((header::ETAG, etag(&note)));
    if replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    response.json(NoteResponse::new(note, &user.user.username))
}
