//! The storage traits. Implementations live in the persistence crate.

use chrono::{DateTime, Utc};

use crate::{
    AccountError, CreateOnce, IdempotencyKey, KeysetPage, NewNote, NewSession, NewUser, Note,
    NoteChanges, NoteError, NoteId, NoteQuery, OffsetPage, PageLimit, PasswordHash, Precondition,
    Rotation, Seek, Session, SessionId, StorageError, TagCount, TagError, TagName, User,
    UserCredentials, UserId,
};

/// Stores notes. Every method takes the requesting user's id and only ever sees that user's
/// notes: there is deliberately no way to reach a note by its id alone.
pub trait NotesRepository: Send + Sync + 'static {
    /// Stores a new note owned by `owner` and returns it with its id, version 1 and
    /// timestamps.
    fn create(&self, owner: UserId, note: &NewNote) -> Result<Note, NoteError>;

    /// Creates the note unless `owner` used `key` within
    /// [`IDEMPOTENCY_KEY_LIFETIME`](crate::IDEMPOTENCY_KEY_LIFETIME); then it creates
    /// nothing and returns the note as that first request created it. Checking the key,
    /// creating the note and remembering the key are one atomic step, so concurrent
    /// requests with one key create one note.
    fn create_once(
        &self,
        owner: UserId,
        key: &IdempotencyKey,
        note: &NewNote,
    ) -> Result<CreateOnce, NoteError>;

    /// Every one of `owner`'s notes the query selects, in its order.
    fn list(&self, owner: UserId, query: &NoteQuery) -> Result<Vec<Note>, StorageError>;

    /// The page of `limit` notes after skipping `offset` of those the query selects, and how
    /// many it selects in all.
    fn list_offset(
        &self,
        owner: UserId,
        query: &NoteQuery,
        offset: u64,
        limit: PageLimit,
    ) -> Result<OffsetPage, StorageError>;

    /// Up to `limit` of the notes the query selects, next to `seek`'s position. Its cost
    /// does not grow with how far into the listing the position is.
    fn list_keyset(
        &self,
        owner: UserId,
        query: &NoteQuery,
        seek: &Seek,
        limit: PageLimit,
    ) -> Result<KeysetPage, StorageError>;

    /// One of `owner`'s notes.
    fn get(&self, owner: UserId, id: NoteId) -> Result<Note, NoteError>;

    /// Applies `changes` to one of `owner`'s notes if `condition` allows its current
    /// version, and returns the note as stored, with the next version. The check and the
    /// write are atomic: of two writers expecting the same version, one fails.
    fn update(
        &self,
        owner: UserId,
        id: NoteId,
        changes: &NoteChanges,
        condition: &Precondition,
    ) -> Result<Note, NoteError>;

    /// Deletes one of `owner`'s notes if `condition` allows its current version.
    fn delete(&self, owner: UserId, id: NoteId, condition: &Precondition) -> Result<(), NoteError>;
}

/// A user's tags across all of their notes. Like notes, tags are only reached through their
/// user.
pub trait TagsRepository: Send + Sync + 'static {
    /// The user's tags, by name, each with how many notes carry it.
    fn list(&self, owner: UserId) -> Result<Vec<TagCount>, StorageError>;

    /// Renames a tag on every note of the user that carries it. If the user already has a
    /// tag named `to`, the two merge: notes that carried either carry `to`, once. Every
    /// note changed gets a new version. Returns the tag as it stands afterwards.
    fn rename(&self, owner: UserId, from: &TagName, to: &TagName) -> Result<TagCount, TagError>;

    /// Removes a tag from every note of the user that carries it (the notes stay, with a
    /// new version).
    fn delete(&self, owner: UserId, name: &TagName) -> Result<(), TagError>;
}

/// Stores user accounts.
pub trait UsersRepository: Send + Sync + 'static {
    /// Stores a new account.
    fn create(&self, user: &NewUser) -> Result<User, AccountError>;

    /// The account and password hash for a username, compared case-insensitively.
    fn find_credentials(&self, username: &str) -> Result<Option<UserCredentials>, StorageError>;

    /// The account with this id and its password hash, if it still exists.
    fn find_credentials_by_id(&self, id: UserId) -> Result<Option<UserCredentials>, StorageError>;

    /// Deletes an account and, with it, all of its notes and sessions. Returns whether it
    /// existed.
    fn delete(&self, id: UserId) -> Result<bool, StorageError>;

    /// Replaces the password hash and bumps the account's token version, so that every
    /// token issued before stops working. Returns the new version, or `None` if the account
    /// does not exist.
    fn set_password(&self, id: UserId, hash: &PasswordHash) -> Result<Option<i64>, StorageError>;

    /// Changes the username and e-mail address.
    fn update_profile(
        &self,
        id: UserId,
        profile: &crate::ProfileChanges,
    ) -> Result<User, AccountError>;

    /// Every account, oldest first.
    fn list(&self) -> Result<Vec<User>, StorageError>;

    /// Activates or deactivates an account. Deactivating also ends all of its sessions, so
    /// that reactivating it later does not bring old tokens back. Returns the account as
    /// stored, or `None` if it does not exist.
    fn set_active(&self, id: UserId, active: bool) -> Result<Option<User>, StorageError>;

    /// Grants or withdraws staff status. Returns the account as stored, or `None` if it does
    /// not exist.
    fn set_staff(&self, id: UserId, staff: bool) -> Result<Option<User>, StorageError>;
}

/// How many storage connections exist and how many of them wait unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolUsage {
    /// Connections open now.
    pub connections: u32,
    /// Open connections not checked out.
    pub idle: u32,
    /// The most connections the pool opens.
    pub max_size: u32,
}

/// Whether the storage can serve requests, for readiness probes and metrics.
pub trait StorageHealth: Send + Sync + 'static {
    /// True when the storage answers and its schema is current.
    fn is_ready(&self) -> Result<bool, StorageError>;

    /// The connection pool's current usage.
    fn pool_usage(&self) -> PoolUsage;
}

/// Stores sign-in sessions. Like notes, sessions are only reached through their user.
pub trait SessionsRepository: Send + Sync + 'static {
    /// Starts a session, first forgetting this user's sessions that have expired.
    fn start(&self, session: &NewSession) -> Result<Session, StorageError>;

    /// The user behind a token, if the account is active, still at `token_version`, and the
    /// session is live. One query: it runs on every authenticated request.
    fn authenticate(
        &self,
        user: UserId,
        session: SessionId,
        token_version: i64,
    ) -> Result<Option<User>, StorageError>;

    /// Replaces the session's current refresh token `presented_jti` with `next_jti`. If
    /// `presented_jti` is not current, the token was already used: the session is ended.
    fn rotate(
        &self,
        user: UserId,
        session: SessionId,
        presented_jti: &str,
        next_jti: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<Rotation, StorageError>;

    /// True when `jti` is the live session's current refresh token.
    fn is_current(&self, user: UserId, session: SessionId, jti: &str)
    -> Result<bool, StorageError>;

    /// The user's live sessions, most recently used first.
    fn list(&self, user: UserId) -> Result<Vec<Session>, StorageError>;

    /// Ends one of the user's sessions; false if there was no such live session.
    fn end(&self, user: UserId, session: SessionId) -> Result<bool, StorageError>;

    /// Ends all of the user's sessions except `keep`; returns how many ended.
    fn end_all(&self, user: UserId, keep: Option<SessionId>) -> Result<usize, StorageError>;
}
