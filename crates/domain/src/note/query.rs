//! Which of a user's notes a listing shows, in what order, and how it is cut into pages.

use chrono::{DateTime, Utc};

use super::{Note, SearchTerms, TagName};

/// The notes a listing selects and their order. Every filter that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteQuery {
    /// Notes containing every term.
    pub search: Option<SearchTerms>,
    /// Notes carrying every one of these tags (at most
    /// [`MAX_TAGS_PER_NOTE`](crate::MAX_TAGS_PER_NOTE) make sense; callers bound it).
    pub tags: Vec<TagName>,
    /// Notes created within this range.
    pub created: TimeRange,
    /// Notes last changed within this range.
    pub updated: TimeRange,
    /// The order of the results.
    pub ordering: NoteOrdering,
}

/// A half-open range of instants, so that consecutive ranges never overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeRange {
    /// Inclusive lower bound.
    pub from: Option<DateTime<Utc>>,
    /// Exclusive upper bound.
    pub until: Option<DateTime<Utc>>,
}

/// What a listing is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    /// When each note was created.
    CreatedAt,
    /// When each note last changed.
    UpdatedAt,
    /// The title, compared by Unicode code points (not by any language's collation), so
    /// that every backend sorts the same.
    Title,
}

/// A sort order. Notes equal in the field are ordered by id in the same direction, so the
/// order is total and a cursor always knows where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteOrdering {
    /// The field compared first.
    pub field: SortField,
    /// Largest first.
    pub descending: bool,
}

impl Default for NoteOrdering {
    /// Newest first: the order of the plain listing.
    fn default() -> Self {
        Self {
            field: SortField::CreatedAt,
            descending: true,
        }
    }
}

impl NoteOrdering {
    /// Where `note` stands in this order.
    pub fn position_of(&self, note: &Note) -> Position {
        let value = match self.field {
            SortField::CreatedAt => SortValue::Time(note.created_at),
            SortField::UpdatedAt => SortValue::Time(note.updated_at),
            SortField::Title => SortValue::Text(note.title.as_str().to_owned()),
        };
        Position { value, id: note.id }
    }
}

/// The value of a note's sort field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortValue {
    /// For [`SortField::CreatedAt`] and [`SortField::UpdatedAt`].
    Time(DateTime<Utc>),
    /// For [`SortField::Title`].
    Text(String),
}

/// A place in an ordering, between notes: the sort value and id of the note just passed.
/// The note itself need not exist any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The passed note's sort value; its variant matches the ordering's field.
    pub value: SortValue,
    /// The passed note's id.
    pub id: super::NoteId,
}

/// Where a keyset page starts and which way it reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seek {
    /// The position to read from (exclusive); `None` is the start of the ordering.
    pub from: Option<Position>,
    /// Read the notes *before* `from` instead of after it (the previous page). The page is
    /// still returned in the ordering's direction.
    pub backwards: bool,
}

/// How many notes one page holds: 1 to [`PageLimit::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit(u32);

/// Why a page size was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Ensure this value is between 1 and {max}.", max = PageLimit::MAX)]
pub struct PageLimitError;

impl PageLimit {
    /// The largest page.
    pub const MAX: u32 = 100;
    /// The page size when a client asks for pages without naming one.
    pub const DEFAULT: Self = Self(20);

    /// Checks a requested page size.
    pub fn new(limit: u64) -> Result<Self, PageLimitError> {
        u32::try_from(limit)
            .ok()
            .filter(|l| (1..=Self::MAX).contains(l))
            .map(Self)
            .ok_or(PageLimitError)
    }

    /// The size as a number.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// One page of a listing cut by offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetPage {
    /// How many notes the whole listing holds.
    pub count: u64,
    /// The page's notes, in order.
    pub notes: Vec<Note>,
}

/// One page of a listing cut at a [`Seek`] position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysetPage {
    /// The page's notes, in the ordering's direction.
    pub notes: Vec<Note>,
    /// Whether more notes follow in the direction of reading.
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_limits_from_1_to_100_are_accepted() {
        assert_eq!(PageLimit::new(1).map(PageLimit::get), Ok(1));
        assert_eq!(PageLimit::new(100).map(PageLimit::get), Ok(100));
        for refused in [0, 101, u64::from(u32::MAX) + 1] {
            assert_eq!(PageLimit::new(refused), Err(PageLimitError), "{refused}");
        }
    }
}
