//! `Idempotency-Key` on `POST /api/notes/`.

use actix_web::http::Method;
use notes_tests::{TestApp, TestResponse, TestUser, spawn_app};
use serde_json::{Value, json};

async fn post(app: &TestApp, user: &TestUser, key: &str, note: &Value) -> TestResponse {
    app.request_with_headers(
        Method::POST,
        "/api/notes/",
        Some(&user.access),
        &[("Idempotency-Key", key)],
        Some(note),
    )
    .await
}

#[actix_web::test]
async fn a_retry_with_the_same_key_creates_nothing_and_gets_the_same_answer() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = json!({"title": "once", "body": "b", "tags": ["t"]});

    let first = post(&app, &priya, "retry-1", &note).await;
    let again = post(&app, &priya, "retry-1", &note).await;

    assert_eq!((first.status.as_u16(), again.status.as_u16()), (201, 201));
    assert_eq!(again.json(), first.json());
    for header in ["location", "etag"] {
        assert_eq!(again.header(header), first.header(header), "{header}");
    }
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.header("idempotent-replayed"), None);
    assert_eq!(
        app.list_notes(&priya).await.json().as_array().map(Vec::len),
        Some(1)
    );
}

#[actix_web::test]
async fn a_key_reused_for_a_different_note_answers_422_and_creates_nothing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    post(&app, &priya, "k", &json!({"title": "a", "body": "b"})).await;

    let reused = post(&app, &priya, "k", &json!({"title": "a", "body": "other"})).await;

    let problem = reused.assert_problem(422);
    assert_eq!(problem["code"], "idempotency_key_reused");
    assert_eq!(
        app.list_notes(&priya).await.json().as_array().map(Vec::len),
        Some(1)
    );
}

#[actix_web::test]
async fn keys_belong_to_their_user() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let note = json!({"title": "a", "body": "b"});

    let hers = post(&app, &priya, "shared", &note).await;
    let his = post(&app, &sujan, "shared", &note).await;

    assert_eq!((hers.status.as_u16(), his.status.as_u16()), (201, 201));
    assert_ne!(hers.json()["id"], his.json()["id"]);
    assert_eq!(his.json()["owner"], "sujan");
    assert_eq!(his.header("idempotent-replayed"), None);
}

#[actix_web::test]
async fn concurrent_retries_with_one_key_create_one_note() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let url = format!("{}/api/notes/", app.address);

    let senders: Vec<_> = (0..6)
        .map(|_| {
            let (url, token) = (url.clone(), priya.access.clone());
            actix_web::rt::spawn(async move {
                let mut response = awc::Client::default()
                    .post(url)
                    .bearer_auth(token)
                    .insert_header(("Idempotency-Key", "burst"))
                    .send_json(&json!({"title": "t", "body": "b"}))
                    .await
                    .expect("answered");
                let body: Value = response.json().await.expect("JSON");
                (response.status().as_u16(), body["id"].clone())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for sender in senders {
        answers.push(sender.await.expect("joined"));
    }

    assert!(
        answers.iter().all(|answer| *answer == answers[0]),
        "{answers:?}"
    );
    assert_eq!(answers[0].0, 201);
    assert_eq!(
        app.list_notes(&priya).await.json().as_array().map(Vec::len),
        Some(1)
    );
}

#[actix_web::test]
async fn an_invalid_key_answers_400() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let long = "k".repeat(256);

    for key in ["", "has space", long.as_str()] {
        let response = post(&app, &priya, key, &json!({"title": "a", "body": "b"})).await;

        let problem = response.assert_problem(400);
        assert!(
            problem["errors"]["Idempotency-Key"].is_array(),
            "{key:?}: {problem}"
        );
    }
    assert_eq!(app.list_notes(&priya).await.json(), json!([]));
}
