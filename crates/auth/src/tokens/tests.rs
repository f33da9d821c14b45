//! Every way a token can be forged, altered or misused is refused.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;

use super::*;
use crate::{KeyAlgorithm, VerifyingKey};

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test-secret";

fn service() -> TokenService {
    TokenService::new(
        SigningKey::from_secret(SECRET).expect("key"),
        Vec::new(),
        TokenSettings::default(),
    )
}

fn subject() -> TokenSubject {
    TokenSubject {
        user: UserId(7),
        session: SessionId(3),
        version: 2,
    }
}

fn pair(service: &TokenService) -> TokenPair {
    service
        .issue_pair(&subject(), TokenService::new_jti())
        .expect("issue")
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn sign(header: &Header, claims: &serde_json::Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        header,
        claims,
        &EncodingKey::from_secret(secret).expect("key"),
    )
    .expect("encode")
}

fn access_header() -> Header {
    let mut header = Header::new(Algorithm::HS256);
    header.typ = Some("at+jwt".into());
    header.kid = Some(
        SigningKey::from_secret(SECRET)
            .expect("key")
            .kid()
            .to_owned(),
    );
    header
}

fn claims(token_type: &str, exp_offset: i64) -> serde_json::Value {
    let now = Utc::now().timestamp();
    json!({
        "token_type": token_type, "exp": now + exp_offset, "iat": now, "jti": "x",
        "user_id": 7, "sid": 3, "ver": 2
    })
}

#[test]
fn an_issued_access_token_verifies_with_simplejwt_claims() {
    let service = service();

    let pair = pair(&service);
    let claims = service
        .verify(&pair.access.token, TokenType::Access)
        .expect("valid");

    assert_eq!((claims.user_id, claims.sid, claims.ver), (7, 3, 2));
    assert_eq!(claims.token_type, TokenType::Access);
    assert_eq!(claims.exp - claims.iat, 30 * 60);
    assert_eq!(claims.jti.len(), 32);
    let refresh = service
        .verify(&pair.refresh.token, TokenType::Refresh)
        .expect("valid");
    assert_eq!(refresh.exp - refresh.iat, 24 * 60 * 60);
    assert_ne!(claims.jti, refresh.jti);
}

#[test]
fn a_refresh_token_is_not_an_access_token_and_the_reverse() {
    let service = service();
    let pair = pair(&service);

    assert_eq!(
        service.verify(&pair.refresh.token, TokenType::Access),
        Err(TokenError::WrongType)
    );
    assert_eq!(
        service.verify(&pair.access.token, TokenType::Refresh),
        Err(TokenError::WrongType)
    );
}

#[test]
fn a_refresh_claim_in_an_access_header_is_still_the_wrong_type() {
    let token = sign(&access_header(), &claims("refresh", 600), SECRET);

    assert_eq!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::WrongType)
    );
}

