//! Middleware every request passes through.

mod request_log;

pub use request_log::{RequestUser, request_log};
