//! The public site: its pages, the JSON API, the open data downloads, the
//! sitemap and the static mirror, all rendered from the snapshot of the
//! published records that [`crate::shell::state::App`] keeps.

pub mod api;
pub mod downloads;
pub(crate) mod map;
pub(crate) mod markdown;
pub mod mirror;
pub(crate) mod pages;
pub(crate) mod sitemap;
