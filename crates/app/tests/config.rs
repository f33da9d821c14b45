//! The `notes` binary as an operator runs it: layered configuration, `config check`, and
//! what production mode refuses.

#![expect(clippy::expect_used, reason = "tests fail loudly when set-up breaks")]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tempfile::TempDir;

const SECRET: &str = "a-test-signing-secret-of-more-than-32-bytes";

/// `notes` in a fresh directory with an empty environment (no stray NOTES_* or RUST_LOG).
fn notes(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_notes"));
    command
        .env_clear()
        .current_dir(dir)
        .env("NOTES_DATABASE_URL", dir.join("notes.sqlite3"))
        .env("NOTES_LISTEN", "127.0.0.1:0");
    command
}

fn run(command: &mut Command) -> (Output, String, String) {
    let output = command.output().expect("notes runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

fn key_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("signing.key");
    std::fs::write(&path, SECRET).expect("write the key");
    path
}

fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[test]
fn production_without_a_signing_key_refuses_to_start_and_says_how_to_fix_it() {
    let dir = temp_dir();

    let (output, _, stderr) = run(notes(dir.path()).env("NOTES_ENV", "production"));

    assert!(!output.status.success());
    assert!(
        stderr.contains("refusing to start with NOTES_ENV=production"),
        "{stderr}"
    );
    assert!(stderr.contains("set NOTES_SECRET_KEY_FILE"), "{stderr}");
    assert!(!dir.path().join("notes.sqlite3.key").exists());
}

#[test]
fn production_refuses_debug_logging_and_a_long_leeway_listing_each_fix() {
    let dir = temp_dir();
    let key = key_file(dir.path());

    let (output, _, stderr) = run(notes(dir.path())
        .args(["--env", "production", "--jwt-leeway", "5m"])
        .env("NOTES_SECRET_KEY_FILE", &key)
        .env("RUST_LOG", "info,notes_http=debug"));

    assert!(!output.status.success());
    assert!(stderr.contains("set RUST_LOG=info"), "{stderr}");
    assert!(stderr.contains("NOTES_JWT_LEEWAY=5m"), "{stderr}");
    assert!(stderr.contains("at most 1m"), "{stderr}");
}

#[test]
fn production_refuses_a_secret_given_on_the_command_line() {
    let dir = temp_dir();

    let (output, _, stderr) = run(notes(dir.path())
        .args(["--secret-key", SECRET])
        .env("NOTES_ENV", "production"));

    assert!(!output.status.success());
    assert!(
        stderr.contains("put it in a file named by NOTES_SECRET_KEY_FILE"),
        "{stderr}"
    );
}

#[test]
fn production_refuses_plain_http_cors_origins() {
    let dir = temp_dir();
    let key = key_file(dir.path());

    let (output, _, stderr) = run(notes(dir.path())
        .env("NOTES_ENV", "production")
        .env("NOTES_SECRET_KEY_FILE", &key)
        .env("NOTES_CORS_ORIGINS", "http://app.notes.test"));

    assert!(!output.status.success());
    assert!(
        stderr.contains("list only the https:// origins"),
        "{stderr}"
    );
}

#[test]
fn production_with_a_key_file_serves_and_warns_about_unknown_notes_variables() {
    let dir = temp_dir();
    let key = key_file(dir.path());
    let mut child = notes(dir.path())
        .env("NOTES_ENV", "production")
        .env("NOTES_SECRET_KEY_FILE", &key)
        .env("NOTES_DATABSE_URL", "typo.sqlite3")
        .stderr(Stdio::piped())
        .spawn()
        .expect("notes starts");
    let stderr = child.stderr.take().expect("piped stderr");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });

    let mut seen = Vec::new();
    while let Ok(line) = received.recv_timeout(Duration::from_secs(60)) {
        let listening = line.contains("listening");
        seen.push(line);
        if listening {
            break;
        }
    }
    child.kill().expect("stop the server");
    child.wait().expect("reap the server");

    let log = seen.join("\n");
    assert!(log.contains("listening"), "{log}");
    assert!(log.contains("NOTES_DATABSE_URL"), "{log}");
}

