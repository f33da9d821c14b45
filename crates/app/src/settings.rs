//! The effective configuration of a running server.

use std::net::IpAddr;
use std::path::PathBuf;
use std::thread::available_parallelism;
use std::time::Duration;

use notes_auth::TokenSettings;
use notes_http::{ConnectionSettings, CorsSettings, Rate};

use crate::cli::{Options, ServeArgs};
use crate::keys::KeySettings;

/// Everything `serve` needs, resolved from flags, environment and defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The database: a SQLite file path or sqlite:// URL, or a postgres:// URL.
    pub database_url: String,
    /// The most database connections held open at once.
    pub database_pool_size: u32,
    /// The token signing and retired keys.
    pub keys: KeySettings,
    /// Token lifetimes.
    pub tokens: TokenSettings,
    /// The address to listen on; port 0 picks a free one.
    pub listen: String,
    /// Worker threads answering requests.
    pub workers: usize,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The most bytes of request header names and values accepted.
    pub header_limit: usize,
    /// How long a client may take to send a request body.
    pub body_timeout: Duration,
    /// Password hashes computed at once; more wait in a queue of [`Settings::hashing_queue`].
    pub hashing_parallelism: usize,
    /// Sign-ins and registrations that may wait for a hashing slot before 503s begin.
    pub hashing_queue: usize,
    /// Sign-in attempts per client address (`None`: unlimited).
    pub sign_in_rate_per_address: Option<Rate>,
    /// Failed sign-ins per account.
    pub sign_in_failures_per_account: Option<Rate>,
    /// Registrations per client address.
    pub register_rate_per_address: Option<Rate>,
    /// Proxies whose forwarding headers are believed (client address, origin of links).
    pub trusted_proxies: Vec<IpAddr>,
    /// Whether refresh tokens travel in an `HttpOnly` cookie instead of response bodies.
    pub refresh_cookie: bool,
    /// Browser origins allowed to call the API cross-origin.
    pub cors: CorsSettings,
    /// Connection limits and timeouts.
    pub connections: ConnectionSettings,
    /// Serve HTTPS with these files instead of plain HTTP.
    pub tls: Option<TlsFiles>,
    /// How long requests in flight may run on after SIGINT or SIGTERM.
    pub shutdown_grace: Duration,
}

/// A PEM certificate chain and its private key.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert_file: PathBuf,
    /// The private key.
    pub key_file: PathBuf,
}

impl Settings {
    /// The settings for `notes serve` with these options.
    pub fn new(options: &Options, serve: &ServeArgs) -> Self {
        let cores = available_parallelism().map_or(1, usize::from);
        Self {
            database_url: options.database_url.clone(),
            database_pool_size: options.database_pool_size,
            keys: KeySettings::from_options(options),
            tokens: TokenSettings {
                access_lifetime: options.access_token_lifetime,
                refresh_lifetime: options.refresh_token_lifetime,
                issuer: options.jwt_issuer.clone(),
                audience: options.jwt_audience.clone(),
                leeway: options.jwt_leeway,
            },
            listen: serve.listen.clone(),
            workers: serve.workers.unwrap_or(cores),
            body_limit: serve.body_limit,
            header_limit: serve.header_limit,
            body_timeout: serve.request_body_timeout,
            // Half the cores (at least one): a flood of sign-ins then leaves the other half
            // to every other request. With one hash per core, reads lost two thirds of
            // their throughput on two cores (docs/benchmarks.md).
            hashing_parallelism: (cores / 2).max(1),
            hashing_queue: 64,
            sign_in_rate_per_address: serve.sign_in_rate_per_address,
            sign_in_failures_per_account: serve.sign_in_failures_per_account,
            register_rate_per_address: serve.register_rate_per_address,
            trusted_proxies: serve.trusted_proxies.clone(),
            refresh_cookie: serve.refresh_cookie,
            cors: CorsSettings {
                origins: serve.cors_origins.clone(),
                allow_credentials: serve.cors_allow_credentials,
            },
            connections: ConnectionSettings {
                request_head_timeout: serve.request_head_timeout,
                keep_alive: serve.keep_alive,
                max_connections_per_worker: serve.max_connections_per_worker,
                ..ConnectionSettings::default()
            },
            tls: match (&serve.tls_cert_file, &serve.tls_key_file) {
                (Some(cert_file), Some(key_file)) => Some(TlsFiles {
                    cert_file: cert_file.clone(),
                    key_file: key_file.clone(),
                }),
                _ => None,
            },
            shutdown_grace: serve.shutdown_grace,
        }
    }
}
