//! The compile-time options `.cargo/config.toml` gives the bundled SQLite.

use diesel::sql_types::BigInt;
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection, sql_query};

#[derive(QueryableByName)]
struct Used {
    #[diesel(sql_type = BigInt)]
    used: i64,
}

fn compiled_with(conn: &mut SqliteConnection, option: &str) -> bool {
    sql_query(format!(
        "SELECT sqlite_compileoption_used('{option}') AS used"
    ))
    .get_result::<Used>(conn)
    .is_ok_and(|row| row.used == 1)
}

/// Without the query planner stability guarantee, every query with a bound `LIMIT` is
/// parsed and planned again on each execution (docs/benchmarks.md, "Profiles"); without
/// memory statistics, SQLite's allocator takes no process-wide mutex.
#[test]
fn the_bundled_sqlite_keeps_plans_and_keeps_no_memory_statistics() {
    let mut conn = SqliteConnection::establish(":memory:").expect("an in-memory database");

    assert!(compiled_with(&mut conn, "ENABLE_QPSG"));
    assert!(compiled_with(&mut conn, "DEFAULT_MEMSTATUS=0"));
}
