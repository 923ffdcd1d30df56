//! The public log of corrections: every change to a published record.

use super::{Chrome, Ctx, PageError, html};
use askama::Template;

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
}

pub fn render(ctx: &Ctx) -> Result<String, PageError> {
    let rows = ctx
        .catalog
        .corrections()
        .iter()
        .map(|c| ChangeRow {
            iso_date: c.date.to_string(),
            date: ctx.tr.date(&c.date),
            href: match (c.withdrawn, c.record_kind.as_str()) {
                (false, "site") => Some(format!("/{}/sites/{}", ctx.lang.code(), c.record_id)),
                (false, "news") => Some(format!("/{}/news/{}", ctx.lang.code(), c.record_id)),
                _ => None,
            },
            name: c.record_name.get(ctx.lang).text.to_owned(),
            note: c.note.clone(),
            withdrawn: c.withdrawn,
        })
        .collect();
    let c = ctx.chrome("", ctx.tr.t("changes-title"), ctx.tr.t("changes-description"));
    html(&ChangesPage { c, rows })
}
