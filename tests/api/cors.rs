//! CORS: browser clients on configured origins may call the API; nobody else gets headers.

use actix_web::http::Method;
use notes_http::CorsSettings;
use notes_tests::{TestApp, TestResponse, spawn_app, spawn_app_with};
use serde_json::json;

const ALLOWED: &str = "https://app.notes.test";
const FOREIGN: &str = "https://elsewhere.test";

async fn app_allowing(origin: &str, allow_credentials: bool) -> TestApp {
    let cors = CorsSettings {
        origins: vec![origin.to_owned()],
        allow_credentials,
    };
    spawn_app_with(|s| s.cors = cors).await
}

async fn preflight(app: &TestApp, origin: &str) -> TestResponse {
    let headers = [
        ("origin", origin),
        ("access-control-request-method", "POST"),
        (
            "access-control-request-headers",
            "authorization,content-type",
        ),
    ];
    app.send_raw(Method::OPTIONS, "/api/notes/", &headers, Vec::new())
        .await
}

fn header_list(response: &TestResponse, name: &str) -> Vec<String> {
    response
        .header(name)
        .unwrap_or_default()
        .split(',')
        .map(|item| item.trim().to_ascii_lowercase())
        .collect()
}

#[actix_web::test]
async fn without_configured_origins_no_cors_headers_are_sent() {
    let app = spawn_app().await;

    let answered = preflight(&app, ALLOWED).await;

    assert!(
        answered.header("access-control-allow-origin").is_none(),
        "{answered:?}"
    );
}

#[actix_web::test]
async fn a_preflight_from_an_allowed_origin_allows_authorization_and_content_type() {
    let app = app_allowing(ALLOWED, false).await;

    let answered = preflight(&app, ALLOWED).await;

    assert_eq!(answered.status, 200, "{answered:?}");
    assert_eq!(
        answered.header("access-control-allow-origin"),
        Some(ALLOWED)
    );
    let allowed = header_list(&answered, "access-control-allow-headers");
    assert!(allowed.contains(&"authorization".to_owned()), "{allowed:?}");
    assert!(allowed.contains(&"content-type".to_owned()), "{allowed:?}");
    assert!(header_list(&answered, "access-control-allow-methods").contains(&"post".into()));
    assert!(
        answered
            .header("access-control-allow-credentials")
            .is_none()
    );
}

#[actix_web::test]
async fn a_preflight_from_a_foreign_origin_is_a_403_problem_without_allow_origin() {
    let app = app_allowing(ALLOWED, false).await;

    let refused = preflight(&app, FOREIGN).await;

    let problem = refused.assert_problem(403);
    assert_eq!(problem["code"], "cross_origin_refused");
    assert!(
        refused.header("access-control-allow-origin").is_none(),
        "{refused:?}"
    );
}

#[actix_web::test]
async fn a_request_from_an_allowed_origin_may_read_the_api_headers() {
    let app = app_allowing(ALLOWED, false).await;
    let priya = app.new_user("priya").await;
    let bearer = format!("Bearer {}", priya.access);
    let body = json!({"title": "t", "body": "b"}).to_string().into_bytes();
    let headers = [
        ("origin", ALLOWED),
        ("authorization", bearer.as_str()),
        ("content-type", "application/json"),
    ];

    let created = app
        .send_raw(Method::POST, "/api/notes/", &headers, body)
        .await;

    assert_eq!(created.status, 201, "{created:?}");
    assert_eq!(created.header("access-control-allow-origin"), Some(ALLOWED));
    let exposed = header_list(&created, "access-control-expose-headers");
    for name in ["etag", "link", "retry-after", "x-request-id", "location"] {
        assert!(exposed.contains(&name.to_owned()), "{name} in {exposed:?}");
    }
}

#[actix_web::test]
async fn a_request_from_a_foreign_origin_is_served_without_cors_headers() {
    let app = app_allowing(ALLOWED, false).await;

    let answered = app
        .send_raw(
            Method::GET,
            "/api/notes/",
            &[("origin", FOREIGN)],
            Vec::new(),
        )
        .await;

    answered.assert_problem(401);
    assert!(answered.header("access-control-allow-origin").is_none());
}

#[actix_web::test]
async fn credentials_are_allowed_only_when_configured() {
    let app = app_allowing(ALLOWED, true).await;

    let answered = preflight(&app, ALLOWED).await;

    assert_eq!(
        answered.header("access-control-allow-credentials"),
        Some("true")
    );
}
