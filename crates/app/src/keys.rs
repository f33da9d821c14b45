//! Finding, or creating, the keys that sign and verify tokens.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use notes_auth::{KeyAlgorithm, KeyError, SigningKey, VerifyingKey};

use crate::cli::{JwtAlgorithm, Options};

/// The signing key and the retired keys that still verify.
#[derive(Debug, Clone)]
pub struct KeySettings {
    /// The algorithm new tokens are signed with.
    pub algorithm: KeyAlgorithm,
    /// Where the signing key comes from.
    pub source: KeySource,
    /// Files of retired keys: HS256 secrets, or PEM public keys.
    pub retired: Vec<PathBuf>,
}

impl KeySettings {
    /// The keys the options name.
    pub fn from_options(options: &Options) -> Self {
        let algorithm = match options.jwt_algorithm {
            JwtAlgorithm::Hs256 => KeyAlgorithm::Hs256,
            JwtAlgorithm::EdDsa => KeyAlgorithm::EdDsa,
            JwtAlgorithm::Rs256 => KeyAlgorithm::Rs256,
        };
        Self {
            algorithm,
            source: KeySource::from_options(options),
            retired: options.jwt_retired_key_files.clone(),
        }
    }

    /// Loads the signing key (creating an HS256 secret beside the SQLite file
    /// `database_path` if that is the source) and every retired key.
    pub fn load(
        &self,
        database_path: Option<&Path>,
    ) -> Result<(SigningKey, Vec<VerifyingKey>), KeyLoadError> {
        let signing = match (&self.source, self.algorithm) {
            (source, KeyAlgorithm::Hs256) => source.load(database_path)?,
            (KeySource::BesideDatabase, _) => return Err(KeyLoadError::PrivateKeyRequired),
            (KeySource::Inline(pem), algorithm) => {
                SigningKey::from_private_pem(algorithm, pem.as_bytes())?
            }
            (KeySource::File(path), algorithm) => {
                SigningKey::from_private_pem(algorithm, &read(path)?)?
            }
        };
        let retired = self
            .retired
            .iter()
            .map(|path| retired_key(path))
            .collect::<Result<_, _>>()?;
        Ok((signing, retired))
    }
}

/// A retired key file: a PEM public key, or else an HS256 secret.
fn retired_key(path: &Path) -> Result<VerifyingKey, KeyLoadError> {
    let contents = read(path)?;
    let key = if contents.starts_with(b"-----BEGIN") {
        VerifyingKey::from_public_pem(&contents)
    } else {
        VerifyingKey::from_secret(contents.trim_ascii())
    };
    key.map_err(|source| KeyLoadError::Retired {
        path: path.to_owned(),
        source,
    })
}

fn read(path: &Path) -> Result<Vec<u8>, KeyLoadError> {
    fs::read(path).map_err(|source| KeyLoadError::File {
        path: path.to_owned(),
        source,
    })
}

/// Where the signing key comes from.
#[derive(Clone)]
pub enum KeySource {
    /// Given directly (NOTES_SECRET_KEY).
    Inline(String),
    /// Read from a file (NOTES_SECRET_KEY_FILE).
    File(PathBuf),
    /// Generated on first start and kept beside the database, so tokens survive restarts.
    BesideDatabase,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Inline(_) => f.write_str("Inline(<redacted>)"),
            Self::File(path) => f.debug_tuple("File").field(path).finish(),
            Self::BesideDatabase => f.write_str("BesideDatabase"),
        }
    }
}

