//! What every request passes through and every page is made with:
//! connections, the one layer that turns failures into pages and adds the
//! security headers, responses and their cache, static assets, and the
//! translations.

pub mod assets;
pub mod cache;
pub mod client;
pub mod conn;
pub mod edge;
pub mod error;
pub mod escape;
pub mod i18n;
pub mod pagination;
pub mod respond;
pub mod security;
#[cfg(target_os = "linux")]
pub mod sendfile;
pub mod shelf;
