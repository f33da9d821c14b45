//! Test support: start the real server on a free loopback port with its own temporary
//! SQLite database, and speak HTTP to it.

mod app;
mod response;

pub use app::{TestApp, TestUser, spawn_app, spawn_app_with};
pub use response::TestResponse;
