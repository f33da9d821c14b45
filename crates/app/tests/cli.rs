//! The `notes` binary's subcommands, run as a user would run them.

#![expect(
    clippy::expect_used,
    reason = "a helper that cannot run the binary fails the test"
)]

use std::path::Path;
use std::process::{Command, Output};

use notes_auth::PasswordHasher;
use notes_domain::Password;
use notes_persistence::Database;

fn notes(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(args)
        .env("NOTES_DATABASE_URL", database)
        .env("NOTES_LOG_FORMAT", "json")
        .env_remove("NOTES_SECRET_KEY")
        .env_remove("NOTES_SUPERUSER_PASSWORD")
        .output()
        .expect("the notes binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The number in `PATH: N migration(s) applied; ...`.
fn applied_count(output: &Output) -> usize {
    let stdout = text(&output.stdout);
    let count = stdout
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next());
    count
        .and_then(|n| n.parse().ok())
        .expect("a migration count")
}

#[test]
fn help_lists_every_configuration_variable() {
    let output = notes(Path::new("unused.sqlite3"), &["--help"]);
    let serve = notes(Path::new("unused.sqlite3"), &["serve", "--help"]);

    let help = text(&output.stdout) + &text(&serve.stdout);
    for variable in [
        "NOTES_DATABASE_URL",
        "NOTES_LISTEN",
        "NOTES_SECRET_KEY",
        "NOTES_SECRET_KEY_FILE",
        "NOTES_ACCESS_TOKEN_LIFETIME",
        "NOTES_REFRESH_TOKEN_LIFETIME",
        "RUST_LOG",
    ] {
        assert!(
            help.contains(variable),
            "{variable} missing from --help:\n{help}"
        );
    }
}

#[test]
fn migrate_creates_the_database_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("fresh.sqlite3");

    let first = notes(&database, &["migrate"]);
    let second = notes(&database, &["migrate"]);

    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(applied_count(&first) > 0, "{}", text(&first.stdout));
    assert_eq!(applied_count(&second), 0, "{}", text(&second.stdout));
    let opened = Database::open(&database.to_string_lossy(), 1).expect("open");
    assert!(opened.check_ready().expect("ready"));
}

#[test]
fn createsuperuser_with_flags_creates_a_staff_superuser_who_can_sign_in() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("admin.sqlite3");

    let output = notes(
        &database,
        &[
            "createsuperuser",
            "--no-input",
            "--username",
            "root-admin",
            "--email",
            "admin@example.com",
            "--password",
            "admin-pass-123",
        ],
    );

    assert!(output.status.success(), "{}", text(&output.stderr));
    let users = Database::open(&database.to_string_lossy(), 1)
        .expect("open")
        .users();
    let found = users
        .find_credentials("root-admin")
        .expect("query")
        .expect("created");
    assert!(found.user.is_staff && found.user.is_superuser);
    assert_eq!(found.user.email.as_str(), "admin@example.com");
    let hasher = PasswordHasher::recommended().expect("hasher");
    let password = Password::for_sign_in("admin-pass-123".into());
    assert!(hasher.verify(&password, &found.password_hash));
}

#[test]
fn createsuperuser_without_an_email_leaves_it_empty() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("admin.sqlite3");
    let args = [
        "createsuperuser",
        "--no-input",
        "--username",
        "admin2",
        "--password",
        "fine-pass-123",
    ];

    let output = notes(&database, &args);

    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn createsuperuser_refuses_invalid_or_missing_values_without_prompting() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("admin.sqlite3");
    let cases: [(&str, &[&str]); 3] = [
        ("missing password", &["--username", "a1", "--email", ""]),
        (
            "numeric password",
            &["--username", "a1", "--email", "", "--password", "12345678"],
        ),
        (
            "bad username",
            &[
                "--username",
                "a b",
                "--email",
                "",
                "--password",
                "fine-pass-1",
            ],
        ),
    ];

    for (case, flags) in cases {
        let mut args = vec!["createsuperuser", "--no-input"];
        args.extend_from_slice(flags);
        let output = notes(&database, &args);
        assert!(!output.status.success(), "{case} succeeded");
        assert!(!text(&output.stderr).is_empty(), "{case}: no explanation");
    }
}

#[test]
fn createsuperuser_refuses_a_taken_username() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("admin.sqlite3");
    let args = [
        "createsuperuser",
        "--no-input",
        "--username",
        "Boss",
        "--email",
        "",
        "--password",
        "boss-pass-123",
    ];

    assert!(notes(&database, &args).status.success());
    let again = notes(
        &database,
        &[
            "createsuperuser",
            "--no-input",
            "--username",
            "boss",
            "--email",
            "",
            "--password",
            "boss-pass-123",
        ],
    );

    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already taken"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn a_short_secret_key_stops_serve_with_advice() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("key.sqlite3");

    let output = Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("NOTES_DATABASE_URL", &database)
        .env("NOTES_SECRET_KEY", "short")
        .output()
        .expect("runs");

    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("at least 32 bytes"),
        "{}",
        text(&output.stderr)
    );
}
