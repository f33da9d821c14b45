//! Which backend a database URL names.

use std::path::Path;

use crate::database::DatabaseError;

/// Where the database lives, as told by its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseLocation<'a> {
    /// A SQLite file: a plain path, `sqlite:PATH` or `sqlite://PATH`.
    SqliteFile(&'a str),
    /// A PostgreSQL server: a `postgres://` or `postgresql://` URL, passed to libpq as is.
    Postgres(&'a str),
}

impl<'a> DatabaseLocation<'a> {
    /// Reads a database URL. Any other `scheme://` is refused rather than taken for a file
    /// name.
    pub fn parse(url: &'a str) -> Result<Self, DatabaseError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let looks_like_other_backend = path.contains("://");
        if path.is_empty() || looks_like_other_backend {
            return Err(DatabaseError::UnsupportedUrl(redacted(url)));
        }
        Ok(Self::SqliteFile(path))
    }

    /// The SQLite file, if this is one (keys generated beside the database go next to it).
    pub fn sqlite_file(self) -> Option<&'a Path> {
        match self {
            Self::SqliteFile(path) => Some(Path::new(path)),
            Self::Postgres(_) => None,
        }
    }
}

/// The URL with any password replaced by `***`, fit for logs and messages.
pub fn redacted(url: &str) -> String {
    let without_userinfo_password = hide_userinfo_password(url);
    // libpq also takes `password=` among the query parameters.
    match without_userinfo_password.split_once("password=") {
        Some((before, after)) => {
            let rest = after.find('&').map_or("", |end| &after[end..]);
            format!("{before}password=***{rest}")
        }
        None => without_userinfo_password,
    }
}

/// `scheme://user:secret@host/...` as `scheme://user:***@host/...`.
fn hide_userinfo_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// The file path inside a SQLite database URL (`PATH`, `sqlite:PATH` or `sqlite://PATH`).
pub fn sqlite_path(url: &str) -> Result<&str, DatabaseError> {
    match DatabaseLocation::parse(url)? {
        DatabaseLocation::SqliteFile(path) => Ok(path),
        DatabaseLocation::Postgres(_) => Err(DatabaseError::NotSqlite),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_and_sqlite_urls_name_a_file() {
        for (url, path) in [
            ("notes.sqlite3", "notes.sqlite3"),
            ("sqlite://notes.sqlite3", "notes.sqlite3"),
            ("sqlite:///tmp/notes.sqlite3", "/tmp/notes.sqlite3"),
            ("sqlite:notes.sqlite3", "notes.sqlite3"),
        ] {
            assert_eq!(
                DatabaseLocation::parse(url).ok(),
                Some(DatabaseLocation::SqliteFile(path)),
                "{url}"
            );
        }
    }

    #[test]
    fn postgres_urls_select_postgres() {
        for url in [
            "postgres://db/notes",
            "postgresql://u@db:5432/notes?sslmode=require",
        ] {
            assert_eq!(
                DatabaseLocation::parse(url).ok(),
                Some(DatabaseLocation::Postgres(url))
            );
        }
    }

    #[test]
    fn other_schemes_are_refused_with_a_clear_error() {
        for url in ["mysql://localhost/notes", "", "sqlite://"] {
            assert!(
                matches!(
                    DatabaseLocation::parse(url),
                    Err(DatabaseError::UnsupportedUrl(_))
                ),
                "{url}"
            );
        }
    }

    #[test]
    fn passwords_never_survive_redaction() {
        for (url, shown) in [
            (
                "postgres://app:s3cret@db/notes",
                "postgres://app:***@db/notes",
            ),
            ("postgres://app@db/notes", "postgres://app@db/notes"),
            ("postgres://db/notes", "postgres://db/notes"),
            (
                "postgres://db/notes?password=s3cret&sslmode=require",
                "postgres://db/notes?password=***&sslmode=require",
            ),
            ("notes.sqlite3", "notes.sqlite3"),
        ] {
            assert_eq!(redacted(url), shown);
        }
    }
}
