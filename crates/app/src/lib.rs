//! Wiring for the `notes` binary: command-line and environment configuration, start-up, and
//! the subcommands (`serve`, `migrate`, `createsuperuser`, `openapi`).

mod cli;
mod commands;
mod keys;
mod settings;
mod startup;
pub mod telemetry;

pub use cli::{Cli, Command, JwtAlgorithm, LogFormat};
pub use commands::run;
pub use keys::{KeySettings, KeySource};
pub use settings::Settings;
pub use startup::{Application, StartupError};
