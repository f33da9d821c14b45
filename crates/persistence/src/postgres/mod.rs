//! The PostgreSQL backend: the same tables and the same repository behaviour as SQLite,
//! for several server instances sharing one database.
//!
//! PostgreSQL takes concurrent writers itself, so there is no writer thread here: each
//! write is one transaction on a pooled connection, and writes to one user's notes and tags
//! take that user's advisory lock first, so they follow each other as SQLite's single writer
//! makes them. Everything an instance needs for
//! correctness (accounts, sessions and their refresh tokens, notes) is in these tables, so
//! instances are interchangeable.
//!
//! Known shortcoming: most queries here repeat their SQLite twins in `crate::notes`,
//! `crate::sessions`, `crate::users` and `crate::tags` line for line, with another
//! connection type and `table!` schema. The shared contract tests keep the two in step, but
//! a change to one must be made to both by hand. Writing the common queries once, generic
//! over diesel's `Backend` (or through `diesel::MultiConnection`), would remove about a
//! thousand lines; the SQLite writer thread and the PostgreSQL advisory locks would stay
//! per backend.

mod migrations;
mod notes;
mod pool;
mod schema;
mod sessions;
mod tags;
mod users;

pub(crate) use migrations::{all_applied, run_pending};
pub use notes::PgNotesRepository;
pub(crate) use pool::{PgPool, build_pool};
pub use sessions::PgSessionsRepository;
pub use tags::PgTagsRepository;
pub use users::PgUsersRepository;
