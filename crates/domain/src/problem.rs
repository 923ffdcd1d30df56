//! Why a value is refused, as data: a code and its arguments. Whoever shows a
//! problem words it: `Display` in English (the command line, logs, errors of
//! the store), the web layer in the reader's language (`problem-<code>`).

use crate::kind::Kind;
use crate::vocabulary::VocabularyName;
use std::fmt;

/// Declares [`Problem`] with each variant's code, and the list of codes.
macro_rules! problems {
    ($($(#[$doc:meta])* $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? = $code:literal,)+) => {
        /// Why a value (or a row, or a file) is refused. Each kind of problem
        /// has a stable code, `problem-<code>` in the web layer's messages.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$doc])* $variant $({ $($field: $ty),* })?,)+
        }

        impl Problem {
            /// Every code, one per kind of problem.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn code(&self) -> &'static str {
                match self {
                    $(Problem::$variant { .. } => $code,)+
                }
            }
        }
    };
}

problems! {
    // The file and its header (what `inferno import` reads).
    /// Nothing but white space.
    EmptyFile = "empty-file",
    NoRows = "no-rows",
    TooManyRows { max: usize } = "too-many-rows",
    UnknownColumn { known: Vec<String> } = "unknown-column",
    RepeatedColumn = "repeated-column",
    MissingColumn = "missing-column",
    FieldCount { found: usize, expected: usize } = "field-count",
    NotUtf8 = "not-utf8",
    /// The CSV reader's own words (English) for a row it cannot read.
    BadCsv { detail: String } = "bad-csv",
    /// A key (an id, or a source and a site) that a file holds twice.
    Duplicate { key: String } = "duplicate",

    // Any value.
    Required = "required",
    /// An empty value where there must be one (a part of a list).
    Empty = "empty",
    TooLong { max: usize } = "too-long",
    ControlCharacter { code_point: u32 } = "control-character",

    // Values of a kind.
    NotInVocabulary { value: String, vocabulary: VocabularyName, expected: &'static [&'static str] } = "not-in-vocabulary",
    /// A code given twice in one list.
    ListedTwice { value: String } = "listed-twice",
    BadId { value: String } = "bad-id",
    /// An editorial page's id that is a path the site's router owns.
    ReservedPageId { value: String } = "reserved-page-id",
    NotBoolean { value: String } = "not-boolean",
    NotNumber { value: String } = "not-number",
    NotWholeNumber { value: String } = "not-whole-number",
    /// A latitude or longitude beyond ±`max` degrees.
    CoordinateOutOfRange { value: String, max: u32 } = "coordinate-out-of-range",
    NotCountry { value: String } = "not-country",
    NotLanguage { value: String } = "not-language",
    NotSha256 = "not-sha256",
    InvalidUrl { value: String, cause: url::ParseError } = "invalid-url",
    NotHttp { value: String } = "not-http",
    NoHost { value: String } = "no-host",
    NotAccountName { value: String, min: usize, max: usize } = "not-account-name",
    NotRole { value: String } = "not-role",

    // Dates.
    NotYear { value: String } = "not-year",
    YearOutOfRange { year: u16, min: u16, max: u16 } = "year-out-of-range",
    NotTwoDigitMonth { value: String } = "not-two-digit-month",
    NotTwoDigitDay { value: String } = "not-two-digit-day",
    MonthOutOfRange { month: u8 } = "month-out-of-range",
    /// A day past the end of its month (`max` days).
    DayOutOfRange { day: u8, max: u8 } = "day-out-of-range",
    NotMonth { value: String } = "not-month",
    NotDate { value: String } = "not-date",
    NotFullDate { value: String } = "not-full-date",
    /// The end of a period (this column) before its start, in `start_column`
    /// (months as `YYYY-MM`: a problem holds values as text, below the
    /// types whose parsers report it).
    EndsBeforeStart { end: String, start: String, start_column: String } = "ends-before-start",

    // Between the fields of a record.
    /// `country` is the ISO 3166-1 code.
    OccupiedOutsideUkraine { country: String } = "occupied-outside-ukraine",
    /// A testimony with no source needs its consent stated.
    ConsentRequired = "consent-required",

    // A testimony's stays (`site@YYYY-MM..YYYY-MM|…`), numbered from 1.
    Stay { number: usize, problem: Box<Problem> } = "stay",
    /// The site id of a stay.
    StaySite { number: usize, problem: Box<Problem> } = "stay-site",
    NotPeriod { value: String } = "not-period",
    StayEndsBeforeStart { start: String, end: String } = "stay-ends-before-start",
    TooManyStays { max: usize } = "too-many-stays",

    // What the database must already hold.
    UnknownSite { id: String } = "unknown-site",
    UnknownSource { id: String } = "unknown-source",

    // What the database holds already, or no longer (a store's conflicts).
    /// A new record with the key of one that exists.
    AlreadyExists { kind: Kind, id: String } = "already-exists",
    NoSuchRecord { kind: Kind, id: String } = "no-such-record",
    /// The change a reviewer read was replaced by a newer one meanwhile.
    ChangeReplaced { kind: Kind, id: String } = "change-replaced",
    ChangeNotOfRecord { id: String } = "change-not-of-record",
    /// A proposed change that the import rules, stricter since, now refuse.
    NoLongerValid { problems: Vec<RowError> } = "no-longer-valid",
    AccountExists { name: String } = "account-exists",
    NoSuchAccount = "no-such-account",
}

