//! End-to-end tests: each test starts the real server on its own loopback port with its own
//! SQLite file and speaks HTTP to it.

mod errors;
mod notes;
mod registration;
mod scoping;
mod tokens;
mod tutorial;
