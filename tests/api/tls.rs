//! Serving HTTPS directly from a certificate and key.

use std::path::Path;
use std::process::Command;

use notes_app::TlsFiles;
use notes_tests::spawn_app_with;

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

#[actix_web::test]
async fn with_a_certificate_and_key_the_api_is_served_over_https() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = self_signed_certificate(dir.path());
    let ca = files.cert_file.clone();
    let app = spawn_app_with(|s| s.tls = Some(files)).await;
    let url = format!(
        "{}/api/notes/",
        app.address.replacen("http://", "https://", 1)
    );

    let answered = actix_web::rt::task::spawn_blocking(move || {
        Command::new("curl")
            .args(["--silent", "--show-error", "--cacert"])
            .arg(&ca)
            .args(["--write-out", "\n%{http_code} %{content_type}", &url])
            .output()
            .expect("curl runs")
    })
    .await
    .expect("the curl thread finishes");

    assert!(answered.status.success(), "{answered:?}");
    let stdout = String::from_utf8_lossy(&answered.stdout);
    assert!(stdout.ends_with("401 application/problem+json"), "{stdout}");
}
