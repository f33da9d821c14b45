//! Note versions, which let a client change a note only if nobody changed it meanwhile.

use std::fmt;

/// How many times a note has been written: 1 when created, one more with every change
/// (including a tag renamed or deleted across notes). Clients see it in the `ETag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteVersion(pub i64);

impl NoteVersion {
    /// The version of a note just created.
    pub const FIRST: Self = Self(1);
}

impl fmt::Display for NoteVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// When a write to an existing note may happen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Precondition {
    /// Whatever the note's current version.
    #[default]
    Always,
    /// Only if the note's current version is one of these; otherwise the write fails with
    /// [`NoteError::PreconditionFailed`](crate::NoteError::PreconditionFailed) and changes
    /// nothing. An empty list never matches.
    VersionIn(Vec<NoteVersion>),
}

impl Precondition {
    /// True when a note at `current` may be written.
    pub fn allows(&self, current: NoteVersion) -> bool {
        match self {
            Self::Always => true,
            Self::VersionIn(versions) => versions.contains(&current),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_listed_version_passes_a_version_condition() {
        let condition = Precondition::VersionIn(vec![NoteVersion(2), NoteVersion(4)]);

        assert!(condition.allows(NoteVersion(4)));
        assert!(!condition.allows(NoteVersion(3)));
        assert!(!Precondition::VersionIn(Vec::new()).allows(NoteVersion::FIRST));
        assert!(Precondition::Always.allows(NoteVersion(99)));
    }
}
