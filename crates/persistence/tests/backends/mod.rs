//! The two fixtures the contract tests run on: a SQLite file in a temporary directory, and
//! a freshly created PostgreSQL database (when `NOTES_TEST_POSTGRES_URL` names a server).

use std::ops::Deref;

use notes_persistence::Database;
use notes_testdb::TestPostgres;
use tempfile::TempDir;

/// The SQLite file's name inside its temporary directory.
pub const SQLITE_FILE: &str = "contract.sqlite3";

/// Connections in each test's pool: enough for the concurrency tests to overlap.
pub const POOL_SIZE: u32 = 4;

/// A migrated, empty database that is removed when the test ends.
pub struct TestDatabase {
    // Declared first so that it is dropped (its connections closed) before its storage.
    database: Database,
    pub(crate) _sqlite_dir: Option<TempDir>,
    pub(crate) _postgres: Option<TestPostgres>,
}

impl TestDatabase {
    /// A new SQLite file.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join(SQLITE_FILE);
        let database = open(path.to_str().expect("a UTF-8 path"));
        Self {
            database,
            _sqlite_dir: Some(dir),
            _postgres: None,
        }
    }

    /// A new PostgreSQL database, or `None` when no server is configured.
    pub fn postgres() -> Option<Self> {
        let server = TestPostgres::create()?;
        let database = open(server.url());
        Some(Self {
            database,
            _sqlite_dir: None,
            _postgres: Some(server),
        })
    }
}

fn open(url: &str) -> Database {
    let database = Database::open(url, POOL_SIZE).expect("open");
    database.migrate().expect("migrate");
    database
}

impl Deref for TestDatabase {
    type Target = Database;

    fn deref(&self) -> &Database {
        &self.database
    }
}

/// Runs each named `fn(TestDatabase)` as two tests, `sqlite::NAME` and `postgres::NAME`:
/// one body of assertions, proven on both backends.
macro_rules! contract_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(crate::backends::TestDatabase::sqlite());
                }
            )*
        }

        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(database) = crate::backends::TestDatabase::postgres() {
                        super::$name(database);
                    }
                }
            )*
        }
    };
}

pub(crate) use contract_tests;
