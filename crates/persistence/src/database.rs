//! Opening the database and handing out repositories.

use std::path::Path;
use std::sync::Arc;

use diesel::RunQueryDsl;
use diesel::sql_query;
use diesel::sql_types::Text;
use notes_domain::{PoolUsage, StorageError, StorageHealth};

use crate::migrations;
use crate::notes::SqliteNotesRepository;
use crate::pool::{SqlitePool, build_pool, probe_connection, writer_connection};
use crate::sessions::SqliteSessionsRepository;
use crate::tags::SqliteTagsRepository;
use crate::users::SqliteUsersRepository;
use crate::writer::Writer;

/// Why the database could not be opened or checked.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// The URL names no SQLite database this build understands.
    #[error("unsupported database URL {0:?}: give a file path or a sqlite:// URL")]
    UnsupportedUrl(String),
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

/// An open SQLite database: a pool of connections for reads and one writer, shared by its
/// repositories.
#[derive(Clone)]
pub struct Database {
    path: Arc<str>,
    pool: SqlitePool,
    writer: Arc<Writer>,
}

impl Database {
    /// Opens the database named by `url` (a file path, or `sqlite://PATH`), creating the file
    /// if needed, with a pool of at most `pool_size` connections. Migrations are not applied:
    /// call [`Database::migrate`]. Writes go through one more connection of their own.
    pub fn open(url: &str, pool_size: u32) -> Result<Self, DatabaseError> {
        let path = sqlite_path(url)?;
        let pool = build_pool(path, pool_size)?;
        let conn = writer_connection(path).map_err(|e| DatabaseError::Writer(e.into()))?;
        let writer = Writer::start(conn).map_err(|e| DatabaseError::Writer(e.into()))?;
        Ok(Self {
            path: path.into(),
            pool,
            writer: Arc::new(writer),
        })
    }

    /// Applies pending migrations; returns how many ran.
    pub fn migrate(&self) -> Result<usize, DatabaseError> {
        let mut conn = self.pool.get()?;
        migrations::run_pending(&mut conn).map_err(DatabaseError::Query)
    }

    /// Checks that the database file can still be reached at its path, answers, and has a
    /// current schema. It uses a fresh connection that may not create the file: the pool's
    /// connections keep reaching a file that was moved or deleted, so they cannot tell,
    /// and a busy pool would make a healthy database look unready.
    pub fn check_ready(&self) -> Result<bool, DatabaseError> {
        let mut conn = probe_connection(&self.path).map_err(|e| DatabaseError::Query(e.into()))?;
        sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|e| DatabaseError::Query(e.into()))?;
        migrations::all_applied(&mut conn).map_err(DatabaseError::Query)
    }

    /// Writes a consistent copy of the whole database to a new file at `target` with
    /// `VACUUM INTO`, while other connections keep reading and writing. Refuses to
    /// overwrite an existing file.
    pub fn backup_to(&self, target: &Path) -> Result<(), DatabaseError> {
        if target.exists() {
            return Err(DatabaseError::Query(
                format!("{} already exists; choose a new file", target.display()).into(),
            ));
        }
        let target = target
            .to_str()
            .ok_or_else(|| DatabaseError::Query("the backup path is not valid UTF-8".into()))?
            .to_owned();
        let mut conn = self.pool.get()?;

        sql_query("VACUUM INTO ?")
            .bind::<Text, _>(target)
            .execute(&mut conn)
            .map_err(|e| DatabaseError::Query(e.into()))?;
        Ok(())
    }

    /// The notes repository.
    pub fn notes(&self) -> Arc<SqliteNotesRepository> {
        Arc::new(SqliteNotesRepository::new(
            self.pool.clone(),
            self.writer.clone(),
        ))
    }

    /// The sessions repository.
    pub fn sessions(&self) -> Arc<SqliteSessionsRepository> {
        Arc::new(SqliteSessionsRepository::new(
            self.pool.clone(),
            self.writer.clone(),
        ))
    }

    /// The tags repository.
    pub fn tags(&self) -> Arc<SqliteTagsRepository> {
        Arc::new(SqliteTagsRepository::new(
            self.pool.clone(),
            self.writer.clone(),
        ))
    }

    /// The users repository.
    pub fn users(&self) -> Arc<SqliteUsersRepository> {
        Arc::new(SqliteUsersRepository::new(
            self.pool.clone(),
            self.writer.clone(),
        ))
    }
}

impl StorageHealth for Database {
    fn is_ready(&self) -> Result<bool, StorageError> {
        self.check_ready().map_err(StorageError::new)
    }

    fn pool_usage(&self) -> PoolUsage {
        let state = self.pool.state();
        PoolUsage {
            connections: state.connections,
            idle: state.idle_connections,
            max_size: self.pool.max_size(),
        }
    }
}

/// The file path inside a SQLite database URL (`PATH`, `sqlite:PATH` or `sqlite://PATH`).
pub fn sqlite_path(url: &str) -> Result<&str, DatabaseError> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let looks_like_other_backend = path.contains("://");
    if path.is_empty() || looks_like_other_backend {
        return Err(DatabaseError::UnsupportedUrl(url.to_owned()));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_and_sqlite_urls_name_a_file() {
        for (url, path) in [
            ("notes.sqlite3", "notes.sqlite3"),
            ("sqlite://notes.sqlite3", "notes.sqlite3"),
            ("sqlite:///tmp/notes.sqlite3", "/tmp/notes.sqlite3"),
            ("sqlite:notes.sqlite3", "notes.sqlite3"),
        ] {
            assert_eq!(sqlite_path(url).ok(), Some(path), "{url}");
        }
    }

    #[test]
    fn other_schemes_are_refused_with_a_clear_error() {
        for url in ["postgres://localhost/notes", "", "sqlite://"] {
            assert!(
                matches!(sqlite_path(url), Err(DatabaseError::UnsupportedUrl(_))),
                "{url}"
            );
        }
    }
}
