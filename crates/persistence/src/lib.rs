//! Storage for the notes API: diesel on SQLite through an r2d2 pool, with the migrations
//! built into the binary.
//!
//! [`Database::open`] is the entry point: it opens (creating if needed) the database file,
//! applies pending migrations and hands out the repositories that implement the domain's
//! traits.

mod database;
mod errors;
mod migrations;
mod notes;
mod pool;
mod schema;
mod sessions;
mod tags;
mod users;
mod writer;

pub use database::{Database, DatabaseError, sqlite_path};
pub use notes::SqliteNotesRepository;
pub use sessions::SqliteSessionsRepository;
pub use tags::SqliteTagsRepository;
pub use users::SqliteUsersRepository;
