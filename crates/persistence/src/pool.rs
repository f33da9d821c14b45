//! The connection pool and the settings every connection gets.

use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use notes_domain::StorageError;

use crate::errors::storage;

/// A pool of SQLite connections.
pub(crate) type SqlitePool = Pool<ConnectionManager<SqliteConnection>>;

/// How long a writer waits for another writer's lock before giving up. Writes are short, so
/// reaching this means the database is stuck rather than busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Applies the per-connection settings SQLite does not remember between connections.
#[derive(Debug)]
struct ConnectionSettings;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        apply_settings(conn).map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Sets what every connection needs. WAL lets readers proceed while the writer commits;
/// synchronous=FULL makes every acknowledged commit survive a crash of the process or the
/// machine.
fn apply_settings(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    let pragmas = format!(
        "PRAGMA busy_timeout = {};
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
        BUSY_TIMEOUT.as_millis()
    );
    conn.batch_execute(&pragmas)?;
    crate::notes::register_functions(conn)
}

/// Opens the connection all writes go through (see [`crate::writer`]).
pub(crate) fn writer_connection(path: &str) -> Result<SqliteConnection, StorageError> {
    let mut conn = SqliteConnection::establish(path).map_err(storage)?;
    apply_settings(&mut conn).map_err(storage)?;
    Ok(conn)
}

/// Builds a pool of at most `max_size` connections to the SQLite file at `path`.
pub(crate) fn build_pool(path: &str, max_size: u32) -> Result<SqlitePool, r2d2::Error> {
    Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(30))
        // r2d2 would otherwise run `SELECT 1` before handing out a connection: a query per
        // checkout. A SQLite file connection does not go stale the way a network one does.
        .test_on_check_out(false)
        .connection_customizer(Box::new(ConnectionSettings))
        .build(ConnectionManager::new(path))
}

/// Takes a connection from the pool, waiting for one to be free.
pub(crate) fn checkout(
    pool: &SqlitePool,
) -> Result<PooledConnection<ConnectionManager<SqliteConnection>>, StorageError> {
    pool.get().map_err(storage)
}
