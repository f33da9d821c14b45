//! Account administration for staff under `/api/admin/users/`.

use actix_web::http::Method;
use notes_tests::{TestApp, TestUser, spawn_app};
use serde_json::{Value, json};

/// Makes `user` staff behind the API's back, as `notes users promote` would.
fn make_staff(app: &TestApp, user: &TestUser) {
    app.execute_sql(&format!(
        "UPDATE users SET is_staff = TRUE WHERE id = {}",
        user.id
    ));
}

async fn admin(
    app: &TestApp,
    method: Method,
    path: &str,
    user: &TestUser,
    body: Option<&Value>,
) -> notes_tests::TestResponse {
    app.request(method, path, Some(&user.access), body).await
}

#[actix_web::test]
async fn staff_list_accounts_without_notes_or_password_hashes() {
    let app = spawn_app().await;
    let boss = app.new_user("boss").await;
    make_staff(&app, &boss);
    let priya = app.new_user("priya").await;
    app.create_note(&priya, "secret title", "secret body").await;

    let response = admin(&app, Method::GET, "/api/admin/users/", &boss, None).await;

    assert_eq!(response.status, 200, "{response:?}");
    let listed = response.json();
    let names: Vec<&str> = listed
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|user| user["username"].as_str())
        .collect();
    assert_eq!(names, ["boss", "priya"]);
    assert_eq!(listed[0]["is_staff"], true);
    assert_eq!(listed[1]["is_active"], true);
    let text = listed.to_string();
    for secret in ["secret", "argon2", "password"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[actix_web::test]
async fn non_staff_get_403_and_anonymous_clients_401_on_every_admin_operation() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let path_one = format!("/api/admin/users/{}/", priya.id);
    let path_end = format!("/api/admin/users/{}/sessions/end/", priya.id);
    let patch = json!({"is_staff": true});
    let operations = [
        (Method::GET, "/api/admin/users/", None),
        (Method::GET, path_one.as_str(), None),
        (Method::PATCH, path_one.as_str(), Some(&patch)),
        (Method::DELETE, path_one.as_str(), None),
        (Method::POST, path_end.as_str(), None),
    ];

    for (method, path, body) in operations {
        let forbidden = admin(&app, method.clone(), path, &priya, body).await;
        let anonymous = app.request(method.clone(), path, None, body).await;

        let problem = forbidden.assert_problem(403);
        assert_eq!(problem["code"], "permission_denied", "{method} {path}");
        anonymous.assert_problem(401);
    }
    let me = app
        .request(Method::GET, "/api/users/me/", Some(&priya.access), None)
        .await;
    assert_eq!(
        me.json()["is_staff"],
        false,
        "the PATCH must not have applied"
    );
}

#[actix_web::test]
async fn deactivating_an_account_revokes_its_tokens_at_once_and_reactivating_lets_it_sign_in() {
    let app = spawn_app().await;
    let boss = app.new_user("boss").await;
    make_staff(&app, &boss);
    let priya = app.new_user("priya").await;
    let path = format!("/api/admin/users/{}/", priya.id);

    let deactivated = admin(
        &app,
        Method::PATCH,
        &path,
        &boss,
        Some(&json!({"is_active": false})),
    )
    .await;

    assert_eq!(deactivated.status, 200, "{deactivated:?}");
    assert_eq!(deactivated.json()["is_active"], false);
    app.list_notes(&priya).await.assert_problem(401);
    app.obtain_token("priya", &priya.password)
        .await
        .assert_problem(401);

    let reactivated = admin(
        &app,
        Method::PATCH,
        &path,
        &boss,
        Some(&json!({"is_active": true})),
    )
    .await;

    assert_eq!(reactivated.json()["is_active"], true);
    app.list_notes(&priya).await.assert_problem(401);
    let signed_in = app.obtain_token("priya", &priya.password).await;
    assert_eq!(signed_in.status, 200, "{signed_in:?}");
}

#[actix_web::test]
async fn staff_promote_delete_and_end_sessions_of_other_accounts() {
    let app = spawn_app().await;
    let boss = app.new_user("boss").await;
    make_staff(&app, &boss);
    let priya = app.new_user("priya").await;
    let path = format!("/api/admin/users/{}/", priya.id);

    let promoted = admin(
        &app,
        Method::PATCH,
        &path,
        &boss,
        Some(&json!({"is_staff": true})),
    )
    .await;
    assert_eq!(promoted.json()["is_staff"], true);
    let ended = admin(
        &app,
        Method::POST,
        &format!("/api/admin/users/{}/sessions/end/", priya.id),
        &boss,
        None,
    )
    .await;
    assert_eq!(ended.json(), json!({"ended": 1}));
    app.list_notes(&priya).await.assert_problem(401);

    let deleted = admin(&app, Method::DELETE, &path, &boss, None).await;

    assert_eq!(deleted.status, 204);
    admin(&app, Method::GET, &path, &boss, None)
        .await
        .assert_problem(404);
    admin(&app, Method::DELETE, &path, &boss, None)
        .await
        .assert_problem(404);
}

#[actix_web::test]
async fn staff_cannot_lock_themselves_out_and_bad_input_answers_400_not_500() {
    let app = spawn_app().await;
    let boss = app.new_user("boss").await;
    make_staff(&app, &boss);
    let own = format!("/api/admin/users/{}/", boss.id);

    let demoted = admin(
        &app,
        Method::PATCH,
        &own,
        &boss,
        Some(&json!({"is_staff": false})),
    )
    .await;
    let wrong_type = admin(
        &app,
        Method::PATCH,
        &own,
        &boss,
        Some(&json!({"is_active": "no"})),
    )
    .await;
    let null = admin(
        &app,
        Method::PATCH,
        &own,
        &boss,
        Some(&json!({"is_staff": null})),
    )
    .await;

    demoted.assert_problem(400);
    assert!(wrong_type.assert_problem(400)["errors"]["is_active"].is_array());
    assert!(null.assert_problem(400)["errors"]["is_staff"].is_array());
    admin(&app, Method::GET, "/api/admin/users/abc/", &boss, None)
        .await
        .assert_problem(404);
    admin(&app, Method::GET, "/api/admin/users/999999/", &boss, None)
        .await
        .assert_problem(404);
}
