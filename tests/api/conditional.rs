//! ETags and conditional requests on notes.

use actix_web::http::Method;
use notes_tests::{TestApp, TestResponse, TestUser, spawn_app};
use serde_json::{Value, json};

/// Sends `method` to `path` as `user` with one conditional header.
async fn conditional(
    app: &TestApp,
    method: Method,
    path: &str,
    user: &TestUser,
    header: (&str, &str),
    body: Option<&Value>,
) -> TestResponse {
    app.request_with_headers(method, path, Some(&user.access), &[header], body)
        .await
}

/// A new note of `user`: its id, its path and its ETag.
async fn new_note(app: &TestApp, user: &TestUser) -> (Value, String, String) {
    let created = app.create_note(user, "t", "b").await;
    let id = created.json()["id"].clone();
    let etag = created.header("etag").expect("an ETag").to_owned();
    (id.clone(), format!("/api/notes/{id}/"), etag)
}

#[actix_web::test]
async fn every_note_response_carries_an_etag_that_changes_with_each_write() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;

    let created = app.create_note(&priya, "t", "b").await;
    let id = created.json()["id"].clone();
    let read = app.on_note(Method::GET, &priya, &id, None).await;
    let patched = app
        .on_note(Method::PATCH, &priya, &id, Some(&json!({"body": "c"})))
        .await;
    let put = app
        .on_note(
            Method::PUT,
            &priya,
            &id,
            Some(&json!({"title": "t", "body": "d"})),
        )
        .await;

    let tags: Vec<&str> = [&created, &read, &patched, &put]
        .iter()
        .map(|r| r.header("etag").expect("an ETag"))
        .collect();
    assert_eq!(tags[0], format!("\"{id}-1\""));
    assert_eq!(tags[0], tags[1]);
    assert_eq!(&tags[2..], [format!("\"{id}-2\""), format!("\"{id}-3\"")]);
}

#[actix_web::test]
async fn if_none_match_with_the_current_etag_answers_304_until_the_note_changes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let (id, path, etag) = new_note(&app, &priya).await;

    let unchanged = conditional(
        &app,
        Method::GET,
        &path,
        &priya,
        ("If-None-Match", &etag),
        None,
    )
    .await;
    let weak = conditional(
        &app,
        Method::GET,
        &path,
        &priya,
        ("If-None-Match", &format!("W/{etag}")),
        None,
    )
    .await;
    app.on_note(Method::PATCH, &priya, &id, Some(&json!({"body": "c"})))
        .await;
    let changed = conditional(
        &app,
        Method::GET,
        &path,
        &priya,
        ("If-None-Match", &etag),
        None,
    )
    .await;

    assert_eq!(unchanged.status, 304);
    assert!(unchanged.body.is_empty());
    assert_eq!(unchanged.header("etag"), Some(etag.as_str()));
    assert_eq!(weak.status, 304);
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["body"], "c");
}

#[actix_web::test]
async fn a_stale_if_match_answers_412_to_put_patch_and_delete_and_changes_nothing() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let (id, path, stale) = new_note(&app, &priya).await;
    app.on_note(Method::PATCH, &priya, &id, Some(&json!({"body": "newer"})))
        .await;
    let attempts = [
        (Method::PUT, Some(json!({"title": "x", "body": "y"}))),
        (Method::PATCH, Some(json!({"body": "lost"}))),
        (Method::DELETE, None),
    ];

    for (method, body) in attempts {
        let response = conditional(
            &app,
            method.clone(),
            &path,
            &priya,
            ("If-Match", &stale),
            body.as_ref(),
        )
        .await;

        let problem = response.assert_problem(412);
        assert_eq!(problem["code"], "precondition_failed", "{method}");
    }
    let now = app.on_note(Method::GET, &priya, &id, None).await.json();
    assert_eq!(
        (now["title"].clone(), now["body"].clone()),
        (json!("t"), json!("newer"))
    );
}

#[actix_web::test]
async fn a_current_if_match_lets_the_write_through() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let (_, path, etag) = new_note(&app, &priya).await;

    let body = json!({"body": "c"});
    let patched = conditional(
        &app,
        Method::PATCH,
        &path,
        &priya,
        ("If-Match", &etag),
        Some(&body),
    )
    .await;
    let current = patched.header("etag").expect("an ETag").to_owned();
    let deleted = conditional(
        &app,
        Method::DELETE,
        &path,
        &priya,
        ("If-Match", &format!("\"0-0\", {current}")),
        None,
    )
    .await;

    assert_eq!(patched.status, 200, "{patched:?}");
    assert_eq!(deleted.status, 204, "{deleted:?}");
}

#[actix_web::test]
async fn of_two_writers_racing_with_the_same_if_match_exactly_one_wins() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let (id, path, etag) = new_note(&app, &priya).await;
    let url = format!("{}{path}", app.address);

    let writers: Vec<_> = (0..6)
        .map(|i| {
            let (url, etag, token) = (url.clone(), etag.clone(), priya.access.clone());
            actix_web::rt::spawn(async move {
                awc::Client::default()
                    .patch(url)
                    .bearer_auth(token)
                    .insert_header(("If-Match", etag))
                    .send_json(&json!({"body": format!("writer {i}")}))
                    .await
                    .map(|response| response.status().as_u16())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for writer in writers {
        statuses.push(writer.await.expect("joined").expect("answered"));
    }

    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412, 412, 412, 412, 412]);
    let now = app.on_note(Method::GET, &priya, &id, None).await;
    assert_eq!(now.header("etag"), Some(format!("\"{id}-2\"").as_str()));
}

#[actix_web::test]
async fn another_user_s_note_answers_404_whatever_the_precondition() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    let (_, path, etag) = new_note(&app, &priya).await;

    for tag in [etag.as_str(), "\"1-99\"", "*"] {
        let response =
            conditional(&app, Method::DELETE, &path, &sujan, ("If-Match", tag), None).await;

        response.assert_problem(404);
    }
}
