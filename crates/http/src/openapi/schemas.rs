//! Schemas for answers whose Rust types are not the API's own.

use serde::Serialize;
use utoipa::ToSchema;

/// An empty JSON object: the answer of operations that only succeed or fail.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({}))]
pub(crate) struct EmptyObject {}

/// A JSON Web Key Set (RFC 7517): the public keys that verify access tokens, each with its
/// `kid`. Empty when tokens are signed with an HS256 secret.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = JwkSet)]
pub(crate) struct JwkSetDocument {
    /// Public JWKs (`kty`, `crv`/`n`/`e`, `x`, `kid`, `alg`, `use`).
    #[schema(value_type = Vec<Object>)]
    keys: Vec<serde_json::Value>,
}
