//! Opening the database and handing out repositories.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use diesel::RunQueryDsl;
use diesel::sql_query;
use diesel::sql_types::Text;
use notes_domain::{
    NotesRepository, PoolUsage, SessionsRepository, StorageError, StorageHealth, TagsRepository,
    UsersRepository,
};

use crate::location::DatabaseLocation;
use crate::migrations;
use crate::notes::SqliteNotesRepository;
use crate::pool::{SqlitePool, build_pool, probe_connection, writer_connection};
use crate::postgres::{
    self, PgNotesRepository, PgPool, PgSessionsRepository, PgTagsRepository, PgUsersRepository,
};
use crate::sessions::SqliteSessionsRepository;
use crate::tags::SqliteTagsRepository;
use crate::users::SqliteUsersRepository;
use crate::writer::Writer;

/// Why the database could not be opened or checked.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// The URL names no database this build understands.
    #[error(
        "unsupported database URL {0:?}: give a file path, a sqlite:// URL or a postgres:// URL"
    )]
    UnsupportedUrl(String),
    /// The operation exists only for SQLite files.
    #[error("this works on a SQLite database only; for PostgreSQL use its own tools (pg_dump)")]
    NotSqlite,
    /// No connection could be made.
    #[error("cannot open the database: {0}")]
    Connect(#[from] r2d2::Error),
    /// A migration or check failed.
    #[error("database query failed: {0}")]
    Query(Box<dyn std::error::Error + Send + Sync>),
    /// The writer connection or its thread could not be started.
    #[error("cannot start the database writer: {0}")]
    Writer(Box<dyn std::error::Error + Send + Sync>),
}

/// How long a readiness check waits for a PostgreSQL connection. A probe must answer
/// within its caller's timeout; a pool that cannot hand out a connection by then (the
/// server is down or refuses this database) is what "not ready" means.
const READINESS_WAIT: Duration = Duration::from_secs(2);

/// An open database, shared by its repositories: a SQLite file (a pool of connections for
/// reads and one writer) or a PostgreSQL server (one pool for everything).
#[derive(Clone)]
pub struct Database {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Sqlite {
        path: Arc<str>,
        pool: SqlitePool,
        writer: Arc<Writer>,
    },
    Postgres {
        pool: PgPool,
    },
}

impl Database {
    /// Opens the database named by `url`: a file path or `sqlite://PATH` (creating the file
    /// if needed), or a `postgres://` URL. The pool holds at most `pool_size` connections;
    /// SQLite writes go through one more connection of their own. Migrations are not
    /// applied: call [`Database::migrate`].
    pub fn open(url: &str, pool_size: u32) -> Result<Self, DatabaseError> {
        let backend = match DatabaseLocation::parse(url)? {
            DatabaseLocation::SqliteFile(path) => {
                // The writer's connection comes first: it turns a new file to WAL, which
                // must not race with other connections opening it.
                let conn = writer_connection(path).map_err(|e| DatabaseError::Writer(e.into()))?;
                let pool = build_pool(path, pool_size)?;
                let writer = Writer::start(conn).map_err(|e| DatabaseError::Writer(e.into()))?;
                Backend::Sqlite {
                    path: path.into(),
                    pool,
                    writer: Arc::new(writer),
                }
            }
            DatabaseLocation::Postgres(url) => Backend::Postgres {
                pool: postgres::build_pool(url, pool_size)?,
            },
        };
        Ok(Self { backend })
    }

    /// Applies pending migrations; returns how many ran. On PostgreSQL, instances migrating
    /// at once take turns, and only the first finds anything to apply.
    pub fn migrate(&self) -> Result<usize, DatabaseError> {
        match &self.backend {
            Backend::Sqlite { pool, .. } => {
                migrations::run_pending(&mut *pool.get()?).map_err(DatabaseError::Query)
            }
            Backend::Postgres { pool } => {
                postgres::run_pending(&mut *pool.get()?).map_err(DatabaseError::Query)
            }
        }
    }

