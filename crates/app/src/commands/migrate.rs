//! `notes migrate`

use std::io::Write;

use notes_persistence::Database;

use super::CommandError;
use crate::cli::Options;

/// Applies pending migrations and says how many ran.
pub(super) fn run(options: &Options) -> Result<(), CommandError> {
    let database = Database::open(&options.database_url, 1)?;

    let applied = database.migrate()?;

    writeln!(
        std::io::stdout(),
        "{}: {applied} migration(s) applied; the schema is up to date.",
        notes_persistence::redacted(&options.database_url)
    )?;
    Ok(())
}
