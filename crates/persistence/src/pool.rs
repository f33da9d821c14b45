//! The connection pool and the settings every connection gets.

use std::thread;
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;
use diesel::{QueryableByName, RunQueryDsl, sql_query};
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

/// Sets what every connection needs. synchronous=FULL makes every acknowledged commit
/// survive a crash of the process or the machine. The journal mode is not set here: WAL is
/// a property of the file, set once by [`writer_connection`] (see [`enable_wal`]).
fn apply_settings(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    let pragmas = format!(
        "PRAGMA busy_timeout = {};
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
        BUSY_TIMEOUT.as_millis()
    );
    conn.batch_execute(&pragmas)?;
    crate::notes::register_functions(conn)
}

#[derive(QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = Text)]
    journal_mode: String,
}

/// Puts the database file in WAL mode (readers proceed while the writer commits). Turning a
/// new file to WAL needs the file to itself, and SQLite answers "database is locked" at once
/// rather than running the busy handler, so another connection opening the file at that
/// moment would fail. Hence this runs on one connection before any other is opened, and
/// tries again for as long as the busy timeout while another process converts the file.
fn enable_wal(conn: &mut SqliteConnection) -> Result<(), StorageError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match sql_query("PRAGMA journal_mode = WAL").get_result::<JournalMode>(conn) {
            Ok(mode) if mode.journal_mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(storage(format!(
                    "the database stays in journal mode {:?}, not WAL",
                    mode.journal_mode
                )));
            }
            Err(error) if Instant::now() >= deadline => return Err(storage(error)),
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Opens the connection all writes go through (see [`crate::writer`]).
pub(crate) fn writer_connection(path: &str) -> Result<SqliteConnection, StorageError> {
    let mut conn = SqliteConnection::establish(path).map_err(storage)?;
    apply_settings(&mut conn).map_err(storage)?;
    enable_wal(&mut conn)?;
    Ok(conn)
}

/// Opens a connection to the existing database file at `path`, never creating one (a
/// `mode=rw` URI), for checks that must notice when the file is gone.
pub(crate) fn probe_connection(path: &str) -> Result<SqliteConnection, StorageError> {
    let mut conn = SqliteConnection::establish(&existing_file_uri(path)).map_err(storage)?;
    apply_settings(&mut conn).map_err(storage)?;
    Ok(conn)
}

/// `path` as a SQLite URI that opens the file read-write without creating it. `%`, `?`
/// and `#` would otherwise be read as URI syntax.
fn existing_file_uri(path: &str) -> String {
    let escaped = path
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{escaped}?mode=rw")
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Barrier};

    use super::*;

    #[test]
    fn a_probe_opens_an_existing_file_whatever_its_name_and_never_creates_one() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let odd = dir.path().join("notes 100%?#1.sqlite3");
        let odd = odd.to_str().expect("a UTF-8 path");
        writer_connection(odd).expect("create the file");
        let missing = dir.path().join("missing.sqlite3");

        assert!(probe_connection(odd).is_ok());
        assert!(probe_connection(missing.to_str().expect("UTF-8")).is_err());
        assert!(!missing.exists());
    }

    /// Opening a new database used to fail now and then with "database is locked": every
    /// pool connection turned the file to WAL as it opened, and that conversion does not
    /// wait for a busy file. One round is the writer and a full pool opening a fresh file
    /// at once; the fault showed in about one round in fifty.
    #[test]
    fn connections_opening_a_fresh_file_at_once_all_get_their_settings() {
        let dir = tempfile::tempdir().expect("a temporary directory");

        for round in 0..150 {
            let path = dir.path().join(format!("fresh-{round}.sqlite3"));
            let path = path.to_str().expect("a UTF-8 path").to_owned();
            let start = Arc::new(Barrier::new(9));
            let pool_connections: Vec<_> = (0..8)
                .map(|_| {
                    let (path, start) = (path.clone(), Arc::clone(&start));
                    thread::spawn(move || {
                        let mut conn = SqliteConnection::establish(&path).map_err(storage)?;
                        start.wait();
                        apply_settings(&mut conn).map_err(storage)
                    })
                })
                .collect();
            start.wait();
            let writer = writer_connection(&path);

            for connection in pool_connections {
                let settled = connection.join().expect("the thread finishes");
                assert!(settled.is_ok(), "round {round}: {settled:?}");
            }
            let mut writer = writer.expect("the writer connection opens");
            let mode = sql_query("PRAGMA journal_mode")
                .get_result::<JournalMode>(&mut writer)
                .expect("the journal mode");
            assert_eq!(mode.journal_mode, "wal");
        }
    }
}
