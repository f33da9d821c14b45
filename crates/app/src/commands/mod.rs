//! The subcommands.

mod backup;
mod check;
mod createsuperuser;
mod migrate;
mod openapi;
mod serve;
mod users;

use crate::cli::{Command, ConfigCommand};
use crate::config::Loaded;

/// Any subcommand's failure, as a message for the operator.
pub type CommandError = Box<dyn std::error::Error + Send + Sync>;

/// Runs the subcommand the command line names (`serve` by default).
pub fn run(loaded: Loaded) -> Result<(), CommandError> {
    let Loaded { cli, serve, report } = loaded;
    match cli.command {
        None | Some(Command::Serve(_)) => serve::run(&cli.options, &serve, &report),
        Some(Command::Migrate) => migrate::run(&cli.options),
        Some(Command::Createsuperuser(args)) => createsuperuser::run(&cli.options, args),
        Some(Command::Openapi) => openapi::run(),
        Some(Command::Config(ConfigCommand::Check)) => check::run(&cli.options, &serve, &report),
        Some(Command::Users(command)) => users::run(&cli.options, command),
        Some(Command::Backup(args)) => backup::run(&cli.options, &args),
    }
}
