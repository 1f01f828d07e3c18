//! A server on a fresh store, driven without a socket (`tower::ServiceExt::oneshot`), and the
//! helpers the tests share: requests with and without the token, JSON answers, waiting for a
//! job, reading its events.

use std::path::PathBuf;
use std::time::Duration;

/// How many times a test polls (20 to 50 ms apart) before it calls something hung: a guard
/// against a test that never ends, not a measure of speed (a busy machine may be slow).
pub const POLLS: u32 = 30_000;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use relaunch_app::tracking::StoreHandle;
use relaunch_server::{JobLimits, Server, Token};
use relaunch_store::testing::{self, TestStore};
use serde_json::Value;
use tower::ServiceExt;

/// The token of the test servers.
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// Which store a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A server on a store of its own. Fields drop in order: the runtime (and the tasks holding
/// the store) first, then the server's store handle, then the store's file or database.
pub struct Harness {
    pub runtime: tokio::runtime::Runtime,
    pub app: Router,
    pub _server: Server,
    pub _store: TestStore,
}

impl Harness {
    /// A server on a new SQLite store.
    pub fn new() -> Harness {
        Harness::on(Backend::Sqlite, JobLimits::default()).expect("SQLite is always there")
    }

    /// A server on a new store of `backend` (`None`: no PostgreSQL server to test on, which
    /// `relaunch_store::testing` reports).
    pub fn on(backend: Backend, limits: JobLimits) -> Option<Harness> {
        let store = match backend {
            Backend::Sqlite => testing::sqlite(),
            Backend::Postgres => testing::postgres()?,
        };
        let handle = StoreHandle::open(&store.url).expect("the store opens");
        let mut server = Server::new(handle, Token::new(TOKEN), limits, "test");
        server.threads = 2;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        Some(Harness {
            runtime,
            app: relaunch_server::app(server.clone()),
            _server: server,
            _store: store,
        })
    }

    /// Sends `request`; the status, headers and body.
    pub fn send(&self, request: Request<Body>) -> Answer {
        self.runtime.block_on(async {
            let response = self
                .app
                .clone()
                .oneshot(request)
                .await
                .expect("the router answers");
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .into_body()
                .collect()
                .await
                .expect("the body is read")
                .to_bytes()
                .to_vec();
            Answer {
                status,
                headers,
                body,
            }
        })
    }

    pub fn get(&self, uri: &str) -> Answer {
        self.send(request(Method::GET, uri, None, None, Vec::new()))
    }

    /// A write with the token.
    pub fn write(&self, method: Method, uri: &str, content_type: &str, body: Vec<u8>) -> Answer {
        self.send(request(method, uri, Some(TOKEN), Some(content_type), body))
    }

    pub fn post_json(&self, uri: &str, body: &Value) -> Answer {
        self.write(
            Method::POST,
            uri,
            "application/json",
            serde_json::to_vec(body).unwrap(),
        )
    }

    pub fn post_toml(&self, uri: &str, text: &str) -> Answer {
        self.write(
            Method::POST,
            uri,
            "application/toml",
            text.as_bytes().to_vec(),
        )
    }

    /// Saves the example scenario `file` as a programme; its name.
    pub fn programme(&self, file: &str) -> String {
        let answer = self.post_toml("/api/v1/programmes", &example(file));
        assert!(
            answer.status == StatusCode::CREATED || answer.status == StatusCode::OK,
            "{answer:?}"
        );
        answer.json()["programme"]["name"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Imports the example actuals `file` (CSV) into programme `name`.
    pub fn import(&self, name: &str, file: &str) -> Value {
        let answer = self.write(
            Method::POST,
            &format!("{}/actuals", programme_url(name)),
            "text/csv",
            std::fs::read(repo_root().join(file)).unwrap(),
        );
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        answer.json()
    }

    /// Waits for job `id` to finish; the job with its result.
    pub fn wait(&self, id: &str) -> Value {
        let mut polls = 0u32;
        loop {
            let job = self.get(&format!("/api/v1/jobs/{id}")).json();
            let state = job["state"].as_str().unwrap().to_string();
            if ["succeeded", "failed", "cancelled"].contains(&state.as_str()) {
                return job;
            }
            polls += 1;
            assert!(polls < POLLS, "job {id} still {state}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts a job with `POST uri body`; its id.
    pub fn start(&self, uri: &str, body: &Value) -> String {
        let answer = self.post_json(uri, body);
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{answer:?}");
        let job = answer.json();
        assert_eq!(
            answer.headers.get(header::LOCATION).unwrap(),
            &format!("/api/v1/jobs/{}", job["id"].as_str().unwrap())
        );
        job["id"].as_str().unwrap().to_string()
    }
}

/// A request; `token` adds `Authorization: Bearer`.
pub fn request(
    method: Method,
    uri: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder.body(Body::from(body)).unwrap()
}

/// An answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, String::from_utf8_lossy(&self.body))
    }
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {self:?}"))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }

    /// Asserts an error answer of `status` with `error` code; its body.
    pub fn error(&self, status: StatusCode, code: &str) -> Value {
        assert_eq!(self.status, status, "{self:?}");
        let body = self.json();
        assert_eq!(body["error"], code, "{self:?}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
        body
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The text of an example file.
pub fn example(file: &str) -> String {
    std::fs::read_to_string(repo_root().join(file)).unwrap()
}

/// The API's address of programme `name`.
pub fn programme_url(name: &str) -> String {
    relaunch_server::api::views::programme_url(name)
}
