//! A note's text.

use crate::text::{has_nul, is_blank};

/// A note's text: not blank and free of NUL characters; otherwise stored exactly as given.
/// Its size is bounded by the request size limit, not here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBody(String);

/// Why a note text was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Empty or only white space.
    #[error("This field may not be blank.")]
    Blank,
    /// Holds a NUL character.
    #[error("The text may not contain NUL characters.")]
    Nul,
}

impl NoteBody {
    /// Validates a note text.
    pub fn parse(raw: String) -> Result<Self, BodyError> {
        if is_blank(&raw) {
            return Err(BodyError::Blank);
        }
        if has_nul(&raw) {
            return Err(BodyError::Nul);
        }
        Ok(Self(raw))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_other_than_nul_are_kept() {
        let raw = "tab\tnewline\nCR\r end".to_owned();
        assert_eq!(NoteBody::parse(raw.clone()).map(|b| b.0), Ok(raw));
    }

    #[test]
    fn blank_and_nul_bodies_are_rejected() {
        assert_eq!(NoteBody::parse(" \n ".into()), Err(BodyError::Blank));
        assert_eq!(NoteBody::parse("a\0".into()), Err(BodyError::Nul));
    }
}
