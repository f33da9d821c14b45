//! The original tutorial's walkthrough, end to end.

use std::time::Duration;

use actix_web::http::Method;
use notes_tests::spawn_app_with;
use serde_json::json;

#[actix_web::test]
async fn the_whole_tutorial_flow_works_including_refreshing_an_expired_access_token() {
    // Long enough for the set-up below on a loaded machine, short enough to wait out.
    let app = spawn_app_with(|s| s.tokens.access_lifetime = Duration::from_secs(5)).await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;

    let mut created = Vec::new();
    for (title, body) in [
        ("My note", "secret"),
        ("Groceries", "eggs, milk"),
        ("Meeting", "roadmap"),
    ] {
        let response = app.create_note(&priya, title, body).await;
        assert_eq!(response.status, 201, "{response:?}");
        created.push(response.json());
    }
    let listed = app.list_notes(&priya).await.json();
    let newest_first: Vec<_> = created.iter().rev().cloned().collect();
    assert_eq!(listed, json!(newest_first));

    let first = &created[0];
    assert_eq!(app.list_notes(&sujan).await.json(), json!([]));
    app.on_note(Method::GET, &sujan, &first["id"], None)
        .await
        .assert_problem(404);

    let replaced = app
        .on_note(
            Method::PUT,
            &priya,
            &first["id"],
            Some(&json!({"title": "T", "body": "B"})),
        )
        .await;
    assert_eq!(replaced.status, 200);
    let patched = app
        .on_note(
            Method::PATCH,
            &priya,
            &first["id"],
            Some(&json!({"body": "B2"})),
        )
        .await;
    assert_eq!(
        (
            patched.json()["title"].clone(),
            patched.json()["body"].clone()
        ),
        (json!("T"), json!("B2"))
    );
    let deleted = app
        .on_note(Method::DELETE, &priya, &first["id"], None)
        .await;
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());

    actix_web::rt::time::sleep(Duration::from_millis(5100)).await;
    app.list_notes(&priya).await.assert_problem(401);
    let refreshed = app.refresh(&priya.refresh).await;
    assert_eq!(refreshed.status, 200, "{refreshed:?}");
    let mut renewed = priya.clone();
    renewed.access = refreshed.json()["access"]
        .as_str()
        .expect("access")
        .to_owned();
    let remaining = app.list_notes(&renewed).await;
    assert_eq!(remaining.status, 200);
    assert_eq!(remaining.json().as_array().map(Vec::len), Some(2));
}
