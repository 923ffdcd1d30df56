//! Reading one CSV row by column name, collecting every problem found.

use crate::kind::Column;
use crate::{Id, Month, PartialDate, Problem, RowError};
use std::collections::HashMap;

/// The header of a file: which columns it has, checked against what a kind needs.
#[derive(Debug)]
pub struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    /// Checks the header: every required column present, none unknown or repeated.
    pub fn check(header: &csv::StringRecord, kind: &[Column]) -> Result<Columns, Vec<RowError>> {
        let mut index = HashMap::new();
        let mut errors = Vec::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            if !kind.iter().any(|c| c.name == name) {
                let known = kind.iter().map(|c| c.name.to_owned()).collect();
                errors.push(RowError::new(1, name, Problem::UnknownColumn { known }));
            } else if index.insert(name.to_owned(), i).is_some() {
                errors.push(RowError::new(1, name, Problem::RepeatedColumn));
            }
        }
        for column in kind.iter().filter(|c| c.required) {
            if !index.contains_key(column.name) {
                errors.push(RowError::new(1, column.name, Problem::MissingColumn));
            }
        }
        if errors.is_empty() { Ok(Columns { index }) } else { Err(errors) }
    }
}

/// Longest single-line value (names, titles, URLs).
pub const MAX_LINE: usize = 1_000;
/// Longest free text (summaries, notes, Markdown bodies).
pub const MAX_TEXT: usize = 50_000;

/// One row being read: each accessor validates a column and records a problem
/// instead of stopping, so that the importer reports them all at once.
pub struct Fields<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
    columns: &'a Columns,
    pub errors: Vec<RowError>,
}

impl<'a> Fields<'a> {
    pub fn new(line: u64, record: &'a csv::StringRecord, columns: &'a Columns) -> Self {
        Fields { line, record, columns, errors: Vec::new() }
    }

    pub fn fail(&mut self, column: &str, reason: Problem) {
        self.errors.push(RowError::new(self.line, column, reason));
    }

    /// The raw value, trimmed; empty when the (optional) column is absent.
    pub fn raw(&self, column: &str) -> &'a str {
        self.columns.index.get(column).and_then(|&i| self.record.get(i)).map(str::trim).unwrap_or("")
    }

    /// Free text: no control characters but line breaks and tabs (in
    /// multi-line text), and in a single line nothing a reader cannot see
    /// ([`crate::lang::is_hidden`]); bounded length.
    fn checked_text(&mut self, column: &str, max: usize, multiline: bool) -> String {
        let v = self.raw(column);
        if v.chars().count() > max {
            self.fail(column, Problem::TooLong { max });
            return String::new();
        }
        let bad = v.chars().find(|&c| {
            (c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
                || (!multiline && crate::lang::is_hidden(c))
        });
        if let Some(c) = bad {
            self.fail(column, Problem::ControlCharacter { code_point: c as u32 });
            return String::new();
        }
        v.replace("\r\n", "\n")
    }

    /// A required single-line value.
    pub fn line_text(&mut self, column: &str) -> String {
        let v = self.checked_text(column, MAX_LINE, false);
        if v.is_empty() && self.raw(column).is_empty() {
            self.fail(column, Problem::Required);
        }
        v
    }

    /// An optional single-line value.
    pub fn opt_line_text(&mut self, column: &str) -> String {
        self.checked_text(column, MAX_LINE, false)
    }

    /// A required multi-line text.
    pub fn text(&mut self, column: &str) -> String {
        let v = self.checked_text(column, MAX_TEXT, true);
        if self.raw(column).is_empty() {
            self.fail(column, Problem::Required);
        }
        v
    }

    /// An optional multi-line text.
    pub fn opt_text(&mut self, column: &str) -> String {
        self.checked_text(column, MAX_TEXT, true)
    }

    /// Applies `parse` to a required value.
    pub fn parsed<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, Problem>) -> Option<T> {
        let v = self.raw(column);
        if v.is_empty() {
            self.fail(column, Problem::Required);
            return None;
        }
        match parse(v) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(column, e);
                None
            }
        }
    }

    /// Applies `parse` to a value that may be empty.
    pub fn opt_parsed<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, Problem>) -> Option<T> {
        if self.raw(column).is_empty() {
            return None;
        }
        self.parsed(column, parse)
    }

    pub fn id(&mut self, column: &str) -> Option<Id> {
        self.parsed(column, Id::parse)
    }

    pub fn month(&mut self, column: &str) -> Option<Month> {
        self.opt_parsed(column, Month::parse)
    }

    pub fn date(&mut self, column: &str) -> Option<PartialDate> {
        self.opt_parsed(column, PartialDate::parse)
    }

    /// A required web address.
    pub fn url(&mut self, column: &str) -> String {
        self.parsed(column, check_url).unwrap_or_default()
    }

    /// A `;`-separated list of web addresses (may be empty).
    /// An optional list of values separated by `;`, on one line (so at most
    /// [`MAX_LINE`] characters in all).
    pub fn list(&mut self, column: &str) -> Vec<String> {
        self.opt_line_text(column).split(';').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
    }

    pub fn urls(&mut self, column: &str) -> Vec<String> {
        let raw = self.raw(column);
        let mut out = Vec::new();
        for u in raw.split(';').map(str::trim).filter(|u| !u.is_empty()) {
            match check_url(u) {
                Ok(u) => out.push(u),
                Err(e) => self.fail(column, e),
            }
        }
        out
    }

    /// A `from`..`to` pair of months: `to` may not come before `from`.
    pub fn period(&mut self, from: &str, to: &str) -> (Option<Month>, Option<Month>) {
        let (f, t) = (self.month(from), self.month(to));
        if let (Some(f), Some(t)) = (f, t)
            && t < f
        {
            self.fail(
                to,
                Problem::EndsBeforeStart { end: t.to_string(), start: f.to_string(), start_column: from.to_owned() },
            );
        }
        (f, t)
    }
}

/// Accepts absolute http(s) addresses with a host, as links to originals need.
pub fn check_url(s: &str) -> Result<String, Problem> {
    let url = url::Url::parse(s).map_err(|cause| Problem::InvalidUrl { value: s.to_owned(), cause })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Problem::NotHttp { value: s.to_owned() });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Problem::NoHost { value: s.to_owned() });
    }
    if s.len() > MAX_LINE {
        return Err(Problem::TooLong { max: MAX_LINE });
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(check_url("https://www.bbc.com/news/world-europe-66516016").is_ok());
        for bad in ["javascript:alert(1)", "ftp://x.org/a", "www.bbc.com", "https://", "data:text/html,x"] {
            assert!(check_url(bad).is_err(), "{bad} accepted");
        }
    }
}
