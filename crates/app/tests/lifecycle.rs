//! The server process's life: a graceful stop lets requests in flight finish, and a crash
//! at any moment loses no acknowledged note.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the server fails the test"
)]

mod support;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use notes_domain::NoteQuery;
use notes_persistence::Database;
use serde_json::json;
use support::Server;

/// Sends the head and half the body of a note creation, so that a request is in flight.
fn start_a_slow_creation(port: u16, token: &str) -> (TcpStream, String) {
    let body = json!({"title": "written during shutdown", "body": "still stored"}).to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
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
    (stream, rest.to_owned())
}

fn signal(server: &Server, name: &str) {
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{name} failed");
}

/// A graceful stop on `signal_name` lets a request in flight finish, exits with success and
/// closes every database connection: SQLite removes the write-ahead log when the last one
/// closes, so a leftover `-wal` file means a connection was abandoned.
fn a_graceful_stop_finishes_the_request_and_closes_the_database(signal_name: &str) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("notes.sqlite3");
    let mut server = Server::start(&database);
    let token = server.new_user("priya");
    let (mut stream, rest) = start_a_slow_creation(server.port, &token);

    signal(&server, signal_name);
    thread::sleep(Duration::from_millis(500));
    stream
        .write_all(rest.as_bytes())
        .expect("send the second half");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    let status = server.child.wait().expect("the server exits");

    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert!(status.success(), "{status:?}");
    let signal_logged = format!("\"signal\":\"SIG{signal_name}\"");
    assert!(
        server
            .log
            .lock()
            .expect("the log lock")
            .iter()
            .any(|line| line.contains(&signal_logged)),
        "the stop was not logged with its signal"
    );
    assert!(
        !dir.path().join("notes.sqlite3-wal").exists(),
        "a database connection was left open at exit"
    );
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_closes_the_database() {
    a_graceful_stop_finishes_the_request_and_closes_the_database("TERM");
}

#[test]
fn sigint_lets_a_request_in_flight_finish_and_closes_the_database() {
    a_graceful_stop_finishes_the_request_and_closes_the_database("INT");
}

#[test]
fn a_request_outlasting_the_grace_period_is_cut_off_when_it_ends() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut server = Server::start_with(
        dir.path().join("notes.sqlite3"),
        &["--shutdown-grace", "1s"],
    );
    let token = server.new_user("priya");
    let (mut stream, _never_sent) = start_a_slow_creation(server.port, &token);
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a read timeout");

    let signalled = Instant::now();
    signal(&server, "TERM");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let status = server.child.wait().expect("the server exits");

    let waited = signalled.elapsed();
    assert!(
        waited < Duration::from_secs(10),
        "the server waited {waited:?} for a 1 s grace period"
    );
    assert!(
        !String::from_utf8_lossy(&response).starts_with("HTTP/1.1 201"),
        "the unfinished request was answered"
    );
    assert!(status.success(), "{status:?}");
}

#[test]
fn every_acknowledged_note_survives_sigkill_at_any_moment() {
    const ROUNDS: u64 = 5;
    const WRITERS: u64 = 4;
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("notes.sqlite3");
    let mut acknowledged = Vec::new();
    let mut token = String::new();

    for round in 0..ROUNDS {
        let mut server = Server::start(&database);
        if token.is_empty() {
            token = server.new_user("priya");
        }
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let (stop, token, port) = (Arc::clone(&stop), token.clone(), server.port);
                thread::spawn(move || {
                    let probe = Server::attach(port);
                    let mut written = Vec::new();
                    for i in 0.. {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let title = format!("round {round} writer {writer} note {i}");
                        let body = format!("the body of {title}");
                        let note = json!({"title": title, "body": body});
                        match probe.try_request("POST", "/api/notes/", Some(&token), Some(&note)) {
                            Some((201, _)) => written.push((title, body)),
                            _ => break,
                        }
                    }
                    written
                })
            })
            .collect();
        thread::sleep(Duration::from_millis(300 + 150 * round));

        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("reaped");
        stop.store(true, Ordering::Relaxed);
        for writer in writers {
            acknowledged.extend(writer.join().expect("a writer thread"));
        }
    }

    let opened = Database::open(&database.to_string_lossy(), 1).expect("open");
    let owner = opened
        .users()
        .find_credentials("priya")
        .expect("query")
        .expect("priya")
        .user
        .id;
    let stored: HashMap<String, String> = opened
        .notes()
        .list(owner, &NoteQuery::default())
        .expect("list")
        .iter()
        .map(|n| (n.title.as_str().to_owned(), n.body.as_str().to_owned()))
        .collect();
    assert!(
        !acknowledged.is_empty(),
        "no note was acknowledged before the kills"
    );
    for (title, body) in &acknowledged {
        assert_eq!(
            stored.get(title),
            Some(body),
            "acknowledged {title:?} was lost or changed"
        );
    }
}
