//! `GET /api/notes/`

use std::sync::Arc;

use actix_web::{HttpResponse, web};

use super::NoteResponse;
use crate::extract::AuthenticatedUser;
use crate::{ApiError, AppState};

/// List your notes, newest first.
pub(crate) async fn list_notes(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
) -> Result<HttpResponse, ApiError> {
    let notes = Arc::clone(&state.notes);

    let (owner, listed) = user.run(move |me| notes.list(me)).await?;

    let body: Vec<NoteResponse<'_>> = listed
        .iter()
        .map(|note| NoteResponse::new(note, &owner))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
