//! Idempotency keys: a client that retries a create after a timeout gets the note created
//! by its first attempt instead of a second one.

use chrono::TimeDelta;

use super::{NewNote, Note};

/// How long a key is remembered after its first use. A retry later than that creates a new
/// note.
pub const IDEMPOTENCY_KEY_LIFETIME: TimeDelta = TimeDelta::hours(24);

/// A client-chosen key naming one create request: 1 to 255 visible ASCII characters, unique
/// per user (two users may use the same key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("An idempotency key is 1 to {max} visible ASCII characters.", max = IdempotencyKey::MAX_LEN)]
pub struct IdempotencyKeyError;

impl IdempotencyKey {
    /// The longest key accepted.
    pub const MAX_LEN: usize = 255;

    /// Checks a key.
    pub fn parse(raw: &str) -> Result<Self, IdempotencyKeyError> {
        let visible = raw.bytes().all(|b| b.is_ascii_graphic());
        if raw.is_empty() || raw.len() > Self::MAX_LEN || !visible {
            return Err(IdempotencyKeyError);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a create under an idempotency key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateOnce {
    /// The key was new (or had expired): the note was created and the key now names it.
    Created(Note),
    /// The key was already used: nothing was created. This is the note as the first
    /// request created it, even if it has changed or been deleted since. The caller
    /// compares it with its own request ([`NewNote::is_request_for`]): a key reused for
    /// a different note is the client's mistake.
    Replayed(Note),
}

impl NewNote {
    /// True when `created` is what this request creates: same title, body and tags.
    pub fn is_request_for(&self, created: &Note) -> bool {
        self.title == created.title && self.body == created.body && self.tags == created.tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_255_bytes() {
        assert!(IdempotencyKey::parse("3f6c1a7e-retry_1").is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(255)).is_ok());
        for refused in ["", "with space", "é", "tab\t", &"k".repeat(256)] {
            assert_eq!(
                IdempotencyKey::parse(refused),
                Err(IdempotencyKeyError),
                "{refused:?}"
            );
        }
    }
}
