//! `GET /api/notes/` with paging, search, ordering, date and tag filters.

use std::collections::HashSet;

use actix_web::http::Method;
use notes_tests::{TestApp, TestUser, spawn_app};
use serde_json::{Value, json};

async fn get(app: &TestApp, user: &TestUser, query: &str) -> Value {
    let response = app
        .request(
            Method::GET,
            &format!("/api/notes/?{query}"),
            Some(&user.access),
            None,
        )
        .await;
    assert_eq!(response.status, 200, "{query}: {response:?}");
    response.json()
}

async fn note_with(app: &TestApp, user: &TestUser, note: Value) -> Value {
    let created = app
        .request(Method::POST, "/api/notes/", Some(&user.access), Some(&note))
        .await;
    assert_eq!(created.status, 201, "{created:?}");
    created.json()
}

fn titles(notes: &Value) -> Vec<&str> {
    notes
        .as_array()
        .expect("an array")
        .iter()
        .map(|n| n["title"].as_str().expect("a title"))
        .collect()
}

/// The path and query of an absolute link of this server.
fn path_of<'a>(app: &TestApp, link: &'a Value) -> &'a str {
    let link = link.as_str().expect("a link");
    link.strip_prefix(app.address.as_str())
        .unwrap_or_else(|| panic!("{link} is not an absolute URL of {}", app.address))
}

#[actix_web::test]
async fn filters_without_paging_parameters_still_answer_a_plain_array() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "milk run").await;
    app.new_note(&priya, "other").await;

    let listed = get(&app, &priya, "search=milk&ordering=title").await;

    assert_eq!(titles(&listed), ["milk run"]);
}

#[actix_web::test]
async fn limit_and_offset_answer_a_counted_page_with_absolute_links() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    for i in 0..5 {
        app.new_note(&priya, &format!("n{i}")).await;
    }

    let page = get(&app, &priya, "limit=2&offset=2").await;
    let next = get(
        &app,
        &priya,
        path_of(&app, &page["next"]).trim_start_matches("/api/notes/?"),
    )
    .await;
    let first = get(&app, &priya, "limit=2").await;

    assert_eq!(page["count"], 5);
    assert_eq!(titles(&page["results"]), ["n2", "n1"]);
    assert_eq!(path_of(&app, &page["previous"]), "/api/notes/?limit=2");
    assert_eq!(titles(&next["results"]), ["n0"]);
    assert_eq!(
        next["next"],
        Value::Null,
        "the last page has no next: {next}"
    );
    assert_eq!(
        first["previous"],
        Value::Null,
        "the first page has no previous: {first}"
    );
}

#[actix_web::test]
async fn both_envelopes_always_carry_both_links_null_where_there_is_no_such_page() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "only").await;

    let offset_page = get(&app, &priya, "limit=5").await;
    let cursor_page = get(&app, &priya, "limit=5&cursor=").await;

    let members = |page: &Value| {
        let mut keys: Vec<String> = page
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(
        members(&offset_page),
        ["count", "next", "previous", "results"]
    );
    assert_eq!(members(&cursor_page), ["next", "previous", "results"]);
    for page in [&offset_page, &cursor_page] {
        assert_eq!(page["next"], Value::Null, "{page}");
        assert_eq!(page["previous"], Value::Null, "{page}");
    }
}

#[actix_web::test]
async fn links_keep_the_filters_and_ordering_of_the_request() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    for i in 0..3 {
        app.new_note(&priya, &format!("tea {i}")).await;
    }

    let page = get(&app, &priya, "search=tea&ordering=title&limit=1").await;
    let cursor_page = get(&app, &priya, "search=tea&ordering=title&limit=1&cursor=").await;

    let next = path_of(&app, &page["next"]);
    assert!(
        next.contains("search=tea") && next.contains("ordering=title"),
        "{next}"
    );
    let next = path_of(&app, &cursor_page["next"]);
    assert!(
        next.contains("search=tea") && next.contains("cursor="),
        "{next}"
    );
}

#[actix_web::test]
async fn invalid_listing_parameters_answer_400_naming_the_parameter() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "n").await;
    let cases = [
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("limit=99999999999999999999", "limit"),
        ("offset=-1", "offset"),
        ("offset=1.5", "offset"),
        ("cursor=bm90IGEgY3Vyc29y", "cursor"),
        ("cursor=&offset=2", "cursor"),
        ("ordering=owner", "ordering"),
        ("ordering=created_at,title", "ordering"),
        ("created_after=yesterday", "created_after"),
        ("updated_before=2026-12-04", "updated_before"),
        ("search=ab%20c", "search"),
        ("tag=%20padded", "tag"),
    ];

    for (query, parameter) in cases {
        let response = app
            .request(
                Method::GET,
                &format!("/api/notes/?{query}"),
                Some(&priya.access),
                None,
            )
            .await;

        let problem = response.assert_problem(400);
        assert!(
            problem["errors"][parameter].is_array(),
            "{query}: {problem}"
        );
    }
}

#[actix_web::test]
async fn a_cursor_made_for_another_ordering_is_refused() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "a").await;
    app.new_note(&priya, "b").await;
    let page = get(&app, &priya, "cursor=&limit=1").await;
    let next = path_of(&app, &page["next"]).to_owned();

    let response = app
        .request(
            Method::GET,
            &format!("{next}&ordering=title"),
            Some(&priya.access),
            None,
        )
        .await;

    response.assert_problem(400);
}

