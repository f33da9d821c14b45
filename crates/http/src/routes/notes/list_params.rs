//! The query parameters of `GET /api/notes/`: filters, ordering and paging.

use chrono::{DateTime, Utc};
use notes_domain::{
    MAX_TAGS_PER_NOTE, NoteOrdering, NoteQuery, PageLimit, SearchTerms, Seek, SortField, TagName,
    TimeRange,
};

use super::cursor;
use crate::ApiError;
use crate::extract::FieldCollector;

/// How the listing is cut.
#[derive(Debug)]
pub(crate) enum Paging {
    /// No paging parameter: every note, as a plain array.
    All,
    /// `limit` and/or `offset`: a page with the total count.
    Offset {
        /// Notes skipped.
        offset: u64,
        /// Page size.
        limit: PageLimit,
    },
    /// `cursor` (empty for the first page): a page next to a position.
    Cursor {
        /// Where the page starts.
        seek: Seek,
        /// Page size.
        limit: PageLimit,
    },
}

/// A parsed listing request.
#[derive(Debug)]
pub(crate) struct ListRequest {
    /// Which notes, in which order.
    pub(crate) query: NoteQuery,
    /// How they are cut into pages.
    pub(crate) paging: Paging,
    /// The parameters as sent, for the links to other pages.
    pub(crate) params: Vec<(String, String)>,
}

impl ListRequest {
    /// Parses a query string, reporting every bad parameter at once. Unknown parameters
    /// are ignored.
    pub(crate) fn parse(query_string: &str) -> Result<Self, ApiError> {
        let params: Vec<(String, String)> = serde_urlencoded::from_str(query_string)
            .map_err(|_| ApiError::invalid_field("query", "The query string is malformed."))?;
        let mut fields = FieldCollector::default();
        let single = |name: &str| {
            params
                .iter()
                .rev()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };

        let ordering = single("ordering").map_or(Some(NoteOrdering::default()), |raw| {
            fields.check("ordering", parse_ordering(raw))
        });
        let search = single("search")
            .and_then(|raw| fields.check("search", SearchTerms::parse(raw)).flatten());
        let tags = parse_tags(&mut fields, &params);
        let created = TimeRange {
            from: time(&mut fields, "created_after", single("created_after")),
            until: time(&mut fields, "created_before", single("created_before")),
        };
        let updated = TimeRange {
            from: time(&mut fields, "updated_after", single("updated_after")),
            until: time(&mut fields, "updated_before", single("updated_before")),
        };

        let limit = single("limit").map(|raw| fields.check("limit", parse_limit(raw)));
        let offset = single("offset").map(|raw| fields.check("offset", parse_offset(raw)));
        let cursor_param = single("cursor");
        if cursor_param.is_some() && offset.is_some() {
            fields.add("cursor", "Use either cursor or offset, not both.");
        }
        let seek = match (cursor_param, ordering) {
            (Some(raw), Some(ordering)) => fields.check("cursor", cursor::decode(raw, ordering)),
            _ => None,
        };

        let ordering = fields.finish(ordering)?;
        let limit = limit.flatten().unwrap_or(PageLimit::DEFAULT);
        let paging = match (seek, offset) {
            (Some(seek), _) => Paging::Cursor { seek, limit },
            (None, Some(offset)) => Paging::Offset {
                offset: offset.unwrap_or(0),
                limit,
            },
            (None, None) if single("limit").is_some() => Paging::Offset { offset: 0, limit },
            (None, None) => Paging::All,
        };
        let query = NoteQuery {
            search,
            tags,
            created,
            updated,
            ordering,
        };
        Ok(Self {
            query,
            paging,
            params,
        })
    }
}

/// `created_at`, `-created_at`, `updated_at`, `-updated_at`, `title` or `-title`.
fn parse_ordering(raw: &str) -> Result<NoteOrdering, String> {
    let (descending, name) = match raw.strip_prefix('-') {
        Some(name) => (true, name),
        None => (false, raw),
    };
    let field = match name {
        "created_at" => SortField::CreatedAt,
        "updated_at" => SortField::UpdatedAt,
        "title" => SortField::Title,
        _ => {
            return Err(
                "Order by one of created_at, updated_at or title, with - for descending."
                    .to_owned(),
            );
        }
    };
    Ok(NoteOrdering { field, descending })
}

fn parse_limit(raw: &str) -> Result<PageLimit, String> {
    let message = format!(
        "Ensure this value is a whole number from 1 to {}.",
        PageLimit::MAX
    );
    let limit: u64 = raw.parse().map_err(|_| message.clone())?;
    PageLimit::new(limit).map_err(|_| message)
}

fn parse_offset(raw: &str) -> Result<u64, &'static str> {
    raw.parse::<u64>()
        .ok()
        .filter(|offset| i64::try_from(*offset).is_ok())
        .ok_or("Ensure this value is a whole number, 0 or more.")
}

/// Every `tag` parameter, each a valid name; more than a note can carry is refused.
fn parse_tags(fields: &mut FieldCollector, params: &[(String, String)]) -> Vec<TagName> {
    let raw: Vec<&str> = params
        .iter()
        .filter(|(key, _)| key == "tag")
        .map(|(_, value)| value.as_str())
        .collect();
    if raw.len() > MAX_TAGS_PER_NOTE {
        fields.add(
            "tag",
            format!("Filter by at most {MAX_TAGS_PER_NOTE} tags (a note carries no more)."),
        );
        return Vec::new();
    }
    raw.into_iter()
        .filter_map(|name| fields.check("tag", TagName::parse(name.to_owned())))
        .collect()
}

/// An RFC 3339 instant.
fn time(fields: &mut FieldCollector, name: &str, raw: Option<&str>) -> Option<DateTime<Utc>> {
    let raw = raw?;
    let parsed = DateTime::parse_from_rfc3339(raw)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| {
            "Use an RFC 3339 date-time such as 2026-12-04T16:20:00Z (encode a + offset as %2B)."
        });
    fields.check(name, parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(query: &str) -> Vec<String> {
        match ListRequest::parse(query) {
            Err(ApiError::Validation(errors)) => errors.into_keys().collect(),
            other => panic!("{query}: expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn no_paging_parameter_lists_everything() {
        let request = ListRequest::parse("search=milk&ordering=title").expect("valid");

        assert!(matches!(request.paging, Paging::All));
    }

    #[test]
    fn limit_or_offset_pages_by_offset_and_cursor_by_position() {
        for query in ["limit=5", "offset=10", "limit=5&offset=0"] {
            let request = ListRequest::parse(query).expect("valid");
            assert!(matches!(request.paging, Paging::Offset { .. }), "{query}");
        }
        let first = ListRequest::parse("cursor=").expect("valid");
        assert!(
            matches!(first.paging, Paging::Cursor { limit, .. } if limit == PageLimit::DEFAULT)
        );
    }

    #[test]
    fn bad_values_are_reported_together_under_their_parameter() {
        assert_eq!(
            errors_of("limit=-1&offset=x&ordering=owner&created_after=yesterday"),
            ["created_after", "limit", "offset", "ordering"]
        );
        for query in [
            "limit=0",
            "limit=101",
            "limit=1e3",
            "offset=-5",
            "cursor=x&offset=1",
        ] {
            assert!(!errors_of(query).is_empty(), "{query}");
        }
    }
}
