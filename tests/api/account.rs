//! `/api/users/me/`: profile, password change and account deletion.

use actix_web::http::Method;
use notes_tests::spawn_app;
use serde_json::json;

const ME: &str = "/api/users/me/";
const PASSWORD: &str = "/api/users/me/password/";

#[actix_web::test]
async fn the_profile_shows_the_account_without_any_password() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let response = app
        .request(Method::GET, ME, Some(&priya.access), None)
        .await;

    assert_eq!(response.status, 200);
    let profile = response.json();
    assert_eq!(profile["username"], "priya");
    assert_eq!(profile["id"], priya.id);
    assert!(
        !response
            .body
            .windows(8)
            .any(|w| w.eq_ignore_ascii_case(b"password"))
    );
}

#[actix_web::test]
async fn the_profile_can_be_changed_but_not_to_a_taken_username() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_user("sujan").await;

    let changed = app
        .request(
            Method::PATCH,
            ME,
            Some(&priya.access),
            Some(&json!({"email": "p@example.com"})),
        )
        .await;
    let taken = app
        .request(
            Method::PATCH,
            ME,
            Some(&priya.access),
            Some(&json!({"username": "SUJAN"})),
        )
        .await;

    assert_eq!(changed.json()["email"], "p@example.com");
    assert!(taken.assert_problem(400)["errors"]["username"].is_array());
}

#[actix_web::test]
async fn a_new_username_shows_as_the_owner_of_existing_notes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "mine").await;

    app.request(
        Method::PATCH,
        ME,
        Some(&priya.access),
        Some(&json!({"username": "priya2"})),
    )
    .await;

    let read = app
        .on_note(Method::GET, &priya, &note["id"], None)
        .await
        .json();
    assert_eq!(read["owner"], "priya2");
}

#[actix_web::test]
async fn changing_the_password_needs_the_old_one() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let body = json!({"old_password": "wrong-password", "new_password": "brand-new-secret"});

    let response = app
        .request(Method::POST, PASSWORD, Some(&priya.access), Some(&body))
        .await;

    assert!(response.assert_problem(400)["errors"]["old_password"].is_array());
    assert_eq!(app.obtain_token("priya", &priya.password).await.status, 200);
}

#[actix_web::test]
async fn after_a_password_change_every_earlier_token_answers_401_and_the_new_pair_works() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let phone = app.obtain_token("priya", &priya.password).await.json();
    let body = json!({"old_password": priya.password, "new_password": "brand-new-secret"});

    let response = app
        .request(Method::POST, PASSWORD, Some(&priya.access), Some(&body))
        .await;

    assert_eq!(response.status, 200, "{response:?}");
    let fresh = response.json();
    app.list_notes(&priya).await.assert_problem(401);
    app.list_notes(&priya.with_access(&phone["access"]))
        .await
        .assert_problem(401);
    app.refresh(&priya.refresh).await.assert_problem(401);
    let renewed = priya.with_access(&fresh["access"]);
    assert_eq!(app.list_notes(&renewed).await.status, 200);
    app.obtain_token("priya", &priya.password)
        .await
        .assert_problem(401);
    assert_eq!(
        app.obtain_token("priya", "brand-new-secret").await.status,
        200
    );
}

#[actix_web::test]
async fn deleting_the_account_needs_the_password_and_takes_the_notes_along() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "soon gone").await;

    let refused = app
        .request(
            Method::DELETE,
            ME,
            Some(&priya.access),
            Some(&json!({"password": "wrong"})),
        )
        .await;
    let deleted = app
        .request(
            Method::DELETE,
            ME,
            Some(&priya.access),
            Some(&json!({"password": priya.password})),
        )
        .await;

    assert!(refused.assert_problem(400)["errors"]["password"].is_array());
    assert_eq!(deleted.status, 204);
    app.list_notes(&priya).await.assert_problem(401);
    app.obtain_token("priya", &priya.password)
        .await
        .assert_problem(401);
    let again = app.register("priya", &priya.password, None).await;
    assert_eq!(again.status, 201, "the username is free again");
}
