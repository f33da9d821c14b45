//! `DELETE /api/tags/{name}/`

use actix_web::{HttpResponse, web};

use super::TagPath;
use crate::blocking::run_blocking;
use crate::extract::AuthenticatedUser;
use crate::openapi::NoteLookupErrors;
use crate::{ApiError, AppState};

/// Remove one of your tags from every note that carries it; the notes stay.
#[utoipa::path(
    delete,
    path = "/api/tags/{name}/",
    operation_id = "delete_tag",
    tag = "tags",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("name" = String, Path, description = "The tag's name (percent-encoded).", example = "shopping")),
    responses(
        (status = 204, description = "No note carries the tag any more."),
        NoteLookupErrors,
    ),
)]
pub(crate) async fn delete_tag(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    TagPath(name): TagPath,
) -> Result<HttpResponse, ApiError> {
    let tags = state.tags.clone();

    run_blocking(move || tags.delete(user.id, &name)).await?;

    Ok(HttpResponse::NoContent().finish())
}
