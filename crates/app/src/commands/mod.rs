//! The subcommands.

mod backup;
mod createsuperuser;
mod migrate;
mod openapi;
mod serve;
mod users;

use crate::cli::{Cli, Command, ServeArgs};

/// Any subcommand's failure, as a message for the operator.
pub type CommandError = Box<dyn std::error::Error + Send + Sync>;

/// Runs the subcommand the command line names (`serve` by default).
pub fn run(cli: Cli) -> Result<(), CommandError> {
    match cli.command {
        None => serve::run(&cli.options, &ServeArgs::default()),
        Some(Command::Serve(args)) => serve::run(&cli.options, &args),
        Some(Command::Migrate) => migrate::run(&cli.options),
        Some(Command::Createsuperuser(args)) => createsuperuser::run(&cli.options, args),
        Some(Command::Openapi) => openapi::run(),
        Some(Command::Users(command)) => users::run(&cli.options, command),
        Some(Command::Backup(args)) => backup::run(&cli.options, &args),
    }
}
