//! A note's title.

use crate::text::{has_nul, is_blank};

/// A note title: 1 to 200 characters (Unicode scalar values, not bytes), not blank, and free
/// of control characters. Stored exactly as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteTitle(String);

/// Why a title was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TitleError {
    /// Empty or only white space.
    #[error("This field may not be blank.")]
    Blank,
    /// Longer than [`NoteTitle::MAX_CHARS`].
    #[error("Ensure this field has no more than {max} characters (it has {actual}).", max = NoteTitle::MAX_CHARS)]
    TooLong {
        /// The title's length in characters.
        actual: usize,
    },
    /// Holds a control character such as a line break or NUL.
    #[error("Titles may not contain control characters such as line breaks.")]
    ControlCharacter,
}

impl NoteTitle {
    /// The longest title accepted, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Validates a title.
    pub fn parse(raw: String) -> Result<Self, TitleError> {
        if is_blank(&raw) {
            return Err(TitleError::Blank);
        }
        let actual = raw.chars().count();
        if actual > Self::MAX_CHARS {
            return Err(TitleError::TooLong { actual });
        }
        if has_nul(&raw) || raw.chars().any(char::is_control) {
            return Err(TitleError::ControlCharacter);
        }
        Ok(Self(raw))
    }

    /// The title's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_200_characters_of_any_width_is_accepted() {
        for ch in ["a", "é", "😀"] {
            let title = ch.repeat(200);
            assert_eq!(
                NoteTitle::parse(title.clone()).map(|t| t.0),
                Ok(title),
                "{ch}"
            );
        }
    }

    #[test]
    fn a_title_of_201_characters_is_rejected_whatever_its_byte_length() {
        for ch in ["a", "é", "😀"] {
            assert_eq!(
                NoteTitle::parse(ch.repeat(201)),
                Err(TitleError::TooLong { actual: 201 }),
                "{ch}"
            );
        }
    }

    #[test]
    fn blank_titles_are_rejected() {
        for raw in ["", " ", "\t \u{3000}"] {
            assert_eq!(
                NoteTitle::parse(raw.into()),
                Err(TitleError::Blank),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn control_characters_are_rejected() {
        for raw in ["a\nb", "a\0b", "tab\there"] {
            assert_eq!(
                NoteTitle::parse(raw.into()),
                Err(TitleError::ControlCharacter),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn surrounding_white_space_is_kept_verbatim() {
        let title = NoteTitle::parse("  spaced  ".into());
        assert_eq!(title.map(|t| t.0), Ok("  spaced  ".to_owned()));
    }
}
