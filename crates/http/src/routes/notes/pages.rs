//! The three shapes of `GET /api/notes/` and the links between pages.

use actix_web::HttpRequest;
use serde::Serialize;
use utoipa::ToSchema;

use super::NoteResponse;
use crate::forwarding::{TrustedProxies, link_origin};

/// The answer of `GET /api/notes/`: which shape depends on the paging parameters.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub(crate) enum NoteListing {
    /// Without `limit`, `offset` or `cursor`: every selected note, as a plain array.
    All(Vec<NoteResponse>),
    /// With `limit` and/or `offset`.
    Page(NotePage),
    /// With `cursor`.
    CursorPage(NoteCursorPage),
}

/// A page cut by `limit` and `offset`, as Django REST Framework's limit/offset paging: all
/// four members always present, the links null where there is no such page.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotePage {
    /// How many notes the whole listing holds.
    #[schema(example = 57)]
    pub(crate) count: u64,
    /// The absolute URL of the next page; null on the last page.
    #[schema(
        format = "uri",
        required = true,
        example = "https://notes.example/api/notes/?limit=20&offset=40"
    )]
    pub(crate) next: Option<String>,
    /// The absolute URL of the previous page; null on the first page.
    #[schema(
        format = "uri",
        required = true,
        example = "https://notes.example/api/notes/?limit=20"
    )]
    pub(crate) previous: Option<String>,
    /// The page's notes.
    pub(crate) results: Vec<NoteResponse>,
}

/// A page cut at a cursor: reading any page costs the same however deep it is, and notes
/// added or removed meanwhile never shift a page.
///
/// No other members (`deny_unknown_fields` only shapes the schema): that, and `count`
/// being required there, is what tells it apart from a [`NotePage`].
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteCursorPage {
    /// The absolute URL of the next page; null on the last page.
    #[schema(
        format = "uri",
        required = true,
        example = "https://notes.example/api/notes/?cursor=MXwtY3wyMDI2"
    )]
    pub(crate) next: Option<String>,
    /// The absolute URL of the previous page; null on the first page.
    #[schema(format = "uri", required = true)]
    pub(crate) previous: Option<String>,
    /// The page's notes.
    pub(crate) results: Vec<NoteResponse>,
}

/// Builds the absolute URLs of other pages of the same listing: the request's own URL
/// with its paging parameters replaced.
pub(crate) struct PageLinks<'a> {
    base: String,
    kept: Vec<(&'a str, &'a str)>,
}

impl<'a> PageLinks<'a> {
    /// Links relative to `req`, keeping every parameter but `limit`, `offset` and `cursor`;
    /// their origin comes from forwarding headers only when a `trusted` proxy sent them.
    pub(crate) fn new(
        req: &HttpRequest,
        params: &'a [(String, String)],
        trusted: &TrustedProxies,
    ) -> Self {
        let base = format!("{}{}", link_origin(req, trusted), req.path());
        let kept = params
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "limit" | "offset" | "cursor"))
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .collect();
        Self { base, kept }
    }

    /// The URL with `paging` added to the kept parameters.
    pub(crate) fn with(&self, paging: &[(&str, &str)]) -> String {
        let mut params = self.kept.clone();
        params.extend_from_slice(paging);
        let query = serde_urlencoded::to_string(&params).unwrap_or_default();
        format!("{}?{query}", self.base)
    }
}
