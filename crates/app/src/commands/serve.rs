//! `notes serve`

use super::CommandError;
use crate::cli::{Options, ServeArgs};
use crate::settings::Settings;
use crate::startup::Application;

/// Serves the API until SIGINT or SIGTERM.
pub(super) fn run(options: &Options, args: &ServeArgs) -> Result<(), CommandError> {
    let settings = Settings::new(options, args);

    actix_web::rt::System::new().block_on(async move {
        let application = Application::build(&settings)?;
        let host = settings
            .listen
            .rsplit_once(':')
            .map_or("127.0.0.1", |(host, _)| host);
        tracing::info!(
            address = %format!("http://{host}:{}", application.port()),
            database = %settings.database_url,
            workers = settings.workers,
            "listening"
        );
        application.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}
