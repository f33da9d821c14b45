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

    /// A TOML file of settings, keyed like the long flags in snake_case (`database_url`,
    /// `access_token_lifetime = "15m"`). Environment variables and flags win over it.
    #[arg(long, env = "NOTES_CONFIG", global = true)]
    pub config: Option<PathBuf>,

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
    /// `production` refuses to start with a generated signing key or debug settings.
    #[arg(long, env = "NOTES_ENV", value_enum, default_value_t = Environment::Development, global = true)]
    pub env: Environment,

    /// The database: a SQLite file path or sqlite:// URL (created on first use), or a
    /// postgres:// URL of a PostgreSQL server shared by several instances.
    #[arg(
        long,
        env = "NOTES_DATABASE_URL",
        default_value = "notes.sqlite3",
        global = true
    )]
    pub database_url: String,

    /// The most database connections held open at once (per instance: on PostgreSQL, keep
    /// instances × pool size below the server's max_connections).
    #[arg(
        long,
        env = "NOTES_DATABASE_POOL_SIZE",
        default_value_t = 8,
        global = true
    )]
    pub database_pool_size: u32,

    /// The HS256 token signing secret (at least 32 bytes). Prefer NOTES_SECRET_KEY_FILE:
    /// command lines are visible to other local users. Without either, a secret is generated
    /// once and kept in a file beside a SQLite database (PostgreSQL needs one configured).
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

/// What kind of deployment this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Convenient defaults: a generated key, any log level.
    Development,
    /// Strict: see `notes config check` for what is refused.
    Production,
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
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Create an administrator account; prompts for whatever flags do not give.
    Createsuperuser(CreateSuperuserArgs),
    /// Print the OpenAPI document (JSON) to standard output, without starting a server.
    Openapi,
    /// Inspect the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Administer accounts; safe while the server runs.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Write a consistent copy of the database to a new file while the server keeps serving.
    Backup(BackupArgs),
}

/// Subcommands of `notes config`.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective `serve` configuration (secrets redacted), where each value came
    /// from, unknown NOTES_* variables, and what production mode would refuse.
    Check,
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

    /// Proxies (comma-separated IP addresses) whose forwarding headers are believed:
    /// X-Forwarded-For for the client address, Forwarded and X-Forwarded-Host/-Proto for
    /// the origin of page links. Empty: the TCP peer's address and the request's own Host.
    #[arg(long, env = "NOTES_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,

    /// Send refresh tokens in an HttpOnly, Secure, SameSite=Strict cookie scoped to
    /// /api/token/ instead of response bodies, for browser apps (needs HTTPS in front).
    #[arg(long, env = "NOTES_REFRESH_COOKIE")]
    pub refresh_cookie: bool,

    /// Browser origins (comma-separated, e.g. https://app.example.com) allowed to call the
    /// API cross-origin. Empty: no CORS headers are sent.
    #[arg(long, env = "NOTES_CORS_ORIGINS", value_delimiter = ',', value_parser = parse_origin)]
    pub cors_origins: Vec<String>,

    /// Let those origins send credentials (needed by the refresh-token cookie).
    #[arg(long, env = "NOTES_CORS_ALLOW_CREDENTIALS")]
    pub cors_allow_credentials: bool,

    /// How long a client may take to send a request's headers before a bare 408.
    #[arg(long, env = "NOTES_REQUEST_HEAD_TIMEOUT", default_value = "5s", value_parser = humantime::parse_duration)]
    pub request_head_timeout: Duration,

    /// The most bytes of request header names and values accepted (431 beyond). actix-web
    /// itself refuses, with a bare 431, a request head over 128 KiB or over 96 fields.
    #[arg(long, env = "NOTES_HEADER_LIMIT", default_value_t = 16 * 1024, value_parser = parse_header_limit)]
    pub header_limit: usize,

    /// How long a client may take to send a request's body (408 after that).
    #[arg(long, env = "NOTES_REQUEST_BODY_TIMEOUT", default_value = "30s", value_parser = parse_timeout)]
    pub request_body_timeout: Duration,

    /// How long requests in flight may run on after SIGINT or SIGTERM before the server stops
    /// anyway, in whole seconds (e.g. 30s, 2m; 0s stops at once).
    #[arg(long, env = "NOTES_SHUTDOWN_GRACE", default_value = "30s", value_parser = parse_whole_seconds)]
    pub shutdown_grace: Duration,

    /// How long an idle keep-alive connection is held open.
    #[arg(long, env = "NOTES_KEEP_ALIVE", default_value = "5s", value_parser = humantime::parse_duration)]
    pub keep_alive: Duration,

    /// Open connections per worker thread at most; more wait to be accepted.
    #[arg(
        long,
        env = "NOTES_MAX_CONNECTIONS_PER_WORKER",
        default_value_t = 25_000
    )]
    pub max_connections_per_worker: usize,

    /// A PEM certificate chain: serve HTTPS directly (needs NOTES_TLS_KEY_FILE).
    #[arg(long, env = "NOTES_TLS_CERT_FILE", requires = "tls_key_file")]
    pub tls_cert_file: Option<PathBuf>,

    /// The PEM private key of NOTES_TLS_CERT_FILE.
    #[arg(long, env = "NOTES_TLS_KEY_FILE", requires = "tls_cert_file")]
    pub tls_key_file: Option<PathBuf>,
}

