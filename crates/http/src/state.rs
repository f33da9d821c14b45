//! What every handler shares.

use std::sync::Arc;

use notes_auth::TokenService;
use notes_domain::{
    NotesRepository, SessionsRepository, StorageHealth, TagsRepository, UsersRepository,
};

use crate::metrics::Metrics;

use crate::password_gate::PasswordGate;
use crate::rate_limit::RateLimits;

/// The services handlers reach through `web::Data<AppState>`.
#[derive(Clone)]
pub struct AppState {
    /// User accounts.
    pub users: Arc<dyn UsersRepository>,
    /// Sign-in sessions (refresh-token families).
    pub sessions: Arc<dyn SessionsRepository>,
    /// Notes, always reached through their owner.
    pub notes: Arc<dyn NotesRepository>,
    /// Each user's tags across their notes.
    pub tags: Arc<dyn TagsRepository>,
    /// Token issue and verification.
    pub tokens: Arc<TokenService>,
    /// Password hashing, bounded in concurrency.
    pub passwords: Arc<PasswordGate>,
    /// Brute-force limits on signing in and registering.
    pub limits: Arc<RateLimits>,
    /// Readiness and connection pool usage of the storage.
    pub storage: Arc<dyn StorageHealth>,
    /// Request counts and latencies for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Whether refresh tokens travel in an `HttpOnly` cookie instead of response bodies.
    pub refresh_cookie: bool,
}
