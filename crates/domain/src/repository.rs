//! The storage traits. Implementations live in the persistence crate.

use crate::{
    CreateUserError, NewNote, NewUser, Note, NoteChanges, NoteError, NoteId, StorageError, User,
    UserCredentials, UserId,
};

/// Stores notes. Every method takes the requesting user's id and only ever sees that user's
/// notes: there is deliberately no way to reach a note by its id alone.
pub trait NotesRepository: Send + Sync + 'static {
    /// Stores a new note owned by `owner` and returns it with its id and timestamps.
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError>;

    /// All of `owner`'s notes, newest first.
    fn list(&self, owner: UserId) -> Result<Vec<Note>, StorageError>;

    /// One of `owner`'s notes.
    fn get(&self, owner: UserId, id: NoteId) -> Result<Note, NoteError>;

    /// Applies `changes` to one of `owner`'s notes and returns the note as stored.
    fn update(&self, owner: UserId, id: NoteId, changes: &NoteChanges) -> Result<Note, NoteError>;

    /// Deletes one of `owner`'s notes.
    fn delete(&self, owner: UserId, id: NoteId) -> Result<(), NoteError>;
}

/// Stores user accounts.
pub trait UsersRepository: Send + Sync + 'static {
    /// Stores a new account.
    fn create(&self, user: &NewUser) -> Result<User, CreateUserError>;

    /// The account and password hash for a username, compared case-insensitively.
    fn find_credentials(&self, username: &str) -> Result<Option<UserCredentials>, StorageError>;

    /// The account with this id, if it still exists.
    fn find_by_id(&self, id: UserId) -> Result<Option<User>, StorageError>;

    /// Deletes an account and, with it, all of its notes. Returns whether it existed.
    fn delete(&self, id: UserId) -> Result<bool, StorageError>;
}
