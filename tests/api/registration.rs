//! `POST /api/register/`

use actix_web::http::Method;
use notes_tests::spawn_app;
use serde_json::json;

#[actix_web::test]
async fn registering_answers_201_with_id_username_and_email_but_no_password() {
    let app = spawn_app().await;

    let response = app
        .register("priya", "a-long-secret", Some("priya@example.com"))
        .await;

    assert_eq!(response.status, 201);
    let body = response.json();
    assert_eq!(
        body,
        json!({"id": body["id"], "username": "priya", "email": "priya@example.com"})
    );
    assert!(body["id"].is_i64());
    assert!(!String::from_utf8_lossy(&response.body).contains("a-long-secret"));
}

#[actix_web::test]
async fn the_email_may_be_omitted_empty_or_null() {
    let app = spawn_app().await;

    for (name, email) in [
        ("a1", None),
        ("a2", Some(json!(""))),
        ("a3", Some(json!(null))),
    ] {
        let mut body = json!({"username": name, "password": "a-long-secret"});
        if let Some(email) = email {
            body["email"] = email;
        }
        let response = app
            .request(Method::POST, "/api/register/", None, Some(&body))
            .await;
        assert_eq!(response.status, 201, "{name}: {response:?}");
        assert_eq!(response.json()["email"], "", "{name}");
    }
}

#[actix_web::test]
async fn a_taken_username_in_any_letter_case_is_a_400_on_username() {
    let app = spawn_app().await;
    app.new_user("Priya").await;

    for twin in ["Priya", "priya", "PRIYA"] {
        let problem = app
            .register(twin, "another-secret", None)
            .await
            .assert_problem(400);
        assert!(
            problem["errors"]["username"].is_array(),
            "{twin}: {problem}"
        );
    }
}

#[actix_web::test]
async fn each_invalid_field_is_reported_against_its_name() {
    let app = spawn_app().await;
    let cases = [
        (
            "missing username",
            json!({"password": "a-long-secret"}),
            "username",
        ),
        ("missing password", json!({"username": "u1"}), "password"),
        (
            "invalid email",
            json!({"username": "u1", "password": "a-long-secret", "email": "nope"}),
            "email",
        ),
        (
            "short password",
            json!({"username": "u1", "password": "short"}),
            "password",
        ),
        (
            "numeric password",
            json!({"username": "u1", "password": "1234567890"}),
            "password",
        ),
        (
            "password is the username",
            json!({"username": "carefully", "password": "Carefully"}),
            "password",
        ),
        (
            "space in username",
            json!({"username": "a b", "password": "a-long-secret"}),
            "username",
        ),
        (
            "username not a string",
            json!({"username": 5, "password": "a-long-secret"}),
            "username",
        ),
    ];

    for (case, body, field) in cases {
        let response = app
            .request(Method::POST, "/api/register/", None, Some(&body))
            .await;
        let problem = response.assert_problem(400);
        assert!(problem["errors"][field].is_array(), "{case}: {problem}");
    }
    let nobody = app.obtain_token("u1", "a-long-secret").await;
    assert_eq!(
        nobody.status, 401,
        "a rejected registration created an account"
    );
}

#[actix_web::test]
async fn an_invalid_username_does_not_hide_the_password_errors() {
    let app = spawn_app().await;
    let body = json!({"username": "bad name", "password": "1234", "email": "nope"});

    let problem = app
        .request(Method::POST, "/api/register/", None, Some(&body))
        .await
        .assert_problem(400);

    for field in ["username", "password", "email"] {
        assert!(
            problem["errors"][field].is_array(),
            "{field} missing: {problem}"
        );
    }
}

#[actix_web::test]
async fn usernames_equal_after_case_folding_or_normalisation_are_one_account() {
    let app = spawn_app().await;

    for (first, twin) in [
        ("straße", "STRASSE"),
        ("σς", "ΣΣ"),
        ("a\u{301}lice", "ÁLICE"),
    ] {
        assert_eq!(
            app.register(first, "a-long-secret", None).await.status,
            201,
            "{first}"
        );
        let problem = app
            .register(twin, "a-long-secret", None)
            .await
            .assert_problem(400);
        assert!(
            problem["errors"]["username"].is_array(),
            "{twin}: {problem}"
        );
    }
    let stored = app
        .register("\u{fb01}x", "a-long-secret", None)
        .await
        .json();
    assert_eq!(stored["username"], "fix");
}
