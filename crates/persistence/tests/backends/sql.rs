//! Reaching behind a repository: one SQL statement on a test database, for tests that must
//! put stored rows into a state no repository method produces (an expired key, say).

use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection, sql_query};

use crate::backends::{SQLITE_FILE, TestDatabase};

impl TestDatabase {
    /// Runs `sql`, written so that both backends accept it, and returns the rows touched.
    pub fn execute_sql(&self, sql: &str) -> usize {
        let executed = match (&self._sqlite_dir, &self._postgres) {
            (Some(dir), _) => {
                let path = dir.path().join(SQLITE_FILE);
                SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(|e| e.to_string())
                    .and_then(|mut c| sql_query(sql).execute(&mut c).map_err(|e| e.to_string()))
            }
            (None, Some(server)) => PgConnection::establish(server.url())
                .map_err(|e| e.to_string())
                .and_then(|mut c| sql_query(sql).execute(&mut c).map_err(|e| e.to_string())),
            (None, None) => Err("the test database has no storage".to_owned()),
        };
        executed.unwrap_or_else(|error| panic!("{sql}: {error}"))
    }
}
