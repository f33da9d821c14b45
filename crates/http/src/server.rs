//! Building the HTTP server.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Condition, NormalizePath, TrailingSlash, from_fn};
use actix_web::{App, HttpServer, web};

use crate::extract::{BodyLimit, BodyTimeout};
use crate::middleware::{
    CorsSettings, HeaderLimit, cors, cors_refusal, limit_header_size, request_log,
};
use crate::routes;
use crate::shutdown;
use crate::state::AppState;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerSettings {
    /// Worker threads accepting and answering requests.
    pub workers: usize,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The most bytes of request header names and values accepted.
    pub header_limit: usize,
    /// How long a client may take to send a request body.
    pub body_timeout: Duration,
    /// How long in-flight requests may take to finish after a shutdown signal.
    pub shutdown_grace: Duration,
    /// Which browser origins may call the API.
    pub cors: CorsSettings,
    /// Connection limits and timeouts.
    pub connections: ConnectionSettings,
    /// Serve HTTPS with this configuration instead of plain HTTP.
    pub tls: Option<rustls::ServerConfig>,
}

/// Limits on connections, enforced by actix-web below the application: a client that
/// breaks them gets a bare status (408, 431) or a closed connection, not a problem document.
/// The limits on header size and body time in [`ServerSettings`] answer with problem
/// documents.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionSettings {
    /// How long a client may take to send a request's head (408 after that).
    pub request_head_timeout: Duration,
    /// How long an idle keep-alive connection stays open.
    pub keep_alive: Duration,
    /// How long a closing connection may take to shut down.
    pub disconnect_timeout: Duration,
    /// How long a TLS handshake may take.
    pub tls_handshake_timeout: Duration,
    /// Connections per worker thread at most; further ones wait to be accepted.
    pub max_connections_per_worker: usize,
}

impl Default for ConnectionSettings {
    /// actix-web's own defaults, except a shorter keep-alive than its 5 s is not needed.
    fn default() -> Self {
        Self {
            request_head_timeout: Duration::from_secs(5),
            keep_alive: Duration::from_secs(5),
            disconnect_timeout: Duration::from_secs(1),
            tls_handshake_timeout: Duration::from_secs(3),
            max_connections_per_worker: 25_000,
        }
    }
}

/// Starts serving the API on `listener`. The returned server runs when awaited (or spawned)
/// and stops gracefully on SIGINT or SIGTERM: it stops accepting, gives requests in flight
/// `shutdown_grace` to finish, then drops the application state (closing the database).
pub fn serve(
    listener: TcpListener,
    state: AppState,
    settings: ServerSettings,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let body_limit = BodyLimit(settings.body_limit);
    let body_timeout = BodyTimeout(settings.body_timeout);
    let header_limit = HeaderLimit(settings.header_limit);
    let cors_settings = settings.cors.clone();
    let connections = settings.connections;

    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(body_limit)
            .app_data(body_timeout)
            .app_data(header_limit)
            .wrap(NormalizePath::new(TrailingSlash::Always))
            .wrap(from_fn(limit_header_size))
            .wrap(Condition::new(
                !cors_settings.origins.is_empty(),
                cors(&cors_settings),
            ))
            .wrap(from_fn(cors_refusal))
            .wrap(from_fn(request_log))
            .configure(routes::configure)
            .default_service(web::to(routes::not_found))
    })
    .workers(settings.workers.max(1))
    .shutdown_signal(shutdown::stop_requested())
    .shutdown_timeout(settings.shutdown_grace.as_secs())
    .client_request_timeout(connections.request_head_timeout)
    .keep_alive(connections.keep_alive)
    .client_disconnect_timeout(connections.disconnect_timeout)
    .tls_handshake_timeout(connections.tls_handshake_timeout)
    .max_connections(connections.max_connections_per_worker.max(1));

    let server = match settings.tls {
        Some(tls) => server.listen_rustls_0_23(listener, tls)?,
        None => server.listen(listener)?,
    };

    Ok(server.run())
}
