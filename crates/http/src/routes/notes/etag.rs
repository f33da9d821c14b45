//! Entity tags of notes and the conditional request headers that compare them.
//!
//! A note's ETag is strong and has the form `"<id>-<version>"`, e.g. `"42-3"`: the version
//! goes up with every write, and ids are never reused, so a tag names one state of one note.

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderValue};
use notes_domain::{Note, NoteId, NoteVersion, Precondition};

/// The ETag header value of `note`.
pub(crate) fn etag(note: &Note) -> String {
    format!("\"{}-{}\"", note.id, note.version)
}

/// The version the entity tag `tag` names for the note `id`, if it is one of its tags.
/// Weak tags (`W/"…"`) never match here: `If-Match` compares strongly.
fn version_in(tag: &str, id: NoteId) -> Option<NoteVersion> {
    let (note, version) = tag.strip_prefix('"')?.strip_suffix('"')?.split_once('-')?;
    if note != id.0.to_string() {
        return None;
    }
    version.parse().ok().map(NoteVersion)
}

/// The entity tags of a list header such as `If-Match: "1-2", "1-3"`.
fn listed<'a>(values: impl Iterator<Item = &'a HeaderValue>) -> impl Iterator<Item = &'a str> {
    values
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
}

/// What `If-Match` allows for the note `id`: no header (or `*`) allows any version; a list
/// allows the versions its tags name for this note, and nothing if none do.
pub(crate) fn if_match(req: &HttpRequest, id: NoteId) -> Precondition {
    let headers = req.headers();
    if !headers.contains_key(header::IF_MATCH) {
        return Precondition::Always;
    }
    let tags: Vec<&str> = listed(headers.get_all(header::IF_MATCH)).collect();
    if tags.contains(&"*") {
        return Precondition::Always;
    }
    Precondition::VersionIn(tags.into_iter().filter_map(|t| version_in(t, id)).collect())
}

/// True when `If-None-Match` names the note's current state (weak comparison), so a GET
/// answers 304 Not Modified.
pub(crate) fn none_match_fails(req: &HttpRequest, note: &Note) -> bool {
    let current = etag(note);
    listed(req.headers().get_all(header::IF_NONE_MATCH))
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == current)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn if_match_allows_the_versions_its_tags_name_for_this_note_only() {
        let req = TestRequest::default()
            .insert_header((header::IF_MATCH, r#""7-2", "8-3", W/"7-4", "7-x""#))
            .to_http_request();

        assert_eq!(
            if_match(&req, NoteId(7)),
            Precondition::VersionIn(vec![NoteVersion(2)])
        );
    }

    #[test]
    fn no_if_match_or_a_star_allows_any_version() {
        let none = TestRequest::default().to_http_request();
        let star = TestRequest::default()
            .insert_header((header::IF_MATCH, "*"))
            .to_http_request();

        assert_eq!(if_match(&none, NoteId(1)), Precondition::Always);
        assert_eq!(if_match(&star, NoteId(1)), Precondition::Always);
    }
}
