//! What `NOTES_ENV=production` refuses. Each refusal says how to fix it.

use std::time::Duration;

use crate::cli::{Environment, Options, ServeArgs};
use crate::config::{ConfigReport, Source};

/// The most clock skew production tolerates on token expiry.
pub const MAX_PRODUCTION_LEEWAY: Duration = Duration::from_secs(60);

/// The reasons this configuration must not serve in production; empty when it may (or when
/// it is not production).
pub fn refusals(
    options: &Options,
    serve: &ServeArgs,
    report: &ConfigReport,
    rust_log: Option<&str>,
) -> Vec<String> {
    if options.env != Environment::Production {
        return Vec::new();
    }
    let mut refusals = Vec::new();

    if options.secret_key.is_none() && options.secret_key_file.is_none() {
        refusals.push(
            "no signing key is configured, and a key generated beside the database is not \
             allowed in production: set NOTES_SECRET_KEY_FILE to a file holding at least 32 \
             random bytes (e.g. `head -c 48 /dev/urandom | base64 > notes.key`), or the PEM \
             private key for EdDSA/RS256"
                .to_owned(),
        );
    }
    if report.source("secret_key") == Source::CommandLine {
        refusals.push(
            "the signing secret was given with --secret-key, which other local users can read \
             in the process list: put it in a file named by NOTES_SECRET_KEY_FILE instead"
                .to_owned(),
        );
    }
    if let Some(level) = rust_log.filter(|filter| enables_debug(filter)) {
        refusals.push(format!(
            "RUST_LOG={level} enables debug or trace logging, which is verbose and may record \
             request details: set RUST_LOG=info (or warn), or unset it"
        ));
    }
    if options.jwt_leeway > MAX_PRODUCTION_LEEWAY {
        refusals.push(format!(
            "NOTES_JWT_LEEWAY={} keeps expired tokens usable for too long: set it to at most \
             {} (clocks synchronised by NTP need a few seconds at most)",
            humantime::format_duration(options.jwt_leeway),
            humantime::format_duration(MAX_PRODUCTION_LEEWAY),
        ));
    }
    for origin in &serve.cors_origins {
        if !origin.starts_with("https://") {
            refusals.push(format!(
                "NOTES_CORS_ORIGINS contains {origin}, which is not an https:// origin: list \
                 only the https:// origins of your browser clients"
            ));
        }
    }
    if serve.cors_allow_credentials && !serve.refresh_cookie {
        refusals.push(
            "NOTES_CORS_ALLOW_CREDENTIALS is set without NOTES_REFRESH_COOKIE; credentials are \
             only needed for the refresh cookie: unset NOTES_CORS_ALLOW_CREDENTIALS, or enable \
             NOTES_REFRESH_COOKIE"
                .to_owned(),
        );
    }
    refusals
}

/// Whether an `EnvFilter` directive list turns on debug or trace anywhere.
fn enables_debug(filter: &str) -> bool {
    filter.split(',').any(|directive| {
        let level = directive.rsplit('=').next().unwrap_or(directive).trim();
        level.eq_ignore_ascii_case("debug") || level.eq_ignore_ascii_case("trace")
    })
}

#[cfg(test)]
mod tests {
    use super::enables_debug;

    #[test]
    fn debug_and_trace_filters_are_recognised_anywhere_in_the_directive_list() {
        assert!(enables_debug("debug"));
        assert!(enables_debug("info,notes_http=TRACE"));
        assert!(!enables_debug("info"));
        assert!(!enables_debug("warn,debug_crate=info"));
    }
}
