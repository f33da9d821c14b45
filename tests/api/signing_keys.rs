//! Asymmetric signing keys, their publication as a JWK Set, and key rotation.

use std::path::PathBuf;

use actix_web::http::Method;
use notes_app::{KeySettings, KeySource};
use notes_auth::KeyAlgorithm;
use notes_tests::spawn_app_with;

fn test_key(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/auth/test-keys")
        .join(name)
}

fn eddsa(private: &str, retired: &[&str]) -> KeySettings {
    KeySettings {
        algorithm: KeyAlgorithm::EdDsa,
        source: KeySource::File(test_key(private)),
        retired: retired.iter().map(|name| test_key(name)).collect(),
    }
}

#[actix_web::test]
async fn an_eddsa_server_publishes_its_key_and_its_tokens_name_it() {
    let app = spawn_app_with(|s| s.keys = eddsa("ed25519-a.pem", &[])).await;
    let priya = app.new_user("priya").await;

    let jwks = app
        .request(Method::GET, "/.well-known/jwks.json", None, None)
        .await;

    assert_eq!(jwks.status, 200);
    let keys = jwks.json()["keys"].as_array().cloned().unwrap_or_default();
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (keys[0]["kty"].as_str(), keys[0]["crv"].as_str()),
        (Some("OKP"), Some("Ed25519"))
    );
    assert!(keys[0].get("d").is_none(), "the private part leaked");
    let header = token_header(&priya.access);
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["kid"], keys[0]["kid"]);
    assert_eq!(app.list_notes(&priya).await.status, 200);
}

#[actix_web::test]
async fn after_rotation_tokens_of_the_retired_key_keep_working() {
    let old = spawn_app_with(|s| s.keys = eddsa("ed25519-a.pem", &[])).await;
    let priya = old.new_user("priya").await;
    let database = old.database_url().to_owned();

    let rotated = spawn_app_with(|s| {
        s.keys = eddsa("ed25519-b.pem", &["ed25519-a.pub.pem"]);
        s.database_url = database;
    })
    .await;

    assert_eq!(rotated.list_notes(&priya).await.status, 200);
    let keys = rotated
        .request(Method::GET, "/.well-known/jwks.json", None, None)
        .await
        .json();
    assert_eq!(keys["keys"].as_array().map(Vec::len), Some(2));
    let fresh = rotated.obtain_token("priya", &priya.password).await.json();
    assert_ne!(
        token_header(fresh["access"].as_str().unwrap_or_default())["kid"],
        token_header(&priya.access)["kid"]
    );
}

#[actix_web::test]
async fn an_hs256_server_publishes_no_key() {
    let app = spawn_app_with(|_| {}).await;

    let jwks = app
        .request(Method::GET, "/.well-known/jwks.json", None, None)
        .await;

    assert_eq!(jwks.json(), serde_json::json!({"keys": []}));
}

fn token_header(token: &str) -> serde_json::Value {
    use base64::Engine as _;
    let segment = token.split('.').next().unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment)
        .unwrap_or_default();
    serde_json::from_slice(&bytes).unwrap_or_default()
}
