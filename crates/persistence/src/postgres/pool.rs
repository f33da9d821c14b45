//! The PostgreSQL connection pool and the one way writes run on it.

use std::time::Duration;

use diesel::Connection;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use notes_domain::StorageError;

use crate::errors::storage;

/// A pool of PostgreSQL connections.
pub(crate) type PgPool = Pool<ConnectionManager<PgConnection>>;

/// How often a transaction that lost a serialization conflict is tried again. PostgreSQL at
/// its default isolation (read committed) raises none for these statements; distributed
/// PostgreSQL-compatible databases run serializable and do.
const SERIALIZATION_ATTEMPTS: usize = 3;

/// Builds a pool of at most `max_size` connections to the server at `url`, opening them all
/// now so that a wrong URL fails at start-up rather than on the first request.
pub(crate) fn build_pool(url: &str, max_size: u32) -> Result<PgPool, r2d2::Error> {
    Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(30))
        // A network connection can die while idle (a server restart, a proxy's idle
        // timeout); a `SELECT 1` on checkout replaces it before a request meets it.
        .test_on_check_out(true)
        .build(ConnectionManager::new(url))
}

/// Takes a connection from the pool, waiting for one to be free.
pub(crate) fn checkout(
    pool: &PgPool,
) -> Result<PooledConnection<ConnectionManager<PgConnection>>, StorageError> {
    pool.get().map_err(storage)
}

/// Runs `work` in one transaction, trying again when the database reports a serialization
/// conflict. The outer error is the pool's; the inner one is the statement's, for the caller
/// to map.
pub(crate) fn transaction<T>(
    pool: &PgPool,
    work: impl Fn(&mut PgConnection) -> Result<T, DieselError>,
) -> Result<Result<T, DieselError>, StorageError> {
    let mut pooled = checkout(pool)?;
    let conn: &mut PgConnection = &mut pooled;
    let mut attempt = 1;
    loop {
        let outcome = conn.transaction(&work);
        let conflict = matches!(
            outcome,
            Err(DieselError::DatabaseError(
                DatabaseErrorKind::SerializationFailure,
                _
            ))
        );
        if !conflict || attempt == SERIALIZATION_ATTEMPTS {
            return Ok(outcome);
        }
        attempt += 1;
    }
}
