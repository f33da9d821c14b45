//! `notes backup`

use std::io::Write;

use notes_persistence::{Database, sqlite_path};

use super::CommandError;
use crate::cli::{BackupArgs, Options};

/// Copies the database with `VACUUM INTO`: one read transaction, so the copy is consistent
/// even while the server keeps writing. Refuses to overwrite an existing file.
pub(super) fn run(options: &Options, args: &BackupArgs) -> Result<(), CommandError> {
    let source = sqlite_path(&options.database_url)?;
    if !std::path::Path::new(source).exists() {
        return Err(format!("{source}: no such database").into());
    }
    if args.path.exists() {
        return Err(format!("{} already exists; choose a new file", args.path.display()).into());
    }
    let database = Database::open(&options.database_url, 1)?;

    database.backup_to(&args.path)?;

    writeln!(
        std::io::stdout(),
        "{source} backed up to {}.",
        args.path.display()
    )?;
    Ok(())
}
