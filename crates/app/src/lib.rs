//! Wiring for the `notes` binary: layered configuration (file, environment, flags),
//! start-up, and the subcommands (`serve`, `migrate`, `createsuperuser`, `openapi`,
//! `config check`).

mod cli;
mod commands;
mod config;
mod keys;
mod production;
mod settings;
mod startup;
pub mod telemetry;

pub use cli::{Cli, Command, JwtAlgorithm, LogFormat};
pub use commands::run;
pub use config::{
    ConfigError, ConfigReport, Entry, Loaded, Source, load as load_config, load_from,
};
pub use keys::{KeySettings, KeySource};
pub use settings::{Settings, TlsFiles};
pub use startup::{Application, StartupError};
