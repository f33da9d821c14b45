//! Brute-force limits on signing in and registering: 429 with `Retry-After`.

use actix_web::http::Method;
use notes_http::Rate;
use notes_tests::{TestApp, TestResponse, spawn_app_with};
use serde_json::json;

fn rate(raw: &str) -> Option<Rate> {
    Some(raw.parse().expect("a valid rate"))
}

fn assert_throttled(response: &TestResponse) {
    response.assert_problem(429);
    let retry_after = response
        .header("retry-after")
        .and_then(|v| v.parse::<u64>().ok());
    assert!(retry_after.is_some_and(|secs| secs >= 1), "{response:?}");
}

async fn sign_in_from(
    app: &TestApp,
    username: &str,
    password: &str,
    forwarded: &str,
) -> TestResponse {
    let body = json!({"username": username, "password": password}).to_string();
    let headers = [
        ("content-type", "application/json"),
        ("x-forwarded-for", forwarded),
    ];
    app.send_raw(Method::POST, "/api/token/", &headers, body.into_bytes())
        .await
}

#[actix_web::test]
async fn sign_ins_beyond_the_per_address_rate_are_429() {
    let app = spawn_app_with(|s| s.sign_in_rate_per_address = rate("3/1m")).await;
    let priya = app.new_user("priya").await;

    for _ in 0..2 {
        assert_eq!(app.obtain_token("priya", &priya.password).await.status, 200);
    }

    assert_throttled(&app.obtain_token("priya", &priya.password).await);
}

#[actix_web::test]
async fn failed_sign_ins_lock_the_account_from_any_address_known_or_not() {
    let app = spawn_app_with(|s| s.sign_in_failures_per_account = rate("2/15m")).await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;

    for _ in 0..2 {
        app.obtain_token("PRIYA", "wrong-guess")
            .await
            .assert_problem(401);
        app.obtain_token("nobody", "wrong-guess")
            .await
            .assert_problem(401);
    }

    assert_throttled(&app.obtain_token("priya", &priya.password).await);
    assert_throttled(&app.obtain_token("nobody", "wrong-guess").await);
    assert_eq!(app.obtain_token("sujan", &sujan.password).await.status, 200);
}

#[actix_web::test]
async fn registrations_beyond_the_per_address_rate_are_429_and_create_nothing() {
    let app = spawn_app_with(|s| s.register_rate_per_address = rate("2/1h")).await;
    app.new_user("first").await;
    app.new_user("second").await;

    assert_throttled(&app.register("third", "a-long-secret", None).await);

    app.obtain_token("third", "a-long-secret")
        .await
        .assert_problem(401);
}

#[actix_web::test]
async fn a_forwarded_header_from_an_untrusted_peer_does_not_change_the_address() {
    let app = spawn_app_with(|s| s.sign_in_rate_per_address = rate("2/1m")).await;

    for forwarded in ["198.51.100.1", "198.51.100.2"] {
        sign_in_from(&app, "nobody", "x", forwarded)
            .await
            .assert_problem(401);
    }

    assert_throttled(&sign_in_from(&app, "nobody", "x", "198.51.100.3").await);
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    let app = spawn_app_with(|s| {
        s.sign_in_rate_per_address = rate("2/1m");
        s.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
    })
    .await;

    for forwarded in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        sign_in_from(&app, "nobody", "x", forwarded)
            .await
            .assert_problem(401);
        sign_in_from(&app, "nobody", "x", forwarded)
            .await
            .assert_problem(401);
    }

    assert_throttled(&sign_in_from(&app, "nobody", "x", "198.51.100.1").await);
}
