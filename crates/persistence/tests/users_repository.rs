//! The `UsersRepository` on a real SQLite file.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use notes_domain::{AccountError, Email, NewUser, PasswordHash, Username, UsersRepository};
use notes_persistence::Database;
use tempfile::TempDir;

fn open() -> (TempDir, Database) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("users.sqlite3");
    let database = Database::open(path.to_str().expect("a UTF-8 path"), 2).expect("open");
    database.migrate().expect("migrate");
    (dir, database)
}

fn new_user(name: &str) -> NewUser {
    NewUser {
        username: Username::parse(name.into()).expect("valid username"),
        email: Email::parse(format!("{name}@example.com")).expect("valid email"),
        password_hash: PasswordHash::new(format!("hash-of-{name}")),
        is_staff: false,
        is_superuser: false,
    }
}

#[test]
fn usernames_differing_only_in_case_or_width_are_taken() {
    let (_dir, database) = open();
    let users = database.users();
    users.create(&new_user("Alice")).expect("first");

    for twin in ["alice", "ALICE", "Ａｌｉｃｅ"] {
        let outcome = users.create(&new_user(twin));
        assert!(
            matches!(outcome, Err(AccountError::UsernameTaken)),
            "{twin}: {outcome:?}"
        );
    }
}

#[test]
fn credentials_are_found_by_any_case_of_the_username() {
    let (_dir, database) = open();
    let users = database.users();
    let created = users.create(&new_user("Alice")).expect("create");

    let found = users
        .find_credentials("ALICE")
        .expect("query")
        .expect("found");

    assert_eq!(found.user, created);
    assert_eq!(found.password_hash.as_str(), "hash-of-Alice");
    assert!(users.find_credentials("nobody").expect("query").is_none());
}

#[test]
fn a_user_is_found_by_id() {
    let (_dir, database) = open();
    let users = database.users();
    let created = users.create(&new_user("carol")).expect("create");

    let found = users
        .find_credentials_by_id(created.id)
        .expect("query")
        .map(|c| c.user);

    assert_eq!(found, Some(created));
}

#[test]
fn migrating_twice_applies_nothing_the_second_time() {
    let (_dir, database) = open();

    assert_eq!(database.migrate().expect("migrate"), 0);
    assert!(database.check_ready().expect("ready"));
}
