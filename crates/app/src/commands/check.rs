//! `notes config check`

use std::io::Write;

use super::CommandError;
use crate::cli::{Options, ServeArgs};
use crate::config::ConfigReport;
use crate::production;

/// Prints the effective configuration and where each value came from, then what production
/// mode refuses. Fails (after printing) when production mode would refuse to start.
pub(super) fn run(
    options: &Options,
    serve: &ServeArgs,
    report: &ConfigReport,
) -> Result<(), CommandError> {
    let rust_log = std::env::var("RUST_LOG").ok();
    let refusals = production::refusals(options, serve, report, rust_log.as_deref());

    let mut out = std::io::stdout().lock();
    out.write_all(report.render().as_bytes())?;
    if refusals.is_empty() {
        return Ok(());
    }
    Err(production_refusal(&refusals).into())
}

/// The message for a configuration production mode refuses.
pub(super) fn production_refusal(refusals: &[String]) -> String {
    let mut message = String::from("refusing to start with NOTES_ENV=production:");
    for refusal in refusals {
        message.push_str("\n  - ");
        message.push_str(refusal);
    }
    message
}
