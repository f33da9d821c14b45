//! The SQLite users repository.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sqlite::Sqlite;
use notes_domain::{
    AccountError, Email, NewUser, PasswordHash, ProfileChanges, StorageError, User,
    UserCredentials, UserId, Username, UsersRepository, canonical_username,
};

use crate::errors::{is_unique_violation, storage};
use crate::notes::now;
use crate::pool::{SqlitePool, checkout};
use crate::schema::{sessions, users};
use crate::writer::Writer;

/// User accounts stored in SQLite.
pub struct SqliteUsersRepository {
    pool: SqlitePool,
    writer: Arc<Writer>,
}

impl SqliteUsersRepository {
    pub(crate) fn new(pool: SqlitePool, writer: Arc<Writer>) -> Self {
        Self { pool, writer }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(Sqlite))]
pub(crate) struct UserRow {
    id: i64,
    username: String,
    email: String,
    password_hash: String,
    is_active: bool,
    is_staff: bool,
    is_superuser: bool,
    created_at: DateTime<Utc>,
    token_version: i64,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUserRow {
    username: String,
    username_key: String,
    email: String,
    password_hash: String,
    is_staff: bool,
    is_superuser: bool,
    created_at: DateTime<Utc>,
}

impl UserRow {
    /// The account, without its password hash.
    pub(crate) fn into_user(self) -> Result<User, StorageError> {
        Ok(self.into_credentials()?.user)
    }

    fn into_credentials(self) -> Result<UserCredentials, StorageError> {
        let user = User {
            id: UserId(self.id),
            username: Username::parse(self.username).map_err(storage)?,
            email: Email::parse(self.email).map_err(storage)?,
            is_active: self.is_active,
            is_staff: self.is_staff,
            is_superuser: self.is_superuser,
            created_at: self.created_at,
            token_version: self.token_version,
        };
        Ok(UserCredentials {
            user,
            password_hash: PasswordHash::new(self.password_hash),
        })
    }
}

impl UsersRepository for SqliteUsersRepository {
    fn create(&self, user: &NewUser) -> Result<User, AccountError> {
        let row = NewUserRow {
            username: user.username.as_str().to_owned(),
            username_key: user.username.canonical(),
            email: user.email.as_str().to_owned(),
            password_hash: user.password_hash.as_str().to_owned(),
            is_staff: user.is_staff,
            is_superuser: user.is_superuser,
            created_at: now(),
        };

        let stored = self
            .writer
            .write(move |conn| {
                diesel::insert_into(users::table)
                    .values(&row)
                    .returning(UserRow::as_returning())
                    .get_result(conn)
            })?
            .map_err(|e| {
                if is_unique_violation(&e) {
                    AccountError::UsernameTaken
                } else {
                    AccountError::Storage(storage(e))
                }
            })?;

        Ok(stored.into_user()?)
    }

    fn find_credentials(&self, username: &str) -> Result<Option<UserCredentials>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let row = users::table
            .filter(users::username_key.eq(canonical_username(username)))
            .select(UserRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(storage)?;

        row.map(UserRow::into_credentials).transpose()
    }

    fn find_credentials_by_id(&self, id: UserId) -> Result<Option<UserCredentials>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let row = users::table
            .find(id.0)
            .select(UserRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(storage)?;

        row.map(UserRow::into_credentials).transpose()
    }

    fn delete(&self, id: UserId) -> Result<bool, StorageError> {
        let deleted = self
            .writer
            .write(move |conn| diesel::delete(users::table.find(id.0)).execute(conn))?
            .map_err(storage)?;

        Ok(deleted > 0)
    }

    fn set_password(&self, id: UserId, hash: &PasswordHash) -> Result<Option<i64>, StorageError> {
        let hash = hash.as_str().to_owned();

        self.writer
            .write(move |conn| {
                diesel::update(users::table.find(id.0))
                    .set((
                        users::password_hash.eq(hash),
                        users::token_version.eq(users::token_version + 1),
                    ))
                    .returning(users::token_version)
                    .get_result(conn)
                    .optional()
            })?
            .map_err(storage)
    }

    fn update_profile(&self, id: UserId, profile: &ProfileChanges) -> Result<User, AccountError> {
        let changes = ProfileChangeset {
            username: profile.username.as_ref().map(|u| u.as_str().to_owned()),
            username_key: profile.username.as_ref().map(Username::canonical),
            email: profile.email.as_ref().map(|e| e.as_str().to_owned()),
        };

        let row = self
            .writer
            .write(move |conn| {
                let query = users::table.find(id.0);
                if changes.is_empty() {
                    query.select(UserRow::as_select()).first(conn)
                } else {
                    diesel::update(query)
                        .set(&changes)
                        .returning(UserRow::as_returning())
                        .get_result(conn)
                }
            })?
            .map_err(|e| {
                if is_unique_violation(&e) {
                    AccountError::UsernameTaken
                } else {
                    AccountError::Storage(storage(e))
                }
            })?;

        Ok(row.into_user()?)
    }

    fn list(&self) -> Result<Vec<User>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let rows = users::table
            .order(users::id.asc())
            .select(UserRow::as_select())
            .load(&mut conn)
            .map_err(storage)?;

        rows.into_iter().map(UserRow::into_user).collect()
    }

    fn set_active(&self, id: UserId, active: bool) -> Result<Option<User>, StorageError> {
        let ended_at = now();
        let row = self
            .writer
            .write(move |conn| {
                let row = diesel::update(users::table.find(id.0))
                    .set(users::is_active.eq(active))
                    .returning(UserRow::as_returning())
                    .get_result(conn)
                    .optional()?;
                if row.is_some() && !active {
                    diesel::update(
                        sessions::table
                            .filter(sessions::user_id.eq(id.0))
                            .filter(sessions::ended_at.is_null()),
                    )
                    .set(sessions::ended_at.eq(ended_at))
                    .execute(conn)?;
                }
                Ok(row)
            })?
            .map_err(storage)?;

        row.map(UserRow::into_user).transpose()
    }

    fn set_staff(&self, id: UserId, staff: bool) -> Result<Option<User>, StorageError> {
        let row = self
            .writer
            .write(move |conn| {
                diesel::update(users::table.find(id.0))
                    .set(users::is_staff.eq(staff))
                    .returning(UserRow::as_returning())
                    .get_result(conn)
                    .optional()
            })?
            .map_err(storage)?;

        row.map(UserRow::into_user).transpose()
    }
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct ProfileChangeset {
    username: Option<String>,
    username_key: Option<String>,
    email: Option<String>,
}

impl ProfileChangeset {
    fn is_empty(&self) -> bool {
        self.username.is_none() && self.email.is_none()
    }
}
