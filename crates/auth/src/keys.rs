//! The keys tokens are signed and verified with.

use std::fmt;

use jsonwebtoken::jwk::{Jwk, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};

/// The signing algorithms the server offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// HMAC-SHA256 with a shared secret (the default). Only this server can verify.
    Hs256,
    /// Ed25519 signatures from a private key file; others verify with the published key.
    EdDsa,
    /// RSA PKCS#1 v1.5 with SHA-256 from a private key file; others verify with the
    /// published key.
    Rs256,
}

impl KeyAlgorithm {
    pub(crate) fn jwt_algorithm(self) -> Algorithm {
        match self {
            Self::Hs256 => Algorithm::HS256,
            Self::EdDsa => Algorithm::EdDSA,
            Self::Rs256 => Algorithm::RS256,
        }
    }
}

/// Why a key was refused.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Shorter than [`SigningKey::MIN_SECRET_BYTES`]: HS256 is only as strong as its key.
    #[error("the signing key has {0} bytes; HS256 needs at least {min}", min = SigningKey::MIN_SECRET_BYTES)]
    TooShort(usize),
    /// The operating system's random source failed.
    #[error("no random bytes available to generate a key: {0}")]
    Random(String),
    /// A PEM file holds no key of a supported kind.
    #[error("not a PEM {expected} key: {cause}")]
    Pem {
        /// What kind of key was expected.
        expected: &'static str,
        /// What the JWT library said.
        cause: jsonwebtoken::errors::Error,
    },
    /// The JWT library refused the key.
    #[error("the key is unusable: {0}")]
    Unusable(#[from] jsonwebtoken::errors::Error),
}

/// A key that can verify tokens: the active key's public half, or a retired key kept so
/// that tokens it signed keep verifying until they expire.
#[derive(Clone)]
pub struct VerifyingKey {
    pub(crate) algorithm: Algorithm,
    pub(crate) kid: String,
    pub(crate) decoding: DecodingKey,
    /// The JWK to publish; `None` for secrets, which are never published.
    pub(crate) public_jwk: Option<Jwk>,
}

impl VerifyingKey {
    /// A retired HS256 secret.
    pub fn from_secret(secret: &[u8]) -> Result<Self, KeyError> {
        Ok(SigningKey::from_secret(secret)?.verifying)
    }

    /// A retired public key in PEM form (RSA or Ed25519, told apart by the file).
    pub fn from_public_pem(pem: &[u8]) -> Result<Self, KeyError> {
        let (algorithm, decoding) = match DecodingKey::from_ed_pem(pem) {
            Ok(key) => (Algorithm::EdDSA, key),
            Err(_) => {
                let key = DecodingKey::from_rsa_pem(pem).map_err(|cause| KeyError::Pem {
                    expected: "Ed25519 or RSA public",
                    cause,
                })?;
                (Algorithm::RS256, key)
            }
        };
        let jwk = Jwk::from_decoding_key(&decoding, Some(algorithm))?;
        Self::published(algorithm, decoding, jwk)
    }

    /// The key id that tokens signed with this key carry in their header.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    fn published(
        algorithm: Algorithm,
        decoding: DecodingKey,
        mut jwk: Jwk,
    ) -> Result<Self, KeyError> {
        let kid = jwk.thumbprint(ThumbprintHash::SHA256)?;
        jwk.common.key_id = Some(kid.clone());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        Ok(Self {
            algorithm,
            kid,
            decoding,
            public_jwk: Some(jwk),
        })
    }
}

/// The key new tokens are signed with. `Debug` output is redacted.
#[derive(Clone)]
pub struct SigningKey {
    pub(crate) encoding: EncodingKey,
    pub(crate) verifying: VerifyingKey,
}

impl SigningKey {
    /// The shortest HS256 secret accepted: 256 bits, SHA-256's output size (RFC 7518, 3.2).
    pub const MIN_SECRET_BYTES: usize = 32;

    /// An HS256 key from a shared secret.
    pub fn from_secret(secret: &[u8]) -> Result<Self, KeyError> {
        if secret.len() < Self::MIN_SECRET_BYTES {
            return Err(KeyError::TooShort(secret.len()));
        }
        let encoding = EncodingKey::from_secret(secret)?;
        // The id is a thumbprint of the secret's JWK: stable across restarts, and no easier
        // to attack than the HS256 signatures every token already carries.
        let kid = Jwk::from_encoding_key(&encoding, Algorithm::HS256)?
            .thumbprint(ThumbprintHash::SHA256)?;
        let verifying = VerifyingKey {
            algorithm: Algorithm::HS256,
            kid,
            decoding: DecodingKey::from_secret(secret)?,
            public_jwk: None,
        };
        Ok(Self {
            encoding,
            verifying,
        })
    }

    /// An EdDSA or RS256 key from a PEM private key (PKCS#8; PKCS#1 also for RSA).
    pub fn from_private_pem(algorithm: KeyAlgorithm, pem: &[u8]) -> Result<Self, KeyError> {
        let (encoding, expected) = match algorithm {
            KeyAlgorithm::Hs256 => return Self::from_secret(pem),
            KeyAlgorithm::EdDsa => (EncodingKey::from_ed_pem(pem), "Ed25519 private"),
            KeyAlgorithm::Rs256 => (EncodingKey::from_rsa_pem(pem), "RSA private"),
        };
        let encoding = encoding.map_err(|cause| KeyError::Pem { expected, cause })?;
        let algorithm = algorithm.jwt_algorithm();
        let jwk = Jwk::from_encoding_key(&encoding, algorithm)
            .map_err(|cause| KeyError::Pem { expected, cause })?;
        let decoding = DecodingKey::from_jwk(&jwk)?;

        let verifying = VerifyingKey::published(algorithm, decoding, jwk)?;
        Ok(Self {
            encoding,
            verifying,
        })
    }

    /// A new random secret of 64 bytes, written as 128 hex digits so it can be kept in a
    /// text file or an environment variable.
    pub fn generate_secret() -> Result<String, KeyError> {
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The key id new tokens carry.
    pub fn kid(&self) -> &str {
        &self.verifying.kid
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SigningKey({:?}, kid {}, <redacted>)",
            self.verifying.algorithm, self.verifying.kid
        )
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyingKey({:?}, kid {})", self.algorithm, self.kid)
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

    #[test]
    fn a_secret_keeps_its_key_id_and_never_publishes_itself() {
        let key = SigningKey::from_secret(&[7; 32]).expect("key");
        let again = SigningKey::from_secret(&[7; 32]).expect("key");

        assert_eq!(key.kid(), again.kid());
        assert!(key.verifying.public_jwk.is_none());
        assert!(!format!("{key:?}").contains("7, 7"));
    }
}
