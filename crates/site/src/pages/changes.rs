//! The public log of corrections: every change to a published record.

use super::{Chrome, Ctx, PageError, html};
use crate::shell::pagination::{PAGE_SIZE, Pagination, page_count, slice};
use askama::Template;
use inferno_domain::Kind;

#[derive(Debug)]
pub struct ChangeRow {
    pub iso_date: String,
    pub date: String,
    pub href: Option<String>,
    pub name: String,
    pub note: String,
    pub withdrawn: bool,
}

#[derive(Template)]
#[template(path = "changes.html")]
struct ChangesPage {
    c: Chrome,
    rows: Vec<ChangeRow>,
    pagination: Pagination,
}

pub fn render(ctx: &Ctx, page: usize) -> Result<String, PageError> {
    let all = ctx.catalog.corrections();
    if page > page_count(all.len(), PAGE_SIZE) {
        return Err(PageError::NotFound);
    }
    let rows = slice(all, page, PAGE_SIZE)
        .iter()
        .map(|c| ChangeRow {
            iso_date: c.date.to_string(),
            date: ctx.tr.date(&c.date),
            href: match (c.withdrawn, c.record_kind) {
                (false, Kind::Sites) => Some(format!("/{}/sites/{}", ctx.lang.code(), c.record_id)),
                (false, Kind::News) => Some(format!("/{}/news/{}", ctx.lang.code(), c.record_id)),
                _ => None,
            },
            name: c.record_name.get(ctx.lang).text.to_owned(),
            note: c.note.clone(),
            withdrawn: c.withdrawn,
        })
        .collect();
    let c = ctx.chrome("", ctx.tr.t("changes-title"), ctx.tr.t("changes-description"));
    let link = |n: usize| super::href(ctx.lang, &super::Route::Changes(n));
    let pagination = Pagination::new(&ctx.tr, page, all.len(), PAGE_SIZE, link);
    html(&ChangesPage { c, rows, pagination })
}
