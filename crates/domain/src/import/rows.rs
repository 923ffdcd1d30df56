//! Per-kind row readers: which columns a kind has and how each becomes a record.

use super::columns::{Columns, Fields};
use super::{Batch, Row};
use crate::taxonomy::parse_code_list;
use crate::{
    AbuseType, Consent, CoordPrecision, Country, Credibility, FaqEntry, Finding, Id, LocalText, Month, NewsItem, Page,
    PartialDate, Problem, Reliability, SectionKind, Site, SiteSection, SiteStatus, SiteType, Source, SourceKind, Stay,
    Testimony, WitnessRole,
};
use crate::{Kind, RowError};
use std::collections::HashSet;

/// Most rows a single file may hold: a bound on what one import can ask of memory.
pub const MAX_ROWS: usize = 100_000;
/// Most stays one testimony may list.
pub const MAX_STAYS: usize = 100;

pub fn parse(kind: Kind, data: &[u8]) -> Result<Batch, Vec<RowError>> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![RowError::new(1, "", Problem::EmptyFile)]);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(data);
    let header = reader.headers().map_err(|e| vec![csv_error(&e, 1)])?.clone();
    let mut lines = LineCounter { data, byte: 0, line: 1 };
    let columns = Columns::check(&header, kind.columns())?;

    let mut errors = Vec::new();
    let mut keys = HashSet::new();
    let mut batch = empty(kind);
    let mut record = csv::StringRecord::new();
    let mut count = 0usize;
    loop {
        let line = lines.at(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // A broken row (wrong field count, bad UTF-8) can't be read further:
                // report it, and stop if the reader cannot find the next row.
                let line = e.position().map_or(line, |p| lines.at(p.byte()));
                errors.push(csv_error(&e, line));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        count += 1;
        if count > MAX_ROWS {
            errors.push(RowError::new(line, "", Problem::TooManyRows { max: MAX_ROWS }));
            break;
        }
        let line = record.position().map_or(line, |p| lines.at(p.byte()));
        let mut f = Fields::new(line, &record, &columns);
        read_row(&mut batch, &mut f, &mut keys);
        errors.append(&mut f.errors);
    }
    if count == 0 && errors.is_empty() {
        errors.push(RowError::new(1, "", Problem::NoRows));
    }
    if errors.is_empty() { Ok(batch) } else { Err(errors) }
}

/// Line numbers from byte offsets. The csv crate's own line count is off by one
/// after CRLF line ends (a record's position points at the `\n` of the line
/// before), and spreadsheets write CRLF.
struct LineCounter<'a> {
    data: &'a [u8],
    byte: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The line on which a record starting at `byte` begins; offsets only grow.
    fn at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.data.len());
        if self.data.get(target) == Some(&b'\n') {
            target += 1;
        }
        if target >= self.byte {
            self.line += self.data[self.byte..target].iter().filter(|&&b| b == b'\n').count() as u64;
            self.byte = target;
        }
        self.line
    }
}

/// Validates one record given as (column, value) pairs, by the importer's rules.
pub fn one(kind: Kind, values: &[(&str, &str)]) -> Result<Batch, Vec<RowError>> {
    let names: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    let header = csv::StringRecord::from(names.clone());
    let record = csv::StringRecord::from(
        names.iter().map(|n| values.iter().find(|(k, _)| k == n).map_or("", |(_, v)| *v)).collect::<Vec<_>>(),
    );
    let columns = Columns::check(&header, kind.columns())?;
    let mut f = Fields::new(0, &record, &columns);
    let mut keys = HashSet::new();
    let mut batch = empty(kind);
    read_row(&mut batch, &mut f, &mut keys);
    if f.errors.is_empty() && batch.len() == 1 { Ok(batch) } else { Err(f.errors) }
}

