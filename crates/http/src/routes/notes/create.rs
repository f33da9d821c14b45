//! `POST /api/notes/`

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{NoteRequest, NoteResponse};
use crate::extract::{AccessToken, JsonBody};
use crate::openapi::{BearerErrors, RequestBodyErrors};
use crate::{ApiError, AppState};

/// Create a note owned by you.
///
/// `owner`, `id` and timestamps in the body are ignored.
#[utoipa::path(
    post,
    path = "/api/notes/",
    operation_id = "create_note",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    request_body = NoteRequest,
    responses(
        (
            status = 201,
            description = "The note was created.",
            body = NoteResponse,
            headers(("Location" = String, description = "The new note's path.")),
        ),
        RequestBodyErrors,
        BearerErrors,
    ),
)]
pub(crate) async fn create_note(
    state: web::Data<AppState>,
    access: AccessToken,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let new_note = request.into_new_note()?;
    let notes = state.notes.clone();

    let (user, note) = access
        .run(move |user| notes.create(user.id, &new_note))
        .await?;

    let location = format!("/api/notes/{}/", note.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(NoteResponse::new(note, &user.user.username)))
}
