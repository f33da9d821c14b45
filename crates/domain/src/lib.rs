//! The notes API's domain: users and notes as validated values, the repository traits that
//! store them, and the errors those operations can end in.
//!
//! This crate knows no web framework, database or token format. Every value here is parsed
//! once, at the edge, so that code holding a [`NoteTitle`] or a [`Username`] never checks it
//! again.

mod error;
mod ids;
mod note;
mod repository;
mod session;
mod text;
mod user;

pub use error::{AccountError, NoteError, StorageError, TagError};
pub use ids::{NoteId, UserId};
pub use note::{
    BodyError, CreateOnce, IDEMPOTENCY_KEY_LIFETIME, IdempotencyKey, IdempotencyKeyError,
    KeysetPage, MAX_TAGS_PER_NOTE, MAX_TAGS_PER_USER, NewNote, Note, NoteBody, NoteChanges,
    NoteOrdering, NoteQuery, NoteTags, NoteTitle, NoteVersion, OffsetPage, PageLimit,
    PageLimitError, Position, Precondition, SearchError, SearchTerms, Seek, SortField, SortValue,
    TagCount, TagName, TagNameError, TimeRange, TitleError, TooManyTags,
};
pub use repository::{
    NotesRepository, PoolUsage, SessionsRepository, StorageHealth, TagsRepository, UsersRepository,
};
pub use session::{NewSession, Rotation, Session, SessionId};
pub use user::{
    Email, EmailError, NewUser, Password, PasswordError, PasswordHash, ProfileChanges, User,
    UserCredentials, Username, UsernameError, canonical_username,
};