/// A rate limit setting: `Some(rate)`, or `None` for no limit.
pub type RateSetting = Option<Rate>;

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

/// A browser origin as browsers send it: `scheme://host[:port]`, nothing after.
fn parse_origin(raw: &str) -> Result<String, String> {
    let origin = raw.trim();
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let valid = rest.is_some_and(|host| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
    });
    if !valid {
        return Err(format!(
            "`{origin}` is not an origin: write scheme://host[:port], e.g. https://app.example.com, \
             with no path or trailing slash"
        ));
    }
    Ok(origin.to_owned())
}

/// actix-web's own limit on a request head (request line and header fields), which no
/// setting changes.
const FRAMEWORK_HEAD_LIMIT: usize = 128 * 1024;

/// A header limit the application can enforce: anything from actix-web's own limit up
/// would never be reached, since actix-web answers first.
fn parse_header_limit(raw: &str) -> Result<usize, String> {
    let limit: usize = raw
        .parse()
        .map_err(|_| format!("`{raw}` is not a number of bytes"))?;
    if limit == 0 || limit >= FRAMEWORK_HEAD_LIMIT {
        return Err(format!(
            "the header limit must be between 1 and {} bytes (actix-web refuses a request \
             head of {FRAMEWORK_HEAD_LIMIT} bytes before the application sees it)",
            FRAMEWORK_HEAD_LIMIT - 1
        ));
    }
    Ok(limit)
}

fn parse_timeout(raw: &str) -> Result<Duration, String> {
    let timeout = humantime::parse_duration(raw).map_err(|e| e.to_string())?;
    if timeout.is_zero() {
        return Err("a timeout must be longer than zero".into());
    }
    Ok(timeout)
}

/// actix-web counts its shutdown timeout in whole seconds; refusing a fraction is clearer
/// than silently rounding it away.
fn parse_whole_seconds(raw: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(raw).map_err(|e| e.to_string())?;
    if duration.subsec_nanos() != 0 {
        return Err(format!("`{raw}` is not a whole number of seconds"));
    }
    Ok(duration)
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
    fn request_limits_refuse_values_the_server_could_not_honour() {
        assert_eq!(parse_header_limit("8192"), Ok(8192));
        assert!(parse_header_limit("0").is_err());
        assert!(parse_header_limit("131072").is_err());
        assert!(parse_header_limit("16k").is_err());
        assert_eq!(parse_timeout("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_timeout("0s").is_err());
    }

    #[test]
    fn the_shutdown_grace_period_is_whole_seconds() {
        assert_eq!(parse_whole_seconds("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_whole_seconds("0s"), Ok(Duration::ZERO));
        assert!(parse_whole_seconds("1500ms").is_err());
    }

    #[test]
    fn cors_origins_must_be_bare_scheme_host_and_port() {
        assert_eq!(
            parse_origin("https://app.example.com:8443"),
            Ok("https://app.example.com:8443".into())
        );
        assert!(parse_origin("*").is_err());
        assert!(parse_origin("https://app.example.com/").is_err());
        assert!(parse_origin("app.example.com").is_err());
        assert!(parse_origin("https://").is_err());
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
