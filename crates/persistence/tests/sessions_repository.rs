//! The `SessionsRepository` contract, on SQLite and on PostgreSQL: rotation, reuse
//! detection, and scoping.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use chrono::{Duration, Utc};
use notes_domain::{
    Email, NewSession, NewUser, PasswordHash, Rotation, SessionId, UserId, Username,
};

mod backends;

use backends::{TestDatabase, contract_tests};

struct Fixture {
    database: TestDatabase,
    alice: UserId,
    bob: UserId,
}

fn fixture(database: TestDatabase) -> Fixture {
    let users = database.users();
    let register = |name: &str| {
        let user = NewUser {
            username: Username::parse(name.into()).expect("valid"),
            email: Email::default(),
            password_hash: PasswordHash::new("hash".into()),
            is_staff: false,
            is_superuser: false,
        };
        users.create(&user).expect("create").id
    };
    let (alice, bob) = (register("alice"), register("bob"));
    Fixture {
        database,
        alice,
        bob,
    }
}

fn start(f: &Fixture, user: UserId, jti: &str) -> SessionId {
    let session = NewSession {
        user,
        client: "test-client/1.0".into(),
        refresh_jti: jti.into(),
        expires_at: Utc::now() + Duration::days(1),
    };
    f.database.sessions().start(&session).expect("start").id
}

fn a_live_session_authenticates_its_user_at_the_current_token_version(database: TestDatabase) {
    let f = fixture(database);
    let session = start(&f, f.alice, "j1");
    let sessions = f.database.sessions();

    let user = sessions.authenticate(f.alice, session, 0).expect("query");

    assert_eq!(user.map(|u| u.id), Some(f.alice));
    assert_eq!(
        sessions.authenticate(f.alice, session, 1).expect("query"),
        None
    );
    assert_eq!(
        sessions.authenticate(f.bob, session, 0).expect("query"),
        None
    );
}

fn rotation_replaces_the_token_and_a_replayed_token_ends_the_session(database: TestDatabase) {
    let f = fixture(database);
    let session = start(&f, f.alice, "j1");
    let sessions = f.database.sessions();
    let later = Utc::now() + Duration::days(1);

    assert_eq!(
        sessions
            .rotate(f.alice, session, "j1", "j2", later)
            .expect("rotate"),
        Rotation::Rotated
    );
    assert!(sessions.is_current(f.alice, session, "j2").expect("query"));
    assert!(!sessions.is_current(f.alice, session, "j1").expect("query"));

    let replay = sessions
        .rotate(f.alice, session, "j1", "j3", later)
        .expect("rotate");

    assert_eq!(replay, Rotation::ReuseDetected);
    assert!(
        !sessions.is_current(f.alice, session, "j2").expect("query"),
        "the family survived"
    );
    assert_eq!(
        sessions.authenticate(f.alice, session, 0).expect("query"),
        None
    );
    assert_eq!(
        sessions
            .rotate(f.alice, session, "j2", "j4", later)
            .expect("rotate"),
        Rotation::Ended
    );
}

fn another_user_can_neither_rotate_list_nor_end_a_session(database: TestDatabase) {
    let f = fixture(database);
    let session = start(&f, f.alice, "j1");
    let sessions = f.database.sessions();
    let later = Utc::now() + Duration::days(1);

    assert_eq!(
        sessions
            .rotate(f.bob, session, "j1", "j2", later)
            .expect("rotate"),
        Rotation::Ended
    );
    assert!(sessions.list(f.bob).expect("list").is_empty());
    assert!(!sessions.end(f.bob, session).expect("end"));
    assert_eq!(sessions.end_all(f.bob, None).expect("end all"), 0);
    assert!(
        sessions.is_current(f.alice, session, "j1").expect("query"),
        "bob changed it"
    );
}

fn ending_all_sessions_can_keep_the_current_one(database: TestDatabase) {
    let f = fixture(database);
    let keep = start(&f, f.alice, "j1");
    start(&f, f.alice, "j2");
    start(&f, f.alice, "j3");
    let sessions = f.database.sessions();

    assert_eq!(sessions.end_all(f.alice, Some(keep)).expect("end all"), 2);

    let remaining: Vec<SessionId> = sessions
        .list(f.alice)
        .expect("list")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(remaining, vec![keep]);
}

fn a_password_change_bumps_the_token_version(database: TestDatabase) {
    let f = fixture(database);
    let session = start(&f, f.alice, "j1");
    let users = f.database.users();

    let version = users
        .set_password(f.alice, &PasswordHash::new("new".into()))
        .expect("set");

    assert_eq!(version, Some(1));
    let sessions = f.database.sessions();
    assert_eq!(
        sessions.authenticate(f.alice, session, 0).expect("query"),
        None
    );
    assert!(
        sessions
            .authenticate(f.alice, session, 1)
            .expect("query")
            .is_some()
    );
}

contract_tests!(
    a_live_session_authenticates_its_user_at_the_current_token_version,
    rotation_replaces_the_token_and_a_replayed_token_ends_the_session,
    another_user_can_neither_rotate_list_nor_end_a_session,
    ending_all_sessions_can_keep_the_current_one,
    a_password_change_bumps_the_token_version,
);
