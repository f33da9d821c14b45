//! Issuing and verifying access and refresh tokens.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, Header, Validation};
use notes_domain::{SessionId, UserId};

use crate::{Claims, SigningKey, TokenType, VerifyingKey};

/// The media type RFC 9068 gives access tokens, carried in their `typ` header (RFC 8725,
/// 3.11) so that no other kind of JWT signed with the same key can pass for one.
const ACCESS_TOKEN_TYP: &str = "at+jwt";
/// The `typ` header of refresh tokens.
const REFRESH_TOKEN_TYP: &str = "JWT";

/// How tokens are issued and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSettings {
    /// Lifetime of access tokens (SimpleJWT's default: 30 minutes).
    pub access_lifetime: Duration,
    /// Lifetime of refresh tokens (SimpleJWT's default: 1 day).
    pub refresh_lifetime: Duration,
    /// The `iss` claim to issue and require, if any.
    pub issuer: Option<String>,
    /// The `aud` claim to issue and require, if any.
    pub audience: Option<String>,
    /// Clock skew tolerated when checking `exp`; zero by default (the JWT library's own
    /// default is 60 seconds).
    pub leeway: Duration,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            access_lifetime: Duration::from_secs(30 * 60),
            refresh_lifetime: Duration::from_secs(24 * 60 * 60),
            issuer: None,
            audience: None,
            leeway: Duration::ZERO,
        }
    }
}

/// A signed token and when it stops working. `Debug` shows only the expiry.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The compact JWT.
    pub token: String,
    /// When the token expires.
    pub expires_at: DateTime<Utc>,
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Whom a token speaks for: the user, the session, and the user's token version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSubject {
    /// The user.
    pub user: UserId,
    /// The sign-in session.
    pub session: SessionId,
    /// The user's token version.
    pub version: i64,
}

/// The two tokens a sign-in yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPair {
    /// Authorises API requests.
    pub access: IssuedToken,
    /// Obtains new access tokens.
    pub refresh: IssuedToken,
}

/// Why a token was not accepted. Clients see one generic message; the variants are for logs
/// and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Past its `exp`.
    #[error("the token has expired")]
    Expired,
    /// A valid token of the other type.
    #[error("the token has the wrong type")]
    WrongType,
    /// Malformed, badly signed, signed with another algorithm, or missing claims.
    #[error("the token is invalid: {0}")]
    Invalid(String),
    /// Signing failed; a server fault, not the client's.
    #[error("the token could not be signed: {0}")]
    Signing(String),
}

/// Signs tokens with the active key and checks them with the active or a retired key,
/// chosen by the token's `kid`.
#[derive(Debug, Clone)]
pub struct TokenService {
    signing: SigningKey,
    verifiers: Vec<(VerifyingKey, Validation)>,
    settings: TokenSettings,
}

impl TokenService {
    /// A service signing with `signing` and also accepting tokens signed by `retired`. Each
    /// key verifies only with its own algorithm, whatever a token's header claims.
    pub fn new(signing: SigningKey, retired: Vec<VerifyingKey>, settings: TokenSettings) -> Self {
        let verifiers = std::iter::once(signing.verifying.clone())
            .chain(retired)
            .map(|key| {
                let validation = validation_for(key.algorithm, &settings);
                (key, validation)
            })
            .collect();
        Self {
            signing,
            verifiers,
            settings,
        }
    }

    /// The public keys of every asymmetric key in use, as a JWK Set for
    /// `/.well-known/jwks.json`. Empty with HS256, whose secret is never published.
    pub fn jwks(&self) -> JwkSet {
        let keys = self
            .verifiers
            .iter()
            .filter_map(|(key, _)| key.public_jwk.clone())
            .collect();
        JwkSet { keys }
    }

    /// The configured lifetimes and claim rules.
    pub fn settings(&self) -> &TokenSettings {
        &self.settings
    }

    /// A fresh unique token id (32 hex digits, as SimpleJWT writes them).
    pub fn new_jti() -> String {
        uuid::Uuid::new_v4().simple().to_string()
    }

