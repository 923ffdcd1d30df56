//! The kinds of record the platform keeps — sites, sources, findings,
//! testimonies, news, questions and editorial pages — and every fact about
//! each, declared once: its names, its columns (what a CSV file and a
//! back-office form hold, with the input each column gets and its default),
//! its key, how a list names one record, and the editing rules that differ
//! between kinds. The importer, the forms, the services, storage and the
//! command line all read them from here.

use crate::Lang;
use crate::vocabulary::VocabularyName;
use serde::{Deserialize, Serialize};

/// A kind of record (and what a CSV file of `inferno import` holds). Kept
/// and sent by its singular name ("site"), as revisions name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "&str")]
pub enum Kind {
    Sites,
    Sources,
    Findings,
    Testimonies,
    News,
    /// Questions and answers.
    Faq,
    /// Editorial pages (about, how to help).
    Pages,
}

/// How a form takes a column's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Text,
    /// Markdown, with a preview.
    Markdown,
    /// A list edited one item per line, stored joined by the separator.
    List(&'static str),
    /// One value of a vocabulary.
    Choice(VocabularyName),
    /// Yes or no (`true`, `false`).
    YesNo,
    /// Any number of a vocabulary's values, stored joined by `;`.
    Several(VocabularyName),
    /// Worked out from other records: no form shows it.
    Derived,
}

/// One column of a kind: its CSV header name, whether a file must have it,
/// the input a form gives it and the value a new record starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub input: Input,
    pub default: &'static str,
}

impl Column {
    const fn new(name: &'static str, input: Input) -> Column {
        Column { name, required: true, input, default: "" }
    }

    const fn optional(self) -> Column {
        Column { required: false, ..self }
    }

    const fn or(self, default: &'static str) -> Column {
        Column { default, ..self }
    }

    /// The language its text is in, for columns named `…_uk`, `…_ru`, `…_en`.
    pub fn lang(&self) -> Option<&'static str> {
        ["uk", "ru", "en"].into_iter().find(|l| self.name.strip_suffix(l).is_some_and(|s| s.ends_with('_')))
    }
}

use Input::{Choice, Derived, Line, List, Markdown, Several, Text, YesNo};
use VocabularyName as V;

const fn col(name: &'static str, input: Input) -> Column {
    Column::new(name, input)
}

const SITES: &[Column] = &[
    col("id", Line),
    col("name_en", Line),
    col("name_uk", Line),
    col("facility_type", Choice(V::SiteType)).or("unknown"),
    col("settlement", Line),
    col("region", Line),
    col("country", Line),
    col("occupied_territory", YesNo).or("false"),
    col("lat", Line),
    col("lon", Line),
    col("coord_precision", Choice(V::CoordPrecision)).or("settlement"),
    col("operator", Line).or("unknown"),
    col("reported_from", Line),
    col("reported_to", Line),
    // A site's abuse types are those its findings report.
    col("abuse_types", Derived),
    col("source_urls", List(";")),
    col("notes", Markdown),
    col("name_ru", Line).optional(),
    col("aliases", Line).optional(),
    col("settlement_uk", Line).optional(),
    col("region_uk", Line).optional(),
    col("notes_uk", Markdown).optional(),
    col("status", Choice(V::SiteStatus)).optional().or("unknown"),
];

const SOURCES: &[Column] = &[
    col("id", Line),
    col("kind", Choice(V::SourceKind)).or("media"),
    // Empty when the team could not read the headline: pages then name the
    // source by its kind and publisher rather than by a made-up title.
    col("title", Line),
    col("publisher", Line),
    col("published_on", Line),
    col("url", Line),
    col("language", Line),
    col("reliability", Choice(V::Reliability)).or("F"),
    col("credibility", Choice(V::Credibility)).or("6"),
    col("independence_group", Line),
    col("notes", Text),
    col("notes_uk", Text).optional(),
    col("archived_sha256", Line).optional(),
];

const FINDINGS: &[Column] = &[
    col("source_id", Line),
    col("site_id", Line),
    col("abuse_types", Several(V::AbuseType)),
    col("period_from", Line),
    col("period_to", Line),
    col("note", Text),
    col("note_uk", Text).optional(),
];

