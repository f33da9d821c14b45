//! The `notes` binary. Everything it does lives in the `notes_app` library so that tests run
//! exactly the same code.

use std::process::ExitCode;

use clap::Parser;
use notes_app::{Cli, run, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);

    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %error, "notes stopped");
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
