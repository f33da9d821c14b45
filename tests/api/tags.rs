//! Tags on notes and `/api/tags/`.

use actix_web::http::Method;
use notes_tests::{TestApp, TestUser, spawn_app};
use serde_json::{Value, json};

async fn tagged(app: &TestApp, user: &TestUser, title: &str, tags: Value) -> Value {
    let body = json!({"title": title, "body": "x", "tags": tags});
    let created = app
        .request(Method::POST, "/api/notes/", Some(&user.access), Some(&body))
        .await;
    assert_eq!(created.status, 201, "{created:?}");
    created.json()
}

async fn tags_of(app: &TestApp, user: &TestUser) -> Value {
    let listed = app
        .request(Method::GET, "/api/tags/", Some(&user.access), None)
        .await;
    assert_eq!(listed.status, 200, "{listed:?}");
    listed.json()
}

#[actix_web::test]
async fn a_note_s_tags_are_stored_sorted_once_and_kept_by_a_put_without_tags() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let note = tagged(&app, &priya, "n", json!(["work", "home", "work"])).await;
    let replaced = app
        .on_note(
            Method::PUT,
            &priya,
            &note["id"],
            Some(&json!({"title": "t", "body": "b"})),
        )
        .await
        .json();
    let cleared = app
        .on_note(
            Method::PATCH,
            &priya,
            &note["id"],
            Some(&json!({"tags": []})),
        )
        .await
        .json();

    assert_eq!(note["tags"], json!(["home", "work"]));
    assert_eq!(replaced["tags"], json!(["home", "work"]));
    assert_eq!(cleared["tags"], json!([]));
    assert_eq!(app.new_note(&priya, "untagged").await["tags"], json!([]));
}

#[actix_web::test]
async fn bad_tags_answer_400_and_store_nothing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let too_many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    let cases = [
        json!([" padded"]),
        json!([""]),
        json!(["a".repeat(51)]),
        json!(["line\nbreak"]),
        json!(too_many),
        json!("work"),
        json!([1]),
    ];

    for tags in cases {
        let body = json!({"title": "t", "body": "b", "tags": tags});
        let response = app
            .request(
                Method::POST,
                "/api/notes/",
                Some(&priya.access),
                Some(&body),
            )
            .await;

        let problem = response.assert_problem(400);
        assert!(problem["errors"]["tags"].is_array(), "{tags}: {problem}");
    }
    assert_eq!(app.list_notes(&priya).await.json(), json!([]));
}

#[actix_web::test]
async fn the_tag_list_counts_only_the_user_s_own_notes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    tagged(&app, &priya, "a", json!(["work", "home"])).await;
    tagged(&app, &priya, "b", json!(["work"])).await;
    tagged(&app, &sujan, "c", json!(["work", "secret"])).await;

    assert_eq!(
        tags_of(&app, &priya).await,
        json!([{"name": "home", "notes": 1}, {"name": "work", "notes": 2}])
    );
    assert_eq!(
        tags_of(&app, &sujan).await,
        json!([{"name": "secret", "notes": 1}, {"name": "work", "notes": 1}])
    );
}

#[actix_web::test]
async fn renaming_a_tag_onto_another_merges_them_and_changes_the_notes_etags() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let note = tagged(&app, &priya, "a", json!(["todo", "errands"])).await;
    tagged(&app, &priya, "b", json!(["todo"])).await;
    tagged(&app, &sujan, "c", json!(["todo"])).await;
    let before = app.on_note(Method::GET, &priya, &note["id"], None).await;

    let renamed = app
        .request(
            Method::PATCH,
            "/api/tags/todo/",
            Some(&priya.access),
            Some(&json!({"name": "errands"})),
        )
        .await;

    assert_eq!(renamed.status, 200, "{renamed:?}");
    assert_eq!(renamed.json(), json!({"name": "errands", "notes": 2}));
    let after = app.on_note(Method::GET, &priya, &note["id"], None).await;
    assert_eq!(after.json()["tags"], json!(["errands"]));
    assert_ne!(after.header("etag"), before.header("etag"));
    assert_eq!(
        tags_of(&app, &sujan).await,
        json!([{"name": "todo", "notes": 1}])
    );
}

#[actix_web::test]
async fn another_user_s_tag_answers_404_to_rename_and_delete() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    tagged(&app, &sujan, "c", json!(["private"])).await;

    let renamed = app
        .request(
            Method::PATCH,
            "/api/tags/private/",
            Some(&priya.access),
            Some(&json!({"name": "mine"})),
        )
        .await;
    let deleted = app
        .request(
            Method::DELETE,
            "/api/tags/private/",
            Some(&priya.access),
            None,
        )
        .await;

    renamed.assert_problem(404);
    deleted.assert_problem(404);
    assert_eq!(
        tags_of(&app, &sujan).await,
        json!([{"name": "private", "notes": 1}])
    );
}

#[actix_web::test]
async fn deleting_a_tag_removes_it_from_every_note_and_keeps_the_notes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let note = tagged(&app, &priya, "a", json!(["gone", "kept"])).await;

    let deleted = app
        .request(Method::DELETE, "/api/tags/gone/", Some(&priya.access), None)
        .await;

    assert_eq!(deleted.status, 204, "{deleted:?}");
    let now = app
        .on_note(Method::GET, &priya, &note["id"], None)
        .await
        .json();
    assert_eq!(now["tags"], json!(["kept"]));
}

#[actix_web::test]
async fn tag_names_with_reserved_characters_round_trip_through_the_path() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    tagged(&app, &priya, "a", json!(["a/b+c%d é"])).await;

    let renamed = app
        .request(
            Method::PATCH,
            "/api/tags/a%2Fb%2Bc%25d%20%C3%A9/",
            Some(&priya.access),
            Some(&json!({"name": "plain"})),
        )
        .await;

    assert_eq!(renamed.status, 200, "{renamed:?}");
    assert_eq!(
        tags_of(&app, &priya).await,
        json!([{"name": "plain", "notes": 1}])
    );
}

#[actix_web::test]
async fn a_rename_to_an_invalid_name_answers_400() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    tagged(&app, &priya, "a", json!(["work"])).await;

    for body in [json!({}), json!({"name": " x"}), json!({"name": 5})] {
        let response = app
            .request(
                Method::PATCH,
                "/api/tags/work/",
                Some(&priya.access),
                Some(&body),
            )
            .await;

        let problem = response.assert_problem(400);
        assert!(problem["errors"]["name"].is_array(), "{body}: {problem}");
    }
}