const TESTIMONIES: &[Column] = &[
    col("id", Line),
    col("source_id", Line),
    col("witness_role", Choice(V::WitnessRole)).or("former_prisoner"),
    col("summary_en", Text),
    col("abuse_types", Several(V::AbuseType)),
    col("stays", List("|")),
    col("summary_uk", Text).optional(),
    col("consent", Choice(V::Consent)).optional().or("witness_anonymised"),
];

const NEWS: &[Column] = &[
    col("id", Line),
    col("date", Line),
    col("title_en", Line),
    col("summary_en", Text),
    col("source_name", Line),
    col("source_url", Line),
    col("facility_ids", Line),
    col("title_uk", Line).optional(),
    col("summary_uk", Text).optional(),
    col("body_en", Markdown).optional(),
    col("body_uk", Markdown).optional(),
];

const FAQ: &[Column] = &[
    col("id", Line),
    col("position", Line),
    col("question_en", Line),
    col("answer_en", Markdown),
    col("question_uk", Line).optional(),
    col("answer_uk", Markdown).optional(),
];

const PAGES: &[Column] = &[
    col("id", Line),
    col("title_en", Line),
    col("body_en", Markdown),
    col("title_uk", Line).optional(),
    col("body_uk", Markdown).optional(),
];

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Sites, Kind::Sources, Kind::Findings, Kind::Testimonies, Kind::News, Kind::Faq, Kind::Pages];

    /// Its name in URLs, on the command line and in file names ("sites").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sites => "sites",
            Kind::Sources => "sources",
            Kind::Findings => "findings",
            Kind::Testimonies => "testimonies",
            Kind::News => "news",
            Kind::Faq => "faq",
            Kind::Pages => "pages",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The kind whose one record is named `s` ("site"), as revisions name it.
    pub fn from_singular(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.singular() == s)
    }

    /// One record of the kind, in English ("a site with the id …"), as
    /// revisions and audit entries name it.
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Sites => "site",
            Kind::Sources => "source",
            Kind::Findings => "finding",
            Kind::Testimonies => "testimony",
            Kind::News => "news",
            Kind::Faq => "faq",
            Kind::Pages => "page",
        }
    }

    /// What a file of the kind holds, in English, for the command line's help.
    pub fn describes(self) -> &'static str {
        match self {
            Kind::Sites => "Detention sites (columns of data/facilities.csv)",
            Kind::Sources => "Sources (data/sources.csv)",
            Kind::Findings => "What each source says about each site (data/findings.csv)",
            Kind::Testimonies => "Anonymised testimonies with their stays (data/testimonies.csv)",
            Kind::News => "News items (data/news.csv)",
            Kind::Faq => "Questions and answers (columns id, position, question_en, answer_en, question_uk, answer_uk)",
            Kind::Pages => "Editorial pages (columns id, title_en, body_en, title_uk, body_uk)",
        }
    }

    /// Its columns, in file order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Sites => SITES,
            Kind::Sources => SOURCES,
            Kind::Findings => FINDINGS,
            Kind::Testimonies => TESTIMONIES,
            Kind::News => NEWS,
            Kind::Faq => FAQ,
            Kind::Pages => PAGES,
        }
    }

    /// The column named `name`, if the kind has it.
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.name == name)
    }

    /// The columns that name one record, fixed once it exists; a key joins
    /// their values with `~` (a finding is a source about a site).
    pub fn key_columns(self) -> &'static [&'static str] {
        if self == Kind::Findings { &["source_id", "site_id"] } else { &["id"] }
    }

    /// Whether a reviewer can withdraw a published record of the kind, and
    /// readers are told of its public changes in a public note. Sources and
    /// findings are neither: they have no page of their own, and re-grading a
    /// source needs no note. Every kind can be a draft a reviewer publishes.
    pub fn withdrawable(self) -> bool {
        matches!(self, Kind::Sites | Kind::Testimonies | Kind::News | Kind::Faq | Kind::Pages)
    }

    /// Whether a new record is a draft whoever makes it: a site or a news
    /// item is written over days. A source or finding made by someone who may
    /// publish is public at once, as it was before review existed; one made
    /// by an editor waits, like any change of theirs.
    pub fn drafts_for_everyone(self) -> bool {
        !matches!(self, Kind::Sources | Kind::Findings)
    }

    /// The name a back-office list shows for one record, in `lang` where it
    /// has one, from its column values (`get`).
    pub fn title<'a>(self, get: impl Fn(&str) -> Option<&'a str>, lang: Lang) -> String {
        let local = |stem: &str| local(&get, stem, lang);
        let short = |v: &str| v.chars().take(90).collect::<String>();
        let found = match self {
            Kind::Sites | Kind::News | Kind::Pages => self.public_name(&get, lang),
            // A source whose headline was not recorded is named by its publisher.
            Kind::Sources => get("title").filter(|t| !t.is_empty()).or_else(|| get("publisher")).map(str::to_owned),
            Kind::Findings => get("note").map(short),
            Kind::Testimonies => local("summary").map(short),
            Kind::Faq => local("question").map(str::to_owned),
        };
        found.filter(|v| !v.is_empty()).unwrap_or_default()
    }

    /// The name the public list of changes gives a record: a site's name or
    /// a page's title, nothing else. Never words of a testimony or a note,
    /// which a withdrawal may have taken off the site for a reason.
    pub fn public_name<'a>(self, get: impl Fn(&str) -> Option<&'a str>, lang: Lang) -> Option<String> {
        match self {
            Kind::Sites => local(&get, "name", lang),
            Kind::News | Kind::Pages => local(&get, "title", lang),
            Kind::Sources | Kind::Findings | Kind::Testimonies | Kind::Faq => None,
        }
        .map(str::to_owned)
    }
}

