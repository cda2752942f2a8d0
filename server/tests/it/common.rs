//! A real `baton` process on a free port with a fresh database, for tests.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The `baton` binary Cargo built for these tests.
pub fn baton() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baton"));
    cmd.env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ADDR")
        .env("RUST_LOG", "off")
        .stdin(Stdio::null());
    cmd
}

/// Runs `baton` with extra environment and arguments, and waits for it to exit.
pub fn run_baton(envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = baton();
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("baton runs")
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running Baton server, stopped when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The `DATABASE_URL` it uses.
    pub database_url: String,
    /// The temporary folder holding its database.
    pub dir: tempfile::TempDir,
    child: Child,
}

impl TestServer {
    /// Starts `baton serve` on a fresh database and waits until `/healthz` answers.
    pub async fn start(extra_args: &[&str]) -> TestServer {
        TestServer::start_with(&[], extra_args).await
    }

    /// [`TestServer::start`] with extra environment variables.
    pub async fn start_with(envs: &[(&str, &str)], extra_args: &[&str]) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let db_path: PathBuf = dir.path().join("baton.db");
        let database_url = format!("sqlite://{}", db_path.display());
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let child = baton()
            .env("DATABASE_URL", &database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .envs(envs.iter().copied())
            .arg("serve")
            .args(extra_args)
            .stdout(Stdio::null())
            .spawn()
            .expect("baton starts");
        let server = TestServer {
            base,
            database_url,
            dir,
            child,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = reqwest::Client::new();
        loop {
            if let Ok(r) = client.get(server.url("/healthz")).send().await {
                if r.status().is_success() {
                    server.settled().await;
                    return server;
                }
            }
            assert!(
                Instant::now() < deadline,
                "baton did not become healthy within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the SLA scheduler has fired everything due (the demo's overdue approvals
    /// are escalated by its first tick), so tests see items that no longer change by themselves.
    pub async fn settled(&self) {
        let options = app::db::connect_options(&self.database_url)
            .expect("url")
            .read_only(true);
        let Ok(pool) = sqlx::SqlitePool::connect_with(options).await else {
            return;
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let due: Result<i64, _> = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sla_timers WHERE fired_at IS NULL AND due_at <= $1",
            )
            .bind(chrono::Utc::now())
            .fetch_one(&pool)
            .await;
            if matches!(due, Ok(0) | Err(_)) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the SLA scheduler did not catch up within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        pool.close().await;
    }

    /// An absolute URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = app::demo::DEMO_PASSWORD;

impl TestServer {
    /// Calls a server function with a form-encoded body, as a browser form would.
    pub async fn call_form(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function with a JSON body.
    pub async fn call_json(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", &self.base)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Signs in and returns the session token the server set.
    pub async fn sign_in(&self, email: &str, password: &str) -> Option<String> {
        let client = no_redirects();
        let response = self
            .call_form(
                &client,
                "sign_in",
                &[("email", email), ("password", password)],
            )
            .await;
        session_cookie(&response)
    }
}

/// A client that does not follow redirects and keeps no cookies of its own.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The session token a response sets, if it sets one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("baton_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .filter(|v| !v.is_empty())
}

/// A client that sends `token` as its session cookie on every request.
pub fn client_with(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("baton_session={token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A client signed in as a demo person.
pub async fn signed_in(server: &TestServer, email: &str) -> reqwest::Client {
    client_with(
        &server
            .sign_in(email, DEMO_PASSWORD)
            .await
            .expect("demo sign-in"),
    )
}

/// Calls a server function with a JSON body; returns the status and the answer (as JSON when
/// it parses, else as a string).
pub async fn call_status(
    server: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let response = server.call_json(client, endpoint, &body).await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Calls a server function that must succeed; returns its JSON answer.
pub async fn call(
    server: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let response = server.call_json(client, endpoint, &body).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{endpoint}: {status} {text}");
    serde_json::from_str(&text).unwrap()
}

/// Reads a server-sent event stream until `needle` shows (5 s at most); returns what it read.
pub async fn read_until(response: &mut reqwest::Response, needle: &str) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !seen.contains(needle) {
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            _ => panic!("no {needle:?} in the stream; got {seen:?}"),
        }
    }
    seen
}
