//! `notes openapi`

use std::io::Write;

use super::CommandError;

/// Prints the OpenAPI document, exactly as the server serves it at `/api/openapi.json`.
/// Touches no database and no key, so a build pipeline can generate client SDKs from it.
pub(super) fn run() -> Result<(), CommandError> {
    let document = notes_http::openapi_json()?;

    std::io::stdout().lock().write_all(document.as_bytes())?;
    Ok(())
}
