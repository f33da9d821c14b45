//! Brute-force limits on signing in and registering.
//!
//! The state lives in this process: with several instances behind a load balancer each
//! counts on its own, so the effective limit is the configured one times the number of
//! instances.

mod client_address;
mod limiter;

use crate::forwarding::TrustedProxies;

pub use limiter::{Rate, RateLimiter};

pub(crate) use client_address::client_address;

/// The limits a server applies.
#[derive(Debug)]
pub struct RateLimits {
    /// Sign-in attempts per client address.
    pub sign_in_per_address: RateLimiter,
    /// Failed sign-ins per account, whatever the address.
    pub sign_in_failures_per_account: RateLimiter,
    /// Registrations per client address.
    pub register_per_address: RateLimiter,
    /// Whose forwarding headers to believe: the limits' client address comes from them, and
    /// so does the origin of page links (which is why the listing reads it from here too).
    pub trusted_proxies: TrustedProxies,
}
