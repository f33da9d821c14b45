//! Storage for the notes API: diesel on SQLite (one machine) or PostgreSQL (several
//! instances sharing one database), through r2d2 pools, with each backend's migrations built
//! into the binary.
//!
//! [`Database::open`] is the entry point: the URL picks the backend; it hands out the
//! repositories that implement the domain's traits, the same behaviour on both (the
//! contract tests in `tests/` run once per backend).

mod database;
mod errors;
mod location;
mod migrations;
mod notes;
mod pool;
mod postgres;
mod schema;
mod sessions;
mod tags;
mod users;
mod writer;

pub use database::{Database, DatabaseError};
pub use location::{DatabaseLocation, redacted, sqlite_path};
pub use notes::SqliteNotesRepository;
pub use postgres::{PgNotesRepository, PgSessionsRepository, PgTagsRepository, PgUsersRepository};
pub use sessions::SqliteSessionsRepository;
pub use tags::SqliteTagsRepository;
pub use users::SqliteUsersRepository;
