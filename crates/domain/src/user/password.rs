//! Passwords and their hashes.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use super::username::canonical_username;
use crate::Username;

/// A password a user chose, checked against the password rules. Its `Debug` output is
/// redacted so that it cannot reach a log by accident.
#[derive(Clone)]
pub struct Password(String);

/// Why a password was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Shorter than [`Password::MIN_CHARS`].
    #[error("This password is too short. It must contain at least {min} characters.", min = Password::MIN_CHARS)]
    TooShort,
    /// Longer than [`Password::MAX_CHARS`].
    #[error("This password is too long. It may contain at most {max} characters.", max = Password::MAX_CHARS)]
    TooLong,
    /// Made of digits only.
    #[error("This password is entirely numeric.")]
    EntirelyNumeric,
    /// The same as the username.
    #[error("The password is too similar to the username.")]
    SameAsUsername,
    /// Among the passwords attackers try first.
    #[error("This password is too common.")]
    TooCommon,
}

/// The common-password list shipped with the binary (see `data/README.md`).
static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .collect()
});

impl Password {
    /// The shortest password accepted, in characters.
    pub const MIN_CHARS: usize = 8;
    /// The longest password accepted, in characters: long enough for any passphrase, short
    /// enough that hashing it stays cheap.
    pub const MAX_CHARS: usize = 256;

    /// Checks a new password for the account `username` (when it is known to be valid; an
    /// invalid one is reported on its own, and the other rules still apply).
    pub fn parse(raw: String, username: Option<&Username>) -> Result<Self, PasswordError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        if raw.chars().all(|c| c.is_numeric()) {
            return Err(PasswordError::EntirelyNumeric);
        }
        if username.is_some_and(|name| canonical_username(&raw) == name.canonical()) {
            return Err(PasswordError::SameAsUsername);
        }
        if COMMON_PASSWORDS.contains(raw.trim().to_lowercase().as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Self(raw))
    }

    /// Wraps a password given at sign-in, which is compared with a stored hash and never
    /// checked against the rules (they may have changed since it was set).
    pub fn for_sign_in(raw: String) -> Self {
        Self(raw)
    }

    /// The password's text, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A password hash in PHC string format (`$argon2id$v=19$...`).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a PHC string produced by a hasher or read from storage.
    pub fn new(phc: String) -> Self {
        Self(phc)
    }

    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn username(raw: &str) -> Username {
        Username::parse(raw.into()).unwrap_or_else(|e| panic!("{raw}: {e}"))
    }

    #[test]
    fn a_reasonable_password_is_accepted() {
        assert!(Password::parse("correct horse".into(), Some(&username("alice"))).is_ok());
    }

    #[test]
    fn each_rule_rejects_its_case() {
        let too_long = "x".repeat(Password::MAX_CHARS + 1);
        let cases = [
            ("7 chars", "short1!", PasswordError::TooShort),
            ("too long", too_long.as_str(), PasswordError::TooLong),
            ("digits only", "12345678901", PasswordError::EntirelyNumeric),
            (
                "the username in capitals",
                "MAXIMILIAN",
                PasswordError::SameAsUsername,
            ),
        ];
        let maximilian = username("maximilian");

        for (case, raw, expected) in cases {
            let outcome = Password::parse(raw.into(), Some(&maximilian)).err();
            assert_eq!(outcome, Some(expected), "{case}");
        }
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let password = Password::for_sign_in("hunter22-secret".into());
        assert!(!format!("{password:?}").contains("hunter22"));
        let hash = PasswordHash::new("$argon2id$v=19$secret".into());
        assert!(!format!("{hash:?}").contains("secret"));
    }
}
