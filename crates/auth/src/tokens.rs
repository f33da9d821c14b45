//! Issuing and verifying access and refresh tokens.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Header, Validation};
use notes_domain::{SessionId, UserId};

use crate::{Claims, SigningKey, TokenType};

/// The media type RFC 9068 gives access tokens, carried in their `typ` header (RFC 8725,
/// 3.11) so that no other kind of JWT signed with the same key can pass for one.
const ACCESS_TOKEN_TYP: &str = "at+jwt";
/// The `typ` header of refresh tokens.
const REFRESH_TOKEN_TYP: &str = "JWT";

/// How long tokens live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSettings {
    /// Lifetime of access tokens (SimpleJWT's default: 30 minutes).
    pub access_lifetime: Duration,
    /// Lifetime of refresh tokens (SimpleJWT's default: 1 day).
    pub refresh_lifetime: Duration,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            access_lifetime: Duration::from_secs(30 * 60),
            refresh_lifetime: Duration::from_secs(24 * 60 * 60),
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

/// Signs and checks tokens with one HS256 key.
#[derive(Debug, Clone)]
pub struct TokenService {
    key: SigningKey,
    settings: TokenSettings,
    validation: Validation,
}

impl TokenService {
    /// A service signing with `key`. The algorithm is pinned to HS256 and no clock leeway is
    /// granted: a token is dead the second its `exp` passes.
    pub fn new(key: SigningKey, settings: TokenSettings) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp"]);
        Self {
            key,
            settings,
            validation,
        }
    }

    /// The configured lifetimes.
    pub fn settings(&self) -> TokenSettings {
        self.settings
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
        };
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(typ_of(token_type).to_owned());

        let token = jsonwebtoken::encode(&header, &claims, &self.key.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))?;
        let expires_at = Utc
            .timestamp_opt(exp, 0)
            .single()
            .ok_or_else(|| TokenError::Signing("expiry out of range".into()))?;

        Ok(IssuedToken { token, expires_at })
    }

    /// Checks a token's signature, algorithm, expiry and type, and returns its claims.
    pub fn verify(&self, token: &str, expected: TokenType) -> Result<Claims, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.key.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid(e.to_string()),
            })?;

        if data.claims.token_type != expected {
            return Err(TokenError::WrongType);
        }
        if data.header.typ.as_deref() != Some(typ_of(expected)) {
            return Err(TokenError::WrongType);
        }
        Ok(data.claims)
    }
}

fn typ_of(token_type: TokenType) -> &'static str {
    match token_type {
        TokenType::Access => ACCESS_TOKEN_TYP,
        TokenType::Refresh => REFRESH_TOKEN_TYP,
    }
}

#[cfg(test)]
mod tests;
