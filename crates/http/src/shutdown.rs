//! What stops the server: SIGINT or SIGTERM, both gracefully.
//!
//! actix-web's own signal handling stops gracefully on SIGTERM only; on SIGINT (Ctrl-C, and
//! what some supervisors send) it drops the requests in flight. Here both let them finish
//! within the grace period.

use actix_web::rt::signal::unix::{SignalKind, signal};

/// Resolves when the process receives SIGINT or SIGTERM.
pub(crate) async fn stop_requested() {
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        tracing::error!("cannot listen for SIGINT or SIGTERM; only SIGKILL stops this server");
        std::future::pending::<()>().await;
        return;
    };

    let name = tokio::select! {
        _ = interrupt.recv() => "SIGINT",
        _ = terminate.recv() => "SIGTERM",
    };
    tracing::info!(signal = name, "stopping: finishing requests in flight");
}
