//! Sign-in sessions: each sign-in starts one, each refresh continues it, and signing out
//! ends it. A session is the family of refresh tokens descended from one sign-in.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::UserId;

/// The identifier of a session. Assigned by storage and never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId(pub i64);

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An active session as its user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Assigned by storage.
    pub id: SessionId,
    /// Whose session it is.
    pub user: UserId,
    /// What the client said it was when signing in (its `User-Agent`), shortened.
    pub client: String,
    /// When the user signed in.
    pub created_at: DateTime<Utc>,
    /// When the session last obtained tokens (sign-in or refresh).
    pub last_used_at: DateTime<Utc>,
    /// When its current refresh token expires; the session ends then unless refreshed.
    pub expires_at: DateTime<Utc>,
}

/// A session about to start.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Whose session it is.
    pub user: UserId,
    /// The client's description, see [`NewSession::describe_client`].
    pub client: String,
    /// The id (`jti`) of the first refresh token.
    pub refresh_jti: String,
    /// When that token expires.
    pub expires_at: DateTime<Utc>,
}

impl NewSession {
    /// The longest client description kept, in characters.
    pub const MAX_CLIENT_CHARS: usize = 200;

    /// A printable, bounded description of a client from its `User-Agent`.
    pub fn describe_client(user_agent: &str) -> String {
        user_agent
            .chars()
            .filter(|c| !c.is_control())
            .take(Self::MAX_CLIENT_CHARS)
            .collect()
    }
}

/// What became of a refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The presented token was the session's current one; the next one replaces it.
    Rotated,
    /// The presented token had already been replaced: someone is replaying an old token,
    /// so the whole session has been ended.
    ReuseDetected,
    /// The session does not exist, belongs to someone else, or has ended.
    Ended,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_descriptions_are_printable_and_bounded() {
        let described = NewSession::describe_client(&format!("curl/8\n\u{7}{}", "x".repeat(500)));

        assert!(described.starts_with("curl/8"));
        assert!(!described.chars().any(char::is_control));
        assert_eq!(described.chars().count(), NewSession::MAX_CLIENT_CHARS);
    }
}
