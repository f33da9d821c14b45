//! Test support: start the real server on a free loopback port with its own temporary
//! database (SQLite, or PostgreSQL with `NOTES_TEST_BACKEND=postgres`), and speak HTTP to
//! it.

#![expect(
    clippy::expect_used,
    reason = "test support fails the test loudly when set-up breaks"
)]

mod app;
mod response;

pub use app::{BACKEND_VARIABLE, TestApp, TestUser, spawn_app, spawn_app_with};
pub use response::TestResponse;
