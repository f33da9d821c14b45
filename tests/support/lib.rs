//! Test support: start the real server on a free loopback port with its own temporary
//! SQLite database, and speak HTTP to it.

#![expect(
    clippy::expect_used,
    reason = "test support fails the test loudly when set-up breaks"
)]

mod app;
mod response;

pub use app::{TestApp, TestUser, spawn_app, spawn_app_with};
pub use response::TestResponse;
