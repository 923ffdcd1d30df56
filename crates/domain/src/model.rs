//! The public records (DESIGN.md §1).

use crate::{
    AbuseType, Consent, CoordPrecision, Country, Credibility, Id, LocalText, Month, PartialDate, Problem, Reliability,
    SiteStatus, SiteType, SourceKind, VocabularyName, WitnessRole,
};
use serde::{Deserialize, Serialize};

/// A place of detention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub id: Id,
    pub name: LocalText,
    /// The original Russian name, where known.
    pub name_ru: String,
    /// Other names and spellings met in sources (a transliteration, a former
    /// name, a nickname), so that search finds the site by any of them.
    pub aliases: Vec<String>,
    pub site_type: SiteType,
    pub settlement: LocalText,
    pub region: LocalText,
    /// The state whose territory the site is on: a site in occupied Ukraine is `UA`.
    pub country: Country,
    /// Under Russian occupation when detention there was reported.
    pub occupied: bool,
    pub lat: f64,
    pub lon: f64,
    pub precision: CoordPrecision,
    /// Bodies running the site (FSIN, FSB, MoD, occupation authorities…).
    pub operators: Vec<String>,
    pub reported_from: Option<Month>,
    pub reported_to: Option<Month>,
    pub status: SiteStatus,
    /// The profile, in sections; the sample data fills the overview.
    pub sections: Vec<SiteSection>,
    /// URLs of the reports read when the row was compiled; the findings hold
    /// which source says what.
    pub source_urls: Vec<String>,
    /// Set by storage: the day the record last changed.
    pub updated_on: Option<PartialDate>,
}

/// The sections of a site's profile, in the order pages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Overview,
    Conditions,
    TortureAndAbuse,
    MedicalCare,
    Food,
    OutsideContact,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Conditions,
        SectionKind::TortureAndAbuse,
        SectionKind::MedicalCare,
        SectionKind::Food,
        SectionKind::OutsideContact,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SectionKind::Overview => "overview",
            SectionKind::Conditions => "conditions",
            SectionKind::TortureAndAbuse => "torture_and_abuse",
            SectionKind::MedicalCare => "medical_care",
            SectionKind::Food => "food",
            SectionKind::OutsideContact => "outside_contact",
        }
    }

    pub const CODES: &'static [&'static str] =
        &["overview", "conditions", "torture_and_abuse", "medical_care", "food", "outside_contact"];

    pub fn parse(s: &str) -> Result<SectionKind, Problem> {
        SectionKind::ALL.into_iter().find(|k| k.code() == s).ok_or_else(|| Problem::NotInVocabulary {
            value: s.to_owned(),
            vocabulary: VocabularyName::SectionKind,
            expected: SectionKind::CODES,
        })
    }
}

/// One section of a site's profile: Markdown per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteSection {
    pub kind: SectionKind,
    pub body: LocalText,
}

/// A document that says something about one or more sites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: Id,
    pub kind: SourceKind,
    pub title: String,
    pub publisher: String,
    pub published_on: Option<PartialDate>,
    pub url: String,
    /// Language of the text read (ISO 639-1).
    pub language: String,
    pub reliability: Reliability,
    pub credibility: Credibility,
    /// Sources relaying the same original reporting share a group; corroboration
    /// is counted by group, not by row.
    pub independence_group: String,
    pub notes: LocalText,
    /// SHA-256 of the archived capture of the original, once archived.
    pub archived_sha256: Option<String>,
    pub updated_on: Option<PartialDate>,
}

impl Source {
    /// Whether the source counts as corroboration (the methods page): graded
    /// A–C for reliability and 1–3 for the credibility of what it says. An
    /// open wiki or an anonymous rewrite (F) and a text that could not be
    /// re-read (6) are cited but never count.
    pub fn corroborates(&self) -> bool {
        self.reliability <= Reliability::C && self.credibility <= Credibility::PossiblyTrue
    }
}

/// What one source says about one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub source_id: Id,
    pub site_id: Id,
    pub abuse_types: Vec<AbuseType>,
    pub period_from: Option<Month>,
    pub period_to: Option<Month>,
    pub note: LocalText,
    pub updated_on: Option<PartialDate>,
}

/// One stop in a witness's detention: consecutive stays are transfers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stay {
    pub site_id: Id,
    pub from: Option<Month>,
    pub to: Option<Month>,
}

/// A published, anonymised account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Testimony {
    pub id: Id,
    /// The publication that carried the account, if it was published before.
    pub source_id: Option<Id>,
    pub witness_role: WitnessRole,
    pub summary: LocalText,
    pub abuse_types: Vec<AbuseType>,
    pub consent: Consent,
    pub stays: Vec<Stay>,
    pub updated_on: Option<PartialDate>,
}

/// A dated news item that links to the original article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsItem {
    pub id: Id,
    pub date: PartialDate,
    pub title: LocalText,
    pub summary: LocalText,
    /// Optional longer text, Markdown.
    pub body: LocalText,
    pub source_name: String,
    pub source_url: String,
    pub site_ids: Vec<Id>,
    pub updated_on: Option<PartialDate>,
}

impl NewsItem {
    /// The day the item last changed: its edit, or its own date if later.
    pub fn last_change(&self) -> PartialDate {
        self.updated_on.unwrap_or(self.date).max(self.date)
    }
}

/// A question and its answer (Markdown), per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub id: Id,
    pub position: u32,
    pub question: LocalText,
    pub answer: LocalText,
}

/// An editorial page (about, how to help), Markdown per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub id: Id,
    pub title: LocalText,
    pub body: LocalText,
}

/// A change readers are told about: a published record was corrected or withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub record_kind: crate::Kind,
    pub record_id: Id,
    /// The record's name when the change was made.
    pub record_name: LocalText,
    pub date: PartialDate,
    /// What changed, in a sentence, as staff wrote it for readers.
    pub note: String,
    /// The record was taken off the site.
    pub withdrawn: bool,
}

#[cfg(test)]
mod tests {
    use super::SectionKind;

    #[test]
    fn section_codes_are_the_codes_of_every_section() {
        let codes: Vec<&str> = SectionKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, SectionKind::CODES);
    }
}
