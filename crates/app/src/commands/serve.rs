//! `notes serve`

use super::CommandError;
use super::check::production_refusal;
use crate::cli::{Options, ServeArgs};
use crate::config::ConfigReport;
use crate::production;
use crate::settings::Settings;
use crate::startup::Application;

/// Serves the API until SIGINT or SIGTERM.
pub(super) fn run(
    options: &Options,
    args: &ServeArgs,
    report: &ConfigReport,
) -> Result<(), CommandError> {
    let rust_log = std::env::var("RUST_LOG").ok();
    let refusals = production::refusals(options, args, report, rust_log.as_deref());
    if !refusals.is_empty() {
        return Err(production_refusal(&refusals).into());
    }
    let settings = Settings::new(options, args);

    actix_web::rt::System::new().block_on(async move {
        let application = Application::build(&settings)?;
        let host = settings
            .listen
            .rsplit_once(':')
            .map_or("127.0.0.1", |(host, _)| host);
        let scheme = if settings.tls.is_some() {
            "https"
        } else {
            "http"
        };
        tracing::info!(
            address = %format!("{scheme}://{host}:{}", application.port()),
            database = %notes_persistence::redacted(&settings.database_url),
            workers = settings.workers,
            "listening"
        );
        application.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}
