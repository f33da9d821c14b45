//! Three `notes serve` processes on different loopback ports sharing one PostgreSQL
//! database behave as one service: whichever instance a request reaches, it sees the same
//! accounts, sessions and notes. Skipped (with a printed line) without
//! `NOTES_TEST_POSTGRES_URL`.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the servers fails the test"
)]

mod support;

use std::thread;

use diesel::sql_types::BigInt;
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use notes_testdb::TestPostgres;
use serde_json::{Value, json};
use support::Server;

/// Starts three instances on `database` at the same moment.
fn three_instances(database: &TestPostgres) -> Vec<Server> {
    thread::scope(|scope| {
        let starting: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| Server::start(database.url())))
            .collect();
        starting
            .into_iter()
            .map(|server| server.join().expect("the instance started"))
            .collect()
    })
}

/// Registers `username` on one instance and signs in on another; returns the token pair.
fn sign_up(register_on: &Server, sign_in_on: &Server, username: &str) -> Value {
    let credentials = json!({"username": username, "password": "correct-horse-battery-9"});
    let (status, _) = register_on.request("POST", "/api/register/", None, Some(&credentials));
    assert_eq!(status, 201);
    let (status, tokens) = sign_in_on.request("POST", "/api/token/", None, Some(&credentials));
    assert_eq!(status, 200);
    tokens
}

fn text<'a>(tokens: &'a Value, name: &str) -> &'a str {
    tokens[name].as_str().expect("a token")
}

#[test]
fn an_instance_without_a_configured_key_refuses_to_start_and_says_why() {
    let Some(database) = TestPostgres::create() else {
        return;
    };

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_remove("NOTES_SECRET_KEY")
        .env_remove("NOTES_SECRET_KEY_FILE")
        .env("NOTES_DATABASE_URL", database.url())
        .output()
        .expect("notes runs");

    assert!(!output.status.success(), "it started with a key of its own");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("NOTES_SECRET_KEY_FILE"), "{stderr}");
}

#[test]
fn starting_three_instances_at_once_on_an_empty_database_migrates_it_once() {
    let Some(database) = TestPostgres::create() else {
        return;
    };

    let servers = three_instances(&database);

    let applied = count(
        &database,
        "SELECT COUNT(*) AS n FROM __diesel_schema_migrations",
    );
    let shipped = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../migrations/postgres"
    ))
    .expect("the migrations directory")
    .count();
    assert_eq!(applied, i64::try_from(shipped).expect("a small count"));
    for server in &servers {
        let (status, _) = server.request("GET", "/readyz/", None, None);
        assert_eq!(status, 200, "instance on port {} is not ready", server.port);
    }
}

#[test]
fn a_token_from_one_instance_works_on_the_others_and_a_sign_out_is_honoured_everywhere() {
    let Some(database) = TestPostgres::create() else {
        return;
    };
    let servers = three_instances(&database);
    let tokens = sign_up(&servers[0], &servers[1], "priya");
    let access = text(&tokens, "access");

    for server in &servers {
        let (status, _) = server.request("GET", "/api/notes/", Some(access), None);
        assert_eq!(status, 200, "port {}", server.port);
    }

    let sign_out = json!({"refresh": text(&tokens, "refresh")});
    let (status, _) = servers[2].request("POST", "/api/token/blacklist/", None, Some(&sign_out));
    assert_eq!(status, 200);

    for server in &servers {
        let (status, _) = server.request("GET", "/api/notes/", Some(access), None);
        assert_eq!(status, 401, "port {} still honours the token", server.port);
    }
}

#[test]
fn a_refresh_token_replayed_on_another_instance_ends_the_session_everywhere() {
    let Some(database) = TestPostgres::create() else {
        return;
    };
    let servers = three_instances(&database);
    let tokens = sign_up(&servers[0], &servers[0], "priya");
    let first_refresh = json!({"refresh": text(&tokens, "refresh")});

    let (status, rotated) =
        servers[1].request("POST", "/api/token/refresh/", None, Some(&first_refresh));
    assert_eq!(status, 200);
    let (replayed, _) =
        servers[2].request("POST", "/api/token/refresh/", None, Some(&first_refresh));

    assert_eq!(replayed, 401, "the replay was accepted");
    let next_refresh = json!({"refresh": text(&rotated, "refresh")});
    let (status, _) = servers[0].request("POST", "/api/token/refresh/", None, Some(&next_refresh));
    assert_eq!(status, 401, "the session survived the replay");
}

#[test]
fn concurrent_creates_spread_across_instances_lose_nothing() {
    let Some(database) = TestPostgres::create() else {
        return;
    };
    let servers = three_instances(&database);
    let access = &servers[0].new_user("priya");
    let per_thread = 20;

    let created: Vec<i64> = thread::scope(|scope| {
        let writers: Vec<_> = (0..6)
            .map(|writer| {
                let server = &servers[writer % servers.len()];
                scope.spawn(move || {
                    (0..per_thread)
                        .map(|i| {
                            let note = json!({"title": format!("w{writer}-{i}"), "body": "b"});
                            let (status, body) =
                                server.request("POST", "/api/notes/", Some(access), Some(&note));
                            assert_eq!(status, 201);
                            body["id"].as_i64().expect("an id")
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        writers
            .into_iter()
            .flat_map(|writer| writer.join().expect("the writer finished"))
            .collect()
    });

    let mut distinct = created.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 6 * per_thread, "an id was handed out twice");
    let stored = count(&database, "SELECT COUNT(*) AS n FROM notes");
    assert_eq!(
        stored,
        i64::try_from(6 * per_thread).expect("a small count")
    );
    for (i, id) in created.iter().enumerate() {
        let server = &servers[i % servers.len()];
        let (status, _) = server.request("GET", &format!("/api/notes/{id}/"), Some(access), None);
        assert_eq!(status, 200, "note {id} is missing on port {}", server.port);
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Runs a `SELECT COUNT(*) AS n ...` on the shared database, behind the servers' backs.
fn count(database: &TestPostgres, query: &str) -> i64 {
    let mut conn = PgConnection::establish(database.url()).expect("connect");
    diesel::sql_query(query)
        .get_result::<Count>(&mut conn)
        .expect("count")
        .n
}
