//! What operators ask: readiness and metrics.

use actix_web::http::Method;
use notes_tests::{TestApp, spawn_app};

async fn get(app: &TestApp, path: &str) -> notes_tests::TestResponse {
    app.request(Method::GET, path, None, None).await
}

fn text(response: &notes_tests::TestResponse) -> String {
    String::from_utf8_lossy(&response.body).into_owned()
}

/// The value of the series `line_start` (name and labels) in an exposition, if present.
fn sample(exposition: &str, line_start: &str) -> Option<f64> {
    exposition
        .lines()
        .find_map(|line| line.strip_prefix(line_start))
        .and_then(|value| value.trim().parse().ok())
}

#[actix_web::test]
async fn readyz_answers_ready_with_and_without_its_trailing_slash() {
    let app = spawn_app().await;

    for path in ["/readyz/", "/readyz"] {
        let response = get(&app, path).await;

        assert_eq!(response.status, 200, "{path}: {response:?}");
        assert_eq!(response.json(), serde_json::json!({"status": "ready"}));
    }
}

#[actix_web::test]
async fn readyz_answers_503_once_the_schema_is_no_longer_current() {
    let app = spawn_app().await;
    assert_eq!(get(&app, "/readyz/").await.status, 200);
    app.execute_sql("DROP TABLE __diesel_schema_migrations");

    let response = get(&app, "/readyz/").await;

    let problem = response.assert_problem(503);
    assert_eq!(problem["code"], "not_ready");
    assert_eq!(
        get(&app, "/healthz/").await.status,
        200,
        "liveness is unaffected"
    );
}

#[actix_web::test]
async fn readyz_answers_503_while_the_database_is_unreachable_and_200_once_it_is_back() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    app.set_database_reachable(false);
    let unreachable = get(&app, "/readyz/").await;
    app.set_database_reachable(true);
    let back = get(&app, "/readyz/").await;

    let problem = unreachable.assert_problem(503);
    assert_eq!(problem["code"], "not_ready");
    assert_eq!(back.status, 200, "{back:?}");
    assert_eq!(app.list_notes(&priya).await.status, 200);
}

#[actix_web::test]
async fn metrics_count_requests_by_route_pattern_method_and_status() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "first").await;
    let labels = r#"route="/api/notes/{id}/",method="GET",status="200""#;
    let series = format!("http_requests_total{{{labels}}} ");
    let before = sample(&text(&get(&app, "/metrics").await), &series).unwrap_or(0.0);

    for _ in 0..3 {
        let read = app.on_note(Method::GET, &priya, &note["id"], None).await;
        assert_eq!(read.status, 200, "{read:?}");
    }
    let response = get(&app, "/metrics/").await;

    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let exposition = text(&response);
    assert_eq!(
        sample(&exposition, &series),
        Some(before + 3.0),
        "{exposition}"
    );
    assert!(
        exposition.contains(&format!(
            "http_request_duration_seconds_count{{{labels}}} 3"
        )),
        "{exposition}"
    );
    assert!(
        !exposition.contains(&format!("/api/notes/{}/", note["id"])),
        "a raw path with an id became a label: {exposition}"
    );
}

#[actix_web::test]
async fn metrics_label_unknown_paths_as_unmatched_and_show_the_pool() {
    let app = spawn_app().await;

    get(&app, "/no/such/path/12345").await.assert_problem(404);
    let exposition = text(&get(&app, "/metrics/").await);

    assert!(
        exposition.contains(r#"route="(unmatched)",method="GET",status="404""#),
        "{exposition}"
    );
    assert!(!exposition.contains("12345"), "{exposition}");
    assert!(sample(&exposition, "db_pool_connections ").is_some_and(|n| n >= 1.0));
    assert_eq!(sample(&exposition, "db_pool_max_connections "), Some(4.0));
    assert!(sample(&exposition, "db_pool_idle_connections ").is_some());
}
