//! The one way an API request fails: a JSON body that says why, and for a
//! bad parameter, which one.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    /// A query parameter that is not understood, or out of range.
    BadParam { param: String, message: String },
    /// No such record, or no such endpoint.
    NotFound(String),
    /// Anything but GET, HEAD or OPTIONS.
    MethodNotAllowed,
}

impl ApiError {
    pub fn bad(param: &str, message: impl Into<String>) -> ApiError {
        ApiError::BadParam { param: param.to_owned(), message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, param, message) = match self {
            ApiError::BadParam { param, message } => (StatusCode::BAD_REQUEST, "bad_parameter", Some(param), message),
            ApiError::NotFound(what) => (StatusCode::NOT_FOUND, "not_found", None, what),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                None,
                "the API is read-only: GET, HEAD and OPTIONS".to_owned(),
            ),
        };
        let body =
            json!({ "error": { "status": status.as_u16(), "code": code, "parameter": param, "message": message } });
        let mut r = (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::METHOD_NOT_ALLOWED {
            h.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        }
        r
    }
}
