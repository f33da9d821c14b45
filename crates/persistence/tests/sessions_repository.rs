//! The `SessionsRepository` on a real SQLite file: rotation, reuse detection, and scoping.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use chrono::{Duration, Utc};
use notes_domain::{
    Email, NewSession, NewUser, PasswordHash, Rotation, SessionId, SessionsRepository, UserId,
    Username, UsersRepository,
};
use notes_persistence::Database;
use tempfile::TempDir;

struct Fixture {
    _dir: TempDir,
    database: Database,
    alice: UserId,
    bob: UserId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("sessions.sqlite3");
    let database = Database::open(&path.to_string_lossy(), 2).expect("open");
    database.migrate().expect("migrate");
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
        _dir: dir,
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

#[test]
fn a_live_session_authenticates_its_user_at_the_current_token_version() {
    let f = fixture();
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

#[test]
fn rotation_replaces_the_token_and_a_replayed_token_ends_the_session() {
    let f = fixture();
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

#[test]
fn another_user_can_neither_rotate_list_nor_end_a_session() {
    let f = fixture();
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

#[test]
fn ending_all_sessions_can_keep_the_current_one() {
    let f = fixture();
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

#[test]
fn a_password_change_bumps_the_token_version() {
    let f = fixture();
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
