//! The `notes` binary. Everything it does lives in the `notes_app` library so that tests run
//! exactly the same code.

use std::process::ExitCode;

use notes_app::{ConfigError, load_config, run, telemetry};

fn main() -> ExitCode {
    let loaded = match load_config() {
        Ok(loaded) => loaded,
        Err(ConfigError::Clap(error)) => error.exit(),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(loaded.cli.log_format);
    if !loaded.report.unknown_variables.is_empty() {
        tracing::warn!(
            variables = %loaded.report.unknown_variables.join(", "),
            "ignoring unknown NOTES_* environment variables (a typo?)"
        );
    }

    match run(loaded) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %error, "notes stopped");
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
