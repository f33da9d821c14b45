//! Cursors of keyset pages. A cursor is opaque to clients: URL-safe base64 of
//! `1|<ordering>|<direction>|<id>|<value>`, where the value is the sort field of the note
//! the page starts beyond (an RFC 3339 time, or the title). It is only valid with the
//! ordering it was made for.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SecondsFormat, Utc};
use notes_domain::{NoteId, NoteOrdering, Position, Seek, SortField, SortValue};

/// Why a cursor was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum CursorError {
    /// Not a cursor this server made.
    #[error("Invalid cursor.")]
    Invalid,
    /// Made for another `ordering`.
    #[error("This cursor was made for another ordering; start again without it.")]
    OtherOrdering,
}

/// The cursor of `seek` in `ordering`.
pub(crate) fn encode(ordering: NoteOrdering, seek: &Seek) -> String {
    let Some(position) = &seek.from else {
        return String::new();
    };
    let value = match &position.value {
        SortValue::Time(time) => time.to_rfc3339_opts(SecondsFormat::Micros, true),
        SortValue::Text(text) => text.clone(),
    };
    let direction = if seek.backwards { "b" } else { "f" };
    let plain = format!(
        "1|{}|{direction}|{}|{value}",
        ordering_code(ordering),
        position.id
    );
    URL_SAFE_NO_PAD.encode(plain)
}

/// The position a cursor names, checked against the request's `ordering`. An empty cursor
/// is the start of the listing.
pub(crate) fn decode(cursor: &str, ordering: NoteOrdering) -> Result<Seek, CursorError> {
    if cursor.is_empty() {
        return Ok(Seek::default());
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| CursorError::Invalid)?;
    let plain = String::from_utf8(bytes).map_err(|_| CursorError::Invalid)?;
    let mut parts = plain.splitn(5, '|');
    let (Some("1"), Some(code), Some(direction), Some(id), Some(value)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(CursorError::Invalid);
    };

    if code != ordering_code(ordering) {
        return Err(CursorError::OtherOrdering);
    }
    let backwards = match direction {
        "f" => false,
        "b" => true,
        _ => return Err(CursorError::Invalid),
    };
    let id = id.parse().map(NoteId).map_err(|_| CursorError::Invalid)?;
    let value = match ordering.field {
        SortField::CreatedAt | SortField::UpdatedAt => DateTime::parse_from_rfc3339(value)
            .map(|time| SortValue::Time(time.with_timezone(&Utc)))
            .map_err(|_| CursorError::Invalid)?,
        SortField::Title => SortValue::Text(value.to_owned()),
    };
    Ok(Seek {
        from: Some(Position { value, id }),
        backwards,
    })
}

/// The `ordering` parameter's spelling of an ordering, e.g. `-created_at`.
pub(crate) fn ordering_code(ordering: NoteOrdering) -> &'static str {
    match (ordering.field, ordering.descending) {
        (SortField::CreatedAt, false) => "created_at",
        (SortField::CreatedAt, true) => "-created_at",
        (SortField::UpdatedAt, false) => "updated_at",
        (SortField::UpdatedAt, true) => "-updated_at",
        (SortField::Title, false) => "title",
        (SortField::Title, true) => "-title",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_title() -> NoteOrdering {
        NoteOrdering {
            field: SortField::Title,
            descending: false,
        }
    }

    #[test]
    fn a_cursor_reads_back_as_the_position_it_was_made_from() {
        let seek = Seek {
            from: Some(Position {
                value: SortValue::Text("a|title|with bars".into()),
                id: NoteId(17),
            }),
            backwards: true,
        };

        let cursor = encode(by_title(), &seek);

        assert_eq!(decode(&cursor, by_title()), Ok(seek));
    }

    #[test]
    fn a_cursor_of_another_ordering_or_garbage_is_refused() {
        let seek = Seek {
            from: Some(Position {
                value: SortValue::Text("t".into()),
                id: NoteId(1),
            }),
            backwards: false,
        };
        let cursor = encode(by_title(), &seek);

        assert_eq!(
            decode(&cursor, NoteOrdering::default()),
            Err(CursorError::OtherOrdering)
        );
        for garbage in ["%%%", "bm90IGEgY3Vyc29y", "MXx0aXRsZXxmfHh8dA"] {
            assert_eq!(
                decode(garbage, by_title()),
                Err(CursorError::Invalid),
                "{garbage}"
            );
        }
    }
}
