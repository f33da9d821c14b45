//! Another user's note is indistinguishable from a note that does not exist.

use actix_web::http::Method;
use notes_tests::spawn_app;
use serde_json::json;

#[actix_web::test]
async fn every_method_on_another_users_note_answers_exactly_like_a_missing_note() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let note = app.new_note(&priya, "private").await;
    let missing = json!(note["id"].as_i64().unwrap_or_default() + 1000);
    let change = json!({"title": "hijacked", "body": "hijacked"});

    for method in [Method::GET, Method::PUT, Method::PATCH, Method::DELETE] {
        let body = matches!(method, Method::PUT | Method::PATCH).then_some(&change);
        let theirs = app.on_note(method.clone(), &sujan, &note["id"], body).await;
        let nobodys = app.on_note(method.clone(), &sujan, &missing, body).await;

        assert_eq!(theirs.status, 404, "{method}");
        assert_eq!(theirs.body, nobodys.body, "{method}: bodies differ");
        assert_eq!(theirs.content_type(), nobodys.content_type(), "{method}");
    }
    assert_eq!(
        app.on_note(Method::GET, &priya, &note["id"], None)
            .await
            .json(),
        note
    );
}

#[actix_web::test]
async fn the_list_holds_only_the_requesting_users_notes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    app.new_note(&priya, "hers").await;
    let his = app.new_note(&sujan, "his").await;

    let listed = app.list_notes(&sujan).await.json();

    assert_eq!(listed, json!([his]));
}
