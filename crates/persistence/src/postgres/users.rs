//! The PostgreSQL users repository.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use notes_domain::{
    AccountError, Email, NewUser, PasswordHash, ProfileChanges, StorageError, User,
    UserCredentials, UserId, Username, UsersRepository, canonical_username,
};

use super::pool::{PgPool, checkout, transaction};
use super::schema::{sessions, users};
use crate::errors::{is_unique_violation, storage};
use crate::notes::now;

/// User accounts stored in PostgreSQL.
pub struct PgUsersRepository {
    pool: PgPool,
}

impl PgUsersRepository {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(Pg))]
pub(super) struct UserRow {
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
struct NewUserRow<'a> {
    username: &'a str,
    username_key: String,
    email: &'a str,
    password_hash: &'a str,
    is_staff: bool,
    is_superuser: bool,
    created_at: DateTime<Utc>,
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct ProfileChangeset<'a> {
    username: Option<&'a str>,
    username_key: Option<String>,
    email: Option<&'a str>,
}

impl UserRow {
    /// The account, without its password hash.
    pub(super) fn into_user(self) -> Result<User, StorageError> {
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

/// A unique violation (on `username_key`) is a taken username; anything else is storage.
fn account_error(error: diesel::result::Error) -> AccountError {
    if is_unique_violation(&error) {
        AccountError::UsernameTaken
    } else {
        AccountError::Storage(storage(error))
    }
}

impl UsersRepository for PgUsersRepository {
    fn create(&self, user: &NewUser) -> Result<User, AccountError> {
        let row = NewUserRow {
            username: user.username.as_str(),
            username_key: user.username.canonical(),
            email: user.email.as_str(),
            password_hash: user.password_hash.as_str(),
            is_staff: user.is_staff,
            is_superuser: user.is_superuser,
            created_at: now(),
        };

        let stored = transaction(&self.pool, |conn| {
            diesel::insert_into(users::table)
                .values(&row)
                .returning(UserRow::as_returning())
                .get_result(conn)
        })?
        .map_err(account_error)?;

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
        let deleted = transaction(&self.pool, |conn| {
            diesel::delete(users::table.find(id.0)).execute(conn)
        })?
        .map_err(storage)?;

        Ok(deleted > 0)
    }

    fn set_password(&self, id: UserId, hash: &PasswordHash) -> Result<Option<i64>, StorageError> {
        transaction(&self.pool, |conn| {
            diesel::update(users::table.find(id.0))
                .set((
                    users::password_hash.eq(hash.as_str()),
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
            username: profile.username.as_ref().map(Username::as_str),
            username_key: profile.username.as_ref().map(Username::canonical),
            email: profile.email.as_ref().map(Email::as_str),
        };
        let unchanged = changes.username.is_none() && changes.email.is_none();

        let row = transaction(&self.pool, |conn| {
            let query = users::table.find(id.0);
            if unchanged {
                query.select(UserRow::as_select()).first(conn)
            } else {
                diesel::update(query)
                    .set(&changes)
                    .returning(UserRow::as_returning())
                    .get_result(conn)
            }
        })?
        .map_err(account_error)?;

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

        let row = transaction(&self.pool, |conn| {
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
        let row = transaction(&self.pool, |conn| {
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
