//! The open-data page, which documents every file and column in the
//! reader's language, and the Atom feed of the news.
//!
//! Both read the column declarations of [`inferno_domain::dataset`], so what
//! the page says a file holds is what the file holds.

use super::site::{Shown, shown};
use super::{Chrome, Ctx, PageError, html};
use askama::Template;
use inferno_domain::NewsItem;
use inferno_domain::dataset::{FieldType, Table};

/// One column as the data page documents it.
#[derive(Debug)]
pub struct ColumnDoc {
    pub name: &'static str,
    pub ty: String,
    pub meaning: String,
    pub required: bool,
    /// The codes a value is made of, for a column of a closed vocabulary.
    pub codes: String,
}

#[derive(Debug)]
pub struct TableDoc {
    pub file: String,
    pub href: String,
    pub description: String,
    pub heading: String,
    pub columns: Vec<ColumnDoc>,
}

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    c: Chrome,
    tables: Vec<TableDoc>,
    bundle: String,
    package: String,
    geojson: String,
    feeds: Vec<(String, &'static str, &'static str)>,
}

fn type_key(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "data-type-text",
        FieldType::Code => "data-type-code",
        FieldType::CodeList => "data-type-code_list",
        FieldType::TextList => "data-type-text_list",
        FieldType::Integer => "data-type-integer",
        FieldType::Number => "data-type-number",
        FieldType::Boolean => "data-type-boolean",
        FieldType::YearMonth => "data-type-year_month",
        FieldType::PartialDate => "data-type-partial_date",
        FieldType::Url => "data-type-url",
        FieldType::Country => "data-type-country",
    }
}

pub fn render(ctx: &Ctx) -> Result<String, PageError> {
    let tr = &ctx.tr;
    let tables = Table::ALL
        .into_iter()
        .map(|t| TableDoc {
            file: t.file_name(),
            href: crate::downloads::href(&t.file_name()),
            description: tr.data_table(t),
            heading: tr.a("data-columns-heading", &[("file", t.file_name().into())]),
            columns: t
                .columns()
                .iter()
                .map(|c| ColumnDoc {
                    name: c.name,
                    ty: tr.t(type_key(c.ty)),
                    meaning: tr.data_column(t, c.name),
                    required: c.required,
                    codes: c.codes.join(", "),
                })
                .collect(),
        })
        .collect();
    let feeds = inferno_domain::Lang::ALL
        .into_iter()
        .map(|l| (format!("/{}/news.atom", l.code()), l.code(), l.endonym()))
        .collect();
    let c = ctx.chrome("data", tr.t("data-title"), tr.t("data-description"));
    html(&DataPage {
        c,
        tables,
        bundle: crate::downloads::href(crate::downloads::BUNDLE),
        package: crate::downloads::href(crate::downloads::PACKAGE),
        geojson: crate::downloads::href(crate::downloads::GEOJSON),
        feeds,
    })
}

/// Most entries the feed holds: the newest news.
const FEED_ENTRIES: usize = 50;

#[derive(Debug)]
struct FeedEntry {
    id: String,
    title: Shown,
    summary: Shown,
    updated: String,
    published: String,
    source_url: String,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed {
    lang: &'static str,
    title: String,
    id: String,
    self_href: String,
    alternate: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

fn entry(ctx: &Ctx, n: &NewsItem) -> FeedEntry {
    let base = &ctx.app.config.public_url;
    FeedEntry {
        id: format!("{base}/{}/news/{}", ctx.lang.code(), n.id),
        title: shown(&n.title, ctx.lang),
        summary: shown(&n.summary, ctx.lang),
        updated: n.last_change().first_moment_utc(),
        published: n.date.first_moment_utc(),
        source_url: n.source_url.clone(),
    }
}

/// The news of one language as an Atom feed (RFC 4287), newest first.
pub fn render_feed(ctx: &Ctx) -> Result<String, PageError> {
    let base = &ctx.app.config.public_url;
    let l = ctx.lang.code();
    let news = ctx.catalog.news();
    let entries: Vec<FeedEntry> = news.iter().take(FEED_ENTRIES).map(|n| entry(ctx, n)).collect();
    let updated = news
        .iter()
        .take(FEED_ENTRIES)
        .map(|n| n.last_change())
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.first_moment_utc());
    html(&Feed {
        lang: l,
        title: ctx.tr.t("feed-title"),
        id: format!("{base}/{l}/news"),
        self_href: format!("{base}/{l}/news.atom"),
        alternate: format!("{base}/{l}/news"),
        updated,
        entries,
    })
}
