//! A real `notes serve` process for the binary's integration tests.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::{Value, json};

/// The signing key of every test server.
pub const SECRET: &str = "admin-cli-test-signing-key-0123456789abcdef";

/// A `notes serve` process on a free loopback port, killed when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// The port it listens on.
    pub port: u16,
    /// Every line it has logged since it started listening (JSON, one event a line).
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `notes serve` on `database` (a SQLite path or a PostgreSQL URL) and waits
    /// until it listens.
    pub fn start(database: impl AsRef<OsStr>) -> Self {
        Self::start_with(database, &[])
    }

    /// [`Server::start`] with more `serve` flags.
    pub fn start_with(database: impl AsRef<OsStr>, flags: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_notes"))
            .args(["serve", "--listen", "127.0.0.1:0", "--workers", "2"])
            .args(flags)
            .env("NOTES_DATABASE_URL", database.as_ref())
            .env("NOTES_SECRET_KEY", SECRET)
            .env("NOTES_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("the server logs that it listens")
                .expect("a log line");
            if let Some(port) = listening_port(&line) {
                break port;
            }
        };
        // Keep draining the log so that the server never blocks on a full pipe.
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&log);
        thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().expect("the log lock").push(line);
            }
        });
        Self { child, port, log }
    }

    /// A handle on a server another test started, for requests only.
    pub fn attach(port: u16) -> Probe {
        Probe { port }
    }

    /// Sends one request and returns the status and the JSON body (`null` when empty).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        Self::attach(self.port)
            .try_request(method, path, token, body)
            .expect("the server answers")
    }

    /// Registers `username` and returns an access token.
    pub fn new_user(&self, username: &str) -> String {
        let credentials = json!({"username": username, "password": "correct-horse-battery-9"});
        let (status, _) = self.request("POST", "/api/register/", None, Some(&credentials));
        assert_eq!(status, 201);
        let (status, tokens) = self.request("POST", "/api/token/", None, Some(&credentials));
        assert_eq!(status, 200);
        tokens["access"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }
}

impl Drop for Server {
    /// Kills the process; when the test is failing, prints what the server logged.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking()
            && let Ok(lines) = self.log.lock()
        {
            eprintln!("server log:\n{}", lines.join("\n"));
        }
    }
}

/// The port of the JSON `listening` log line's `http://HOST:PORT` address.
fn listening_port(line: &str) -> Option<u16> {
    let event: Value = serde_json::from_str(line).ok()?;
    if event["message"] != "listening" {
        return None;
    }
    event["address"].as_str()?.rsplit(':').next()?.parse().ok()
}

/// Sends requests to a server without owning its process.
pub struct Probe {
    port: u16,
}

impl Probe {
    /// Sends one request; `None` when the connection fails or breaks (a server killed
    /// mid-request), otherwise the status and the JSON body.
    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Option<(u16, Value)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        stream
            .write_all(format!("{head}\r\n{body}").as_bytes())
            .ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let status = response.split(' ').nth(1)?.parse().ok()?;
        let json = response
            .split_once("\r\n\r\n")
            .and_then(|(_, body)| serde_json::from_str(body).ok())
            .unwrap_or(Value::Null);
        Some((status, json))
    }
}
