//! The command line. Every option can also be set by the environment variable named in
//! `notes --help`; a flag wins over its variable.

use std::path::PathBuf;
use std::time::Duration;

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand, ValueEnum};
use notes_http::Rate;

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

    /// The HS256 token signing secret (at least 32 bytes). Prefer NOTES_SECRET_KEY_FILE:
    /// command lines are visible to other local users. Without either, a secret is generated
    /// once and kept in a file beside the database.
    #[arg(long, env = "NOTES_SECRET_KEY", hide_env_values = true, global = true)]
    pub secret_key: Option<String>,

    /// A file holding the token signing key: the HS256 secret, or the PEM private key for
    /// EdDSA and RS256.
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

    /// The token signing algorithm. EdDSA and RS256 take a PEM private key from
    /// NOTES_SECRET_KEY_FILE and publish the public key at /.well-known/jwks.json.
    #[arg(long, env = "NOTES_JWT_ALGORITHM", value_enum, default_value_t = JwtAlgorithm::Hs256, global = true)]
    pub jwt_algorithm: JwtAlgorithm,

    /// Keys retired from signing that still verify until their tokens expire
    /// (comma-separated files: HS256 secrets, or PEM public keys).
    #[arg(
        long,
        env = "NOTES_JWT_RETIRED_KEY_FILES",
        value_delimiter = ',',
        global = true
    )]
    pub jwt_retired_key_files: Vec<PathBuf>,

    /// The `iss` claim to issue and require; none by default.
    #[arg(long, env = "NOTES_JWT_ISSUER", global = true)]
    pub jwt_issuer: Option<String>,

    /// The `aud` claim to issue and require; none by default.
    #[arg(long, env = "NOTES_JWT_AUDIENCE", global = true)]
    pub jwt_audience: Option<String>,

    /// Clock skew tolerated on token expiry, e.g. 0s (the default) or 30s.
    #[arg(long, env = "NOTES_JWT_LEEWAY", default_value = "0s", value_parser = humantime::parse_duration, global = true)]
    pub jwt_leeway: Duration,
}

/// Token signing algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JwtAlgorithm {
    /// HMAC-SHA256 with a shared secret.
    #[value(name = "HS256", alias = "hs256")]
    Hs256,
    /// Ed25519 signatures.
    #[value(name = "EdDSA", alias = "eddsa")]
    EdDsa,
    /// RSA signatures with SHA-256.
    #[value(name = "RS256", alias = "rs256")]
    Rs256,
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
    /// Administer accounts; safe while the server runs.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Write a consistent copy of the database to a new file while the server keeps serving.
    Backup(BackupArgs),
}

/// The `notes users` subcommands. Each names the account by its username.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List every account: id, username, e-mail, active, staff, joined.
    List,
    /// Stop an account from signing in; its tokens answer 401 at once.
    Deactivate(UserArg),
    /// Let a deactivated account sign in again.
    Reactivate(UserArg),
    /// Delete an account with all of its notes and sessions.
    Delete(DeleteUserArgs),
    /// Replace an account's password; every token issued before stops working.
    SetPassword(SetPasswordArgs),
    /// Make an account staff, able to use /api/admin/.
    Promote(UserArg),
    /// Withdraw an account's staff status.
    Demote(UserArg),
    /// End every session of an account; its tokens answer 401 at once.
    EndSessions(UserArg),
}

/// The account a `notes users` subcommand acts on.
#[derive(Debug, Clone, Args)]
pub struct UserArg {
    /// The account's username (case-insensitive).
    pub username: String,
}

/// Options of `notes users delete`.
#[derive(Debug, Clone, Args)]
pub struct DeleteUserArgs {
    /// The account's username (case-insensitive).
    pub username: String,

    /// Confirm the deletion; nothing is deleted without it.
    #[arg(long)]
    pub yes: bool,
}

/// Options of `notes users set-password`.
#[derive(Debug, Clone, Args)]
pub struct SetPasswordArgs {
    /// The account's username (case-insensitive).
    pub username: String,

    /// The new password. Prefer NOTES_NEW_PASSWORD or the prompt: command lines are visible
    /// to other local users.
    #[arg(long, env = "NOTES_NEW_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// Never prompt: fail if no password is given (for scripts).
    #[arg(long)]
    pub no_input: bool,
}

/// Options of `notes backup`.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    pub path: PathBuf,
}

/// Options of `notes serve`.
#[derive(Debug, Clone, Parser)]
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

    /// Sign-in attempts allowed per client address, as COUNT/PERIOD, or `off`.
    #[arg(long, env = "NOTES_SIGN_IN_RATE_PER_ADDRESS", default_value = "30/1m", value_parser = parse_rate)]
    pub sign_in_rate_per_address: RateSetting,

    /// Failed sign-ins allowed per account (from any address), as COUNT/PERIOD, or `off`.
    #[arg(long, env = "NOTES_SIGN_IN_FAILURES_PER_ACCOUNT", default_value = "10/15m", value_parser = parse_rate)]
    pub sign_in_failures_per_account: RateSetting,

    /// Registrations allowed per client address, as COUNT/PERIOD, or `off`.
    #[arg(long, env = "NOTES_REGISTER_RATE_PER_ADDRESS", default_value = "100/1h", value_parser = parse_rate)]
    pub register_rate_per_address: RateSetting,

    /// Proxies (comma-separated IP addresses) whose X-Forwarded-For is believed for the
    /// client address. Empty: the TCP peer's address is always used.
    #[arg(long, env = "NOTES_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,

    /// Send refresh tokens in an HttpOnly, Secure, SameSite=Strict cookie scoped to
    /// /api/token/ instead of response bodies, for browser apps (needs HTTPS in front).
    #[arg(long, env = "NOTES_REFRESH_COOKIE")]
    pub refresh_cookie: bool,
}

/// A rate limit setting: `Some(rate)`, or `None` for no limit.
pub type RateSetting = Option<Rate>;

impl Default for ServeArgs {
    /// The options of a bare `notes` (no subcommand), environment variables included.
    fn default() -> Self {
        Self::parse_from(["serve"])
    }
}

fn parse_rate(raw: &str) -> Result<RateSetting, String> {
    if raw.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    raw.parse().map(Some)
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
