//! Errors as pages: the status and a message in words, in the dashboard's shell. The message
//! is the API's (which never shows internals: an internal error names only the reference under
//! which the server logged it).

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::de::DeserializeOwned;

use super::layout::{Nav, shell};
use crate::error::ApiError;

/// A page that could not be shown.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
}

impl PageError {
    pub fn not_found(message: impl Into<String>) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> PageError {
        // An internal error's message names only the reference under which it was logged.
        PageError {
            status: error.status,
            message: error.body.message,
        }
    }
}

/// A page's query string (`?version=2`), refused as an error page (400, in words) rather than
/// axum's plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageQuery<T>(pub T);

/// A page's query, and what it takes in words (said when it cannot be read).
pub trait QueryUsage {
    /// Such as "`?version=` takes a version number: 1, 2, …".
    const USAGE: &'static str;
}

impl<S: Send + Sync, T: DeserializeOwned + QueryUsage> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        match crate::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(crate::extract::Query(value)) => Ok(PageQuery(value)),
            Err(_) => Err(PageError {
                status: StatusCode::BAD_REQUEST,
                message: format!(
                    "The address's query \"?{}\" cannot be read: {}.",
                    parts.uri.query().unwrap_or_default(),
                    T::USAGE
                ),
            }),
        }
    }
}

/// A page's path parameters, refused as an error page.
#[derive(Debug, Clone, Copy, Default)]
pub struct PagePath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PagePath<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        crate::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|crate::extract::Path(value)| PagePath(value))
            .map_err(PageError::from)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let heading = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            status if status.is_client_error() => "This cannot be shown",
            _ => "Something went wrong",
        };
        let body = html! {
            header {
                div.kicker { "relaunch · " (self.status.as_u16()) }
                h1 { (heading) }
            }
            p.error-message { (self.message) }
            p { a href="/" { "Back to the programmes" } }
        };
        let page = shell(heading, Nav::None, body);
        (self.status, Html(page)).into_response()
    }
}
