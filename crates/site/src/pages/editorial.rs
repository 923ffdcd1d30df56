//! Questions and answers, about, how to help: texts the team writes.

use super::site::{Shown, shown, shown_markdown};
use super::{Chrome, Ctx, PageError, html};
use askama::Template;

#[derive(Debug)]
pub struct QA {
    pub anchor: String,
    pub question: Shown,
    pub answer: Shown,
}

#[derive(Template)]
#[template(path = "faq.html")]
struct FaqPage {
    c: Chrome,
    entries: Vec<QA>,
}

#[derive(Template)]
#[template(path = "page.html")]
struct TextPage {
    c: Chrome,
    title: Shown,
    body: Shown,
}

pub fn render_faq(ctx: &Ctx) -> Result<String, PageError> {
    let entries = ctx
        .catalog
        .faq()
        .iter()
        .map(|f| QA {
            anchor: f.id.to_string(),
            question: shown(&f.question, ctx.lang),
            answer: shown_markdown(&f.answer, ctx.lang),
        })
        .collect();
    let c = ctx.chrome("faq", ctx.tr.t("faq-title"), ctx.tr.t("faq-description"));
    html(&FaqPage { c, entries })
}

pub fn render_page(ctx: &Ctx, id: &str) -> Result<String, PageError> {
    let page = ctx.catalog.page(id).ok_or(PageError::NotFound)?;
    let title = shown(&page.title, ctx.lang);
    // The navigation marks the two pages it lists; other pages are described by their title.
    let (section, description) = match id {
        "about" => ("about", ctx.tr.t("about-description")),
        "help" => ("help", ctx.tr.t("help-description")),
        _ => ("", title.text.clone()),
    };
    let c = ctx.chrome(section, title.text.clone(), description);
    html(&TextPage { c, title, body: shown_markdown(&page.body, ctx.lang) })
}
