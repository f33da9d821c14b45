//! The PostgreSQL migrations, compiled into the binary, applied under an advisory lock.

use diesel::pg::PgConnection;
use diesel::sql_types::BigInt;
use diesel::{RunQueryDsl, sql_query};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// The advisory lock that serialises migrations: the ASCII of "notes", a key no other
/// program is likely to take.
const MIGRATION_LOCK: i64 = 0x6e_6f_74_65_73;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every migration not yet applied and returns how many ran. Instances starting at
/// once queue on a session-level advisory lock, so the first one migrates and the others
/// find nothing left to do.
pub(crate) fn run_pending(conn: &mut PgConnection) -> Result<usize, BoxError> {
    sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK)
        .execute(conn)?;

    let applied = conn
        .run_pending_migrations(POSTGRES_MIGRATIONS)
        .map(|v| v.len());
    // The connection goes back to the pool: release the lock even when a migration failed.
    let released = sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK)
        .execute(conn);

    let applied = applied?;
    released?;
    Ok(applied)
}

/// True when every migration compiled into this binary has been applied.
pub(crate) fn all_applied(conn: &mut PgConnection) -> Result<bool, BoxError> {
    Ok(!conn.has_pending_migration(POSTGRES_MIGRATIONS)?)
}
