//! The HTTP face of the notes API: actix-web routes, the extractors that authenticate and
//! validate requests, and the single mapping from errors to RFC 9457 problem responses.
//!
//! This crate sees storage only through the domain's repository traits; it does not know
//! which database is behind them.

mod blocking;
mod extract;
mod middleware;
mod password_gate;
mod problem;
mod rate_limit;
mod routes;
mod server;
mod state;

pub use password_gate::PasswordGate;
pub use problem::{ApiError, PROBLEM_JSON, Problem};
pub use rate_limit::{Rate, RateLimiter, RateLimits, TrustedProxies};
pub use server::{ServerSettings, serve};
pub use state::AppState;
