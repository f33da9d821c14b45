//! A running server and a client bound to it.

use std::path::Path;
use std::time::Duration;

use actix_web::http::Method;
use awc::{Client, SendClientRequest};
use notes_app::{Application, KeySettings, KeySource, Settings};
use notes_auth::{KeyAlgorithm, TokenSettings};
use notes_http::{ConnectionSettings, CorsSettings};
use notes_testdb::TestPostgres;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::TestResponse;

/// Set to `postgres` to run the suite against a fresh PostgreSQL database per test (on the
/// server named by `NOTES_TEST_POSTGRES_URL`); anything else, or unset, means SQLite.
pub const BACKEND_VARIABLE: &str = "NOTES_TEST_BACKEND";

/// The signing key of every test server.
const TEST_KEY: &str = "end-to-end-test-signing-key-0123456789abcdef";

/// A server on a free loopback port with its own database, removed when dropped.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    client: Client,
    database: TestDatabase,
}

/// The database a test server was started on, removed when dropped.
enum TestDatabase {
    Sqlite { url: String, _dir: TempDir },
    Postgres(TestPostgres),
}

impl TestDatabase {
    /// A new empty database on the backend [`BACKEND_VARIABLE`] selects.
    fn create() -> Self {
        if std::env::var(BACKEND_VARIABLE).is_ok_and(|backend| backend == "postgres") {
            let server = TestPostgres::create().unwrap_or_else(|| {
                panic!("{BACKEND_VARIABLE}=postgres needs NOTES_TEST_POSTGRES_URL")
            });
            return Self::Postgres(server);
        }
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = dir
            .path()
            .join("notes.sqlite3")
            .to_string_lossy()
            .into_owned();
        Self::Sqlite { url, _dir: dir }
    }

    fn url(&self) -> &str {
        match self {
            Self::Sqlite { url, .. } => url,
            Self::Postgres(server) => server.url(),
        }
    }
}

/// A registered user with a fresh token pair.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// The user's id.
    pub id: i64,
    /// The username.
    pub username: String,
    /// The password.
    pub password: String,
    /// An access token.
    pub access: String,
    /// A refresh token.
    pub refresh: String,
}

impl TestUser {
    /// The same user holding another access token (a JSON string from a token response).
    pub fn with_access(&self, access: &Value) -> TestUser {
        let access = access.as_str().expect("an access token string").to_owned();
        TestUser {
            access,
            ..self.clone()
        }
    }
}

/// Starts a server with the default settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server after `customise` has adjusted its settings.
pub async fn spawn_app_with(customise: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::create();
    let mut settings = Settings {
        database_url: database.url().to_owned(),
        database_pool_size: 4,
        keys: KeySettings {
            algorithm: KeyAlgorithm::Hs256,
            source: KeySource::Inline(TEST_KEY.into()),
            retired: Vec::new(),
        },
        tokens: TokenSettings::default(),
        listen: "127.0.0.1:0".into(),
        workers: 1,
        body_limit: 1024 * 1024,
        header_limit: 16 * 1024,
        body_timeout: Duration::from_secs(30),
        hashing_parallelism: 2,
        hashing_queue: 64,
        sign_in_rate_per_address: None,
        sign_in_failures_per_account: None,
        register_rate_per_address: None,
        trusted_proxies: Vec::new(),
        refresh_cookie: false,
        cors: CorsSettings::default(),
        connections: ConnectionSettings::default(),
        tls: None,
        shutdown_grace: Duration::from_secs(30),
    };
    customise(&mut settings);

    let application = Application::build(&settings).expect("the server starts");
    let address = format!("http://127.0.0.1:{}", application.port());
    actix_web::rt::spawn(application.run_until_stopped());

    let client = Client::builder().timeout(Duration::from_secs(60)).finish();
    TestApp {
        address,
        client,
        database,
    }
}

impl TestApp {
    /// The URL of the server's database: a SQLite path or a PostgreSQL URL.
    pub fn database_url(&self) -> &str {
        self.database.url()
    }

    /// Cuts the server off from its database, or connects it again: the SQLite file is
    /// moved away from its path (connections opened before still reach it, as with a volume
    /// that went away), or PostgreSQL ends every connection and refuses new ones.
    pub fn set_database_reachable(&self, reachable: bool) {
        match &self.database {
            TestDatabase::Sqlite { url, .. } => {
                let path = Path::new(url);
                let moved_away = path.with_extension("moved-away");
                let (from, to) = if reachable {
                    (moved_away.as_path(), path)
                } else {
                    (path, moved_away.as_path())
                };
                std::fs::rename(from, to).expect("move the database file");
            }
            TestDatabase::Postgres(server) => server.set_reachable(reachable),
        }
    }