    /// When a refresh token issued now would expire.
    pub fn refresh_expiry(&self) -> DateTime<Utc> {
        let lifetime = chrono::Duration::from_std(self.settings.refresh_lifetime)
            .unwrap_or(chrono::Duration::MAX);
        Utc::now()
            .checked_add_signed(lifetime)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Issues an access token and a refresh token whose id is `refresh_jti`.
    pub fn issue_pair(
        &self,
        subject: &TokenSubject,
        refresh_jti: String,
    ) -> Result<TokenPair, TokenError> {
        Ok(TokenPair {
            access: self.issue(subject, TokenType::Access, Self::new_jti())?,
            refresh: self.issue(subject, TokenType::Refresh, refresh_jti)?,
        })
    }

    /// Issues one token of the given type with the id `jti`.
    pub fn issue(
        &self,
        subject: &TokenSubject,
        token_type: TokenType,
        jti: String,
    ) -> Result<IssuedToken, TokenError> {
        let now = Utc::now().timestamp();
        let lifetime = match token_type {
            TokenType::Access => self.settings.access_lifetime,
            TokenType::Refresh => self.settings.refresh_lifetime,
        };
        let exp = now.saturating_add(i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX));
        let claims = Claims {
            token_type,
            exp,
            iat: now,
            jti,
            user_id: subject.user.0,
            sid: subject.session.0,
            ver: subject.version,
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
        };
        let mut header = Header::new(self.signing.verifying.algorithm);
        header.typ = Some(typ_of(token_type).to_owned());
        header.kid = Some(self.signing.kid().to_owned());

        let token = jsonwebtoken::encode(&header, &claims, &self.signing.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))?;
        let expires_at = Utc
            .timestamp_opt(exp, 0)
            .single()
            .ok_or_else(|| TokenError::Signing("expiry out of range".into()))?;

        Ok(IssuedToken { token, expires_at })
    }

    /// Checks a token's signature, algorithm, expiry, issuer, audience and type, and returns
    /// its claims.
    pub fn verify(&self, token: &str, expected: TokenType) -> Result<Claims, TokenError> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|e| TokenError::Invalid(e.to_string()))?;
        // Tokens from before key ids existed carry none; only the active key may claim them.
        let kid = header.kid.as_deref().unwrap_or(self.signing.kid());
        let (key, validation) = self
            .verifiers
            .iter()
            .find(|(key, _)| key.kid == kid)
            .ok_or_else(|| TokenError::Invalid(format!("unknown key id {kid:?}")))?;

        let data = jsonwebtoken::decode::<Claims>(token, &key.decoding, validation).map_err(
            |e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid(e.to_string()),
            },
        )?;

        if data.claims.token_type != expected {
            return Err(TokenError::WrongType);
        }
        if data.header.typ.as_deref() != Some(typ_of(expected)) {
            return Err(TokenError::WrongType);
        }
        Ok(data.claims)
    }
}

/// Validation pinned to one algorithm, with the configured leeway, issuer and audience.
fn validation_for(algorithm: Algorithm, settings: &TokenSettings) -> Validation {
    let mut validation = Validation::new(algorithm);
    validation.leeway = settings.leeway.as_secs();
    // RFC 7519: the current time must be before `exp`. The library accepts `exp == now`,
    // so a token is treated as expiring one second earlier than it says.
    validation.reject_tokens_expiring_in_less_than = 1;
    let mut required = vec!["exp"];
    if let Some(issuer) = &settings.issuer {
        validation.set_issuer(&[issuer]);
        required.push("iss");
    }
    match &settings.audience {
        Some(audience) => {
            validation.set_audience(&[audience]);
            required.push("aud");
        }
        None => validation.validate_aud = false,
    }
    validation.set_required_spec_claims(&required);
    validation
}

fn typ_of(token_type: TokenType) -> &'static str {
    match token_type {
        TokenType::Access => ACCESS_TOKEN_TYP,
        TokenType::Refresh => REFRESH_TOKEN_TYP,
    }
}

#[cfg(test)]
mod tests;