#[test]
fn config_check_shows_each_value_and_where_it_came_from_with_secrets_redacted() {
    let dir = temp_dir();
    let file = dir.path().join("notes.toml");
    std::fs::write(
        &file,
        "access_token_lifetime = \"15m\"\nworkers = 3\nlisten = \"127.0.0.1:18501\"\n\
         trusted_proxies = [\"10.0.0.1\", \"10.0.0.2\"]\n",
    )
    .expect("write the file");

    let (output, stdout, stderr) = run(notes(dir.path())
        .args(["--config"])
        .arg(&file)
        .args(["--jwt-leeway", "10s", "config", "check"])
        .env("NOTES_SECRET_KEY", SECRET)
        .env("NOTES_LISTEN", "127.0.0.1:18502")
        .env("NOTES_SUPERUSER_PASSWORD", "superuser-password-42")
        .env("NOTES_TYPO", "1"));

    assert!(output.status.success(), "{stderr}");
    let line = |key: &str| {
        stdout
            .lines()
            .find(|line| line.split_whitespace().next() == Some(key))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line("access_token_lifetime").contains("15m  [file]"),
        "{stdout}"
    );
    assert!(
        line("trusted_proxies").contains("10.0.0.1,10.0.0.2  [file]"),
        "{stdout}"
    );
    assert!(
        line("listen").contains("127.0.0.1:18502  [environment (NOTES_LISTEN)]"),
        "{stdout}"
    );
    assert!(line("workers").contains("3  [file]"), "{stdout}");
    assert!(
        line("jwt_leeway").contains("10s  [command line]"),
        "{stdout}"
    );
    assert!(
        line("refresh_token_lifetime").contains("1d  [default]"),
        "{stdout}"
    );
    assert!(line("secret_key").contains("(redacted)"), "{stdout}");
    assert!(
        line("superuser_password").contains("(redacted)"),
        "{stdout}"
    );
    assert!(!stdout.contains(SECRET), "{stdout}");
    assert!(!stdout.contains("superuser-password-42"), "{stdout}");
    assert!(
        stdout.contains("unknown environment variables (ignored): NOTES_TYPO"),
        "{stdout}"
    );
}

#[test]
fn config_check_shows_a_postgres_url_without_its_password() {
    let dir = temp_dir();

    let (output, stdout, stderr) = run(notes(dir.path()).args(["config", "check"]).env(
        "NOTES_DATABASE_URL",
        "postgres://app:db-password-42@127.0.0.1/notes",
    ));

    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("postgres://app:***@127.0.0.1/notes"),
        "{stdout}"
    );
    assert!(!stdout.contains("db-password-42"), "{stdout}");
}

#[test]
fn a_typo_in_the_config_file_is_an_error_naming_the_key() {
    let dir = temp_dir();
    let file = dir.path().join("notes.toml");
    std::fs::write(&file, "databse_url = \"x.sqlite3\"\n").expect("write the file");

    let (output, _, stderr) = run(notes(dir.path())
        .env("NOTES_CONFIG", &file)
        .args(["config", "check"]));

    assert!(!output.status.success());
    assert!(stderr.contains("unknown key `databse_url`"), "{stderr}");
}

#[test]
fn an_invalid_value_in_the_config_file_names_the_option() {
    let dir = temp_dir();
    let file = dir.path().join("notes.toml");
    std::fs::write(&file, "access_token_lifetime = \"soon\"\n").expect("write the file");

    let (output, _, stderr) = run(notes(dir.path())
        .env("NOTES_CONFIG", &file)
        .args(["config", "check"]));

    assert!(!output.status.success());
    assert!(stderr.contains("access-token-lifetime"), "{stderr}");
    assert!(stderr.contains("soon"), "{stderr}");
}

#[test]
fn an_unreadable_tls_certificate_stops_start_up_naming_the_file() {
    let dir = temp_dir();

    let (output, _, stderr) = run(notes(dir.path())
        .env("NOTES_TLS_CERT_FILE", dir.path().join("missing-cert.pem"))
        .env("NOTES_TLS_KEY_FILE", dir.path().join("missing-key.pem")));

    assert!(!output.status.success());
    assert!(stderr.contains("missing-cert.pem"), "{stderr}");
}
