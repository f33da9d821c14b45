//! `GET /api/tags/`

use actix_web::{HttpResponse, web};
use notes_domain::TagCount;
use serde::Serialize;
use utoipa::ToSchema;

use crate::blocking::run_blocking;
use crate::extract::AuthenticatedUser;
use crate::openapi::BearerErrors;
use crate::{ApiError, AppState};

/// One of your tags.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TagResponse {
    /// The tag's name.
    #[schema(example = "shopping")]
    pub(crate) name: String,
    /// How many of your notes carry it.
    #[schema(minimum = 1, example = 12)]
    pub(crate) notes: u64,
}

impl From<TagCount> for TagResponse {
    fn from(tag: TagCount) -> Self {
        Self {
            name: tag.name.as_str().to_owned(),
            notes: tag.notes,
        }
    }
}

/// List your tags by name, each with how many of your notes carry it.
#[utoipa::path(
    get,
    path = "/api/tags/",
    operation_id = "list_tags",
    tag = "tags",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    responses(
        (status = 200, description = "Your tags, by name.", body = Vec<TagResponse>),
        BearerErrors,
    ),
)]
pub(crate) async fn list_tags(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
) -> Result<HttpResponse, ApiError> {
    let tags = state.tags.clone();

    let listed = run_blocking(move || tags.list(user.id)).await?;

    let body: Vec<TagResponse> = listed.into_iter().map(TagResponse::from).collect();
    Ok(HttpResponse::Ok().json(body))
}