    /// Runs one SQL statement on the server's database behind the API (to break it on
    /// purpose, for instance) and returns the rows it touched. Write it in SQL both
    /// backends accept (`TRUE`, not `1`).
    pub fn execute_sql(&self, sql: &str) -> usize {
        use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection, sql_query};
        let executed = match &self.database {
            TestDatabase::Sqlite { url, .. } => SqliteConnection::establish(url)
                .map_err(|e| e.to_string())
                .and_then(|mut conn| sql_query(sql).execute(&mut conn).map_err(|e| e.to_string())),
            TestDatabase::Postgres(server) => PgConnection::establish(server.url())
                .map_err(|e| e.to_string())
                .and_then(|mut conn| sql_query(sql).execute(&mut conn).map_err(|e| e.to_string())),
        };
        executed.unwrap_or_else(|error| panic!("{sql}: {error}"))
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> TestResponse {
        self.request_with_headers(method, path, token, &[], body)
            .await
    }

    /// Sends a request as [`TestApp::request`] does, with extra headers.
    pub async fn request_with_headers(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> TestResponse {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        match body {
            Some(body) => read(request.send_json(body)).await,
            None => read(request.send()).await,
        }
    }

    /// Sends raw bytes with the given headers.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> TestResponse {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        read(request.send_body(body)).await
    }

    /// `POST /api/register/`
    pub async fn register(
        &self,
        username: &str,
        password: &str,
        email: Option<&str>,
    ) -> TestResponse {
        let mut body = json!({"username": username, "password": password});
        if let Some(email) = email {
            body["email"] = json!(email);
        }
        self.request(Method::POST, "/api/register/", None, Some(&body))
            .await
    }

    /// `POST /api/token/`
    pub async fn obtain_token(&self, username: &str, password: &str) -> TestResponse {
        let body = json!({"username": username, "password": password});
        self.request(Method::POST, "/api/token/", None, Some(&body))
            .await
    }

    /// `POST /api/token/refresh/`
    pub async fn refresh(&self, refresh: &str) -> TestResponse {
        let body = json!({"refresh": refresh});
        self.request(Method::POST, "/api/token/refresh/", None, Some(&body))
            .await
    }

    /// Registers `username` and signs in; panics if either fails.
    pub async fn new_user(&self, username: &str) -> TestUser {
        let password = format!("pw-{username}-correct-horse");
        let registered = self.register(username, &password, None).await;
        assert_eq!(registered.status, 201, "{registered:?}");
        let tokens = self.obtain_token(username, &password).await;
        assert_eq!(tokens.status, 200, "{tokens:?}");
        let tokens = tokens.json();
        TestUser {
            id: registered.json()["id"].as_i64().expect("an integer id"),
            username: username.to_owned(),
            password,
            access: tokens["access"].as_str().expect("access").to_owned(),
            refresh: tokens["refresh"].as_str().expect("refresh").to_owned(),
        }
    }

    /// `POST /api/notes/`
    pub async fn create_note(&self, user: &TestUser, title: &str, body: &str) -> TestResponse {
        let note = json!({"title": title, "body": body});
        self.request(Method::POST, "/api/notes/", Some(&user.access), Some(&note))
            .await
    }

    /// Creates a note; panics unless it is created. Returns its JSON.
    pub async fn new_note(&self, user: &TestUser, title: &str) -> Value {
        let created = self.create_note(user, title, "a body").await;
        assert_eq!(created.status, 201, "{created:?}");
        created.json()
    }

    /// `GET /api/notes/`
    pub async fn list_notes(&self, user: &TestUser) -> TestResponse {
        self.request(Method::GET, "/api/notes/", Some(&user.access), None)
            .await
    }

    /// Any method on `/api/notes/{id}/`.
    pub async fn on_note(
        &self,
        method: Method,
        user: &TestUser,
        id: &Value,
        body: Option<&Value>,
    ) -> TestResponse {
        let path = format!("/api/notes/{id}/");
        self.request(method, &path, Some(&user.access), body).await
    }
}

/// Sends the request and reads the whole response.
async fn read(sent: SendClientRequest) -> TestResponse {
    let mut response = sent.await.expect("the server answers");
    let body = response
        .body()
        .limit(16 * 1024 * 1024)
        .await
        .expect("a readable body");
    TestResponse {
        status: response.status(),
        headers: response.headers().clone(),
        body: body.to_vec(),
    }
}