/// Reads one row into the batch of its kind; problems stay in `f.errors`.
fn read_row(batch: &mut Batch, f: &mut Fields, keys: &mut HashSet<String>) {
    match batch {
        Batch::Sites(rows) => push(rows, site(f), f, keys, "id"),
        Batch::Sources(rows) => push(rows, source(f), f, keys, "id"),
        Batch::Findings(rows) => push(rows, finding(f), f, keys, "site_id"),
        Batch::Testimonies(rows) => push(rows, testimony(f), f, keys, "id"),
        Batch::News(rows) => push(rows, news(f), f, keys, "id"),
        Batch::Faq(rows) => push(rows, faq(f), f, keys, "id"),
        Batch::Pages(rows) => push(rows, page(f), f, keys, "id"),
    }
}

fn empty(kind: Kind) -> Batch {
    match kind {
        Kind::Sites => Batch::Sites(Vec::new()),
        Kind::Sources => Batch::Sources(Vec::new()),
        Kind::Findings => Batch::Findings(Vec::new()),
        Kind::Testimonies => Batch::Testimonies(Vec::new()),
        Kind::News => Batch::News(Vec::new()),
        Kind::Faq => Batch::Faq(Vec::new()),
        Kind::Pages => Batch::Pages(Vec::new()),
    }
}

fn csv_error(e: &csv::Error, line: u64) -> RowError {
    let reason = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Problem::FieldCount {
            found: usize::try_from(*len).unwrap_or(usize::MAX),
            expected: usize::try_from(*expected_len).unwrap_or(usize::MAX),
        },
        csv::ErrorKind::Utf8 { .. } => Problem::NotUtf8,
        _ => Problem::BadCsv { detail: e.to_string() },
    };
    RowError::new(line, "", reason)
}

/// Something with a key that must be unique within a file.
trait Keyed {
    fn key(&self) -> String;
}
impl Keyed for Site {
    fn key(&self) -> String {
        self.id.to_string()
    }
}
impl Keyed for Source {
    fn key(&self) -> String {
        self.id.to_string()
    }
}
impl Keyed for Finding {
    fn key(&self) -> String {
        format!("{} {}", self.source_id, self.site_id)
    }
}
impl Keyed for Testimony {
    fn key(&self) -> String {
        self.id.to_string()
    }
}
impl Keyed for NewsItem {
    fn key(&self) -> String {
        self.id.to_string()
    }
}
impl Keyed for FaqEntry {
    fn key(&self) -> String {
        self.id.to_string()
    }
}
impl Keyed for Page {
    fn key(&self) -> String {
        self.id.to_string()
    }
}

fn push<T: Keyed>(rows: &mut Vec<Row<T>>, rec: Option<T>, f: &mut Fields, keys: &mut HashSet<String>, key_col: &str) {
    let Some(rec) = rec else { return };
    if !f.errors.is_empty() {
        return;
    }
    if !keys.insert(rec.key()) {
        f.fail(key_col, Problem::Duplicate { key: rec.key() });
        return;
    }
    rows.push(Row { line: f.line, record: rec });
}

fn abuse_list(f: &mut Fields, column: &str) -> Vec<AbuseType> {
    let raw = f.raw(column);
    parse_code_list(raw, AbuseType::parse).unwrap_or_else(|e| {
        f.fail(column, e);
        Vec::new()
    })
}

