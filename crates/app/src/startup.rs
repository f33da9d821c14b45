//! Turning settings into a running server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use notes_auth::{PasswordHasher, TokenService};
use notes_http::{
    AppState, Metrics, PasswordGate, RateLimiter, RateLimits, ServerSettings, TlsError,
    TrustedProxies, load_tls,
};
use notes_persistence::{Database, DatabaseError, DatabaseLocation};

use crate::keys::KeyLoadError;
use crate::settings::Settings;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] DatabaseError),
    /// No usable signing key.
    #[error(transparent)]
    Key(#[from] KeyLoadError),
    /// The TLS certificate or key is unusable.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The password hasher rejected its parameters.
    #[error(transparent)]
    Hasher(#[from] notes_auth::HashError),
    /// The password hashing threads could not be started.
    #[error("cannot start the password hashing threads: {0}")]
    HashingThreads(#[source] std::io::Error),
    /// The listen address is unusable.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address.
        address: String,
        /// Why.
        source: std::io::Error,
    },
}

/// A server bound to its port, ready to run.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Opens and migrates the database, loads the signing key, binds the listen address and
    /// builds the server. Nothing is served until [`Application::run_until_stopped`].
    pub fn build(settings: &Settings) -> Result<Self, StartupError> {
        let tls = settings
            .tls
            .as_ref()
            .map(|files| load_tls(&files.cert_file, &files.key_file))
            .transpose()?;
        let database = open_database(&settings.database_url, settings.database_pool_size)?;
        let (signing, retired) = settings
            .keys
            .load(DatabaseLocation::parse(&settings.database_url)?.sqlite_file())?;
        let hasher = PasswordHasher::recommended()?;
        let state = AppState {
            users: database.users(),
            sessions: database.sessions(),
            notes: database.notes(),
            tags: database.tags(),
            tokens: Arc::new(TokenService::new(signing, retired, settings.tokens.clone())),
            passwords: Arc::new(
                PasswordGate::new(hasher, settings.hashing_parallelism, settings.hashing_queue)
                    .map_err(StartupError::HashingThreads)?,
            ),
            limits: Arc::new(RateLimits {
                sign_in_per_address: RateLimiter::new(settings.sign_in_rate_per_address),
                sign_in_failures_per_account: RateLimiter::new(
                    settings.sign_in_failures_per_account,
                ),
                register_per_address: RateLimiter::new(settings.register_rate_per_address),
                trusted_proxies: TrustedProxies(settings.trusted_proxies.clone()),
            }),
            storage: Arc::new(database.clone()),
            metrics: Arc::new(Metrics::default()),
            refresh_cookie: settings.refresh_cookie,
        };
        let listen_error = |source| StartupError::Listen {
            address: settings.listen.clone(),
            source,
        };
        let listener = TcpListener::bind(&settings.listen).map_err(listen_error)?;
        let port = listener.local_addr().map_err(listen_error)?.port();
        let server_settings = ServerSettings {
            workers: settings.workers,
            body_limit: settings.body_limit,
            header_limit: settings.header_limit,
            body_timeout: settings.body_timeout,
            shutdown_grace: settings.shutdown_grace,
            cors: settings.cors.clone(),
            connections: settings.connections,
            tls,
        };

        let server = notes_http::serve(listener, state, server_settings).map_err(listen_error)?;

        Ok(Self { port, server })
    }

    /// The port the server listens on (useful when the settings asked for port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process receives SIGINT or SIGTERM, then lets in-flight requests
    /// finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the database and applies any pending migrations.
pub(crate) fn open_database(url: &str, pool_size: u32) -> Result<Database, DatabaseError> {
    let database = Database::open(url, pool_size)?;
    let applied = database.migrate()?;
    if applied > 0 {
        tracing::info!(migrations.applied = applied, "database schema updated");
    }
    Ok(database)
}
