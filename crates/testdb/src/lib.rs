//! Test support shared by the contract tests and the end-to-end tests: a PostgreSQL
//! database of its own for each test, created on the server named by
//! `NOTES_TEST_POSTGRES_URL` and dropped when the test ends.
//!
//! Without that variable, [`TestPostgres::create`] returns `None` and says once, on stderr,
//! that the PostgreSQL tests are skipped, so plain `cargo test` passes on a machine with no
//! server. With it, an unreachable server fails the test.

use std::io::Write;
use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl, sql_query};

/// The variable naming the server (any database on it) the tests may create databases on.
pub const POSTGRES_URL_VARIABLE: &str = "NOTES_TEST_POSTGRES_URL";

/// A database created for one test; dropped, with any connection still open to it, on drop.
#[derive(Debug)]
pub struct TestPostgres {
    server_url: String,
    name: String,
    url: String,
}

impl TestPostgres {
    /// Creates a uniquely named empty database, or returns `None` (saying so once) when
    /// `NOTES_TEST_POSTGRES_URL` is unset.
    ///
    /// # Panics
    /// When the variable is set but the server cannot be reached or refuses to create the
    /// database: a configured backend that does not work is a failure, not a skip.
    pub fn create() -> Option<Self> {
        let Some(server_url) = std::env::var(POSTGRES_URL_VARIABLE)
            .ok()
            .filter(|url| !url.is_empty())
        else {
            announce_skip();
            return None;
        };
        let name = unique_name();
        let url = with_database(&server_url, &name);

        let mut admin = connect(&server_url);
        if let Err(error) = sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin) {
            panic!("cannot create the test database {name}: {error}");
        }

        Some(Self {
            server_url,
            name,
            url,
        })
    }

    /// The URL of this test's database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Makes the database unreachable (every connection to it is ended and new ones are
    /// refused, as when its server goes away) or reachable again.
    ///
    /// # Panics
    /// When the server refuses the change.
    pub fn set_reachable(&self, reachable: bool) {
        let mut admin = connect(&self.server_url);
        let statements = [
            format!("ALTER DATABASE {} ALLOW_CONNECTIONS {reachable}", self.name),
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{}'",
                self.name
            ),
        ];
        let count = if reachable { 1 } else { 2 };
        for statement in &statements[..count] {
            if let Err(error) = sql_query(statement).execute(&mut admin) {
                panic!("{statement}: {error}");
            }
        }
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        // FORCE ends the connections the server under test may still hold (PostgreSQL 13+).
        let drop_database = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let dropped = PgConnection::establish(&self.server_url)
            .map_err(|error| error.to_string())
            .and_then(|mut admin| {
                sql_query(drop_database)
                    .execute(&mut admin)
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = dropped {
            let _ = writeln!(
                std::io::stderr(),
                "could not drop the test database {}: {error}",
                self.name
            );
        }
    }
}

fn connect(url: &str) -> PgConnection {
    match PgConnection::establish(url) {
        Ok(conn) => conn,
        Err(error) => panic!("{POSTGRES_URL_VARIABLE} is set but unusable: {error}"),
    }
}

/// Prints the skip notice once per test binary. It is written to stderr directly, past the
/// test harness's output capture, so that it shows in a normal `cargo test` run.
fn announce_skip() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "note: {POSTGRES_URL_VARIABLE} is unset: the PostgreSQL variants of these tests \
             pass without running (set it, e.g. to postgres://postgres@127.0.0.1:5432/test, \
             to run them)"
        );
    });
}

/// A database name no other test run or test uses: process id, clock and a counter.
fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("notes_test_{}_{nanos}_{count}", std::process::id())
}

/// `server_url` with its database replaced by `name`, keeping any query parameters.
fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server_url, None),
    };
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_swapped_and_parameters_kept() {
        for (server, url) in [
            ("postgres://u@h:5432/test", "postgres://u@h:5432/db1"),
            ("postgres://u@h:5432", "postgres://u@h:5432/db1"),
            (
                "postgres://u@h/test?sslmode=disable",
                "postgres://u@h/db1?sslmode=disable",
            ),
        ] {
            assert_eq!(with_database(server, "db1"), url);
        }
    }

    #[test]
    fn names_are_unique_within_a_run() {
        assert_ne!(unique_name(), unique_name());
    }
}