fn site(f: &mut Fields) -> Option<Site> {
    let id = f.id("id");
    let name = LocalText::new(f.line_text("name_uk"), f.line_text("name_en"));
    let name_ru = f.opt_line_text("name_ru");
    let aliases = f.list("aliases");
    let site_type = f.parsed("facility_type", SiteType::parse);
    let settlement = LocalText::new(f.opt_line_text("settlement_uk"), f.line_text("settlement"));
    let region = LocalText::new(f.opt_line_text("region_uk"), f.line_text("region"));
    let country = f.parsed("country", Country::parse);
    let occupied = f.parsed("occupied_territory", |s| match s {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Problem::NotBoolean { value: s.to_owned() }),
    });
    if let (Some(true), Some(c)) = (occupied, country)
        && c != Country::UA
    {
        f.fail("occupied_territory", Problem::OccupiedOutsideUkraine { country: c.code().to_owned() });
    }
    let lat = f.parsed("lat", |s| coordinate(s, 90));
    let lon = f.parsed("lon", |s| coordinate(s, 180));
    let precision = f.parsed("coord_precision", CoordPrecision::parse);
    let operators: Vec<String> =
        f.line_text("operator").split(';').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    let (reported_from, reported_to) = f.period("reported_from", "reported_to");
    let status = f.opt_parsed("status", SiteStatus::parse).unwrap_or(SiteStatus::Unknown);
    // The site's abuse types are the union of its findings (README): the
    // column is checked here, and pages derive the types from the findings.
    abuse_list(f, "abuse_types");
    let source_urls = f.urls("source_urls");
    let overview = LocalText::new(f.opt_text("notes_uk"), f.text("notes"));
    Some(Site {
        id: id?,
        name,
        name_ru,
        aliases,
        site_type: site_type?,
        settlement,
        region,
        country: country?,
        occupied: occupied?,
        lat: lat?,
        lon: lon?,
        precision: precision?,
        operators,
        reported_from,
        reported_to,
        status,
        sections: vec![SiteSection { kind: SectionKind::Overview, body: overview }],
        source_urls,
        updated_on: None,
    })
}

fn coordinate(s: &str, max: u32) -> Result<f64, Problem> {
    let v: f64 = s.parse().map_err(|_| Problem::NotNumber { value: s.to_owned() })?;
    if !v.is_finite() || v.abs() > f64::from(max) {
        return Err(Problem::CoordinateOutOfRange { value: s.to_owned(), max });
    }
    Ok(v)
}

fn source(f: &mut Fields) -> Option<Source> {
    let id = f.id("id");
    let kind = f.parsed("kind", SourceKind::parse);
    let title = f.opt_line_text("title");
    let publisher = f.line_text("publisher");
    let published_on = f.date("published_on");
    let url = f.url("url");
    let language = f.parsed("language", |s| {
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(s.to_owned())
        } else {
            Err(Problem::NotLanguage { value: s.to_owned() })
        }
    });
    let reliability = f.parsed("reliability", Reliability::parse);
    let credibility = f.parsed("credibility", Credibility::parse);
    let independence_group = f.parsed("independence_group", |s| Id::parse(s).map(String::from));
    let notes = LocalText::new(f.opt_text("notes_uk"), f.opt_text("notes"));
    let archived_sha256 = f.opt_parsed("archived_sha256", |s| {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(s.to_ascii_lowercase())
        } else {
            Err(Problem::NotSha256)
        }
    });
    Some(Source {
        id: id?,
        kind: kind?,
        title,
        publisher,
        published_on,
        url,
        language: language?,
        reliability: reliability?,
        credibility: credibility?,
        independence_group: independence_group?,
        notes,
        archived_sha256,
        updated_on: None,
    })
}

fn finding(f: &mut Fields) -> Option<Finding> {
    let source_id = f.id("source_id");
    let site_id = f.id("site_id");
    let abuse_types = abuse_list(f, "abuse_types");
    let (period_from, period_to) = f.period("period_from", "period_to");
    let note = LocalText::new(f.opt_text("note_uk"), f.opt_text("note"));
    Some(Finding {
        source_id: source_id?,
        site_id: site_id?,
        abuse_types,
        period_from,
        period_to,
        note,
        updated_on: None,
    })
}

fn testimony(f: &mut Fields) -> Option<Testimony> {
    let id = f.id("id");
    let source_id = f.opt_parsed("source_id", Id::parse);
    let witness_role = f.parsed("witness_role", WitnessRole::parse);
    let summary = LocalText::new(f.opt_text("summary_uk"), f.text("summary_en"));
    let abuse_types = abuse_list(f, "abuse_types");
    let consent = match f.opt_parsed("consent", Consent::parse) {
        Some(c) => Some(c),
        // An account already carried by a cited publication is public; anything
        // else needs the witness's consent stated explicitly.
        None if source_id.is_some() => Some(Consent::PublicSource),
        None => {
            f.fail("consent", Problem::ConsentRequired);
            None
        }
    };
    let stays = f.parsed("stays", parse_stays);
    Some(Testimony {
        id: id?,
        source_id,
        witness_role: witness_role?,
        summary,
        abuse_types,
        consent: consent?,
        stays: stays?,
        updated_on: None,
    })
}

