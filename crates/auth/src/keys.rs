//! The key tokens are signed with.

use std::fmt;

use jsonwebtoken::{DecodingKey, EncodingKey};

/// An HMAC-SHA256 signing secret of at least [`SigningKey::MIN_BYTES`] bytes. Its `Debug`
/// output is redacted.
#[derive(Clone)]
pub struct SigningKey {
    pub(crate) encoding: EncodingKey,
    pub(crate) decoding: DecodingKey,
}

/// Why a key was refused.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Shorter than [`SigningKey::MIN_BYTES`]: HS256 is only as strong as its key.
    #[error("the signing key has {0} bytes; HS256 needs at least {min}", min = SigningKey::MIN_BYTES)]
    TooShort(usize),
    /// The operating system's random source failed.
    #[error("no random bytes available to generate a key: {0}")]
    Random(String),
    /// The JWT library refused the key.
    #[error("the signing key is unusable: {0}")]
    Unusable(#[from] jsonwebtoken::errors::Error),
}

impl SigningKey {
    /// The shortest secret accepted: 256 bits, the output size of SHA-256 (RFC 7518, 3.2).
    pub const MIN_BYTES: usize = 32;

    /// Builds a key from a secret.
    pub fn from_secret(secret: &[u8]) -> Result<Self, KeyError> {
        if secret.len() < Self::MIN_BYTES {
            return Err(KeyError::TooShort(secret.len()));
        }
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
        })
    }

    /// A new random secret of 64 bytes, written as 128 hex digits so it can be kept in a
    /// text file or an environment variable.
    pub fn generate_secret() -> Result<String, KeyError> {
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_shorter_than_32_bytes_are_refused() {
        assert!(matches!(
            SigningKey::from_secret(&[7; 31]),
            Err(KeyError::TooShort(31))
        ));
        assert!(SigningKey::from_secret(&[7; 32]).is_ok());
    }

    #[test]
    fn generated_secrets_are_long_random_and_usable() {
        let first = SigningKey::generate_secret().expect("random");
        let second = SigningKey::generate_secret().expect("random");

        assert_eq!(first.len(), 128);
        assert_ne!(first, second);
        assert!(SigningKey::from_secret(first.as_bytes()).is_ok());
    }
}
