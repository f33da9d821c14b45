//! Limits actix-web enforces below the application, before a request exists to answer
//! with a problem document: bare statuses. The application's own limits, which answer with
//! problem documents, are in `request_limits.rs`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use notes_tests::spawn_app_with;

/// Sends `head` on a fresh connection and reads whatever comes back until it closes.
fn exchange(address: &str, head: &str) -> String {
    let mut stream = TcpStream::connect(address.trim_start_matches("http://")).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout");
    stream.write_all(head.as_bytes()).expect("sends");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[actix_web::test]
async fn a_request_head_not_finished_in_time_gets_a_bare_408() {
    let app = spawn_app_with(|s| s.connections.request_head_timeout = Duration::from_secs(1)).await;
    let address = app.address.clone();

    let answer = actix_web::rt::task::spawn_blocking(move || {
        exchange(&address, "GET /api/notes/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    })
    .await
    .expect("the client thread finishes");

    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[actix_web::test]
async fn a_request_with_more_header_fields_than_actix_parses_gets_a_bare_431() {
    let app = spawn_app_with(|_| {}).await;
    let address = app.address.clone();
    let mut head = String::from("GET /api/notes/ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for n in 0..100 {
        head.push_str(&format!("X-Filler-{n}: {n}\r\n"));
    }
    head.push_str("\r\n");

    let answer = actix_web::rt::task::spawn_blocking(move || exchange(&address, &head))
        .await
        .expect("the client thread finishes");

    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
}
