//! Building the HTTP server.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{NormalizePath, TrailingSlash, from_fn};
use actix_web::{App, HttpServer, web};

use crate::extract::BodyLimit;
use crate::middleware::request_log;
use crate::routes;
use crate::state::AppState;

/// How the server runs.
#[derive(Debug, Clone, Copy)]
pub struct ServerSettings {
    /// Worker threads accepting and answering requests.
    pub workers: usize,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// How long in-flight requests may take to finish after a shutdown signal.
    pub shutdown_grace: Duration,
}

/// Starts serving the API on `listener`. The returned server runs when awaited (or spawned)
/// and stops gracefully on SIGINT or SIGTERM.
pub fn serve(
    listener: TcpListener,
    state: AppState,
    settings: ServerSettings,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let body_limit = BodyLimit(settings.body_limit);

    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(body_limit)
            .wrap(NormalizePath::new(TrailingSlash::Always))
            .wrap(from_fn(request_log))
            .configure(routes::configure)
            .default_service(web::to(routes::not_found))
    })
    .workers(settings.workers.max(1))
    .shutdown_timeout(settings.shutdown_grace.as_secs())
    .listen(listener)?
    .run();

    Ok(server)
}
