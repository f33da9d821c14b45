//! The HTTP face of the notes API: actix-web routes, the extractors that authenticate and
//! validate requests, and the single mapping from errors to RFC 9457 problem responses.
//!
//! The OpenAPI document ([`ApiDoc`]) is derived from the same handlers and served with
//! Swagger UI at `/api/docs/`.
//!
//! This crate sees storage only through the domain's repository traits; it does not know
//! which database is behind them.

mod blocking;
mod extract;
mod forwarding;
mod metrics;
mod middleware;
mod openapi;
mod password_gate;
mod problem;
mod rate_limit;
mod routes;
mod server;
mod shutdown;
mod state;
mod tls;

pub use forwarding::TrustedProxies;
pub use metrics::{METRICS_CONTENT_TYPE, Metrics};
pub use middleware::CorsSettings;
pub use openapi::{ApiDoc, BEARER_SCHEME, PASSWORD_SCHEME, openapi_json};
pub use password_gate::PasswordGate;
pub use problem::{ApiError, PROBLEM_JSON, Problem};
pub use rate_limit::{Rate, RateLimiter, RateLimits};
pub use server::{ConnectionSettings, ServerSettings, serve};
pub use state::AppState;
pub use tls::{TlsError, load_tls};
