//! Errors as pages: the status and a message in words, in the dashboard's shell. The message
//! is the API's (which never shows internals: an internal error names only the reference under
//! which the server logged it).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;

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
