//! The indexes of testimonies and of sources: every published one, a page
//! at a time, which the home page's figures lead to. A testimony links to
//! its place on the page of the first site it names; a source to its page.

use super::site::{Shown, grade, shown};
use super::{Chrome, Ctx, PageError, Route, html};
use crate::shell::pagination::{PAGE_SIZE, Pagination, page_count, slice};
use askama::Template;

/// One testimony in the index.
#[derive(Debug)]
pub struct TestimonyItem {
    pub anchor: String,
    /// "No. 1": the testimony named for readers.
    pub number: String,
    pub role: String,
    pub summary: Shown,
    pub abuses: String,
    /// Its places, in order: (the site's page, its name, the months there).
    pub places: Vec<(Option<String>, String, String)>,
    /// Its card on the page of the first site it names.
    pub href: Option<String>,
}

/// One source in the index.
#[derive(Debug)]
pub struct SourceItem {
    pub href: String,
    pub title: String,
    pub title_lang: String,
    pub publisher: String,
    pub date: String,
    pub kind: String,
    pub grade: String,
    pub grade_explained: String,
    pub sites: String,
}

#[derive(Template)]
#[template(path = "testimonies.html")]
struct TestimoniesPage {
    c: Chrome,
    items: Vec<TestimonyItem>,
    pagination: Pagination,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    c: Chrome,
    items: Vec<SourceItem>,
    pagination: Pagination,
}

pub fn render_testimonies(ctx: &Ctx, page: usize) -> Result<String, PageError> {
    let all = ctx.catalog.testimonies();
    if page > page_count(all.len(), PAGE_SIZE).max(1) {
        return Err(PageError::NotFound);
    }
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let items = slice(all, page, PAGE_SIZE)
        .iter()
        .map(|t| {
            let places = t
                .stays
                .iter()
                .map(|s| match ctx.catalog.site(s.site_id.as_str()) {
                    Some(site) => (
                        Some(format!("/{l}/sites/{}", site.id)),
                        site.name.get(ctx.lang).text.to_owned(),
                        tr.period(s.from, s.to),
                    ),
                    None => (None, s.site_id.to_string(), tr.period(s.from, s.to)),
                })
                .collect::<Vec<_>>();
            let first = t.stays.iter().find(|s| ctx.catalog.site(s.site_id.as_str()).is_some());
            TestimonyItem {
                anchor: t.id.to_string(),
                number: super::site::testimony_number(tr, &t.id),
                role: tr.label(t.witness_role),
                summary: shown(&t.summary, ctx.lang),
                abuses: super::site::abuse_list(tr, &t.abuse_types),
                href: first.map(|s| super::site::testimony_href(ctx, s.site_id.as_str(), &t.id, false)),
                places,
            }
        })
        .collect();
    let link = |n: usize| super::href(ctx.lang, &Route::Testimonies(n));
    let pagination = Pagination::new(tr, page, all.len(), PAGE_SIZE, link);
    let c = ctx.chrome("testimonies", tr.t("testimonies-title"), tr.t("testimonies-description"));
    html(&TestimoniesPage { c, items, pagination })
}

pub fn render_sources(ctx: &Ctx, page: usize) -> Result<String, PageError> {
    let all = ctx.catalog.sources_strongest_first();
    if page > page_count(all.len(), PAGE_SIZE).max(1) {
        return Err(PageError::NotFound);
    }
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let items = slice(&all, page, PAGE_SIZE)
        .iter()
        .map(|s| {
            let (grade, grade_explained) = grade(tr, s.reliability, s.credibility);
            let mut sites: Vec<&str> =
                ctx.catalog.findings_of_source(s.id.as_str()).iter().map(|f| f.site_id.as_str()).collect();
            sites.dedup();
            let (title, title_lang) = super::site::source_title(tr, s);
            SourceItem {
                href: format!("/{l}/sources/{}", s.id),
                title,
                title_lang,
                publisher: s.publisher.clone(),
                date: s.published_on.map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown")),
                kind: tr.label(s.kind),
                grade,
                grade_explained,
                sites: tr.n("source-index-sites", sites.len()),
            }
        })
        .collect();
    let link = |n: usize| super::href(ctx.lang, &Route::SourceIndex(n));
    let pagination = Pagination::new(tr, page, all.len(), PAGE_SIZE, link);
    let c = ctx.chrome("sources", tr.t("sources-title"), tr.t("sources-description"));
    html(&SourcesPage { c, items, pagination })
}
