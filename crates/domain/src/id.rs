//! Stable public identifiers.

use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A record's stable, human-readable id (`ru-taganrog-sizo-2`). Researchers
/// cite it, so it never changes once published; it is also a URL path
/// segment, so only lowercase ASCII letters, digits and single hyphens.
///
/// Shared, not copied: a catalog names each site and source from tens of
/// thousands of findings and indexes, and every clone is a reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(Arc<str>);

pub const MAX_ID_LEN: usize = 100;

/// Every first path segment the public site's router owns after `/{lang}/`:
/// the lists and pages of the site, the intake forms, the feed. An editorial
/// page with one of these ids would never be shown (the route wins), would
/// be listed twice in the sitemap, and would make `export-static` copy the
/// route's page in its place, the live submission form included (review 3,
/// N5). The router's tests hold it to this list, both ways.
pub const ROUTE_SEGMENTS: &[&str] = &[
    "changes",
    "contact",
    "data",
    "faq",
    "news",
    "news.atom",
    "receipt",
    "search",
    "sites",
    "sources",
    "submit",
    "testimonies",
    "transfers",
];

/// The first path segments of the intake forms (after `/{lang}/`): the
/// submission form, the contact form and the receipt page. Only the live
/// site has them; a static mirror never holds them.
pub const INTAKE_SEGMENTS: [&str; 3] = ["submit", "contact", "receipt"];

/// An editorial page's id: an [`Id`] that is not a segment the router owns.
pub fn page_id(s: &str) -> Result<Id, Problem> {
    let id = Id::parse(s)?;
    if ROUTE_SEGMENTS.contains(&id.as_str()) {
        return Err(Problem::ReservedPageId { value: id.as_str().to_owned() });
    }
    Ok(id)
}

impl Id {
    pub fn parse(s: &str) -> Result<Id, Problem> {
        if s.is_empty() {
            return Err(Problem::Empty);
        }
        if s.len() > MAX_ID_LEN {
            return Err(Problem::TooLong { max: MAX_ID_LEN });
        }
        let ok_chars = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok_chars || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(Problem::BadId { value: s.to_owned() });
        }
        Ok(Id(Arc::from(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether two ids are one copy, not only equal.
    #[cfg(test)]
    pub(crate) fn is_shared_with(&self, other: &Id) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl TryFrom<String> for Id {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Id::parse(&s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.as_ref().to_owned()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_the_rest() {
        assert!(Id::parse("ru-taganrog-sizo-2").is_ok());
        assert!(Id::parse("t-01").is_ok());
        for bad in ["", "Ru-x", "a_b", "-a", "a-", "a--b", "a b", "а-б", "../etc"] {
            assert!(Id::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(Id::parse(&"a".repeat(101)).is_err());
    }
}
