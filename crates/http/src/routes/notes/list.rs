//! `GET /api/notes/`

use actix_web::{HttpResponse, web};

use super::NoteResponse;
use crate::extract::AccessToken;
use crate::openapi::BearerErrors;
use crate::{ApiError, AppState};

/// List your notes, newest first.
#[utoipa::path(
    get,
    path = "/api/notes/",
    operation_id = "list_notes",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 200, description = "All your notes, newest first.", body = Vec<NoteResponse>),
        BearerErrors,
    ),
)]
pub(crate) async fn list_notes(
    state: web::Data<AppState>,
    access: AccessToken,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let (user, listed) = access.run(move |user| notes.list(user.id)).await?;

    let body: Vec<NoteResponse> = listed
        .into_iter()
        .map(|note| NoteResponse::new(note, &user.user.username))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
