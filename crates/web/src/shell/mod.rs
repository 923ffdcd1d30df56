//! What every request passes through and every page is made with: the
//! running state ([`state::App`]), connections, the one layer that turns
//! failures into pages and adds the security headers, responses and their
//! cache, cookies, static assets, and the translations.

pub(crate) mod assets;
pub(crate) mod cache;
pub(crate) mod client;
pub mod conn;
pub(crate) mod cookies;
pub(crate) mod edge;
pub(crate) mod error;
pub(crate) mod escape;
pub(crate) mod i18n;
pub(crate) mod pagination;
pub(crate) mod respond;
pub(crate) mod security;
pub(crate) mod state;
