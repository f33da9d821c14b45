//! The PostgreSQL sessions repository. Every query filters on the user first.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use notes_domain::{
    NewSession, Rotation, Session, SessionId, SessionsRepository, StorageError, User, UserId,
};

use super::pool::{PgPool, checkout, transaction};
use super::schema::{sessions, users};
use super::users::UserRow;
use crate::errors::storage;
use crate::notes::now;

/// Sign-in sessions stored in PostgreSQL: revocation, sign-out and refresh-token reuse
/// detection are rows here, so every instance sees them at once.
pub struct PgSessionsRepository {
    pool: PgPool,
}

impl PgSessionsRepository {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = sessions, check_for_backend(Pg))]
struct SessionRow {
    id: i64,
    user_id: i64,
    client: String,
    created_at: DateTime<Utc>,
    last_used_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSessionRow<'a> {
    user_id: i64,
    refresh_jti: &'a str,
    client: &'a str,
    created_at: DateTime<Utc>,
    last_used_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

impl From<SessionRow> for Session {
    fn from(row: SessionRow) -> Self {
        Session {
            id: SessionId(row.id),
            user: UserId(row.user_id),
            client: row.client,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
        }
    }
}

impl SessionsRepository for PgSessionsRepository {
    fn start(&self, session: &NewSession) -> Result<Session, StorageError> {
        let started_at = now();
        let user_id = session.user.0;
        let row = NewSessionRow {
            user_id,
            refresh_jti: &session.refresh_jti,
            client: &session.client,
            created_at: started_at,
            last_used_at: started_at,
            expires_at: session.expires_at,
        };

        let stored = transaction(&self.pool, |conn| {
            diesel::delete(
                sessions::table
                    .filter(sessions::user_id.eq(user_id))
                    .filter(sessions::expires_at.lt(started_at)),
            )
            .execute(conn)?;
            diesel::insert_into(sessions::table)
                .values(&row)
                .returning(SessionRow::as_returning())
                .get_result(conn)
        })?
        .map_err(storage)?;

        Ok(Session::from(stored))
    }

    fn authenticate(
        &self,
        user: UserId,
        session: SessionId,
        token_version: i64,
    ) -> Result<Option<User>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let row = users::table
            .inner_join(sessions::table)
            .filter(users::id.eq(user.0))
            .filter(users::is_active.eq(true))
            .filter(users::token_version.eq(token_version))
            .filter(sessions::id.eq(session.0))
            .filter(sessions::ended_at.is_null())
            .select(UserRow::as_select())
            .first(&mut conn)
            .optional()
            .map_err(storage)?;

        row.map(UserRow::into_user).transpose()
    }

    fn rotate(
        &self,
        user: UserId,
        session: SessionId,
        presented_jti: &str,
        next_jti: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<Rotation, StorageError> {
        let used_at = now();

        // One transaction. Of two refreshes racing with the same token, the second's UPDATE
        // waits for the first's row lock, then re-reads the row, finds the token replaced,
        // and ends the session: exactly one rotates, on whichever instance it arrives.
        transaction(&self.pool, |conn| {
            let live = sessions::table
                .filter(sessions::user_id.eq(user.0))
                .filter(sessions::id.eq(session.0))
                .filter(sessions::ended_at.is_null());
            let rotated = diesel::update(live.filter(sessions::refresh_jti.eq(presented_jti)))
                .set((
                    sessions::refresh_jti.eq(next_jti),
                    sessions::last_used_at.eq(used_at),
                    sessions::expires_at.eq(expires_at),
                ))
                .execute(conn)?;
            if rotated == 1 {
                return Ok(Rotation::Rotated);
            }
            let ended = diesel::update(live)
                .set(sessions::ended_at.eq(used_at))
                .execute(conn)?;
            Ok(if ended == 1 {
                Rotation::ReuseDetected
            } else {
                Rotation::Ended
            })
        })?
        .map_err(storage)
    }

    fn is_current(
        &self,
        user: UserId,
        session: SessionId,
        jti: &str,
    ) -> Result<bool, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let found = sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::id.eq(session.0))
            .filter(sessions::ended_at.is_null())
            .filter(sessions::refresh_jti.eq(jti))
            .select(sessions::id)
            .first::<i64>(&mut conn)
            .optional()
            .map_err(storage)?;

        Ok(found.is_some())
    }

    fn list(&self, user: UserId) -> Result<Vec<Session>, StorageError> {
        let mut conn = checkout(&self.pool)?;

        let rows = sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::ended_at.is_null())
            .filter(sessions::expires_at.gt(now()))
            .order((sessions::last_used_at.desc(), sessions::id.desc()))
            .select(SessionRow::as_select())
            .load(&mut conn)
            .map_err(storage)?;

        Ok(rows.into_iter().map(Session::from).collect())
    }

    fn end(&self, user: UserId, session: SessionId) -> Result<bool, StorageError> {
        let ended_at = now();

        let ended = transaction(&self.pool, |conn| {
            diesel::update(
                sessions::table
                    .filter(sessions::user_id.eq(user.0))
                    .filter(sessions::id.eq(session.0))
                    .filter(sessions::ended_at.is_null()),
            )
            .set(sessions::ended_at.eq(ended_at))
            .execute(conn)
        })?
        .map_err(storage)?;

        Ok(ended == 1)
    }

    fn end_all(&self, user: UserId, keep: Option<SessionId>) -> Result<usize, StorageError> {
        let kept = keep.map_or(0, |session| session.0);
        let ended_at = now();

        transaction(&self.pool, |conn| {
            diesel::update(
                sessions::table
                    .filter(sessions::user_id.eq(user.0))
                    .filter(sessions::id.ne(kept))
                    .filter(sessions::ended_at.is_null()),
            )
            .set(sessions::ended_at.eq(ended_at))
            .execute(conn)
        })?
        .map_err(storage)
    }
}