/// Why no key could be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeyLoadError {
    /// The key is unusable (too short, for instance).
    #[error("{0} (set NOTES_SECRET_KEY or NOTES_SECRET_KEY_FILE to a secret of at least 32 bytes)")]
    Key(#[from] KeyError),
    /// EdDSA and RS256 need a private key; none is generated for them.
    #[error("EdDSA and RS256 need a PEM private key: set NOTES_SECRET_KEY_FILE to its path")]
    PrivateKeyRequired,
    /// A retired key is unusable.
    #[error("cannot use the retired key {path}: {source}")]
    Retired {
        /// The file.
        path: PathBuf,
        /// Why.
        source: KeyError,
    },
    /// No key is configured and there is no database file to keep a generated one beside.
    #[error(
        "a PostgreSQL database needs a configured signing key, the same on every instance: \
         set NOTES_SECRET_KEY_FILE (or NOTES_SECRET_KEY)"
    )]
    SharedKeyRequired,
    /// The key file could not be read or written.
    #[error("cannot use the key file {path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl KeySource {
    /// The source the options name, preferring an inline key, then a file.
    pub fn from_options(options: &Options) -> Self {
        match (&options.secret_key, &options.secret_key_file) {
            (Some(secret), _) => Self::Inline(secret.clone()),
            (None, Some(path)) => Self::File(path.clone()),
            (None, None) => Self::BesideDatabase,
        }
    }

    /// Loads an HS256 secret; for [`KeySource::BesideDatabase`], creates it first if needed.
    fn load(&self, database_path: Option<&Path>) -> Result<SigningKey, KeyLoadError> {
        match self {
            Self::Inline(secret) => Ok(SigningKey::from_secret(secret.as_bytes())?),
            Self::File(path) => read_key_file(path),
            Self::BesideDatabase => {
                // Instances sharing a server would each generate a different key.
                let database_path = database_path.ok_or(KeyLoadError::SharedKeyRequired)?;
                let path = generated_key_path(database_path);
                if !path.exists() {
                    create_key_file(&path)?;
                    tracing::warn!(
                        key.path = %path.display(),
                        "no signing key configured: generated one and saved it beside the database; \
                         set NOTES_SECRET_KEY_FILE to choose your own"
                    );
                }
                read_key_file(&path)
            }
        }
    }
}

/// `notes.sqlite3` keeps its generated key in `notes.sqlite3.key`.
pub(crate) fn generated_key_path(database_path: &Path) -> PathBuf {
    let mut name = database_path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn read_key_file(path: &Path) -> Result<SigningKey, KeyLoadError> {
    let contents = fs::read_to_string(path).map_err(|source| KeyLoadError::File {
        path: path.to_owned(),
        source,
    })?;
    Ok(SigningKey::from_secret(contents.trim().as_bytes())?)
}

/// Writes a fresh random key, readable by its owner only. Never overwrites an existing file,
/// so two servers starting at once cannot end up with different keys.
fn create_key_file(path: &Path) -> Result<(), KeyLoadError> {
    let secret = SigningKey::generate_secret()?;
    let file_error = |source| KeyLoadError::File {
        path: path.to_owned(),
        source,
    };

    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => file
            .write_all(secret.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(file_error),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(file_error(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_created_once_owner_only_and_reused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let database = dir.path().join("notes.sqlite3");

        KeySource::BesideDatabase
            .load(Some(&database))
            .expect("generated");
        let key_path = generated_key_path(&database);
        let first = fs::read_to_string(&key_path).expect("key file");
        KeySource::BesideDatabase
            .load(Some(&database))
            .expect("reused");

        assert_eq!(fs::read_to_string(&key_path).expect("key file"), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&key_path)
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn without_a_database_file_no_key_is_generated() {
        let error = KeySource::BesideDatabase.load(None).err();

        assert!(
            matches!(error, Some(KeyLoadError::SharedKeyRequired)),
            "{error:?}"
        );
    }

    #[test]
    fn a_short_inline_key_is_refused_with_advice() {
        let error = KeySource::Inline("too short".into())
            .load(Some(Path::new("x")))
            .err();

        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("NOTES_SECRET_KEY"), "{message}");
    }

    #[test]
    fn debug_output_hides_an_inline_key() {
        let source = KeySource::Inline("super-secret-value-0123456789abcdef".into());
        assert!(!format!("{source:?}").contains("super-secret"));
    }
}
