//! Middleware every request passes through.

mod cors;
mod header_limit;
mod request_log;

pub use cors::{CorsSettings, cors, cors_refusal};
pub use header_limit::{HeaderLimit, limit_header_size};
pub use request_log::{RequestUser, request_log};
