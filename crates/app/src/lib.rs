//! Wiring for the `notes` binary: command-line and environment configuration, start-up, and
//! the subcommands (`serve`, `migrate`, `createsuperuser`, `openapi`).

mod cli;
mod commands;
mod secret_key;
mod settings;
mod startup;
pub mod telemetry;

pub use cli::{Cli, Command, LogFormat};
pub use commands::run;
pub use secret_key::KeySource;
pub use settings::Settings;
pub use startup::{Application, StartupError};