#[test]
fn an_expired_token_is_refused_without_leeway() {
    let token = sign(&access_header(), &claims("access", -1), SECRET);

    assert_eq!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Expired)
    );
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    let token = sign(
        &access_header(),
        &claims("access", 600),
        b"another-secret-of-enough-length-000000",
    );

    assert!(matches!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn a_tampered_payload_is_refused() {
    let service = service();
    let token = pair(&service).access.token;
    let parts: Vec<&str> = token.split('.').collect();
    let forged_payload = b64(claims("access", 600)
        .to_string()
        .replace("7}", "8}")
        .as_bytes());
    let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);

    assert!(matches!(
        service.verify(&forged, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn alg_none_is_refused() {
    let header = b64(br#"{"alg":"none","typ":"at+jwt"}"#);
    let payload = b64(claims("access", 600).to_string().as_bytes());

    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert!(
            matches!(
                service().verify(&token, TokenType::Access),
                Err(TokenError::Invalid(_))
            ),
            "{token}"
        );
    }
}

#[test]
fn another_algorithm_with_the_same_secret_is_refused() {
    let mut header = Header::new(Algorithm::HS512);
    header.typ = Some("at+jwt".into());
    let token = sign(&header, &claims("access", 600), SECRET);

    assert!(matches!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn a_token_missing_a_claim_is_refused() {
    let mut incomplete = claims("access", 600);
    incomplete
        .as_object_mut()
        .expect("object")
        .remove("user_id");
    let token = sign(&access_header(), &incomplete, SECRET);

    assert!(matches!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn garbage_is_refused() {
    for token in ["", "not-a-token", "a.b.c", "....", "é.é.é"] {
        assert!(
            matches!(
                service().verify(token, TokenType::Access),
                Err(TokenError::Invalid(_))
            ),
            "{token:?}"
        );
    }
}

const ED_A: &[u8] = include_bytes!("../../test-keys/ed25519-a.pem");
const ED_A_PUBLIC: &[u8] = include_bytes!("../../test-keys/ed25519-a.pub.pem");
const ED_B: &[u8] = include_bytes!("../../test-keys/ed25519-b.pem");
const RSA: &[u8] = include_bytes!("../../test-keys/rsa.pem");
const RSA_PUBLIC: &[u8] = include_bytes!("../../test-keys/rsa.pub.pem");

fn service_with(algorithm: KeyAlgorithm, pem: &[u8], retired: &[&[u8]]) -> TokenService {
    let signing = SigningKey::from_private_pem(algorithm, pem).expect("signing key");
    let retired = retired
        .iter()
        .map(|pem| VerifyingKey::from_public_pem(pem).expect("retired"))
        .collect();
    TokenService::new(signing, retired, TokenSettings::default())
}

#[test]
fn eddsa_and_rs256_tokens_carry_their_algorithm_and_key_id_and_verify() {
    for (algorithm, pem, alg) in [
        (KeyAlgorithm::EdDsa, ED_A, Algorithm::EdDSA),
        (KeyAlgorithm::Rs256, RSA, Algorithm::RS256),
    ] {
        let service = service_with(algorithm, pem, &[]);
        let token = pair(&service).access.token;

        let header = jsonwebtoken::decode_header(&token).expect("header");

        assert_eq!(header.alg, alg);
        assert_eq!(header.typ.as_deref(), Some("at+jwt"));
        let jwks = service.jwks();
        assert_eq!(jwks.keys.len(), 1);
        assert_eq!(jwks.keys[0].common.key_id, header.kid);
        assert!(service.verify(&token, TokenType::Access).is_ok(), "{alg:?}");
    }
}

#[test]
fn a_retired_key_keeps_verifying_its_tokens_and_is_still_published() {
    let old = service_with(KeyAlgorithm::EdDsa, ED_A, &[]);
    let token = pair(&old).access.token;

    let rotated = service_with(KeyAlgorithm::EdDsa, ED_B, &[ED_A_PUBLIC]);

    assert!(rotated.verify(&token, TokenType::Access).is_ok());
    assert_eq!(rotated.jwks().keys.len(), 2);
    let forgotten = service_with(KeyAlgorithm::EdDsa, ED_B, &[]);
    assert!(matches!(
        forgotten.verify(&token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn an_hs256_token_keyed_with_the_public_key_cannot_pass_for_rs256() {
    let service = service_with(KeyAlgorithm::Rs256, RSA, &[]);
    let kid = service.jwks().keys[0].common.key_id.clone();
    let mut header = Header::new(Algorithm::HS256);
    header.typ = Some("at+jwt".into());
    header.kid = kid;

    let forged = sign(&header, &claims("access", 600), RSA_PUBLIC);

    assert!(matches!(
        service.verify(&forged, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn a_configured_issuer_and_audience_are_issued_and_required() {
    let settings = TokenSettings {
        issuer: Some("https://notes.example".into()),
        audience: Some("notes-api".into()),
        ..TokenSettings::default()
    };
    let key = || SigningKey::from_secret(SECRET).expect("key");
    let strict = TokenService::new(key(), Vec::new(), settings);

    let token = pair(&strict).access.token;
    let claims = strict.verify(&token, TokenType::Access).expect("valid");

    assert_eq!(claims.iss.as_deref(), Some("https://notes.example"));
    assert_eq!(claims.aud.as_deref(), Some("notes-api"));
    let lax_token = pair(&service()).access.token;
    assert!(matches!(
        strict.verify(&lax_token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn leeway_is_zero_unless_configured() {
    let token = sign(&access_header(), &claims("access", -5), SECRET);
    let tolerant = TokenService::new(
        SigningKey::from_secret(SECRET).expect("key"),
        Vec::new(),
        TokenSettings {
            leeway: Duration::from_secs(30),
            ..TokenSettings::default()
        },
    );

    assert_eq!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Expired)
    );
    assert!(tolerant.verify(&token, TokenType::Access).is_ok());
}

#[test]
fn a_token_naming_an_unknown_key_is_refused() {
    let mut header = access_header();
    header.kid = Some("someone-elses-key".into());

    let token = sign(&header, &claims("access", 600), SECRET);

    assert!(matches!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Invalid(_))
    ));
}

#[test]
fn a_token_is_dead_in_the_second_its_exp_names() {
    let token = sign(&access_header(), &claims("access", 0), SECRET);

    assert_eq!(
        service().verify(&token, TokenType::Access),
        Err(TokenError::Expired)
    );
}