/// `site@YYYY-MM..YYYY-MM|site@..` — ordered stays; empty bounds are unknown.
pub fn parse_stays(s: &str) -> Result<Vec<Stay>, Problem> {
    let mut stays = Vec::new();
    for (i, part) in s.split('|').map(str::trim).enumerate() {
        let number = i + 1;
        let at = |problem| Problem::Stay { number, problem: Box::new(problem) };
        let (site, period) = part.split_once('@').unwrap_or((part, ""));
        let site_id = Id::parse(site).map_err(|e| Problem::StaySite { number, problem: Box::new(e) })?;
        let (from, to) = if period.is_empty() {
            (None, None)
        } else {
            let (a, b) = period.split_once("..").ok_or_else(|| at(Problem::NotPeriod { value: period.to_owned() }))?;
            let month = |m: &str| -> Result<Option<Month>, Problem> {
                if m.is_empty() { Ok(None) } else { Month::parse(m).map(Some).map_err(at) }
            };
            (month(a)?, month(b)?)
        };
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            return Err(at(Problem::StayEndsBeforeStart { start: a.to_string(), end: b.to_string() }));
        }
        stays.push(Stay { site_id, from, to });
    }
    if stays.len() > MAX_STAYS {
        return Err(Problem::TooManyStays { max: MAX_STAYS });
    }
    Ok(stays)
}

fn news(f: &mut Fields) -> Option<NewsItem> {
    let id = f.id("id");
    let date = f.parsed("date", PartialDate::parse_full);
    let title = LocalText::new(f.opt_line_text("title_uk"), f.line_text("title_en"));
    let summary = LocalText::new(f.opt_text("summary_uk"), f.text("summary_en"));
    let body = LocalText::new(f.opt_text("body_uk"), f.opt_text("body_en"));
    let source_name = f.line_text("source_name");
    let source_url = f.url("source_url");
    let site_ids = match parse_code_list(f.raw("facility_ids"), Id::parse) {
        Ok(ids) => ids,
        Err(e) => {
            f.fail("facility_ids", e);
            Vec::new()
        }
    };
    Some(NewsItem { id: id?, date: date?, title, summary, body, source_name, source_url, site_ids, updated_on: None })
}

fn faq(f: &mut Fields) -> Option<FaqEntry> {
    let id = f.id("id");
    let position =
        f.parsed("position", |s| s.parse::<u32>().map_err(|_| Problem::NotWholeNumber { value: s.to_owned() }));
    let question = LocalText::new(f.opt_line_text("question_uk"), f.line_text("question_en"));
    let answer = LocalText::new(f.opt_text("answer_uk"), f.text("answer_en"));
    Some(FaqEntry { id: id?, position: position?, question, answer })
}

