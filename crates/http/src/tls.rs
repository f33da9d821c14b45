//! Loading a certificate chain and private key for serving HTTPS directly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// Why the TLS files could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The certificate file is unreadable, not PEM, or holds no certificate.
    #[error("cannot read a PEM certificate chain from {path}: {reason}")]
    Certificate {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The key file is unreadable or holds no PEM private key.
    #[error("cannot read a PEM private key from {path}: {reason}")]
    PrivateKey {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The certificate and key do not make a usable configuration (e.g. they do not match).
    #[error("the TLS certificate and key cannot be used together: {0}")]
    Config(#[from] rustls::Error),
}

/// A TLS 1.2/1.3 server configuration (ring provider) for this certificate chain and key.
pub fn load_tls(cert_file: &Path, key_file: &Path) -> Result<ServerConfig, TlsError> {
    let certificate_error = |reason: String| TlsError::Certificate {
        path: cert_file.to_owned(),
        reason,
    };
    let chain = CertificateDer::pem_file_iter(cert_file)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|error| certificate_error(error.to_string()))?;
    if chain.is_empty() {
        return Err(certificate_error("no CERTIFICATE block found".into()));
    }
    let key = PrivateKeyDer::from_pem_file(key_file).map_err(|error| TlsError::PrivateKey {
        path: key_file.to_owned(),
        reason: error.to_string(),
    })?;

    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(chain, key)?;
    Ok(config)
}
