//! The `UsersRepository` contract, on SQLite and on PostgreSQL.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use chrono::{Duration, Utc};
use notes_domain::{
    AccountError, Email, NewSession, NewUser, PasswordHash, StorageHealth, UserId, Username,
};
use notes_persistence::{Database, DatabaseError};

mod backends;

use backends::{POOL_SIZE, TestDatabase, contract_tests};

fn new_user(name: &str) -> NewUser {
    NewUser {
        username: Username::parse(name.into()).expect("valid username"),
        email: Email::parse(format!("{name}@example.com")).expect("valid email"),
        password_hash: PasswordHash::new(format!("hash-of-{name}")),
        is_staff: false,
        is_superuser: false,
    }
}

fn usernames_differing_only_in_case_or_width_are_taken(database: TestDatabase) {
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

fn credentials_are_found_by_any_case_of_the_username(database: TestDatabase) {
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

fn a_user_is_found_by_id(database: TestDatabase) {
    let users = database.users();
    let created = users.create(&new_user("carol")).expect("create");

    let found = users
        .find_credentials_by_id(created.id)
        .expect("query")
        .map(|c| c.user);

    assert_eq!(found, Some(created));
}

fn migrating_twice_applies_nothing_the_second_time(database: TestDatabase) {
    assert_eq!(database.migrate().expect("migrate"), 0);
    assert!(database.check_ready().expect("ready"));
}

fn accounts_are_listed_oldest_first(database: TestDatabase) {
    let users = database.users();
    for name in ["carol", "alice", "bob"] {
        users.create(&new_user(name)).expect("create");
    }

    let listed = users.list().expect("list");

    let names: Vec<&str> = listed.iter().map(|user| user.username.as_str()).collect();
    assert_eq!(names, ["carol", "alice", "bob"]);
}

fn deactivating_ends_every_session_and_reactivating_does_not_revive_them(database: TestDatabase) {
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

fn staff_status_changes_and_missing_accounts_are_none(database: TestDatabase) {
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

fn a_migrated_database_is_ready_and_reports_its_pool(database: TestDatabase) {
    assert!(database.is_ready().expect("answers"));
    let usage = database.pool_usage();
    assert_eq!(usage.max_size, POOL_SIZE);
    assert!(usage.connections >= usage.idle);
}

#[test]
fn a_sqlite_backup_opens_as_a_current_database_with_the_same_accounts() {
    let database = TestDatabase::sqlite();
    database.users().create(&new_user("alice")).expect("create");
    let dir = tempfile::tempdir().expect("a temporary directory");
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

#[test]
fn a_postgres_database_is_not_backed_up_by_file_copy() {
    let Some(database) = TestDatabase::postgres() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");

    let outcome = database.backup_to(&dir.path().join("copy.sqlite3"));

    assert!(
        matches!(outcome, Err(DatabaseError::NotSqlite)),
        "{outcome:?}"
    );
}

contract_tests!(
    usernames_differing_only_in_case_or_width_are_taken,
    credentials_are_found_by_any_case_of_the_username,
    a_user_is_found_by_id,
    migrating_twice_applies_nothing_the_second_time,
    accounts_are_listed_oldest_first,
    deactivating_ends_every_session_and_reactivating_does_not_revive_them,
    staff_status_changes_and_missing_accounts_are_none,
    a_migrated_database_is_ready_and_reports_its_pool,
);
