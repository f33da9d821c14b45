//! User accounts and the values that make one.

mod email;
mod password;
mod username;

pub use email::{Email, EmailError};
pub use password::{Password, PasswordError, PasswordHash};
pub use username::{Username, UsernameError, canonical_username};

use chrono::{DateTime, Utc};

use crate::UserId;

/// A stored user account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Assigned by storage.
    pub id: UserId,
    /// The name the user signs in with, as they first wrote it.
    pub username: Username,
    /// The contact address; may be empty.
    pub email: Email,
    /// Inactive accounts cannot sign in or use their tokens.
    pub is_active: bool,
    /// Staff may administer other accounts.
    pub is_staff: bool,
    /// Superusers hold every permission.
    pub is_superuser: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Bumped whenever every token issued so far must stop working (a password change).
    pub token_version: i64,
}

/// A stored account together with its password hash, for signing in.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The account.
    pub user: User,
    /// The PHC-format hash of the account's password.
    pub password_hash: PasswordHash,
}

/// What is needed to create an account. The password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The new account's username.
    pub username: Username,
    /// The new account's contact address; may be empty.
    pub email: Email,
    /// The PHC-format hash of the new account's password.
    pub password_hash: PasswordHash,
    /// Whether the account may administer others.
    pub is_staff: bool,
    /// Whether the account holds every permission.
    pub is_superuser: bool,
}

/// A change to an account's profile: each field that is `Some` replaces the stored one.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    /// A new username.
    pub username: Option<Username>,
    /// A new e-mail address (possibly empty).
    pub email: Option<Email>,
}
