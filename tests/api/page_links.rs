//! Where the `next` and `previous` links point: this server's own origin, unless a trusted
//! proxy forwards another.

use actix_web::http::Method;
use notes_tests::{TestApp, TestUser, spawn_app, spawn_app_with};

/// Every header a proxy may use to name the origin a client reached.
const FORWARDING: [(&str, &str); 3] = [
    ("x-forwarded-host", "evil.example"),
    ("x-forwarded-proto", "https"),
    ("forwarded", "host=evil.example;proto=https"),
];

/// The `next` links of an offset page and of a cursor page, requested with `FORWARDING`.
async fn next_links(app: &TestApp, user: &TestUser) -> Vec<String> {
    let mut links = Vec::new();
    for query in ["limit=1", "limit=1&cursor="] {
        let page = app
            .request_with_headers(
                Method::GET,
                &format!("/api/notes/?{query}"),
                Some(&user.access),
                &FORWARDING,
                None,
            )
            .await;
        assert_eq!(page.status, 200, "{page:?}");
        let next = page.json()["next"].clone();
        let next = next
            .as_str()
            .unwrap_or_else(|| panic!("{query}: no next link but {next}"));
        links.push(next.to_owned());
    }
    links
}

async fn user_with_two_notes(app: &TestApp) -> TestUser {
    let priya = app.new_user("priya").await;
    app.new_note(&priya, "first").await;
    app.new_note(&priya, "second").await;
    priya
}

#[actix_web::test]
async fn forwarding_headers_from_an_untrusted_client_do_not_reach_the_links() {
    let app = spawn_app().await;
    let priya = user_with_two_notes(&app).await;

    let links = next_links(&app, &priya).await;

    let own = format!("{}/api/notes/?", app.address);
    for link in links {
        assert!(link.starts_with(&own), "{link} is not under {own}");
    }
}

#[actix_web::test]
async fn behind_a_trusted_proxy_the_links_take_the_forwarded_host_and_scheme() {
    let app = spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let priya = user_with_two_notes(&app).await;

    let links = next_links(&app, &priya).await;

    for link in links {
        assert!(
            link.starts_with("https://evil.example/api/notes/?"),
            "{link}"
        );
    }
}