fn page(f: &mut Fields) -> Option<Page> {
    let id = f.parsed("id", crate::id::page_id);
    let title = LocalText::new(f.opt_line_text("title_uk"), f.line_text("title_en"));
    let body = LocalText::new(f.opt_text("body_uk"), f.text("body_en"));
    Some(Page { id: id?, title, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ids_of_routes_and_hidden_characters_in_single_lines_are_refused() {
        let page =
            |id: &str, title: &str| one(Kind::Pages, &[("id", id), ("title_en", title), ("body_en", "Body\u{200B}")]);
        for id in crate::id::ROUTE_SEGMENTS.iter().filter(|s| Id::parse(s).is_ok()) {
            let errs = page(id, "Title").unwrap_err();
            assert_eq!(errs[0].reason, Problem::ReservedPageId { value: (*id).to_owned() }, "{id}");
        }
        assert!(page("about", "Title").is_ok(), "a multi-line text may hold a zero-width space");
        for hidden in ['\u{202E}', '\u{2066}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}'] {
            let errs = page("about", &format!("{hidden}evil")).unwrap_err();
            assert_eq!(errs[0].reason, Problem::ControlCharacter { code_point: hidden as u32 }, "{hidden:?}");
        }
    }

    const SITE_HEADER: &str = "id,name_en,name_uk,facility_type,settlement,region,country,occupied_territory,lat,lon,coord_precision,operator,reported_from,reported_to,abuse_types,source_urls,notes\n";

    #[test]
    fn reports_every_problem_with_line_and_column() {
        let csv = format!(
            "{SITE_HEADER}\
             ok-site,Ok,Гаразд,penal_colony,A,B,RU,false,50.1,30.2,settlement,FSIN,2022-01,2022-03,beating,https://example.org/a,Note\n\
             Bad Id,X,Х,prison,A,B,RU,true,95,30,settlement,FSIN,2022-05,2022-01,tickling,ftp://x,Note\n"
        );
        let errs = parse(Kind::Sites, csv.as_bytes()).unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        for want in [
            "3: id: \"Bad Id\" is not a valid id",
            "3: facility_type: \"prison\" is not a known site type",
            "3: occupied_territory: only sites in Ukraine",
            "3: lat: 95 is out of range",
            "3: reported_to: 2022-01 is before reported_from 2022-05",
            "3: abuse_types: \"tickling\" is not a known abuse type",
            "3: source_urls: \"ftp://x\" is not an http or https URL",
        ] {
            assert!(text.iter().any(|t| t.starts_with(want)), "missing {want:?} in {text:#?}");
        }
        assert!(!text.iter().any(|t| t.starts_with("2:")), "good row reported: {text:#?}");
    }

    #[test]
    fn header_problems() {
        let errs = parse(Kind::Findings, b"source_id,site_id,abuse_types,period_from,note,colour\n").unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(text.contains(&"1: period_to: required column is missing".to_owned()), "{text:?}");
        assert!(text.iter().any(|t| t.starts_with("1: colour: unknown column")), "{text:?}");
    }

    #[test]
    fn duplicates_and_ragged_rows() {
        let csv = "source_id,site_id,abuse_types,period_from,period_to,note\n\
                   src-a,site-a,beating,,,n\n\
                   src-a,site-a,,,,n\n\
                   src-b,site-a,,\n";
        let text: Vec<String> =
            parse(Kind::Findings, csv.as_bytes()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "3: site_id: \"src-a site-a\" appears more than once in this file",
                "4: the row has 4 fields, the header has 6",
            ]
        );
    }

    #[test]
    fn quoted_multiline_fields_keep_line_numbers() {
        let csv = "source_id,site_id,abuse_types,period_from,period_to,note\n\
                   src-a,site-a,,,,\"two\nlines\"\n\
                   src-b,site-a,nope,,,n\n";
        let text: Vec<String> =
            parse(Kind::Findings, csv.as_bytes()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 1);
        assert!(text[0].starts_with("4: abuse_types:"), "{text:?}");
    }

    #[test]
    fn stays() {
        let s = parse_stays("ua-olenivka-ik-120@2022-05..2022-09|ru-taganrog-sizo-2@2022-09..").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].to, None);
        assert!(parse_stays("a@2022-05..2022-01").is_err());
        assert!(parse_stays("a@2022").is_err());
        assert!(parse_stays("").is_err());
    }

    #[test]
    fn testimony_without_source_needs_consent() {
        let csv = "id,source_id,witness_role,summary_en,abuse_types,stays\nt-1,,former_prisoner,S,,a@..\n";
        let text: Vec<String> =
            parse(Kind::Testimonies, csv.as_bytes()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(text, ["2: consent: is required when the testimony has no source_id"]);
    }
}
#[cfg(test)]
mod crlf_tests {
    use super::*;
    #[test]
    fn crlf_line_numbers() {
        let csv =
            "source_id,site_id,abuse_types,period_from,period_to,note\r\nsrc-a,site-a,x,,,n\r\nsrc-b,site-a,y,,,n\r\n";
        let text: Vec<String> =
            parse(Kind::Findings, csv.as_bytes()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(text[0].split(':').next().unwrap(), "2", "{text:?}");
        assert_eq!(text[1].split(':').next().unwrap(), "3", "{text:?}");
    }
}
