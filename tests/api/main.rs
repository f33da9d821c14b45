//! End-to-end tests: each test starts the real server on its own loopback port with its own
//! SQLite file and speaks HTTP to it.

mod account;
mod errors;
mod notes;
mod registration;
mod scoping;
mod sessions;
mod tokens;
mod tutorial;
