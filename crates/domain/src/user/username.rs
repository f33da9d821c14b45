//! Usernames.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A username: 1 to 150 characters, each a letter, a digit or one of `@ . + - _` (the rules
/// Django applies, so accounts move between the two). It is stored NFKC-normalised, as
/// Django does, so `ﬁx` is `fix` and a decomposed `a` + combining acute is `á`. Two
/// usernames that differ only in case are the same account; see [`Username::canonical`].
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

    /// Normalises (NFKC) and validates a username.
    pub fn parse(raw: String) -> Result<Self, UsernameError> {
        let raw: String = raw.nfkc().collect();
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

    /// The form two usernames are compared in: NFKC-normalised and case-folded, so that
    /// `Alice`, `ALICE` and `Ａｌｉｃｅ` (full-width), or `straße` and `STRASSE`, name the same
    /// account.
    pub fn canonical(&self) -> String {
        canonical_username(&self.0)
    }
}

/// The comparison form of any text given as a username, valid or not (see
/// [`Username::canonical`]).
pub fn canonical_username(raw: &str) -> String {
    // Upper-casing then lower-casing, twice, folds what plain lower-casing misses: `ß` and
    // `ẞ` become `ss`, final `ς` becomes `σ`, `ſ` becomes `s`.
    let mut folded: String = raw.nfkc().collect();
    for _ in 0..2 {
        folded = folded.to_uppercase().to_lowercase();
    }
    folded.nfkc().collect()
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
    fn full_case_folding_joins_what_lower_casing_alone_misses() {
        for (a, b) in [
            ("maße", "MASSE"),
            ("straße", "STRASSE"),
            ("ẞ", "ss"),
            ("σς", "ΣΣ"),
            ("ſam", "sam"),
        ] {
            assert_eq!(canonical_username(a), canonical_username(b), "{a} vs {b}");
        }
    }

    #[test]
    fn usernames_are_stored_nfkc_normalised() {
        let cases = [
            ("\u{fb01}x", "fix"),
            ("a\u{301}lice", "\u{e1}lice"),
            ("\u{212b}lice", "\u{c5}lice"),
        ];
        for (raw, stored) in cases {
            assert_eq!(
                Username::parse(raw.into()).map(|u| u.0),
                Ok(stored.to_owned()),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn case_and_compatibility_forms_share_one_canonical_name() {
        let forms = ["Alice", "ALICE", "alice", "Ａｌｉｃｅ"];
        let canonical: Vec<String> = forms.iter().map(|f| canonical_username(f)).collect();
        assert!(canonical.iter().all(|c| c == "alice"), "{canonical:?}");
    }
}
