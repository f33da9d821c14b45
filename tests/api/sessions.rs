//! Refresh rotation, sign-out, verification and the sessions list.

use actix_web::http::Method;
use notes_tests::{TestApp, spawn_app};
use serde_json::{Value, json};

async fn refresh_ok(app: &TestApp, refresh: &str) -> Value {
    let response = app.refresh(refresh).await;
    assert_eq!(response.status, 200, "{response:?}");
    response.json()
}

async fn verify(app: &TestApp, token: &str) -> u16 {
    let body = json!({"token": token});
    app.request(Method::POST, "/api/token/verify/", None, Some(&body))
        .await
        .status
        .as_u16()
}

#[actix_web::test]
async fn each_refresh_rotates_the_refresh_token_and_the_old_one_stops_working() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let first = refresh_ok(&app, &priya.refresh).await;
    let second = refresh_ok(&app, first["refresh"].as_str().expect("refresh")).await;

    assert_ne!(first["refresh"], json!(priya.refresh));
    assert!(second["access"].is_string() && second["refresh_expires_at"].is_string());
    app.refresh(&priya.refresh).await.assert_problem(401);
}

#[actix_web::test]
async fn a_rotated_refresh_token_reused_revokes_every_token_of_that_sign_in() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let other_device = app.obtain_token("priya", &priya.password).await.json();
    let rotated = refresh_ok(&app, &priya.refresh).await;

    for _ in 0..2 {
        app.refresh(&priya.refresh).await.assert_problem(401);
    }

    app.refresh(rotated["refresh"].as_str().expect("refresh"))
        .await
        .assert_problem(401);
    app.list_notes(&priya.with_access(&rotated["access"]))
        .await
        .assert_problem(401);
    app.list_notes(&priya).await.assert_problem(401);
    let untouched = app
        .list_notes(&priya.with_access(&other_device["access"]))
        .await;
    assert_eq!(
        untouched.status, 200,
        "another sign-in's session must survive"
    );
}

#[actix_web::test]
async fn signing_out_ends_the_session_and_its_access_token_at_once() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let body = json!({"refresh": priya.refresh});

    let response = app
        .request(Method::POST, "/api/token/blacklist/", None, Some(&body))
        .await;

    assert_eq!(response.status, 200, "{response:?}");
    assert_eq!(response.json(), json!({}));
    app.refresh(&priya.refresh).await.assert_problem(401);
    app.list_notes(&priya).await.assert_problem(401);
    let again = app
        .request(Method::POST, "/api/token/blacklist/", None, Some(&body))
        .await;
    assert_eq!(again.status, 200, "signing out twice must not fail");
}

#[actix_web::test]
async fn verify_accepts_live_tokens_of_either_type_and_refuses_the_rest() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    assert_eq!(verify(&app, &priya.access).await, 200);
    assert_eq!(verify(&app, &priya.refresh).await, 200);
    assert_eq!(verify(&app, "not-a-token").await, 401);
    refresh_ok(&app, &priya.refresh).await;
    assert_eq!(
        verify(&app, &priya.refresh).await,
        401,
        "a used refresh token"
    );
    let missing = app
        .request(Method::POST, "/api/token/verify/", None, Some(&json!({})))
        .await;
    assert!(missing.assert_problem(400)["errors"]["token"].is_array());
}

#[actix_web::test]
async fn sessions_are_listed_with_their_client_and_can_be_ended_one_by_one() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let laptop = app
        .send_raw(
            Method::POST,
            "/api/token/",
            &[
                ("content-type", "application/json"),
                ("user-agent", "laptop-browser/1.0"),
            ],
            json!({"username": "priya", "password": priya.password})
                .to_string()
                .into_bytes(),
        )
        .await
        .json();

    let listed = app
        .request(Method::GET, "/api/sessions/", Some(&priya.access), None)
        .await
        .json();

    let listed = listed.as_array().expect("an array").clone();
    assert_eq!(listed.len(), 2);
    let current: Vec<&Value> = listed.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1);
    let other = listed
        .iter()
        .find(|s| s["current"] == false)
        .expect("the laptop");
    assert_eq!(other["client"], "laptop-browser/1.0");
    assert!(other["created_at"].is_string() && other["last_used_at"].is_string());

    let path = format!("/api/sessions/{}/", other["id"]);
    let ended = app
        .request(Method::DELETE, &path, Some(&priya.access), None)
        .await;

    assert_eq!(ended.status, 204);
    app.list_notes(&priya.with_access(&laptop["access"]))
        .await
        .assert_problem(401);
    assert_eq!(app.list_notes(&priya).await.status, 200);
}

#[actix_web::test]
async fn a_token_of_an_ended_session_reads_and_changes_nothing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "kept").await;
    let laptop = app.obtain_token("priya", &priya.password).await.json();
    let laptop = priya.with_access(&laptop["access"]);
    let sessions = app
        .request(Method::GET, "/api/sessions/", Some(&priya.access), None)
        .await
        .json();
    let other = sessions
        .as_array()
        .and_then(|all| all.iter().find(|s| s["current"] == false))
        .expect("the laptop's session")
        .clone();
    let path = format!("/api/sessions/{}/", other["id"]);
    app.request(Method::DELETE, &path, Some(&priya.access), None)
        .await;

    let change = json!({"title": "changed", "body": "changed"});
    app.create_note(&laptop, "new", "body")
        .await
        .assert_problem(401);
    app.on_note(Method::GET, &laptop, &note["id"], None)
        .await
        .assert_problem(401);
    app.on_note(Method::PUT, &laptop, &note["id"], Some(&change))
        .await
        .assert_problem(401);
    app.on_note(Method::DELETE, &laptop, &note["id"], None)
        .await
        .assert_problem(401);

    let listed = app.list_notes(&priya).await.json();
    assert_eq!(listed, json!([note]));
}

#[actix_web::test]
async fn another_users_session_cannot_be_seen_or_ended() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let priyas = app
        .request(Method::GET, "/api/sessions/", Some(&priya.access), None)
        .await
        .json();
    let path = format!("/api/sessions/{}/", priyas[0]["id"]);

    app.request(Method::DELETE, &path, Some(&sujan.access), None)
        .await
        .assert_problem(404);

    let sujans = app
        .request(Method::GET, "/api/sessions/", Some(&sujan.access), None)
        .await
        .json();
    assert_eq!(sujans.as_array().map(Vec::len), Some(1));
    assert_eq!(app.list_notes(&priya).await.status, 200);
}

#[actix_web::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let phone = app.obtain_token("priya", &priya.password).await.json();

    let response = app
        .request(Method::DELETE, "/api/sessions/", Some(&priya.access), None)
        .await;

    assert_eq!(response.status, 204);
    app.list_notes(&priya).await.assert_problem(401);
    app.list_notes(&priya.with_access(&phone["access"]))
        .await
        .assert_problem(401);
    app.refresh(phone["refresh"].as_str().expect("refresh"))
        .await
        .assert_problem(401);
}

#[actix_web::test]
async fn a_deactivated_user_can_neither_sign_in_refresh_nor_use_an_access_token() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.execute_sql(&format!(
        "UPDATE users SET is_active = FALSE WHERE id = {}",
        priya.id
    ));

    app.obtain_token("priya", &priya.password)
        .await
        .assert_problem(401);
    app.refresh(&priya.refresh).await.assert_problem(401);
    app.list_notes(&priya).await.assert_problem(401);
}
