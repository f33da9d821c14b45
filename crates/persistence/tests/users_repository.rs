//! The `UsersRepository` on a real SQLite file.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use chrono::{Duration, Utc};
use notes_domain::{
    AccountError, Email, NewSession, NewUser, PasswordHash, SessionsRepository, StorageHealth,
    UserId, Username, UsersRepository,
};
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

#[test]
fn accounts_are_listed_oldest_first() {
    let (_dir, database) = open();
    let users = database.users();
    for name in ["carol", "alice", "bob"] {
        users.create(&new_user(name)).expect("create");
    }

    let listed = users.list().expect("list");

    let names: Vec<&str> = listed.iter().map(|user| user.username.as_str()).collect();
    assert_eq!(names, ["carol", "alice", "bob"]);
}

#[test]
fn deactivating_ends_every_session_and_reactivating_does_not_revive_them() {
    let (_dir, database) = open();
    let (users, sessions) = (database.users(), database.sessions());
    let alice = users.create(&new_user("alice")).expect("create");
    let session = sessions
        .start(&NewSession {
            user: alice.id,
            refresh_jti: "jti-1".into(),
            client: "test".into(),
            expires_at: Utc::now() + Duration::hours(1),
        })
        .expect("start");

    let deactivated = users.set_active(alice.id, false).expect("deactivate");
    let reactivated = users.set_active(alice.id, true).expect("reactivate");

    assert_eq!(deactivated.map(|user| user.is_active), Some(false));
    assert_eq!(reactivated.map(|user| user.is_active), Some(true));
    let authenticated = sessions
        .authenticate(alice.id, session.id, alice.token_version)
        .expect("query");
    assert!(
        authenticated.is_none(),
        "the session outlived the deactivation"
    );
}

#[test]
fn staff_status_changes_and_missing_accounts_are_none() {
    let (_dir, database) = open();
    let users = database.users();
    let alice = users.create(&new_user("alice")).expect("create");

    let promoted = users.set_staff(alice.id, true).expect("promote");
    let demoted = users.set_staff(alice.id, false).expect("demote");

    assert_eq!(promoted.map(|user| user.is_staff), Some(true));
    assert_eq!(demoted.map(|user| user.is_staff), Some(false));
    assert!(
        users
            .set_staff(UserId(9999), true)
            .expect("query")
            .is_none()
    );
    assert!(
        users
            .set_active(UserId(9999), false)
            .expect("query")
            .is_none()
    );
}

#[test]
fn a_migrated_database_is_ready_and_reports_its_pool() {
    let (_dir, database) = open();

    assert!(database.is_ready().expect("answers"));
    let usage = database.pool_usage();
    assert_eq!(usage.max_size, 2);
    assert!(usage.connections >= usage.idle);
}

#[test]
fn a_backup_opens_as_a_current_database_with_the_same_accounts() {
    let (dir, database) = open();
    database.users().create(&new_user("alice")).expect("create");
    let target = dir.path().join("copy.sqlite3");

    database.backup_to(&target).expect("backup");
    let again = database.backup_to(&target);

    assert!(again.is_err(), "an existing file was overwritten");
    let copy = Database::open(target.to_str().expect("UTF-8"), 1).expect("open the copy");
    assert!(copy.check_ready().expect("answers"));
    let names: Vec<String> = copy
        .users()
        .list()
        .expect("list")
        .into_iter()
        .map(|user| user.username.to_string())
        .collect();
    assert_eq!(names, ["alice"]);
}
