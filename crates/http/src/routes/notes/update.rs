//! `PUT` and `PATCH /api/notes/{id}/`

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use notes_domain::{NoteChanges, NoteId};

use super::{NotePatchRequest, NoteRequest, NoteResponse};
use crate::extract::{AuthenticatedUser, JsonBody, NoteIdPath};
use crate::{ApiError, AppState};

/// Replace the title and body of one of your notes.
pub(crate) async fn replace_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    NoteIdPath(id): NoteIdPath,
    JsonBody(request): JsonBody<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let note = request.into_new_note()?;
    let changes = NoteChanges {
        title: Some(note.title),
        body: Some(note.body),
    };

    apply(state, user, id, changes).await
}

/// Change some fields of one of your notes.
pub(crate) async fn update_note(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    NoteIdPath(id): NoteIdPath,
    JsonBody(request): JsonBody<NotePatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let changes = request.into_changes()?;

    apply(state, user, id, changes).await
}

async fn apply(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    id: NoteId,
    changes: NoteChanges,
) -> Result<HttpResponse, ApiError> {
    let notes = Arc::clone(&state.notes);

    let (owner, note) = user.run(move |me| notes.update(me, id, &changes)).await?;

    Ok(HttpResponse::Ok().json(NoteResponse::new(&note, &owner)))
}
