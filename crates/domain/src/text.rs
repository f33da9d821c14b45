//! Checks shared by every free-text value.

/// True when the text has nothing but white space (or nothing at all).
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// True when the text holds a NUL character, which PostgreSQL cannot store in a text column.
/// Rejecting it everywhere keeps both storage backends accepting exactly the same input.
pub(crate) fn has_nul(text: &str) -> bool {
    text.contains('\0')
}
