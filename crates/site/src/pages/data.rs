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

/// A file of the dataset as the page lists it: its address, name and size.
#[derive(Debug)]
pub struct FileLink {
    pub href: String,
    pub file: String,
    /// "12.3 KiB", when the file has been made (it is, before the page).
    pub size: Option<String>,
}

#[derive(Debug)]
pub struct TableDoc {
    pub file: String,
    pub href: String,
    pub size: Option<String>,
    /// The same table for spreadsheets (with a byte-order mark).
    pub spreadsheet: FileLink,
    /// The API list that gives the same rows.
    pub api: String,
    pub description: String,
    pub heading: String,
    pub columns: Vec<ColumnDoc>,
}

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    c: Chrome,
    tables: Vec<TableDoc>,
    bundle: FileLink,
    package: FileLink,
    geojson: FileLink,
    feeds: Vec<(String, &'static str, &'static str)>,
    /// "Made from the data as it stood on …".
    made: String,
    /// The API's base address, and an example request.
    api_base: String,
    api_example: String,
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

/// The API list that gives the rows of a table.
fn api_twin(t: Table) -> &'static str {
    match t {
        Table::Sites => "/api/v1/sites",
        Table::Sources => "/api/v1/sources",
        Table::Findings => "/api/v1/findings",
        Table::Testimonies => "/api/v1/testimonies",
        Table::Transfers => "/api/v1/transfers",
        Table::News => "/api/v1/news",
    }
}

pub fn render(ctx: &Ctx) -> Result<String, PageError> {
    let tr = &ctx.tr;
    let sizes = crate::downloads::cached_sizes(ctx.app);
    let link = |file: String| {
        let size = sizes.iter().find(|(n, _)| *n == file).map(|(_, bytes)| tr.size(*bytes as u64));
        FileLink { href: crate::downloads::href(&file), file, size }
    };
    let tables = Table::ALL
        .into_iter()
        .map(|t| {
            let file = link(t.file_name());
            TableDoc {
                file: file.file,
                href: file.href,
                size: file.size,
                spreadsheet: link(crate::downloads::spreadsheet_name(t)),
                api: api_twin(t).to_owned(),
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
            }
        })
        .collect();
    let feeds = inferno_domain::Lang::ALL
        .into_iter()
        .map(|l| (format!("/{}/news.atom", l.code()), l.code(), l.endonym()))
        .collect();
    let made = inferno_domain::dataset::last_change(ctx.catalog)
        .map_or_else(|| tr.t("data-made-unknown"), |d| tr.a("data-made", &[("date", tr.date(&d).into())]));
    let api_base = format!("{}/api/v1", ctx.app.config.public_url);
    let c = ctx.chrome("data", tr.t("data-title"), tr.t("data-description"));
    html(&DataPage {
        c,
        tables,
        bundle: link(crate::downloads::BUNDLE.to_owned()),
        package: link(crate::downloads::PACKAGE.to_owned()),
        geojson: link(crate::downloads::GEOJSON.to_owned()),
        feeds,
        made,
        api_example: format!("curl '{api_base}/sites?type=penal_colony&limit=2'"),
        api_base,
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
