//! The server process's life: a graceful stop lets requests in flight finish, and a crash
//! at any moment loses no acknowledged note.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the server fails the test"
)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use notes_domain::NoteQuery;
use notes_persistence::Database;
use serde_json::json;
use support::Server;

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_then_stops() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut server = Server::start(dir.path().join("notes.sqlite3"));
    let token = server.new_user("priya");
    let body = json!({"title": "written during shutdown", "body": "still stored"}).to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    let head = format!(
        "POST /api/notes/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{first}",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .expect("send the first half");
    thread::sleep(Duration::from_millis(300));

    let pid = server.child.id().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    thread::sleep(Duration::from_millis(500));
    stream
        .write_all(rest.as_bytes())
        .expect("send the second half");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");

    assert!(signalled.success());
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    let status = server.child.wait().expect("the server exits");
    assert!(status.success(), "{status:?}");
}

#[test]
fn every_acknowledged_note_survives_sigkill_at_any_moment() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("notes.sqlite3");
    let mut acknowledged = Vec::new();
    let mut token = String::new();

    for round in 0..3u64 {
        let mut server = Server::start(&database);
        if token.is_empty() {
            token = server.new_user("priya");
        }
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (stop, token, port) = (Arc::clone(&stop), token.clone(), server.port);
            thread::spawn(move || {
                let probe = Server::attach(port);
                let mut written = Vec::new();
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let title = format!("round {round} note {i}");
                    let note = json!({"title": title, "body": "acknowledged"});
                    match probe.try_request("POST", "/api/notes/", Some(&token), Some(&note)) {
                        Some((201, _)) => written.push(title),
                        _ => break,
                    }
                }
                written
            })
        };
        thread::sleep(Duration::from_millis(300 + 150 * round));

        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("reaped");
        stop.store(true, Ordering::Relaxed);
        acknowledged.extend(writer.join().expect("the writer thread"));
    }

    let opened = Database::open(&database.to_string_lossy(), 1).expect("open");
    let owner = opened
        .users()
        .find_credentials("priya")
        .expect("query")
        .expect("priya")
        .user
        .id;
    let stored: Vec<String> = opened
        .notes()
        .list(owner, &NoteQuery::default())
        .expect("list")
        .iter()
        .map(|n| n.title.as_str().to_owned())
        .collect();
    assert!(
        !acknowledged.is_empty(),
        "no note was acknowledged before the kills"
    );
    for title in &acknowledged {
        assert!(stored.contains(title), "acknowledged {title:?} was lost");
    }
}
