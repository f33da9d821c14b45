//! Middleware every request passes through.

mod cors;
mod request_log;

pub use cors::{CorsSettings, cors, cors_refusal};
pub use request_log::{RequestUser, request_log};
