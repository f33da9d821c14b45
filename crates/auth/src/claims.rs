//! The claims inside every token.

use serde::{Deserialize, Serialize};

/// Which of the two tokens a JWT is. A token of one type is never accepted as the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenType {
    /// Short-lived; authorises API requests.
    Access,
    /// Longer-lived; only obtains new access tokens.
    Refresh,
}

/// The payload of a token, with SimpleJWT's claim names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Access or refresh.
    pub token_type: TokenType,
    /// Expiry, in seconds since the Unix epoch.
    pub exp: i64,
    /// Issue time, in seconds since the Unix epoch.
    pub iat: i64,
    /// A unique id for this token (32 hex digits).
    pub jti: String,
    /// The id of the user the token was issued to.
    pub user_id: i64,
    /// The sign-in session the token belongs to; ending the session ends the token.
    pub sid: i64,
    /// The user's token version at issue; a password change bumps it and ends the token.
    pub ver: i64,
    /// The issuer, when the server is configured with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// The audience, when the server is configured with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
}
