//! The names of the closed vocabularies, below everything that names one:
//! a problem about a value not in it, a form column that offers its values.

/// A closed vocabulary, named in a problem about a value that is not in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VocabularyName {
    SiteType,
    CoordPrecision,
    SiteStatus,
    AbuseType,
    SourceKind,
    Reliability,
    Credibility,
    WitnessRole,
    Consent,
    IntakeStatus,
    SenderRelation,
    PublishConsent,
    RevisionAction,
    SectionKind,
}

impl VocabularyName {
    pub const ALL: &'static [VocabularyName] = &[
        VocabularyName::SiteType,
        VocabularyName::CoordPrecision,
        VocabularyName::SiteStatus,
        VocabularyName::AbuseType,
        VocabularyName::SourceKind,
        VocabularyName::Reliability,
        VocabularyName::Credibility,
        VocabularyName::WitnessRole,
        VocabularyName::Consent,
        VocabularyName::IntakeStatus,
        VocabularyName::SenderRelation,
        VocabularyName::PublishConsent,
        VocabularyName::RevisionAction,
        VocabularyName::SectionKind,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VocabularyName::SiteType => "site-type",
            VocabularyName::CoordPrecision => "coord-precision",
            VocabularyName::SiteStatus => "site-status",
            VocabularyName::AbuseType => "abuse-type",
            VocabularyName::SourceKind => "source-kind",
            VocabularyName::Reliability => "reliability",
            VocabularyName::Credibility => "credibility",
            VocabularyName::WitnessRole => "witness-role",
            VocabularyName::Consent => "consent",
            VocabularyName::IntakeStatus => "intake-status",
            VocabularyName::SenderRelation => "sender-relation",
            VocabularyName::PublishConsent => "publish-consent",
            VocabularyName::RevisionAction => "revision-action",
            VocabularyName::SectionKind => "section-kind",
        }
    }

    /// The name in English, as `Display` of a problem uses it.
    pub fn english(self) -> &'static str {
        match self {
            VocabularyName::SiteType => "site type",
            VocabularyName::CoordPrecision => "coordinate precision",
            VocabularyName::SiteStatus => "site status",
            VocabularyName::AbuseType => "abuse type",
            VocabularyName::SourceKind => "source kind",
            VocabularyName::Reliability => "reliability grade (A–F)",
            VocabularyName::Credibility => "credibility grade (1–6)",
            VocabularyName::WitnessRole => "witness role",
            VocabularyName::Consent => "consent",
            VocabularyName::IntakeStatus => "submission status",
            VocabularyName::SenderRelation => "relation",
            VocabularyName::PublishConsent => "publication consent",
            VocabularyName::RevisionAction => "revision action",
            VocabularyName::SectionKind => "profile section",
        }
    }
}
