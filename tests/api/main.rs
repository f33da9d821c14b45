//! End-to-end tests: each test starts the real server on its own loopback port with its own
//! database and speaks HTTP to it. The database is a SQLite file, or a freshly created
//! PostgreSQL database with `NOTES_TEST_BACKEND=postgres` (`scripts/test.sh` runs both).

#![expect(clippy::expect_used, reason = "test helpers fail the test loudly")]

mod account;
mod admin;
mod conditional;
mod connections;
mod cookies;
mod cors;
mod errors;
mod idempotency;
mod limits;
mod listing;
mod notes;
mod ops;
mod page_links;
mod registration;
mod request_limits;
mod scoping;
mod sessions;
mod signing_keys;
mod tags;
mod tls;
mod tokens;
mod tutorial;
