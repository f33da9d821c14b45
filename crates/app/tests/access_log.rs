//! The access log: one structured line per request with what an operator needs, and none
//! of the secrets or contents that travel in requests.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the server fails the test"
)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::Server;

/// The password `Server::new_user` gives its accounts.
const PASSWORD: &str = "correct-horse-battery-9";

/// Sends one request with an `X-Request-Id` and returns the raw response.
fn send(
    port: u16,
    request_id: &str,
    method: &str,
    path: &str,
    token: &str,
    body: &Value,
) -> String {
    let body = body.to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         X-Request-Id: {request_id}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    response
}

/// The logged event whose request id is `request_id`, waiting a little for it.
fn access_line(server: &Server, request_id: &str) -> Value {
    let started = Instant::now();
    loop {
        let found = server
            .log
            .lock()
            .expect("the log lock")
            .iter()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .find(|event| event["request.id"] == request_id);
        if let Some(event) = found {
            return event;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no access line for {request_id}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn each_request_logs_its_id_method_route_status_latency_and_user_and_no_secret_or_content() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let server = Server::start(dir.path().join("notes.sqlite3"));
    let access = server.new_user("priya");
    let credentials = json!({"username": "priya", "password": PASSWORD});
    let (_, tokens) = server.request("POST", "/api/token/", None, Some(&credentials));
    let refresh = tokens["refresh"].as_str().expect("a refresh token");
    let note = json!({"title": "diary-title-7f3a", "body": "diary-body-9c2e"});

    let response = send(
        server.port,
        "trace-42",
        "POST",
        "/api/notes/",
        &access,
        &note,
    );
    let (_, refreshed) = server.request(
        "POST",
        "/api/token/refresh/",
        None,
        Some(&json!({"refresh": refresh})),
    );
    let line = access_line(&server, "trace-42");

    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert!(response.contains("x-request-id: trace-42"), "{response}");
    assert_eq!(line["http.method"], "POST", "{line}");
    assert_eq!(line["http.route"], "/api/notes/", "{line}");
    assert_eq!(line["http.status"], 201, "{line}");
    assert!(line["latency_ms"].is_f64(), "{line}");
    assert!(line["user.id"].is_i64(), "{line}");
    let log = server.log.lock().expect("the log lock").join("\n");
    let new_access = refreshed["access"].as_str().expect("a new access token");
    for secret in [
        PASSWORD,
        &access,
        refresh,
        new_access,
        "diary-title",
        "diary-body",
    ] {
        assert!(!log.contains(secret), "the log contains {secret:?}:\n{log}");
    }
}
