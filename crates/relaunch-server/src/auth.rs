//! Who may write: every request that is not a read (`GET`, `HEAD`, `OPTIONS`) needs
//! `Authorization: Bearer TOKEN` with the server's token, else 401. Reads need nothing.
//!
//! The token comes from `--token-file` (its content, surrounding whitespace trimmed), else
//! `RELAUNCH_TOKEN`; without either the server makes one (32 random bytes as hex) and prints it
//! when it starts. Tokens are compared in constant time: both sides are hashed (SHA-256) and
//! the digests compared byte by byte without an early exit, so neither the length nor the first
//! differing byte shows in the time taken.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// The environment variable that holds the token.
pub const TOKEN_VAR: &str = "RELAUNCH_TOKEN";

/// The shortest token accepted from a file or the environment.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The server's token (only its digest is kept for comparing).
#[derive(Clone)]
pub struct Token {
    digest: Arc<[u8; 32]>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

impl Token {
    pub fn new(secret: &str) -> Token {
        Token {
            digest: Arc::new(digest(secret.as_bytes())),
        }
    }

    /// Whether `offered` is the token, in time independent of where they differ.
    pub fn matches(&self, offered: &str) -> bool {
        let offered = digest(offered.as_bytes());
        let difference = self
            .digest
            .iter()
            .zip(offered.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(difference) == 0
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    let mut digest = [0u8; 32];
    digest.copy_from_slice(&Sha256::digest(bytes));
    digest
}

/// Where the token came from, for the start-up message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOrigin {
    File,
    Environment,
    Generated,
}

/// The token: from `file` when given, else from `env` (`RELAUNCH_TOKEN`), else a new random
/// one. An unreadable file or a token shorter than [`MIN_TOKEN_CHARS`] is an error in words.
pub fn resolve_token(
    file: Option<&std::path::Path>,
    env: Option<String>,
) -> Result<(String, TokenOrigin), String> {
    let (secret, origin) = match (file, env) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                format!("cannot read the token file {}: {error}", path.display())
            })?;
            (text.trim().to_string(), TokenOrigin::File)
        }
        (None, Some(value)) if !value.trim().is_empty() => {
            (value.trim().to_string(), TokenOrigin::Environment)
        }
        _ => return Ok((random_hex(32), TokenOrigin::Generated)),
    };
    if secret.chars().count() < MIN_TOKEN_CHARS {
        let from = match origin {
            TokenOrigin::File => "the token file",
            _ => TOKEN_VAR,
        };
        return Err(format!(
            "the token in {from} is {} characters; use at least {MIN_TOKEN_CHARS} (such as the \
             output of `openssl rand -hex 32`)",
            secret.chars().count()
        ));
    }
    if secret.chars().any(|c| c.is_control() || c == ' ') {
        return Err("the token must be one word of printable characters".to_string());
    }
    Ok((secret, origin))
}

/// `bytes` random bytes from the operating system, as lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).expect("the operating system gives random bytes");
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The middleware: reads pass, writes need the bearer token.
pub async fn require_token_for_writes(
    State(token): State<Token>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let offered = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, rest) = value.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| rest.trim().to_string())
        });
    match offered {
        Some(offered) if token.matches(&offered) => next.run(request).await,
        found => {
            let message = if found.is_some() {
                "the bearer token is not the server's token"
            } else {
                "this request writes: send `Authorization: Bearer TOKEN` with the server's token \
                 (RELAUNCH_TOKEN, --token-file, or the one printed when the server started)"
            };
            let mut response =
                ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message).into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"relaunch\""),
            );
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_only_themselves() {
        let token = Token::new("0123456789abcdef0123");
        assert!(token.matches("0123456789abcdef0123"));
        assert!(!token.matches("0123456789abcdef0124"));
        assert!(!token.matches(""));
        assert!(!token.matches("0123456789abcdef01234"));
        assert_eq!(format!("{token:?}"), "Token(***)");
    }

    #[test]
    fn tokens_come_from_a_file_the_environment_or_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token");
        std::fs::write(&file, "  file-token-of-some-length\n").unwrap();
        assert_eq!(
            resolve_token(Some(&file), Some("environment-token-long".into())),
            Ok(("file-token-of-some-length".to_string(), TokenOrigin::File))
        );
        assert_eq!(
            resolve_token(None, Some("environment-token-long".into())),
            Ok((
                "environment-token-long".to_string(),
                TokenOrigin::Environment
            ))
        );
        let (made, origin) = resolve_token(None, Some(" ".into())).unwrap();
        assert_eq!((made.len(), origin), (64, TokenOrigin::Generated));
        assert!(
            resolve_token(None, Some("short".into()))
                .unwrap_err()
                .contains("at least 16")
        );
        assert!(
            resolve_token(Some(&dir.path().join("missing")), None)
                .unwrap_err()
                .contains("cannot read the token file")
        );
    }
}
