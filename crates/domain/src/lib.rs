//! Inferno's domain: the records the platform publishes, the taxonomies they use,
//! and the validation that turns untrusted input (CSV rows, Markdown documents)
//! into those records.
//!
//! This crate does no I/O. Storage, the web layer and the command line all build
//! on these types, so a rule about what a valid record is lives here once.

pub mod action;
pub mod catalog;
pub mod dataset;
pub mod date;
pub mod document;
pub mod id;
pub mod import;
pub mod intake;
pub mod kind;
pub mod lang;
pub mod model;
pub mod network;
pub mod problem;
pub mod staff;
pub mod taxonomy;
pub mod vocabulary;
pub mod wording;

pub use action::AuditAction;
pub use catalog::{AbuseEvidence, Catalog, GridCell, KeyFigures, SiteQuery, SiteSort};
pub use date::{Month, PartialDate};
pub use id::Id;
pub use kind::{Column, Input, Kind};
pub use lang::{Lang, LocalText};
pub use model::*;
pub use problem::{Problem, RowError};
pub use staff::{Permission, Role, check_username};
pub use taxonomy::*;
pub use vocabulary::VocabularyName;
