//! `POST /api/token/` and `POST /api/token/refresh/`

use actix_web::http::Method;
use notes_tests::spawn_app;
use serde_json::json;

#[actix_web::test]
async fn unknown_user_and_wrong_password_get_the_same_401() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let wrong_password = app.obtain_token(&priya.username, "not-her-password").await;
    let unknown_user = app.obtain_token("nobody", "not-her-password").await;

    let problem = wrong_password.assert_problem(401);
    assert_eq!(unknown_user.assert_problem(401), problem);
    assert!(
        wrong_password
            .header("www-authenticate")
            .is_some_and(|v| v.starts_with("Bearer"))
    );
}

#[actix_web::test]
async fn sign_in_accepts_the_username_in_any_letter_case() {
    let app = spawn_app().await;
    let priya = app.new_user("Priya").await;

    let response = app.obtain_token("PRIYA", &priya.password).await;

    assert_eq!(response.status, 200, "{response:?}");
}

#[actix_web::test]
async fn the_token_pair_says_when_each_token_expires() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let pair = app
        .obtain_token(&priya.username, &priya.password)
        .await
        .json();

    assert!(pair["access"].is_string() && pair["refresh"].is_string());
    assert!(
        pair["access_expires_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(
        pair["refresh_expires_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
}

#[actix_web::test]
async fn missing_credentials_are_400_naming_the_field() {
    let app = spawn_app().await;

    for (body, field) in [
        (json!({"username": "priya"}), "password"),
        (json!({"password": "x"}), "username"),
        (json!({"username": "", "password": "x"}), "username"),
    ] {
        let response = app
            .request(Method::POST, "/api/token/", None, Some(&body))
            .await;
        let problem = response.assert_problem(400);
        assert!(problem["errors"][field].is_array(), "{problem}");
    }
}

#[actix_web::test]
async fn a_refresh_token_is_not_accepted_as_an_access_token_nor_the_reverse() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let as_access = app
        .request(Method::GET, "/api/notes/", Some(&priya.refresh), None)
        .await;
    let as_refresh = app.refresh(&priya.access).await;

    as_access.assert_problem(401);
    as_refresh.assert_problem(401);
}

#[actix_web::test]
async fn a_refreshed_access_token_works() {
    let app = spawn_app().await;
    let mut priya = app.new_user("priya").await;

    let refreshed = app.refresh(&priya.refresh).await;

    assert_eq!(refreshed.status, 200);
    priya.access = refreshed.json()["access"]
        .as_str()
        .expect("access")
        .to_owned();
    assert_eq!(app.list_notes(&priya).await.status, 200);
}

#[actix_web::test]
async fn refresh_needs_a_refresh_field() {
    let app = spawn_app().await;

    let problem = app
        .request(Method::POST, "/api/token/refresh/", None, Some(&json!({})))
        .await
        .assert_problem(400);

    assert!(problem["errors"]["refresh"].is_array());
}

#[actix_web::test]
async fn a_deleted_users_tokens_stop_working_at_once() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.execute_sql(&format!("DELETE FROM users WHERE id = {}", priya.id));

    app.list_notes(&priya).await.assert_problem(401);
    app.refresh(&priya.refresh).await.assert_problem(401);
}
