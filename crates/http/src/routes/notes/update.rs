//! `PUT` and `PATCH /api/notes/{id}/`

use actix_web::{HttpResponse, web};
use notes_domain::{NoteChanges, NoteId};

use super::{NotePatchRequest, NoteRequest, NoteResponse};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, JsonBody, PathId};
use crate::{ApiError, AppState};

/// Replace the title and body of one of your notes.
pub(crate) async fn replace_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let note = request.into_new_note()?;
    let changes = NoteChanges {
        title: Some(note.title),
        body: Some(note.body),
    };

    apply(state, user, NoteId(id), changes).await
}

/// Change some fields of one of your notes.
pub(crate) async fn update_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<NotePatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let changes = request.into_changes()?;

    apply(state, user, NoteId(id), changes).await
}

async fn apply(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    id: NoteId,
    changes: NoteChanges,
) -> Result<HttpResponse, ApiError> {
    let notes = state.notes.clone();

    let note = run_blocking(move || notes.update(user.id, id, &changes)).await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(note, &user.user.username)))
}
