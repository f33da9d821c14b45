//! Every error status of the contract, always as problem+json.

use actix_web::http::Method;
use notes_tests::{spawn_app, spawn_app_with};

#[actix_web::test]
async fn malformed_json_and_non_objects_are_400() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let bearer = format!("Bearer {}", priya.access);

    for body in [
        &b"{\"title\": "[..],
        b"",
        b"[1, 2]",
        br#"["a title", "a body"]"#,
        b"\"text\"",
        b"{} trailing",
    ] {
        let response = app
            .send_raw(
                Method::POST,
                "/api/notes/",
                &[
                    ("content-type", "application/json"),
                    ("authorization", &bearer),
                ],
                body.to_vec(),
            )
            .await;
        response.assert_problem(400);
    }
    assert_eq!(app.list_notes(&priya).await.json(), serde_json::json!([]));
}

#[actix_web::test]
async fn bad_credentials_of_every_kind_are_401_with_a_bearer_challenge() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let cases = [
        ("no header", None),
        ("garbage token", Some("Bearer not-a-token".to_owned())),
        ("empty bearer", Some("Bearer ".to_owned())),
        ("Token scheme", Some(format!("Token {}", priya.access))),
        ("Basic scheme", Some("Basic cHJpeWE6cHc=".to_owned())),
        ("refresh token", Some(format!("Bearer {}", priya.refresh))),
    ];

    for (case, authorization) in cases {
        let headers: Vec<(&str, &str)> = authorization
            .iter()
            .map(|value| ("authorization", value.as_str()))
            .collect();
        let response = app
            .send_raw(Method::GET, "/api/notes/", &headers, Vec::new())
            .await;
        response.assert_problem(401);
        let challenge = response.header("www-authenticate").unwrap_or_default();
        assert!(challenge.starts_with("Bearer"), "{case}: {challenge:?}");
    }
}

#[actix_web::test]
async fn an_expired_access_token_is_401() {
    let app =
        spawn_app_with(|s| s.tokens.access_lifetime = std::time::Duration::from_secs(1)).await;
    let priya = app.new_user("priya").await;

    actix_web::rt::time::sleep(std::time::Duration::from_millis(2100)).await;

    app.list_notes(&priya).await.assert_problem(401);
}

#[actix_web::test]
async fn ids_that_are_not_plain_decimal_integers_are_404_even_if_they_parse() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let id = app.new_note(&priya, "exists").await["id"].clone();
    let signed = format!("+{id}");
    let padded = format!("0{id}");

    for raw in [
        "abc",
        "1.5",
        "99999999999999999999999",
        "-1",
        "0x10",
        "%20",
        &signed,
        &padded,
    ] {
        let path = format!("/api/notes/{raw}/");
        app.request(Method::GET, &path, Some(&priya.access), None)
            .await
            .assert_problem(404);
    }
}

#[actix_web::test]
async fn unknown_paths_are_404_problems() {
    let app = spawn_app().await;

    app.request(Method::GET, "/api/nothing-here/", None, None)
        .await
        .assert_problem(404);
}

#[actix_web::test]
async fn an_unsupported_method_is_405_with_allow() {
    let app = spawn_app().await;

    for (method, path, allow) in [
        (Method::DELETE, "/api/notes/", "GET, HEAD, POST"),
        (Method::GET, "/api/token/", "POST"),
        (
            Method::POST,
            "/api/notes/1/",
            "GET, HEAD, PUT, PATCH, DELETE",
        ),
    ] {
        let response = app.request(method.clone(), path, None, None).await;
        response.assert_problem(405);
        assert_eq!(response.header("allow"), Some(allow), "{method} {path}");
    }
}

#[actix_web::test]
async fn a_body_over_the_limit_is_413_and_stores_nothing() {
    let app = spawn_app_with(|s| s.body_limit = 4096).await;
    let priya = app.new_user("priya").await;
    let bearer = format!("Bearer {}", priya.access);
    let oversized = format!(r#"{{"title": "t", "body": "{}"}}"#, "x".repeat(5000));

    let response = app
        .send_raw(
            Method::POST,
            "/api/notes/",
            &[
                ("content-type", "application/json"),
                ("authorization", &bearer),
            ],
            oversized.into_bytes(),
        )
        .await;

    response.assert_problem(413);
    assert_eq!(app.list_notes(&priya).await.json(), serde_json::json!([]));
}

#[actix_web::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let bearer = format!("Bearer {}", priya.access);

    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut headers = vec![("authorization", bearer.as_str())];
        headers.extend(content_type.map(|value| ("content-type", value)));
        let body = br#"{"title": "t", "body": "b"}"#.to_vec();
        let response = app
            .send_raw(Method::POST, "/api/notes/", &headers, body)
            .await;
        response.assert_problem(415);
    }
}

#[actix_web::test]
async fn a_database_fault_is_a_500_that_reveals_nothing_internal() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.execute_sql("ALTER TABLE notes RENAME TO notes_gone");

    let response = app.list_notes(&priya).await;

    let problem = response.assert_problem(500);
    let text = problem.to_string().to_lowercase();
    for internal in ["notes", "sqlite", "postgres", "relation", "table", "diesel"] {
        assert!(
            !text.replace("\"notes\"", "").contains(internal),
            "{internal} leaked: {problem}"
        );
    }
}

#[actix_web::test]
async fn every_response_carries_a_request_id_and_echoes_a_sensible_one() {
    let app = spawn_app().await;

    let echoed = app
        .send_raw(
            Method::GET,
            "/healthz/",
            &[("x-request-id", "abc-123")],
            Vec::new(),
        )
        .await;
    let generated = app
        .send_raw(
            Method::GET,
            "/healthz",
            &[("x-request-id", "bad id")],
            Vec::new(),
        )
        .await;

    assert_eq!(echoed.header("x-request-id"), Some("abc-123"));
    assert!(
        generated
            .header("x-request-id")
            .is_some_and(|id| id.len() == 36)
    );
}

#[actix_web::test]
async fn a_compressed_body_is_415_not_misread() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let bearer = format!("Bearer {}", priya.access);

    for coding in ["gzip", "br", "unknown"] {
        let headers = [
            ("content-type", "application/json"),
            ("content-encoding", coding),
            ("authorization", bearer.as_str()),
        ];
        let body = br#"{"title": "t", "body": "b"}"#.to_vec();
        let response = app
            .send_raw(Method::POST, "/api/notes/", &headers, body)
            .await;
        response.assert_problem(415);
    }
    assert_eq!(app.list_notes(&priya).await.json(), serde_json::json!([]));
}
