//! Errors of the repository operations.

use std::error::Error;

/// A storage failure the caller cannot act on: the database is unreachable, a query failed,
/// a stored row is unreadable. The cause is kept for the log, never shown to a client.
#[derive(Debug, thiserror::Error)]
#[error("storage failed: {0}")]
pub struct StorageError(#[source] pub Box<dyn Error + Send + Sync>);

impl StorageError {
    /// Wraps any error as a storage failure.
    pub fn new(cause: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Self(cause.into())
    }
}

/// Why an operation on one of a user's notes did not happen.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    /// The user has no note with that id: it never existed, was deleted, or belongs to
    /// someone else. These cases are deliberately indistinguishable.
    #[error("note not found")]
    NotFound,
    /// The requesting user's account no longer exists.
    #[error("the owner's account no longer exists")]
    OwnerGone,
    /// The note exists, but its version is not one the [`Precondition`] allows; nothing
    /// was written.
    ///
    /// [`Precondition`]: crate::Precondition
    #[error("the note has changed since the version the client expected")]
    PreconditionFailed,
    /// The write would give the owner more than
    /// [`MAX_TAGS_PER_USER`](crate::MAX_TAGS_PER_USER) distinct tags; nothing was written.
    #[error("the owner has too many distinct tags")]
    TagQuotaExceeded,
    /// The storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Why an account was not created or changed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Another account already has this username (compared case-insensitively).
    #[error("a user with that username already exists")]
    UsernameTaken,
    /// The storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Why a change to one of a user's tags did not happen.
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// None of the user's notes carries that tag (another user's tag of that name does not
    /// count).
    #[error("tag not found")]
    NotFound,
    /// The storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}
