//! Usernames.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A username: 1 to 150 characters, each a letter, a digit or one of `@ . + - _` (the rules
/// Django applies, so accounts move between the two). Two usernames that differ only in case
/// or in Unicode compatibility form are the same account; see [`Username::canonical`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

/// Why a username was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    /// Empty.
    #[error("This field may not be blank.")]
    Blank,
    /// Longer than [`Username::MAX_CHARS`].
    #[error("Ensure this field has no more than {max} characters.", max = Username::MAX_CHARS)]
    TooLong,
    /// Holds a character outside the allowed set.
    #[error(
        "Enter a valid username. This value may contain only letters, digits and @/./+/-/_ characters."
    )]
    InvalidCharacter,
}

impl Username {
    /// The longest username accepted, in characters.
    pub const MAX_CHARS: usize = 150;

    /// Validates a username.
    pub fn parse(raw: String) -> Result<Self, UsernameError> {
        if raw.is_empty() {
            return Err(UsernameError::Blank);
        }
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(UsernameError::TooLong);
        }
        if !raw
            .chars()
            .all(|c| c.is_alphanumeric() || "@.+-_".contains(c))
        {
            return Err(UsernameError::InvalidCharacter);
        }
        Ok(Self(raw))
    }

    /// The username as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two usernames are compared in: NFKC-normalised and lower-cased, so that
    /// `Alice`, `ALICE` and `Ａｌｉｃｅ` (full-width) name the same account.
    pub fn canonical(&self) -> String {
        canonical_username(&self.0)
    }
}

/// The comparison form of any text given as a username, valid or not (see
/// [`Username::canonical`]).
pub fn canonical_username(raw: &str) -> String {
    raw.nfkc().flat_map(char::to_lowercase).nfkc().collect()
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_digits_and_django_punctuation_are_accepted() {
        for raw in ["alice", "bob.smith+notes@example-1_x", "Zoë", "日本語"] {
            assert!(Username::parse(raw.into()).is_ok(), "{raw}");
        }
    }

    #[test]
    fn spaces_slashes_and_quotes_are_rejected() {
        for raw in ["a b", "a/b", "a'b", "a\0b", "a\nb"] {
            assert_eq!(
                Username::parse(raw.into()),
                Err(UsernameError::InvalidCharacter),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn empty_and_overlong_usernames_are_rejected() {
        assert_eq!(Username::parse(String::new()), Err(UsernameError::Blank));
        assert_eq!(
            Username::parse("a".repeat(151)),
            Err(UsernameError::TooLong)
        );
        assert!(Username::parse("a".repeat(150)).is_ok());
    }

    #[test]
    fn case_and_compatibility_forms_share_one_canonical_name() {
        let forms = ["Alice", "ALICE", "alice", "Ａｌｉｃｅ"];
        let canonical: Vec<String> = forms.iter().map(|f| canonical_username(f)).collect();
        assert!(canonical.iter().all(|c| c == "alice"), "{canonical:?}");
    }
}