/// The value of column `{stem}_{lang}`, or of `{stem}_en` when that is empty.
fn local<'a>(get: impl Fn(&str) -> Option<&'a str>, stem: &str, lang: Lang) -> Option<&'a str> {
    let of = |l: &str| get(&format!("{stem}_{l}")).filter(|v| !v.is_empty());
    of(lang.code()).or_else(|| of("en"))
}

impl From<Kind> for &'static str {
    fn from(kind: Kind) -> &'static str {
        kind.singular()
    }
}

impl TryFrom<&str> for Kind {
    type Error = String;

    fn try_from(singular: &str) -> Result<Kind, String> {
        Kind::from_singular(singular).ok_or_else(|| format!("\"{singular}\" is not a kind of record"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_key_and_title_columns_and_defaults_in_its_choices() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.name()), Some(kind));
            assert_eq!(Kind::from_singular(kind.singular()), Some(kind));
            for key in kind.key_columns() {
                let column = kind.column(key).unwrap_or_else(|| panic!("{kind:?} has no key column {key}"));
                assert!(column.required, "{kind:?}.{key}");
            }
            let mut names: Vec<_> = kind.columns().iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), kind.columns().len(), "{kind:?} names a column twice");
        }
    }

    #[test]
    fn a_title_is_in_the_readers_language_and_falls_back_to_english() {
        let fields = [("name_en", "Olenivka"), ("name_uk", "")];
        let get = |k: &str| fields.iter().find(|(c, _)| *c == k).map(|(_, v)| *v);
        assert_eq!(Kind::Sites.title(get, Lang::Uk), "Olenivka");
        let fields = [("question_en", "Why?"), ("question_uk", "Чому?")];
        let get = |k: &str| fields.iter().find(|(c, _)| *c == k).map(|(_, v)| *v);
        assert_eq!(Kind::Faq.title(get, Lang::Uk), "Чому?");
        assert_eq!(Kind::Faq.title(get, Lang::En), "Why?");
        assert_eq!(Kind::Faq.public_name(get, Lang::En), None, "only sites and pages are named in public");
        assert_eq!(Column::new("notes_uk", Text).lang(), Some("uk"));
        assert_eq!(Column::new("settlement", Line).lang(), None);
    }
}
