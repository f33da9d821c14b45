//! `PATCH /api/tags/{name}/`

use actix_web::{HttpResponse, web};
use notes_domain::TagName;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{TagPath, TagResponse};
use crate::blocking::run_blocking;
use crate::extract::{AuthenticatedUser, Field, FieldCollector, JsonBody};
use crate::openapi::{NoteLookupErrors, RequestBodyErrors};
use crate::{ApiError, AppState};

/// A tag's new name.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct TagRenameRequest {
    /// 1 to 50 characters, no control characters, no white space at either end.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1, max_length = 50, example = "errands")]
    name: Field<String>,
}

/// Rename one of your tags on every note that carries it.
///
/// If you already have a tag of the new name, the two merge: every note that carried
/// either carries the new name, once. Every note changed gets a new ETag.
#[utoipa::path(
    patch,
    path = "/api/tags/{name}/",
    operation_id = "rename_tag",
    tag = "tags",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(("name" = String, Path, description = "The tag's current name (percent-encoded).", example = "shopping")),
    request_body = TagRenameRequest,
    responses(
        (status = 200, description = "The tag under its new name.", body = TagResponse),
        RequestBodyErrors,
        NoteLookupErrors,
    ),
)]
pub(crate) async fn rename_tag(
    state: web::Data<AppState>,
    user: AuthenticatedUser,
    TagPath(from): TagPath,
    JsonBody(request): JsonBody<TagRenameRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = FieldCollector::default();
    let to = fields
        .required("name", request.name)
        .and_then(|raw| fields.check("name", TagName::parse(raw)));
    let to = fields.finish(to)?;
    let tags = state.tags.clone();

    let renamed = run_blocking(move || tags.rename(user.id, &from, &to)).await?;

    Ok(HttpResponse::Ok().json(TagResponse::from(renamed)))
}
