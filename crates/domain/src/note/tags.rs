//! Tags: short names a user attaches to notes to group them.
//!
//! A tag belongs to its user: two users' "work" tags are unrelated. Names are compared
//! exactly (case-sensitive, no normalisation), like every other stored text.

use std::fmt;

/// The most tags one note carries.
pub const MAX_TAGS_PER_NOTE: usize = 20;

/// The most distinct tags one user has across all of their notes.
pub const MAX_TAGS_PER_USER: usize = 500;

/// A tag name: 1 to 50 characters, no control characters, and no white space at either end
/// (refused rather than trimmed, so that what is stored is what was sent).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagName(String);

/// Why a tag name was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagNameError {
    /// Empty or only white space.
    #[error("Tag names may not be blank.")]
    Blank,
    /// Longer than [`TagName::MAX_CHARS`].
    #[error("Ensure each tag has no more than {max} characters (one has {actual}).", max = TagName::MAX_CHARS)]
    TooLong {
        /// The name's length in characters.
        actual: usize,
    },
    /// Holds a control character such as a line break or NUL.
    #[error("Tag names may not contain control characters.")]
    ControlCharacter,
    /// Starts or ends with white space.
    #[error("Tag names may not start or end with white space.")]
    SurroundingWhiteSpace,
}

impl TagName {
    /// The longest tag name accepted, in characters.
    pub const MAX_CHARS: usize = 50;

    /// Validates a tag name.
    pub fn parse(raw: String) -> Result<Self, TagNameError> {
        if raw.chars().all(char::is_whitespace) {
            return Err(TagNameError::Blank);
        }
        let actual = raw.chars().count();
        if actual > Self::MAX_CHARS {
            return Err(TagNameError::TooLong { actual });
        }
        if raw.chars().any(char::is_control) {
            return Err(TagNameError::ControlCharacter);
        }
        if raw.starts_with(char::is_whitespace) || raw.ends_with(char::is_whitespace) {
            return Err(TagNameError::SurroundingWhiteSpace);
        }
        Ok(Self(raw))
    }

    /// The name's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TagName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The tags of one note: at most [`MAX_TAGS_PER_NOTE`], each once, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteTags(Vec<TagName>);

/// Why a note's list of tags was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Ensure this field has no more than {max} distinct tags (it has {actual}).", max = MAX_TAGS_PER_NOTE)]
pub struct TooManyTags {
    /// How many distinct tags were given.
    pub actual: usize,
}

impl NoteTags {
    /// Sorts the names and drops repeats, then checks the count.
    pub fn new(mut names: Vec<TagName>) -> Result<Self, TooManyTags> {
        names.sort_unstable();
        names.dedup();
        if names.len() > MAX_TAGS_PER_NOTE {
            return Err(TooManyTags {
                actual: names.len(),
            });
        }
        Ok(Self(names))
    }

    /// The names, sorted.
    pub fn as_slice(&self) -> &[TagName] {
        &self.0
    }

    /// True when the note has no tags.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One of a user's tags and how many of their notes carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag.
    pub name: TagName,
    /// How many of the user's notes carry it (at least one: a tag no note carries is gone).
    pub notes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str) -> TagName {
        TagName::parse(name.into()).unwrap_or_else(|e| panic!("{name:?}: {e}"))
    }

    #[test]
    fn names_of_any_script_up_to_50_characters_are_accepted_verbatim() {
        for raw in [
            "work",
            "Work",
            "día-libre",
            "😀".repeat(50).as_str(),
            "two words",
        ] {
            assert_eq!(tag(raw).as_str(), raw);
        }
    }

    #[test]
    fn bad_names_are_refused_with_their_reason() {
        let cases = [
            ("", TagNameError::Blank),
            ("  ", TagNameError::Blank),
            (&"a".repeat(51), TagNameError::TooLong { actual: 51 }),
            ("a\nb", TagNameError::ControlCharacter),
            ("a\0", TagNameError::ControlCharacter),
            (" work", TagNameError::SurroundingWhiteSpace),
            ("work\u{3000}", TagNameError::SurroundingWhiteSpace),
        ];
        for (raw, expected) in cases {
            assert_eq!(TagName::parse(raw.into()), Err(expected), "{raw:?}");
        }
    }

    #[test]
    fn a_note_s_tags_are_sorted_and_each_kept_once() {
        let tags = NoteTags::new(vec![tag("b"), tag("a"), tag("b")]).expect("two tags");

        assert_eq!(tags.as_slice(), [tag("a"), tag("b")]);
    }

    #[test]
    fn more_than_20_distinct_tags_are_refused_but_repeats_do_not_count() {
        let distinct: Vec<TagName> = (0..21).map(|i| tag(&format!("t{i}"))).collect();
        let repeated: Vec<TagName> = (0..40).map(|i| tag(&format!("t{}", i % 20))).collect();

        assert_eq!(NoteTags::new(distinct), Err(TooManyTags { actual: 21 }));
        assert_eq!(NoteTags::new(repeated).map(|t| t.as_slice().len()), Ok(20));
    }
}
