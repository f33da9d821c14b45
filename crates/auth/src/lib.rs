//! Authentication for the notes API: argon2id password hashing and the JSON Web Tokens that
//! carry a signed-in user between requests.
//!
//! Token claims follow SimpleJWT's names (`token_type`, `exp`, `iat`, `jti`, `user_id`) so
//! that clients decoding them keep working. The signing algorithm is fixed by configuration;
//! the `alg` a token claims is never trusted.

mod claims;
mod keys;
mod passwords;
mod tokens;

pub use claims::{Claims, TokenType};
pub use keys::{KeyAlgorithm, KeyError, SigningKey, VerifyingKey};
pub use passwords::{HashError, PasswordHasher};
pub use tokens::{IssuedToken, TokenError, TokenPair, TokenService, TokenSettings, TokenSubject};