    /// Checks that the database file can still be reached at its path, answers, and has a
    /// current schema. It uses a fresh connection that may not create the file: the pool's
    /// connections keep reaching a file that was moved or deleted, so they cannot tell,
    /// and a busy pool would make a healthy database look unready.
    pub fn check_ready(&self) -> Result<bool, DatabaseError> {
        let query_error = |e: diesel::result::Error| DatabaseError::Query(e.into());
        match &self.backend {
            Backend::Sqlite { path, .. } => {
                let mut conn =
                    probe_connection(path).map_err(|e| DatabaseError::Query(e.into()))?;
                sql_query("SELECT 1")
                    .execute(&mut conn)
                    .map_err(query_error)?;
                migrations::all_applied(&mut conn).map_err(DatabaseError::Query)
            }
            Backend::Postgres { pool } => {
                let mut conn = pool.get_timeout(READINESS_WAIT)?;
                sql_query("SELECT 1")
                    .execute(&mut conn)
                    .map_err(query_error)?;
                postgres::all_applied(&mut conn).map_err(DatabaseError::Query)
            }
        }
    }

    /// Writes a consistent copy of the whole SQLite database to a new file at `target` with
    /// `VACUUM INTO`, while other connections keep reading and writing. Refuses to
    /// overwrite an existing file. PostgreSQL has its own tools for this.
    pub fn backup_to(&self, target: &Path) -> Result<(), DatabaseError> {
        let Backend::Sqlite { pool, .. } = &self.backend else {
            return Err(DatabaseError::NotSqlite);
        };
        if target.exists() {
            return Err(DatabaseError::Query(
                format!("{} already exists; choose a new file", target.display()).into(),
            ));
        }
        let target = target
            .to_str()
            .ok_or_else(|| DatabaseError::Query("the backup path is not valid UTF-8".into()))?
            .to_owned();
        let mut conn = pool.get()?;

        sql_query("VACUUM INTO ?")
            .bind::<Text, _>(target)
            .execute(&mut conn)
            .map_err(|e| DatabaseError::Query(e.into()))?;
        Ok(())
    }

    /// The notes repository.
    pub fn notes(&self) -> Arc<dyn NotesRepository> {
        match &self.backend {
            Backend::Sqlite { pool, writer, .. } => {
                Arc::new(SqliteNotesRepository::new(pool.clone(), writer.clone()))
            }
            Backend::Postgres { pool } => Arc::new(PgNotesRepository::new(pool.clone())),
        }
    }

    /// The sessions repository.
    pub fn sessions(&self) -> Arc<dyn SessionsRepository> {
        match &self.backend {
            Backend::Sqlite { pool, writer, .. } => {
                Arc::new(SqliteSessionsRepository::new(pool.clone(), writer.clone()))
            }
            Backend::Postgres { pool } => Arc::new(PgSessionsRepository::new(pool.clone())),
        }
    }

    /// The tags repository.
    pub fn tags(&self) -> Arc<dyn TagsRepository> {
        match &self.backend {
            Backend::Sqlite { pool, writer, .. } => {
                Arc::new(SqliteTagsRepository::new(pool.clone(), writer.clone()))
            }
            Backend::Postgres { pool } => Arc::new(PgTagsRepository::new(pool.clone())),
        }
    }

    /// The users repository.
    pub fn users(&self) -> Arc<dyn UsersRepository> {
        match &self.backend {
            Backend::Sqlite { pool, writer, .. } => {
                Arc::new(SqliteUsersRepository::new(pool.clone(), writer.clone()))
            }
            Backend::Postgres { pool } => Arc::new(PgUsersRepository::new(pool.clone())),
        }
    }
}

impl StorageHealth for Database {
    fn is_ready(&self) -> Result<bool, StorageError> {
        self.check_ready().map_err(StorageError::new)
    }

    fn pool_usage(&self) -> PoolUsage {
        let (state, max_size) = match &self.backend {
            Backend::Sqlite { pool, .. } => (pool.state(), pool.max_size()),
            Backend::Postgres { pool } => (pool.state(), pool.max_size()),
        };
        PoolUsage {
            connections: state.connections,
            idle: state.idle_connections,
            max_size,
        }
    }
}