#[actix_web::test]
async fn a_deep_cursor_walk_sees_every_note_once_while_others_are_inserted() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let mut originals = HashSet::new();
    for i in 0..150 {
        let note = note_with(
            &app,
            &priya,
            json!({"title": format!("t{:03}", (i * 37) % 150), "body": "x"}),
        )
        .await;
        originals.insert(note["id"].as_i64().expect("an id"));
    }

    // Walk by title while a writer keeps adding notes whose titles fall all over the range.
    let writer_address = app.address.clone();
    let token = priya.access.clone();
    let writer = actix_web::rt::spawn(async move {
        let client = awc::Client::default();
        for i in 0..60 {
            let body = json!({"title": format!("t{:03}x", (i * 53) % 150), "body": "new"});
            let sent = client
                .post(format!("{writer_address}/api/notes/"))
                .bearer_auth(&token)
                .send_json(&body)
                .await;
            assert_eq!(sent.map(|r| r.status().as_u16()).ok(), Some(201));
        }
    });
    let mut seen: Vec<(String, i64)> = Vec::new();
    let mut query = "ordering=title&limit=7&cursor=".to_owned();
    loop {
        let page = get(&app, &priya, &query).await;
        for note in page["results"].as_array().expect("results") {
            seen.push((
                note["title"].as_str().expect("title").to_owned(),
                note["id"].as_i64().expect("id"),
            ));
        }
        let next = &page["next"];
        if next.is_null() {
            break;
        }
        query = path_of(&app, next)
            .trim_start_matches("/api/notes/?")
            .to_owned();
    }
    writer.await.expect("the writer finishes");

    let ids: Vec<i64> = seen.iter().map(|(_, id)| *id).collect();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a note was listed twice");
    assert!(
        originals.is_subset(&unique),
        "a note present throughout was skipped"
    );
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "out of order");
}

#[actix_web::test]
async fn previous_links_of_cursor_pages_lead_back_over_the_same_notes() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    for i in 0..9 {
        app.new_note(&priya, &format!("n{i}")).await;
    }

    let first = get(&app, &priya, "cursor=&limit=4").await;
    let second = get(
        &app,
        &priya,
        path_of(&app, &first["next"]).trim_start_matches("/api/notes/?"),
    )
    .await;
    let back = get(
        &app,
        &priya,
        path_of(&app, &second["previous"]).trim_start_matches("/api/notes/?"),
    )
    .await;

    assert_eq!(titles(&first["results"]), ["n8", "n7", "n6", "n5"]);
    assert_eq!(titles(&second["results"]), ["n4", "n3", "n2", "n1"]);
    assert_eq!(back["results"], first["results"]);
    assert!(first["previous"].is_null() && back["previous"].is_null());
}

#[actix_web::test]
async fn search_is_case_insensitive_literal_and_scoped_to_the_user() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    for (title, body) in [
        ("Budget", "100% sure"),
        ("Rename", "use snake_case"),
        ("Ärger", "ÜBER alles"),
    ] {
        note_with(&app, &priya, json!({"title": title, "body": body})).await;
    }
    note_with(
        &app,
        &sujan,
        json!({"title": "Budget too", "body": "100% sujan's"}),
    )
    .await;

    assert_eq!(
        titles(&get(&app, &priya, "search=0%25%20SURE").await),
        ["Budget"]
    );
    assert_eq!(titles(&get(&app, &priya, "search=e_c").await), ["Rename"]);
    assert!(titles(&get(&app, &priya, "search=e%25c").await).is_empty());
    assert_eq!(
        titles(&get(&app, &priya, "search=%C3%BCber").await),
        ["Ärger"]
    );
    assert_eq!(
        titles(&get(&app, &sujan, "search=budget").await),
        ["Budget too"]
    );
}

#[actix_web::test]
async fn ordering_and_date_filters_select_and_sort() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let b = app.new_note(&priya, "b").await;
    let a = app.new_note(&priya, "a").await;
    let c = app.new_note(&priya, "c").await;
    app.on_note(
        Method::PATCH,
        &priya,
        &b["id"],
        Some(&json!({"body": "touched"})),
    )
    .await;
    let encoded = |time: &Value| time.as_str().expect("a time").replace('+', "%2B");

    let by_title = get(&app, &priya, "ordering=title").await;
    let by_update = get(&app, &priya, "ordering=-updated_at").await;
    let window = get(
        &app,
        &priya,
        &format!(
            "created_after={}&created_before={}",
            encoded(&a["created_at"]),
            encoded(&c["created_at"])
        ),
    )
    .await;

    assert_eq!(titles(&by_title), ["a", "b", "c"]);
    assert_eq!(titles(&by_update), ["b", "c", "a"]);
    assert_eq!(titles(&window), ["a"]);
}

#[actix_web::test]
async fn repeated_tag_parameters_keep_notes_carrying_every_tag_of_the_user() {
    let app = spawn_app().await;
    let priya = app.new_user("priya").await;
    let sujan = app.new_user("sujan").await;
    note_with(
        &app,
        &priya,
        json!({"title": "both", "body": "x", "tags": ["work", "urgent"]}),
    )
    .await;
    note_with(
        &app,
        &priya,
        json!({"title": "work only", "body": "x", "tags": ["work"]}),
    )
    .await;
    note_with(
        &app,
        &sujan,
        json!({"title": "sujan's", "body": "x", "tags": ["work", "urgent"]}),
    )
    .await;

    assert_eq!(
        titles(&get(&app, &priya, "tag=work&tag=urgent").await),
        ["both"]
    );
    assert_eq!(
        titles(&get(&app, &priya, "tag=work").await),
        ["work only", "both"]
    );
    assert!(titles(&get(&app, &priya, "tag=missing").await).is_empty());
}
