//! The configurable request limits the application enforces: each answers with its status
//! in a problem document (the framework's fixed limits are in `connections.rs`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use actix_web::http::Method;
use notes_tests::{TestResponse, spawn_app_with};

/// `GET /healthz/` with one extra header field of `filler_bytes`, on a server whose header
/// limit is 1 KiB.
async fn healthz_with_a_header_of(filler_bytes: usize) -> TestResponse {
    let app = spawn_app_with(|s| s.header_limit = 1024).await;
    let filler = "x".repeat(filler_bytes);

    app.send_raw(
        Method::GET,
        "/healthz/",
        &[("x-filler", &filler)],
        Vec::new(),
    )
    .await
}

#[actix_web::test]
async fn header_fields_over_the_limit_are_a_431_problem() {
    let response = healthz_with_a_header_of(1100).await;

    let problem = response.assert_problem(431);
    assert_eq!(problem["code"], "headers_too_large");
    assert!(response.header("x-request-id").is_some(), "{response:?}");
}

#[actix_web::test]
async fn header_fields_within_the_limit_are_served() {
    let response = healthz_with_a_header_of(900).await;

    assert_eq!(response.status.as_u16(), 200, "{response:?}");
}

#[actix_web::test]
async fn a_body_not_received_in_time_is_a_408_problem_and_the_connection_closes() {
    let app = spawn_app_with(|s| s.body_timeout = Duration::from_secs(1)).await;
    let address = app.address.trim_start_matches("http://").to_owned();

    let (answer, waited) = actix_web::rt::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a read timeout");
        // The head promises 100 bytes; only the start of the JSON follows.
        let head = "POST /api/register/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                    Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user";
        let sent = Instant::now();
        stream.write_all(head.as_bytes()).expect("sends");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        (
            String::from_utf8_lossy(&answer).into_owned(),
            sent.elapsed(),
        )
    })
    .await
    .expect("the client thread finishes");

    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains("content-type: application/problem+json"),
        "{answer}"
    );
    assert!(answer.contains("\"code\":\"request_timeout\""), "{answer}");
    assert!(
        waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );
}
