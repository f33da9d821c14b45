//! Serving HTTPS directly from a certificate and key.

use std::path::{Path, PathBuf};
use std::process::Command;

use notes_app::TlsFiles;
use notes_tests::{TestApp, spawn_app_with};
use serde_json::{Value, json};
use tempfile::TempDir;

/// A self-signed certificate for 127.0.0.1, made with the openssl command.
fn self_signed_certificate(dir: &Path) -> TlsFiles {
    let files = TlsFiles {
        cert_file: dir.join("cert.pem"),
        key_file: dir.join("key.pem"),
    };
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&files.key_file)
        .arg("-out")
        .arg(&files.cert_file)
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{made:?}");
    files
}

/// A server serving HTTPS with a fresh self-signed certificate.
struct HttpsApp {
    /// `https://127.0.0.1:PORT`
    origin: String,
    /// The certificate for curl to trust.
    ca: PathBuf,
    _app: TestApp,
    _dir: TempDir,
}

async fn spawn_https_app() -> HttpsApp {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = self_signed_certificate(dir.path());
    let ca = files.cert_file.clone();
    let app = spawn_app_with(|s| s.tls = Some(files)).await;
    HttpsApp {
        origin: app.address.replacen("http://", "https://", 1),
        ca,
        _app: app,
        _dir: dir,
    }
}

/// Runs curl off the async workers, trusting `ca`, and insists that it ran.
async fn curl(ca: &Path, args: Vec<String>) -> String {
    let mut command = Command::new("curl");
    command
        .args(["--silent", "--show-error", "--cacert"])
        .arg(ca)
        .args(args);

    let answered =
        actix_web::rt::task::spawn_blocking(move || command.output().expect("curl runs"))
            .await
            .expect("the curl thread finishes");
    assert!(answered.status.success(), "{answered:?}");
    String::from_utf8_lossy(&answered.stdout).into_owned()
}

impl HttpsApp {
    /// One JSON request to `path`: the status and the body (null when it is not JSON).
    async fn request(&self, path: &str, token: Option<&str>, body: Option<Value>) -> (u16, Value) {
        let mut args = vec!["--write-out".to_owned(), "\n%{http_code}".to_owned()];
        if let Some(token) = token {
            args.extend([
                "--header".to_owned(),
                format!("Authorization: Bearer {token}"),
            ]);
        }
        if let Some(body) = body {
            args.extend([
                "--header".to_owned(),
                "Content-Type: application/json".to_owned(),
            ]);
            args.extend(["--data".to_owned(), body.to_string()]);
        }
        args.push(format!("{}{path}", self.origin));

        let stdout = curl(&self.ca, args).await;
        let (body, status) = stdout.rsplit_once('\n').expect("a status line");
        let status = status.parse().expect("a status code");
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }
}

#[actix_web::test]
async fn with_a_certificate_and_key_the_api_is_served_over_https() {
    let https = spawn_https_app().await;
    let args = vec![
        "--write-out".to_owned(),
        "\n%{http_code} %{content_type}".to_owned(),
        format!("{}/api/notes/", https.origin),
    ];

    let stdout = curl(&https.ca, args).await;

    assert!(stdout.ends_with("401 application/problem+json"), "{stdout}");
}

#[actix_web::test]
async fn page_links_of_a_server_serving_tls_are_https() {
    let https = spawn_https_app().await;
    let account = json!({"username": "priya", "password": "pw-priya-correct-horse"});
    let (registered, _) = https
        .request("/api/register/", None, Some(account.clone()))
        .await;
    let (_, tokens) = https.request("/api/token/", None, Some(account)).await;
    let token = tokens["access"].as_str().expect("an access token");
    for title in ["first", "second"] {
        let note = json!({"title": title, "body": "a body"});
        let (created, _) = https.request("/api/notes/", Some(token), Some(note)).await;
        assert_eq!(created, 201);
    }

    let (listed, page) = https
        .request("/api/notes/?limit=1", Some(token), None)
        .await;

    assert_eq!((registered, listed), (201, 200), "{page}");
    let next = page["next"].as_str().unwrap_or_default();
    assert!(
        next.starts_with(&format!("{}/api/notes/?", https.origin)),
        "{page}"
    );
}
