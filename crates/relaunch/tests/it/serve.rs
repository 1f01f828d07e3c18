//! The server and the command line on one store agree: the Kaluga scenario saved and its
//! actuals uploaded through the API, then `status`, `forecast` and `history` through the API
//! give the documents the CLI prints for the same store (a forecast's `perf` block aside), on
//! SQLite and on PostgreSQL. And `relaunch serve` itself: it starts, answers, and stops on
//! SIGTERM, cancelling the run it was running.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// How many times the test polls (20 to 50 ms apart) before it calls the server hung: a guard
/// against a test that never ends, not a measure of speed.
const POLLS: u32 = 30_000;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use relaunch_app::tracking::StoreHandle;
use relaunch_server::{JobLimits, Server, Token};
use relaunch_store::testing::{self, TestStore};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::support::{relaunch, repo_root, stdout_of};

const KALUGA: &str = "examples/kaluga.toml";
const TOKEN: &str = "parity-token-0123456789";

/// A server on `store`, driven without a socket.
struct Api {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
    _server: Server,
}

impl Api {
    fn on(store: &TestStore) -> Api {
        let handle = StoreHandle::open(&store.url).expect("the store opens");
        let server = Server::new(handle, Token::new(TOKEN), JobLimits::default(), "test");
        Api {
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap(),
            app: relaunch_server::app(server.clone()),
            _server: server,
        }
    }

    fn send(
        &self,
        method: Method,
        uri: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        self.runtime.block_on(async {
            let response = self.app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            let value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| panic!("{status}: {}", String::from_utf8_lossy(&bytes)));
            (status, value)
        })
    }

    fn get(&self, uri: &str) -> Value {
        let (status, value) = self.send(Method::GET, uri, "application/json", Vec::new());
        assert_eq!(status, StatusCode::OK, "{value}");
        value
    }

    fn wait(&self, id: &str) -> Value {
        let mut polls = 0u32;
        loop {
            let job = self.get(&format!("/api/v1/jobs/{id}"));
            if job["state"] != "queued" && job["state"] != "running" {
                return job;
            }
            polls += 1;
            assert!(polls < POLLS, "{job}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn cli_json(db: &str, args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", db, "--json"]);
    serde_json::from_str(&stdout_of(&relaunch(&all))).expect("JSON on stdout")
}

fn without_perf(mut document: Value) -> Value {
    document.as_object_mut().unwrap().remove("perf");
    document
}