impl fmt::Display for Problem {
    /// The English wording: what the command line prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EmptyFile => f.write_str("the file is empty; expected a header row and data rows"),
            Problem::NoRows => f.write_str("the file has a header but no rows"),
            Problem::TooManyRows { max } => write!(f, "the file has more than {max} rows"),
            Problem::UnknownColumn { known } => write!(f, "unknown column; the columns are: {}", known.join(", ")),
            Problem::RepeatedColumn => f.write_str("the column appears twice"),
            Problem::MissingColumn => f.write_str("required column is missing"),
            Problem::FieldCount { found, expected } => {
                write!(f, "the row has {found} fields, the header has {expected}")
            }
            Problem::NotUtf8 => f.write_str("the row is not valid UTF-8 text"),
            Problem::BadCsv { detail } => write!(f, "the row cannot be read as CSV ({detail})"),
            Problem::Duplicate { key } => write!(f, "\"{key}\" appears more than once in this file"),
            Problem::Required => f.write_str("is required"),
            Problem::Empty => f.write_str("is empty"),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::ControlCharacter { code_point } => write!(f, "contains a control character (U+{code_point:04X})"),
            Problem::NotInVocabulary { value, vocabulary, expected } => write!(
                f,
                "\"{value}\" is not a known {}; expected one of: {}",
                vocabulary.english(),
                expected.join(", ")
            ),
            Problem::ListedTwice { value } => write!(f, "\"{value}\" is listed twice"),
            Problem::ReservedPageId { value } => {
                write!(f, "\"{value}\" is the address of a part of the site; choose another id for the page")
            }
            Problem::BadId { value } => {
                write!(f, "\"{value}\" is not a valid id: use lowercase latin letters, digits and single hyphens")
            }
            Problem::NotBoolean { value } => write!(f, "\"{value}\" is neither true nor false"),
            Problem::NotNumber { value } => write!(f, "\"{value}\" is not a number"),
            Problem::NotWholeNumber { value } => write!(f, "\"{value}\" is not a whole number"),
            Problem::CoordinateOutOfRange { value, max } => write!(f, "{value} is out of range (−{max} to {max})"),
            Problem::NotCountry { value } => {
                write!(f, "\"{value}\" is not an ISO 3166 country code (two capital letters, e.g. UA)")
            }
            Problem::NotLanguage { value } => write!(f, "\"{value}\" is not a two-letter ISO 639-1 language code"),
            Problem::NotSha256 => f.write_str("is not a SHA-256 digest (64 hexadecimal digits)"),
            Problem::InvalidUrl { value, cause } => write!(f, "\"{value}\" is not a valid URL ({cause})"),
            Problem::NotHttp { value } => write!(f, "\"{value}\" is not an http or https URL"),
            Problem::NoHost { value } => write!(f, "\"{value}\" has no host"),
            Problem::NotAccountName { value, min, max } => write!(
                f,
                "\"{value}\" is not a valid account name: {min} to {max} characters, lowercase latin letters, digits, '.', '-' or '_', starting with a letter"
            ),
            Problem::NotRole { value } => write!(f, "\"{value}\" is not a role; the roles are admin, editor, reviewer"),
            Problem::NotYear { value } => write!(f, "\"{value}\" is not a four-digit year"),
            Problem::YearOutOfRange { year, min, max } => write!(f, "year {year} is out of range ({min}–{max})"),
            Problem::NotTwoDigitMonth { value } => write!(f, "\"{value}\" is not a two-digit month"),
            Problem::NotTwoDigitDay { value } => write!(f, "\"{value}\" is not a two-digit day"),
            Problem::MonthOutOfRange { month } => write!(f, "month {month} is out of range (1–12)"),
            Problem::DayOutOfRange { day, max } => write!(f, "day {day} is out of range (1–{max})"),
            Problem::NotMonth { value } => write!(f, "\"{value}\" is not a month in the form YYYY-MM"),
            Problem::NotDate { value } => {
                write!(f, "\"{value}\" is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
            }
            Problem::NotFullDate { value } => write!(f, "\"{value}\" is not a full date in the form YYYY-MM-DD"),
            Problem::EndsBeforeStart { end, start, start_column } => {
                write!(f, "{end} is before {start_column} {start}")
            }
            Problem::OccupiedOutsideUkraine { country } => {
                write!(f, "only sites in Ukraine can be in occupied territory, and country is {country}")
            }
            Problem::ConsentRequired => f.write_str("is required when the testimony has no source_id"),
            Problem::Stay { number, problem } => write!(f, "stay {number}: {problem}"),
            Problem::StaySite { number, problem } => write!(f, "stay {number}: site id {problem}"),
            Problem::NotPeriod { value } => write!(f, "\"{value}\" is not a period in the form YYYY-MM..YYYY-MM"),
            Problem::StayEndsBeforeStart { start, end } => write!(f, "ends ({end}) before it starts ({start})"),
            Problem::TooManyStays { max } => write!(f, "more than {max} stays"),
            Problem::UnknownSite { id } => write!(f, "unknown site \"{id}\" (import sites first)"),
            Problem::UnknownSource { id } => write!(f, "unknown source \"{id}\" (import sources first)"),
            Problem::AlreadyExists { kind, id } => {
                write!(f, "a {} with the id \"{id}\" already exists", kind.singular())
            }
            Problem::NoSuchRecord { kind, id } => write!(f, "there is no {} \"{id}\"", kind.singular()),
            Problem::ChangeReplaced { kind, id } => write!(
                f,
                "the change that waits on {} \"{id}\" was replaced by a newer one: read that one first",
                kind.singular()
            ),
            Problem::ChangeNotOfRecord { id } => write!(f, "the proposed change is not one of \"{id}\""),
            Problem::NoLongerValid { problems } => {
                let list: Vec<String> = problems.iter().map(|e| format!("{}: {}", e.column, e.reason)).collect();
                write!(f, "the proposed change no longer passes the import rules ({})", list.join("; "))
            }
            Problem::AccountExists { name } => write!(f, "an account named \"{name}\" already exists"),
            Problem::NoSuchAccount => f.write_str("no such account"),
        }
    }
}

