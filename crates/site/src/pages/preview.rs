//! A record as readers will see it once it is published: the public page
//! that shows it, rendered by the same code as every public page from the
//! published catalog with this one record put in (or its published version
//! replaced). A reviewer publishes what this shows, not a form.

use super::site::{SiteList, source_anchor};
use super::{Ctx, Route, render, rest_of};
use crate::PublicSite;
use crate::shell::i18n::Tr;
use crate::shell::pagination::PAGE_SIZE;
use inferno_domain::catalog::CatalogChanges;
use inferno_domain::import::Batch;
use inferno_domain::{Catalog, Lang};

/// The part of a public page that shows one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Where readers will find it, on this site (`/en/sites/x#src-y`).
    pub href: String,
    /// The page's content (what its `<main>` holds) or, for a record shown
    /// among others (a testimony, a source's finding at a site), its card.
    pub html: String,
}

/// The first record of `batch` as readers will see it in `lang`, or `None`
/// when no public page would show it as it is: a finding whose source is
/// not published, a testimony or a finding about an unpublished site.
pub fn preview(site: &PublicSite, batch: &Batch, lang: Lang) -> Option<Preview> {
    let snapshot = site.snapshot();
    let catalog = with_record(&snapshot.catalog, batch)?;
    let (route, anchor) = place(&catalog, batch)?;
    let ctx = Ctx { app: site, catalog: &catalog, lang, tr: Tr::new(lang), rest: rest_of(&route) };
    let page = render(&ctx, &route).ok()?;
    let main = inner(&page, "<main", "</main>")?;
    let (html, href) = match &anchor {
        Some(anchor) => (card(main, anchor)?, format!("{}#{anchor}", super::href(lang, &route))),
        None => (main.to_owned(), super::href(lang, &route)),
    };
    Some(Preview { href, html: html.trim().to_owned() })
}

/// The sites and sources whose pages may show the first record of `batch`
/// (see [`Catalog::around`]).
fn neighbours(catalog: &Catalog, batch: &Batch) -> (Vec<String>, Vec<String>) {
    let ids = |v: Vec<&inferno_domain::Id>| v.into_iter().map(ToString::to_string).collect::<Vec<_>>();
    match batch {
        Batch::Sites(rows) => (ids(rows.iter().take(1).map(|r| &r.record.id).collect()), Vec::new()),
        Batch::Sources(rows) => {
            let Some(r) = rows.first() else { return Default::default() };
            let sites = catalog.findings_of_source(r.record.id.as_str()).into_iter().map(|f| &f.site_id).collect();
            (ids(sites), vec![r.record.id.to_string()])
        }
        Batch::Findings(rows) => match rows.first() {
            Some(r) => (vec![r.record.site_id.to_string()], vec![r.record.source_id.to_string()]),
            None => Default::default(),
        },
        Batch::Testimonies(rows) => {
            (ids(rows.iter().take(1).flat_map(|r| r.record.stays.iter().map(|s| &s.site_id)).collect()), Vec::new())
        }
        Batch::News(rows) => (ids(rows.iter().take(1).flat_map(|r| r.record.site_ids.iter()).collect()), Vec::new()),
        Batch::Faq(_) | Batch::Pages(_) => Default::default(),
    }
}

