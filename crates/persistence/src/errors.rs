//! Translation of diesel and pool errors into the domain's errors.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use notes_domain::StorageError;

/// Any pool or query failure, as the domain's opaque storage error.
pub(crate) fn storage(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> StorageError {
    StorageError::new(cause)
}

/// True when the statement failed on a UNIQUE constraint.
pub(crate) fn is_unique_violation(error: &DieselError) -> bool {
    matches!(
        error,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}

/// True when the statement failed on a FOREIGN KEY constraint.
pub(crate) fn is_foreign_key_violation(error: &DieselError) -> bool {
    matches!(
        error,
        DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _)
    )
}