fn api_and_cli_agree(store: &TestStore) {
    let api = Api::on(store);
    let db = store.url.as_str();
    let text = std::fs::read(repo_root().join(KALUGA)).unwrap();
    let (status, saved) = api.send(Method::POST, "/api/v1/programmes", "application/toml", text);
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    let programme = saved["programme"]["links"]["self"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = std::fs::read(repo_root().join("examples/actuals/kaluga.csv")).unwrap();
    let (status, imported) = api.send(
        Method::POST,
        &format!("{programme}/actuals"),
        "text/csv",
        csv,
    );
    assert_eq!(status, StatusCode::OK, "{imported}");

    // The CLI reads the same programme (the file is the version saved through the API).
    let api_status = api.get(&format!("{programme}/status"));
    assert_eq!(api_status, cli_json(db, &["status", KALUGA]));
    let api_status = api.get(&format!("{programme}/status?as_of=2024-03-29"));
    assert_eq!(
        api_status,
        cli_json(db, &["status", KALUGA, "--as-of", "2024-03-29"])
    );

    // A forecast through the API and one through the CLI: the same document.
    let (status, job) = api.send(
        Method::POST,
        &format!("{programme}/forecasts"),
        "application/json",
        serde_json::to_vec(&json!({ "replications": 40, "as_of": "2024-03-29" })).unwrap(),
    );
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let job = api.wait(job["id"].as_str().unwrap());
    assert_eq!(job["state"], "succeeded", "{job}");
    let cli = cli_json(
        db,
        &[
            "forecast",
            KALUGA,
            "-n",
            "40",
            "--as-of",
            "2024-03-29",
            "--progress",
            "none",
        ],
    );
    assert_eq!(
        without_perf(job["result"]["document"].clone()),
        without_perf(cli)
    );

    // Both are stored: the history reads the same either way.
    let history = api.get(&format!("{programme}/forecasts"));
    assert_eq!(
        history["forecasts"].as_array().unwrap().len(),
        2,
        "{history}"
    );
    assert_eq!(history, cli_json(db, &["history", KALUGA]));
    // And the status now refers to the last forecast, either way.
    assert_eq!(
        api.get(&format!("{programme}/status")),
        cli_json(db, &["status", KALUGA])
    );
}

#[test]
fn the_api_and_the_cli_agree_on_sqlite() {
    api_and_cli_agree(&testing::sqlite());
}

#[test]
fn the_api_and_the_cli_agree_on_postgres() {
    if let Some(store) = testing::postgres() {
        api_and_cli_agree(&store);
    }
}

/// One HTTP/1.1 request to `addr`; the status line and the body.
fn http(addr: &str, request: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_starts_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relaunch.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_relaunch"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .env_remove("RELAUNCH_TOKEN")
        .current_dir(repo_root())
        .stderr(Stdio::piped())
        .spawn()
        .expect("relaunch serve starts");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    // "relaunch serve: listening on http://127.0.0.1:PORT/ (...)"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let mut token_line = String::new();
    stderr.read_line(&mut token_line).unwrap();
    let token = token_line
        .split("Bearer ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .unwrap_or_else(|| panic!("no token in {token_line:?}"))
        .to_string();
    assert_eq!(token.len(), 64, "{token_line}");

    let (status, body) = http(
        &addr,
        &format!("GET /api/v1/programmes HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert!(status.contains("200"), "{status} {body}");
    let scenario = std::fs::read_to_string(repo_root().join("examples/textbook/mm1.toml")).unwrap();
    let (status, _) = http(
        &addr,
        &format!(
            "POST /api/v1/programmes HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{scenario}",
            scenario.len()
        ),
    );
    assert!(status.contains("401"), "{status}");
    let (status, _) = http(
        &addr,
        &format!(
            "POST /api/v1/programmes HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n{scenario}",
            scenario.len()
        ),
    );
    assert!(status.contains("201"), "{status}");

    // A run far longer than the test (20,000 replications), running when the signal comes.
    let run =
        r#"{"programme": "Textbook: M/M/1, rho = 0.8", "replications": 20000, "tornado": false}"#;
    let (status, body) = http(
        &addr,
        &format!(
            "POST /api/v1/simulate HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{run}",
            run.len()
        ),
    );
    assert!(status.contains("202"), "{status} {body}");
    let job: Value = serde_json::from_str(&body).unwrap();
    let job = job["links"]["self"].as_str().unwrap().to_string();
    let mut polls = 0u32;
    loop {
        let (_, body) = http(
            &addr,
            &format!("GET {job} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
        );
        let state: Value = serde_json::from_str(&body).unwrap();
        if state["state"] == "running" {
            break;
        }
        assert_eq!(state["state"], "queued", "{state}");
        polls += 1;
        assert!(polls < POLLS, "{state}");
        std::thread::sleep(Duration::from_millis(20));
    }

    // SIGTERM: the run is cancelled, it stops soon, exit 0, and says so.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut polls = 0u32;
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        polls += 1;
        assert!(polls < POLLS, "serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(exit.success(), "{exit}: {rest}");
    assert!(rest.contains("cancelling the jobs"), "{rest}");
    assert!(rest.contains("stopped"), "{rest}");
    // The store kept what was written.
    let store = relaunch_store::BlockingStore::open(db.to_str().unwrap()).unwrap();
    assert_eq!(store.programmes().unwrap(), ["Textbook: M/M/1, rho = 0.8"]);
}

#[test]
fn serve_refuses_a_short_token() {
    let output = Command::new(env!("CARGO_BIN_EXE_relaunch"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db", ":memory:"])
        .env("RELAUNCH_TOKEN", "short")
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("at least 16"), "{stderr}");
}
