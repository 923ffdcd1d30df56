//! News: dated items, each linking to the original article.

use super::site::{Shown, shown, shown_markdown};
use super::{Chrome, Ctx, PageError, html};
use crate::shell::pagination::{PAGE_SIZE, Pagination, page_count, slice};
use askama::Template;
use inferno_domain::Kind;
use inferno_domain::NewsItem;

#[derive(Debug)]
pub struct NewsView {
    pub href: String,
    pub title: Shown,
    pub summary: Shown,
    pub body: Option<Shown>,
    pub date: String,
    pub iso_date: String,
    pub source_name: String,
    pub source_url: String,
    pub sites: Vec<(String, String)>,
}

fn view(ctx: &Ctx, n: &NewsItem) -> NewsView {
    let sites = n
        .site_ids
        .iter()
        .filter_map(|id| ctx.catalog.site(id.as_str()))
        .map(|s| (format!("/{}/sites/{}", ctx.lang.code(), s.id), s.name.get(ctx.lang).text.to_owned()))
        .collect();
    NewsView {
        href: format!("/{}/news/{}", ctx.lang.code(), n.id),
        title: shown(&n.title, ctx.lang),
        summary: shown(&n.summary, ctx.lang),
        body: (!n.body.is_empty()).then(|| shown_markdown(&n.body, ctx.lang)),
        date: ctx.tr.date(&n.date),
        iso_date: n.date.to_string(),
        source_name: n.source_name.clone(),
        source_url: n.source_url.clone(),
        sites,
    }
}

#[derive(Template)]
#[template(path = "news_list.html")]
struct NewsListPage {
    c: Chrome,
    items: Vec<NewsView>,
    pagination: Pagination,
}

#[derive(Template)]
#[template(path = "news_item.html")]
struct NewsItemPage {
    c: Chrome,
    n: NewsView,
    /// Public corrections: ISO date, shown date, note.
    corrections: Vec<(String, String, String)>,
    /// How to cite the item: its stable address and the day it last changed.
    citation: super::citation::CiteLines,
}

pub fn render_list(ctx: &Ctx, page: usize) -> Result<String, PageError> {
    let all = ctx.catalog.news();
    if page > page_count(all.len(), PAGE_SIZE) {
        return Err(PageError::NotFound);
    }
    let items = slice(all, page, PAGE_SIZE).iter().map(|n| view(ctx, n)).collect();
    let link = |n: usize| super::href(ctx.lang, &super::Route::News(n));
    let pagination = Pagination::new(&ctx.tr, page, all.len(), PAGE_SIZE, link);
    let c = ctx.chrome("news", ctx.tr.t("news-title"), ctx.tr.t("news-description"));
    html(&NewsListPage { c, items, pagination })
}

pub fn render_item(ctx: &Ctx, id: &str) -> Result<String, PageError> {
    let Some(item) = ctx.catalog.news_item(id) else {
        return Err(match ctx.catalog.corrections_for(Kind::News, id).first() {
            Some(c) if c.withdrawn => PageError::Gone(
                ctx.tr.a("withdrawn-text", &[("date", ctx.tr.date(&c.date).into()), ("note", (&c.note).into())]),
            ),
            _ => PageError::NotFound,
        });
    };
    let n = view(ctx, item);
    let mut c = ctx.chrome("news", n.title.text.clone(), n.summary.text.clone());
    let url = format!("{}/{}/news/{}", ctx.app.config.public_url, ctx.lang.code(), item.id);
    let updated = item.last_change();
    c.json_twin = Some(format!("/api/v1/news/{}", item.id));
    c.citation = Some(super::citation::citation(super::citation::Cited {
        title: &n.title.text,
        url: &url,
        lang: ctx.lang,
        published: Some(item.date),
        updated: Some(updated),
        identifier: item.id.as_str(),
        about: serde_json::json!({
            "@type": "NewsArticle",
            "headline": n.title.text,
            "description": n.summary.text,
            "author": { "@type": "Organization", "name": "Inferno" },
            "isBasedOn": item.source_url,
        }),
    }));
    let cite = super::citation::lines(
        &ctx.tr,
        &super::citation::Reference {
            name: &n.title.text,
            id: None,
            url: &url,
            published: Some(item.date),
            updated: Some(updated),
        },
        inferno_domain::PartialDate::today(),
    );
    let corrections = ctx
        .catalog
        .corrections_for(Kind::News, id)
        .into_iter()
        .map(|k| (k.date.to_string(), ctx.tr.date(&k.date), k.note.clone()))
        .collect();
    html(&NewsItemPage { c, n, corrections, citation: cite })
}
