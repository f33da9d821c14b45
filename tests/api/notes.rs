//! `/api/notes/` for the notes' owner.

use actix_web::http::Method;
use notes_tests::spawn_app;
use serde_json::json;

#[actix_web::test]
async fn a_created_note_has_the_contract_shape_and_a_location() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let response = app.create_note(&priya, "Groceries", "eggs").await;

    assert_eq!(response.status, 201);
    let note = response.json();
    assert_eq!(note["owner"], "priya");
    assert_eq!(
        (note["title"].clone(), note["body"].clone()),
        (json!("Groceries"), json!("eggs"))
    );
    assert!(note["id"].is_i64());
    let created_at = note["created_at"].as_str().expect("a timestamp");
    assert!(
        created_at.ends_with('Z') && created_at.contains('T'),
        "{created_at}"
    );
    assert_eq!(note["updated_at"], note["created_at"]);
    assert_eq!(
        response.header("location"),
        Some(format!("/api/notes/{}/", note["id"]).as_str())
    );
    let read = app.on_note(Method::GET, &priya, &note["id"], None).await;
    assert_eq!(read.json(), note);
}

#[actix_web::test]
async fn owner_id_and_timestamps_sent_by_the_client_are_ignored() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let forged = json!({
        "title": "t", "body": "b", "owner": "sujan", "id": 999,
        "created_at": "2001-01-01T00:00:00Z", "updated_at": "2001-01-01T00:00:00Z"
    });

    let created = app
        .request(
            Method::POST,
            "/api/notes/",
            Some(&priya.access),
            Some(&forged),
        )
        .await;
    let note = created.json();
    let updated = app
        .on_note(Method::PUT, &priya, &note["id"], Some(&forged))
        .await
        .json();

    assert_eq!(note["owner"], "priya");
    assert_ne!(note["id"], 999);
    assert!(
        !note["created_at"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2001")
    );
    assert_eq!(
        (updated["id"].clone(), updated["created_at"].clone()),
        (note["id"].clone(), note["created_at"].clone())
    );
    assert_eq!(app.list_notes(&sujan).await.json(), json!([]));
}

#[actix_web::test]
async fn patch_changes_only_the_given_fields_and_moves_updated_at() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "original").await;

    let patched = app
        .on_note(
            Method::PATCH,
            &priya,
            &note["id"],
            Some(&json!({"body": "new"})),
        )
        .await
        .json();

    assert_eq!(patched["title"], "original");
    assert_eq!(patched["body"], "new");
    assert_eq!(patched["created_at"], note["created_at"]);
    assert!(patched["updated_at"].as_str() >= note["updated_at"].as_str());
}

#[actix_web::test]
async fn put_needs_both_fields_and_changes_nothing_when_one_is_missing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "original").await;

    let problem = app
        .on_note(
            Method::PUT,
            &priya,
            &note["id"],
            Some(&json!({"title": "only"})),
        )
        .await
        .assert_problem(400);

    assert!(problem["errors"]["body"].is_array(), "{problem}");
    assert_eq!(
        app.on_note(Method::GET, &priya, &note["id"], None)
            .await
            .json(),
        note
    );
}

#[actix_web::test]
async fn invalid_titles_and_bodies_are_400_and_store_nothing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let cases = [
        (
            "201 characters",
            json!({"title": "é".repeat(201), "body": "b"}),
            "title",
        ),
        ("blank title", json!({"title": "  ", "body": "b"}), "title"),
        (
            "title with a line break",
            json!({"title": "a\nb", "body": "b"}),
            "title",
        ),
        ("blank body", json!({"title": "t", "body": ""}), "body"),
        ("null body", json!({"title": "t", "body": null}), "body"),
        ("numeric title", json!({"title": 5, "body": "b"}), "title"),
        (
            "NUL in body",
            json!({"title": "t", "body": "a\u{0}b"}),
            "body",
        ),
    ];

    for (case, body, field) in cases {
        let response = app
            .request(
                Method::POST,
                "/api/notes/",
                Some(&priya.access),
                Some(&body),
            )
            .await;
        let problem = response.assert_problem(400);
        assert!(problem["errors"][field].is_array(), "{case}: {problem}");
    }
    assert_eq!(app.list_notes(&priya).await.json(), json!([]));
}

#[actix_web::test]
async fn a_200_character_title_of_astral_characters_round_trips() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let title = "😀".repeat(200);

    let note = app.new_note(&priya, &title).await;

    assert_eq!(note["title"], title.as_str());
}

#[actix_web::test]
async fn deleting_twice_answers_404_the_second_time_and_ids_are_not_reused() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "gone").await;

    assert_eq!(
        app.on_note(Method::DELETE, &priya, &note["id"], None)
            .await
            .status,
        204
    );
    app.on_note(Method::DELETE, &priya, &note["id"], None)
        .await
        .assert_problem(404);
    let next = app.new_note(&priya, "next").await;

    assert!(next["id"].as_i64() > note["id"].as_i64());
}

#[actix_web::test]
async fn paths_without_the_trailing_slash_are_served_not_redirected() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = app.new_note(&priya, "slashless").await;

    let list = app
        .request(Method::GET, "/api/notes", Some(&priya.access), None)
        .await;
    let one = app
        .request(
            Method::GET,
            &format!("/api/notes/{}", note["id"]),
            Some(&priya.access),
            None,
        )
        .await;

    assert_eq!(list.status, 200);
    assert_eq!(one.json(), note);
}

#[actix_web::test]
async fn every_wrongly_typed_or_invalid_field_is_reported_in_one_answer() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    for body in [
        json!({"title": 5, "body": 5}),
        json!({"title": {}, "body": []}),
        json!({"title": "", "body": 7}),
    ] {
        let response = app
            .request(
                Method::POST,
                "/api/notes/",
                Some(&priya.access),
                Some(&body),
            )
            .await;
        let problem = response.assert_problem(400);
        for field in ["title", "body"] {
            assert!(
                problem["errors"][field].is_array(),
                "{field} missing for {body}: {problem}"
            );
        }
    }
}
