//! The optional cookie transport for refresh tokens.

use actix_web::http::Method;
use notes_tests::{TestApp, TestResponse, spawn_app, spawn_app_with};
use serde_json::json;

/// The `notes_refresh=...` pair and the attributes of the response's refresh cookie.
fn refresh_cookie(response: &TestResponse) -> (String, String) {
    let set_cookie = response.header("set-cookie").unwrap_or_default().to_owned();
    let (pair, attributes) = set_cookie.split_once(';').unwrap_or((&set_cookie, ""));
    (pair.trim().to_owned(), attributes.to_lowercase())
}

async fn post_with_cookie(app: &TestApp, path: &str, cookie: &str) -> TestResponse {
    let headers = [("content-type", "application/json"), ("cookie", cookie)];
    app.send_raw(Method::POST, path, &headers, b"{}".to_vec())
        .await
}

#[actix_web::test]
async fn in_cookie_mode_the_refresh_token_lives_only_in_a_strict_http_only_cookie() {
    let app = spawn_app_with(|s| s.refresh_cookie = true).await;
    app.register("priya", "a-long-secret", None).await;

    let signed_in = app.obtain_token("priya", "a-long-secret").await;

    let body = signed_in.json();
    assert!(body.get("refresh").is_none(), "{body}");
    assert!(body["access"].is_string() && body["refresh_expires_at"].is_string());
    let (pair, attributes) = refresh_cookie(&signed_in);
    assert!(pair.starts_with("notes_refresh=ey"), "{pair}");
    for attribute in [
        "httponly",
        "secure",
        "samesite=strict",
        "path=/api/token/",
        "max-age=86400",
    ] {
        assert!(
            attributes.contains(attribute),
            "{attribute} missing: {attributes}"
        );
    }
}

#[actix_web::test]
async fn the_cookie_refreshes_rotates_and_signs_out() {
    let app = spawn_app_with(|s| s.refresh_cookie = true).await;
    app.register("priya", "a-long-secret", None).await;
    let (first, _) = refresh_cookie(&app.obtain_token("priya", "a-long-secret").await);

    let refreshed = post_with_cookie(&app, "/api/token/refresh/", &first).await;

    assert_eq!(refreshed.status, 200, "{refreshed:?}");
    let (second, _) = refresh_cookie(&refreshed);
    assert_ne!(second, first);
    post_with_cookie(&app, "/api/token/refresh/", &first)
        .await
        .assert_problem(401);
    let (third, _) = refresh_cookie(&app.obtain_token("priya", "a-long-secret").await);
    let signed_out = post_with_cookie(&app, "/api/token/blacklist/", &third).await;
    assert_eq!(signed_out.status, 200);
    let (cleared, attributes) = refresh_cookie(&signed_out);
    assert_eq!(cleared, "notes_refresh=");
    assert!(attributes.contains("max-age=0"), "{attributes}");
    post_with_cookie(&app, "/api/token/refresh/", &third)
        .await
        .assert_problem(401);
}

#[actix_web::test]
async fn by_default_no_cookie_is_set_or_read() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let signed_in = app.obtain_token("priya", &priya.password).await;
    let cookie = format!("notes_refresh={}", priya.refresh);
    let refreshed = post_with_cookie(&app, "/api/token/refresh/", &cookie).await;

    assert!(signed_in.header("set-cookie").is_none());
    assert!(signed_in.json()["refresh"].is_string());
    let problem = refreshed.assert_problem(400);
    assert!(problem["errors"]["refresh"].is_array(), "{problem}");
    let bearer = json!({"refresh": priya.refresh});
    let by_body = app
        .request(Method::POST, "/api/token/refresh/", None, Some(&bearer))
        .await;
    assert_eq!(by_body.status, 200);
}