impl std::error::Error for Problem {}

impl Problem {
    /// One problem of every kind, in the order of [`Problem::CODES`]: for the
    /// tests of whoever words them, that every kind reads right.
    pub fn examples() -> Vec<Problem> {
        let s = |v: &str| v.to_owned();
        let m = |year: u16, month: u8| format!("{year}-{month:02}");
        vec![
            Problem::EmptyFile,
            Problem::NoRows,
            Problem::TooManyRows { max: 100_000 },
            Problem::UnknownColumn { known: vec![s("id"), s("name_en")] },
            Problem::RepeatedColumn,
            Problem::MissingColumn,
            Problem::FieldCount { found: 4, expected: 6 },
            Problem::NotUtf8,
            Problem::BadCsv { detail: s("unexpected end") },
            Problem::Duplicate { key: s("site-a") },
            Problem::Required,
            Problem::Empty,
            Problem::TooLong { max: 1_000 },
            Problem::ControlCharacter { code_point: 7 },
            Problem::NotInVocabulary {
                value: s("prison"),
                vocabulary: VocabularyName::SiteType,
                expected: crate::SiteType::CODES,
            },
            Problem::ListedTwice { value: s("beating") },
            Problem::BadId { value: s("Bad Id") },
            Problem::ReservedPageId { value: s("submit") },
            Problem::NotBoolean { value: s("maybe") },
            Problem::NotNumber { value: s("north") },
            Problem::NotWholeNumber { value: s("first") },
            Problem::CoordinateOutOfRange { value: s("95"), max: 90 },
            Problem::NotCountry { value: s("ua") },
            Problem::NotLanguage { value: s("ukr") },
            Problem::NotSha256,
            Problem::InvalidUrl { value: s("www.bbc.com"), cause: url::ParseError::RelativeUrlWithoutBase },
            Problem::NotHttp { value: s("ftp://x.org") },
            Problem::NoHost { value: s("https://") },
            Problem::NotAccountName { value: s("Olena"), min: 2, max: 40 },
            Problem::NotRole { value: s("root") },
            Problem::NotYear { value: s("23") },
            Problem::YearOutOfRange { year: 2200, min: 1900, max: 2100 },
            Problem::NotTwoDigitMonth { value: s("1") },
            Problem::NotTwoDigitDay { value: s("1") },
            Problem::MonthOutOfRange { month: 13 },
            Problem::DayOutOfRange { day: 30, max: 28 },
            Problem::NotMonth { value: s("2022") },
            Problem::NotDate { value: s("2023-01-01-01") },
            Problem::NotFullDate { value: s("2023-08") },
            Problem::EndsBeforeStart { end: m(2022, 1), start: m(2022, 5), start_column: s("reported_from") },
            Problem::OccupiedOutsideUkraine { country: s("RU") },
            Problem::ConsentRequired,
            Problem::Stay { number: 2, problem: Box::new(Problem::MonthOutOfRange { month: 13 }) },
            Problem::StaySite { number: 1, problem: Box::new(Problem::BadId { value: s("Site A") }) },
            Problem::NotPeriod { value: s("2022") },
            Problem::StayEndsBeforeStart { start: m(2022, 5), end: m(2022, 1) },
            Problem::TooManyStays { max: 100 },
            Problem::UnknownSite { id: s("ru-nowhere") },
            Problem::UnknownSource { id: s("src-nowhere") },
            Problem::AlreadyExists { kind: Kind::Sites, id: s("ru-taganrog-sizo-2") },
            Problem::NoSuchRecord { kind: Kind::Sources, id: s("src-gone") },
            Problem::ChangeReplaced { kind: Kind::Sites, id: s("ru-taganrog-sizo-2") },
            Problem::ChangeNotOfRecord { id: s("ru-taganrog-sizo-2") },
            Problem::NoLongerValid {
                problems: vec![
                    RowError::new(0, "lat", Problem::CoordinateOutOfRange { value: s("95"), max: 90 }),
                    RowError::new(0, "facility_type", Problem::Required),
                ],
            },
            Problem::AccountExists { name: s("olena") },
            Problem::NoSuchAccount,
        ]
    }
}

/// One problem in an input file: where it is and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// The column (CSV header name); empty when the problem is the whole row.
    pub column: String,
    /// Why, as data: `Display` words it in English, the web layer in the
    /// reader's language.
    pub reason: Problem,
}

impl RowError {
    pub fn new(line: u64, column: impl Into<String>, reason: Problem) -> Self {
        RowError { line, column: column.into(), reason }
    }
}

impl fmt::Display for RowError {
    /// `line: column: reason`; the caller puts the file name in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}: {}", self.line, self.reason)
        } else {
            write!(f, "{}: {}: {}", self.line, self.column, self.reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_example_and_its_own_code() {
        let codes: Vec<&str> = Problem::examples().iter().map(Problem::code).collect();
        assert_eq!(codes, Problem::CODES);
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "a code is used twice");
    }

    #[test]
    fn nested_problems_say_where() {
        let p = Problem::StaySite { number: 2, problem: Box::new(Problem::Empty) };
        assert_eq!(p.to_string(), "stay 2: site id is empty");
    }
}
