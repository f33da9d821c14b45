//! `notes users ...` and `notes backup`, run as an operator would, including against a
//! database a running server is using.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the binary or reach the server fails the test"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

use notes_domain::NoteQuery;
use notes_persistence::Database;
use serde_json::json;

mod support;

use support::Server;

fn notes(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(args)
        .env("NOTES_DATABASE_URL", database)
        .env("NOTES_LOG_FORMAT", "json")
        .env_remove("NOTES_NEW_PASSWORD")
        .output()
        .expect("the notes binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn database_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("notes.sqlite3")
}

#[test]
fn deactivating_from_the_command_line_makes_a_running_servers_token_answer_401_at_once() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    let server = Server::start(&database);
    let token = server.new_user("priya");
    assert_eq!(
        server.request("GET", "/api/notes/", Some(&token), None).0,
        200
    );

    succeeded(&notes(&database, &["users", "deactivate", "priya"]));

    assert_eq!(
        server.request("GET", "/api/notes/", Some(&token), None).0,
        401
    );
    succeeded(&notes(&database, &["users", "reactivate", "priya"]));
    assert_eq!(
        server.request("GET", "/api/notes/", Some(&token), None).0,
        401,
        "deactivation ended the sessions; reactivation must not revive them"
    );
}

#[test]
fn users_list_shows_accounts_and_flags_but_never_note_contents() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    let server = Server::start(&database);
    let token = server.new_user("priya");
    let note = json!({"title": "secret title", "body": "secret body"});
    assert_eq!(
        server
            .request("POST", "/api/notes/", Some(&token), Some(&note))
            .0,
        201
    );
    server.new_user("omar");
    succeeded(&notes(&database, &["users", "promote", "omar"]));

    let listed = succeeded(&notes(&database, &["users", "list"]));

    // Neither account has an e-mail address, so each row reads ID USERNAME ACTIVE STAFF JOINED.
    let rows: Vec<Vec<&str>> = listed
        .lines()
        .map(|row| row.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{listed}");
    assert_eq!(
        rows[0][..5],
        ["ID", "USERNAME", "EMAIL", "ACTIVE", "STAFF"],
        "{listed}"
    );
    assert_eq!(rows[1][1..4], ["priya", "yes", "no"], "{listed}");
    assert_eq!(rows[2][1..4], ["omar", "yes", "yes"], "{listed}");
    assert!(
        !listed.contains("secret") && !listed.contains("argon2"),
        "{listed}"
    );
}

#[test]
fn promote_demote_end_sessions_and_delete_act_on_the_named_account() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    let server = Server::start(&database);
    let token = server.new_user("priya");

    succeeded(&notes(&database, &["users", "promote", "PRIYA"]));
    assert_eq!(
        server
            .request("GET", "/api/admin/users/", Some(&token), None)
            .0,
        200
    );
    succeeded(&notes(&database, &["users", "demote", "priya"]));
    assert_eq!(
        server
            .request("GET", "/api/admin/users/", Some(&token), None)
            .0,
        403
    );
    let ended = succeeded(&notes(&database, &["users", "end-sessions", "priya"]));
    assert!(ended.starts_with("1 session(s)"), "{ended}");
    assert_eq!(
        server.request("GET", "/api/notes/", Some(&token), None).0,
        401
    );

    let unconfirmed = notes(&database, &["users", "delete", "priya"]);
    assert!(!unconfirmed.status.success());
    succeeded(&notes(&database, &["users", "delete", "priya", "--yes"]));

    let gone = notes(&database, &["users", "delete", "priya", "--yes"]);
    assert!(!gone.status.success());
    assert!(
        text(&gone.stderr).contains("no account named priya"),
        "{}",
        text(&gone.stderr)
    );
}

#[test]
fn set_password_applies_the_domain_rules_and_revokes_earlier_tokens() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    let server = Server::start(&database);
    let token = server.new_user("priya");
    let set = |extra: &[&str]| {
        let mut args = vec!["users", "set-password", "priya", "--no-input"];
        args.extend_from_slice(extra);
        notes(&database, &args)
    };

    for weak in ["12345678", "priya", "short"] {
        let refused = set(&["--password", weak]);
        assert!(!refused.status.success(), "{weak} was accepted");
    }
    assert!(
        !set(&[]).status.success(),
        "no password and no prompt must fail"
    );
    succeeded(&set(&["--password", "a-new-long-secret-7"]));

    assert_eq!(
        server.request("GET", "/api/notes/", Some(&token), None).0,
        401
    );
    let old = json!({"username": "priya", "password": "correct-horse-battery-9"});
    let new = json!({"username": "priya", "password": "a-new-long-secret-7"});
    assert_eq!(
        server.request("POST", "/api/token/", None, Some(&old)).0,
        401
    );
    assert_eq!(
        server.request("POST", "/api/token/", None, Some(&new)).0,
        200
    );
}

#[test]
fn a_backup_taken_while_notes_are_written_is_current_and_holds_every_acknowledged_note() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    let backup = dir.path().join("backup.sqlite3");
    let server = Arc::new(Server::start(&database));
    let token = server.new_user("priya");
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (server, acknowledged, stop) = (server.clone(), acknowledged.clone(), stop.clone());
        thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let n = acknowledged.load(Ordering::SeqCst);
                let note = json!({"title": format!("note {n}"), "body": "kept"});
                let (status, _) = server.request("POST", "/api/notes/", Some(&token), Some(&note));
                assert_eq!(status, 201);
                acknowledged.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while acknowledged.load(Ordering::SeqCst) < 5 {
        thread::yield_now();
    }

    let before = acknowledged.load(Ordering::SeqCst);
    succeeded(&notes(&database, &["backup", &backup.to_string_lossy()]));
    let after = acknowledged.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().expect("the writer thread");

    let copy = Database::open(&backup.to_string_lossy(), 1).expect("the backup opens");
    assert!(
        copy.check_ready().expect("the backup answers"),
        "the backup is not current"
    );
    let owner = copy
        .users()
        .find_credentials("priya")
        .expect("query")
        .expect("the account is in the backup")
        .user
        .id;
    let saved = copy
        .notes()
        .list(owner, &NoteQuery::default())
        .expect("the notes");
    assert!(
        saved.len() >= before && saved.len() <= after + 1,
        "{} notes saved; {before} acknowledged before, {after} after",
        saved.len()
    );
}

#[test]
fn backup_refuses_to_overwrite_an_existing_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = database_in(&dir);
    succeeded(&notes(&database, &["migrate"]));
    let existing = dir.path().join("existing.sqlite3");
    std::fs::write(&existing, b"keep me").expect("write");

    let refused = notes(&database, &["backup", &existing.to_string_lossy()]);

    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("already exists"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read(&existing).expect("read"), b"keep me");
}
