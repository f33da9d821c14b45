//! The command line. Every option can also be set by the environment variable named in
//! `notes --help`; a flag wins over its variable.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A JWT-secured personal notes API.
#[derive(Debug, Parser)]
#[command(
    name = "notes",
    version,
    after_help = "Logging verbosity follows RUST_LOG (default: info), e.g. RUST_LOG=debug."
)]
pub struct Cli {
    /// Shared options.
    #[command(flatten)]
    pub options: Options,

    /// How log lines are written.
    #[arg(long, env = "NOTES_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand understands.
#[derive(Debug, Clone, Args)]
pub struct Options {
    /// The SQLite database: a file path or a sqlite:// URL. Created on first use.
    #[arg(
        long,
        env = "NOTES_DATABASE_URL",
        default_value = "notes.sqlite3",
        global = true
    )]
    pub database_url: String,

    /// The most database connections held open at once.
    #[arg(
        long,
        env = "NOTES_DATABASE_POOL_SIZE",
        default_value_t = 8,
        global = true
    )]
    pub database_pool_size: u32,

    /// The token signing key (at least 32 bytes). Prefer NOTES_SECRET_KEY_FILE: command lines
    /// are visible to other local users. Without either, a key is generated once and kept in
    /// a file beside the database.
    #[arg(long, env = "NOTES_SECRET_KEY", hide_env_values = true, global = true)]
    pub secret_key: Option<String>,

    /// A file holding the token signing key.
    #[arg(
        long,
        env = "NOTES_SECRET_KEY_FILE",
        global = true,
        conflicts_with = "secret_key"
    )]
    pub secret_key_file: Option<PathBuf>,

    /// How long access tokens live, e.g. 30m, 1h, 900s.
    #[arg(long, env = "NOTES_ACCESS_TOKEN_LIFETIME", default_value = "30m", value_parser = parse_lifetime, global = true)]
    pub access_token_lifetime: Duration,

    /// How long refresh tokens live, e.g. 1d, 12h.
    #[arg(long, env = "NOTES_REFRESH_TOKEN_LIFETIME", default_value = "1d", value_parser = parse_lifetime, global = true)]
    pub refresh_token_lifetime: Duration,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default).
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Create an administrator account; prompts for whatever flags do not give.
    Createsuperuser(CreateSuperuserArgs),
    /// Print the OpenAPI document (JSON) to standard output, without starting a server.
    Openapi,
}

/// Options of `notes serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "NOTES_LISTEN", default_value = "127.0.0.1:8000")]
    pub listen: String,

    /// Worker threads; defaults to the number of CPU cores.
    #[arg(long, env = "NOTES_WORKERS")]
    pub workers: Option<usize>,

    /// The largest request body accepted, in bytes.
    #[arg(long, env = "NOTES_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8000".into(),
            workers: None,
            body_limit: 1024 * 1024,
        }
    }
}

/// Options of `notes createsuperuser`.
#[derive(Debug, Clone, Args)]
pub struct CreateSuperuserArgs {
    /// The new account's username.
    #[arg(long)]
    pub username: Option<String>,

    /// The new account's e-mail address (may be empty).
    #[arg(long)]
    pub email: Option<String>,

    /// The new account's password. Prefer NOTES_SUPERUSER_PASSWORD or the prompt: command
    /// lines are visible to other local users.
    #[arg(long, env = "NOTES_SUPERUSER_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// Never prompt: fail if a value is missing (for scripts).
    #[arg(long)]
    pub no_input: bool,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

fn parse_lifetime(raw: &str) -> Result<Duration, String> {
    let lifetime = humantime::parse_duration(raw).map_err(|e| e.to_string())?;
    if lifetime.is_zero() {
        return Err("a token lifetime must be longer than zero".into());
    }
    Ok(lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_read_as_human_durations() {
        assert_eq!(parse_lifetime("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_lifetime("1d"), Ok(Duration::from_secs(86_400)));
        assert!(parse_lifetime("0s").is_err());
        assert!(parse_lifetime("soon").is_err());
    }

    #[test]
    fn no_subcommand_means_serve_with_the_documented_defaults() {
        let cli = Cli::try_parse_from(["notes"]).expect("parses");

        assert!(cli.command.is_none());
        assert_eq!(cli.options.access_token_lifetime, Duration::from_secs(1800));
        assert_eq!(
            cli.options.refresh_token_lifetime,
            Duration::from_secs(86_400)
        );
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
