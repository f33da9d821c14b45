//! The schema migrations, compiled into the binary.

use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// Applies every migration not yet applied and returns how many ran.
pub(crate) fn run_pending(
    conn: &mut SqliteConnection,
) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    let applied = conn.run_pending_migrations(SQLITE_MIGRATIONS)?;
    Ok(applied.len())
}

/// True when every migration compiled into this binary has been applied.
pub(crate) fn all_applied(
    conn: &mut SqliteConnection,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    Ok(!conn.has_pending_migration(SQLITE_MIGRATIONS)?)
}