/// The part of `catalog` that the pages showing the first record of `batch`
/// read, with that record in it, as if published.
fn with_record(catalog: &Catalog, batch: &Batch) -> Option<Catalog> {
    let (sites, sources) = neighbours(catalog, batch);
    let sites: Vec<&str> = sites.iter().map(String::as_str).collect();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let catalog = &catalog.around(&sites, &sources);
    let mut changes = CatalogChanges {
        faq: catalog.faq().to_vec(),
        pages: catalog.pages().to_vec(),
        corrections: catalog.corrections().to_vec(),
        ..CatalogChanges::default()
    };
    match batch {
        Batch::Sites(rows) => changes.sites.push(rows.first().map(|r| (r.record.id.clone(), Some(r.record.clone())))?),
        Batch::Sources(rows) => {
            changes.sources.push(rows.first().map(|r| (r.record.id.clone(), Some(r.record.clone())))?)
        }
        Batch::Findings(rows) => {
            let f = &rows.first()?.record;
            changes.findings.push(((f.source_id.clone(), f.site_id.clone()), Some(f.clone())));
        }
        Batch::Testimonies(rows) => {
            changes.testimonies.push(rows.first().map(|r| (r.record.id.clone(), Some(r.record.clone())))?)
        }
        Batch::News(rows) => changes.news.push(rows.first().map(|r| (r.record.id.clone(), Some(r.record.clone())))?),
        Batch::Faq(rows) => {
            let entry = rows.first()?.record.clone();
            changes.faq.retain(|e| e.id != entry.id);
            changes.faq.push(entry);
        }
        Batch::Pages(rows) => {
            let page = rows.first()?.record.clone();
            changes.pages.retain(|p| p.id != page.id);
            changes.pages.push(page);
        }
    }
    Some(catalog.apply(changes))
}

/// The page that shows the record, and the anchor of its card there when
/// it is one of several on that page.
fn place(catalog: &Catalog, batch: &Batch) -> Option<(Route, Option<String>)> {
    Some(match batch {
        Batch::Sites(rows) => (Route::Site(rows.first()?.record.id.to_string()), None),
        Batch::Sources(rows) => (Route::Source(rows.first()?.record.id.to_string()), None),
        Batch::News(rows) => (Route::NewsItem(rows.first()?.record.id.to_string()), None),
        Batch::Pages(rows) => (Route::Editorial(rows.first()?.record.id.to_string()), None),
        Batch::Faq(rows) => (Route::Faq, Some(rows.first()?.record.id.to_string())),
        Batch::Findings(rows) => {
            let f = &rows.first()?.record;
            let site = f.site_id.as_str();
            let sources = catalog.site_sources(site);
            let at = sources.iter().position(|s| s.id == f.source_id)?;
            (listed(site, SiteList::Sources, at, sources.len()), Some(source_anchor(sources[at])))
        }
        Batch::Testimonies(rows) => {
            let t = &rows.first()?.record;
            let site = t.stays.iter().map(|s| s.site_id.as_str()).find(|s| catalog.site(s).is_some())?;
            let all = catalog.testimonies_at(site);
            let at = all.iter().position(|x| x.id == t.id)?;
            (listed(site, SiteList::Testimonies, at, all.len()), Some(t.id.to_string()))
        }
    })
}

/// The page of a site's list that shows its `at`th entry of `total`: the
/// site's own page while the list fits on it.
fn listed(site: &str, list: SiteList, at: usize, total: usize) -> Route {
    if total <= PAGE_SIZE {
        Route::Site(site.to_owned())
    } else {
        Route::SiteList(site.to_owned(), list, at / PAGE_SIZE + 1)
    }
}

/// What the element opened by `open` holds, up to the first `close` after it.
fn inner<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = html.find(open)?;
    let body = start + html[start..].find('>')? + 1;
    let end = body + html[body..].find(close)?;
    Some(&html[body..end])
}

/// The whole element whose `id` is `anchor`. Cards hold no element of their
/// own name, so the first closing tag of that name ends the card.
fn card(html: &str, anchor: &str) -> Option<String> {
    let at = html.find(&format!(" id=\"{anchor}\""))?;
    let start = html[..at].rfind('<')?;
    let name: String = html[start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let close = format!("</{name}>");
    let end = at + html[at..].find(&close)? + close.len();
    Some(html[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_its_whole_element_and_nothing_after() {
        let html = r#"<ol><li id="a"><p>one</p></li><li id="b"><p>two</p></li></ol>"#;
        assert_eq!(card(html, "b").as_deref(), Some(r#"<li id="b"><p>two</p></li>"#));
        assert_eq!(card(html, "c"), None);
        assert_eq!(inner(r#"<main id="m"><p>x</p></main>"#, "<main", "</main>"), Some("<p>x</p>"));
    }
}
