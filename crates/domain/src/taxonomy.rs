//! Closed vocabularies. Each term has a stable code (used in CSV files, URLs
//! and the database); its human labels live in the web crate's translations.

use crate::problem::Problem;
use crate::vocabulary::VocabularyName;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $what:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The codes of [`Self::ALL`], in the same order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Result<$name, Problem> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err(Problem::NotInVocabulary {
                        value: s.to_owned(),
                        vocabulary: VocabularyName::$what,
                        expected: $name::CODES,
                    }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = Problem;
            fn try_from(s: String) -> Result<Self, Problem> { $name::parse(&s) }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str { v.code() }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

vocabulary!(
    /// What kind of place of detention a site is.
    SiteType, SiteType {
        PretrialDetention = "pretrial_detention",
        PenalColony = "penal_colony",
        TemporaryDetention = "temporary_detention",
        FiltrationCamp = "filtration_camp",
        MilitaryUnit = "military_unit",
        ImprovisedSite = "improvised_site",
        Unknown = "unknown",
    }
);

vocabulary!(
    /// How precisely a site's coordinates are known.
    CoordPrecision, CoordPrecision {
        Exact = "exact",
        Settlement = "settlement",
        Region = "region",
    }
);

vocabulary!(
    /// Whether captives are still reported to be held at a site.
    SiteStatus, SiteStatus {
        InUse = "in_use",
        Closed = "closed",
        Unknown = "unknown",
    }
);

vocabulary!(
    /// The abuse taxonomy of `data/facilities.README.md`.
    AbuseType, AbuseType {
        Beating = "beating",
        ElectricShock = "electric_shock",
        StressPosition = "stress_position",
        Starvation = "starvation",
        DenialOfMedicalCare = "denial_of_medical_care",
        SexualViolence = "sexual_violence",
        MockExecution = "mock_execution",
        PsychologicalAbuse = "psychological_abuse",
        ForcedLabour = "forced_labour",
        Incommunicado = "incommunicado",
        DeathInCustody = "death_in_custody",
        DogAttacks = "dog_attacks",
        ColdExposure = "cold_exposure",
        ForcedPropaganda = "forced_propaganda",
    }
);

vocabulary!(
    /// What kind of document a source is.
    SourceKind, SourceKind {
        Testimony = "testimony",
        InvestigativeJournalism = "investigative_journalism",
        OfficialDocument = "official_document",
        HumanRightsReport = "human_rights_report",
        OpenDatabase = "open_database",
        Media = "media",
        Other = "other",
    }
);

vocabulary!(
    /// Admiralty scale, source reliability: A (completely reliable) to F (cannot be judged).
    Reliability, Reliability {
        A = "A",
        B = "B",
        C = "C",
        D = "D",
        E = "E",
        F = "F",
    }
);

vocabulary!(
    /// Admiralty scale, information credibility: 1 (confirmed) to 6 (cannot be judged).
    Credibility, Credibility {
        Confirmed = "1",
        ProbablyTrue = "2",
        PossiblyTrue = "3",
        DoubtfullyTrue = "4",
        Improbable = "5",
        CannotBeJudged = "6",
    }
);

vocabulary!(
    /// Who gave a testimony.
    WitnessRole, WitnessRole {
        FormerPrisoner = "former_prisoner",
        Relative = "relative",
        FellowDetainee = "fellow_detainee",
        Other = "other",
    }
);

vocabulary!(
    /// The ground on which a testimony is published. Nothing is published
    /// without one.
    Consent, Consent {
        /// The account was already made public by the cited publication; we
        /// paraphrase it without names.
        PublicSource = "public_source",
        /// The witness agreed to anonymised publication.
        WitnessAnonymised = "witness_anonymised",
        /// The witness agreed to publication under their name.
        WitnessNamed = "witness_named",
    }
);

vocabulary!(
    /// Where a submission sent to the team stands (the intake queue).
    IntakeStatus, IntakeStatus {
        New = "new",
        InReview = "in_review",
        FollowUp = "follow_up",
        Verified = "verified",
        Rejected = "rejected",
        Spam = "spam",
        Archived = "archived",
    }
);

vocabulary!(
    /// Who is writing to the team, as the sender chose to say.
    SenderRelation, SenderRelation {
        FormerPrisoner = "former_prisoner",
        Relative = "relative",
        Witness = "witness",
        Journalist = "journalist",
        Other = "other",
    }
);

vocabulary!(
    /// Whether and how the team may publish what a sender wrote.
    PublishConsent, PublishConsent {
        /// Publish or quote it without the sender's name.
        Anonymised = "anonymised",
        /// Publish or quote it with the name the sender gives.
        Named = "named",
        /// Use it only to verify and research; publish nothing of it.
        NotForPublication = "not_for_publication",
    }
);

/// Parses a `;`-separated list of codes, rejecting unknown and repeated ones.
pub fn parse_code_list<T: PartialEq>(s: &str, parse: fn(&str) -> Result<T, Problem>) -> Result<Vec<T>, Problem> {
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let v = parse(part)?;
        if out.contains(&v) {
            return Err(Problem::ListedTwice { value: part.to_owned() });
        }
        out.push(v);
    }
    Ok(out)
}

vocabulary!(
    /// What was done to a record in one of its revisions (the corrections log
    /// and a record's history).
    RevisionAction, RevisionAction {
        Import = "import",
        Create = "create",
        Update = "update",
        Revert = "revert",
        Publish = "publish",
        Unpublish = "unpublish",
        Propose = "propose",
        Approve = "approve",
        Discard = "discard",
    }
);

/// A country by ISO 3166-1 alpha-2 code: the state whose territory a site is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

impl Country {
    pub const UA: Country = Country(*b"UA");
    pub const RU: Country = Country(*b"RU");

    pub fn parse(s: &str) -> Result<Country, Problem> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok(Country([*a, *b])),
            _ => Err(Problem::NotCountry { value: s.to_owned() }),
        }
    }

    pub fn code(&self) -> &str {
        // Both bytes are ASCII uppercase by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl TryFrom<String> for Country {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Country::parse(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.code().to_owned()
    }
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in AbuseType::ALL {
            assert_eq!(AbuseType::parse(a.code()), Ok(*a));
        }
        assert_eq!(AbuseType::ALL.len(), 14);
        let err = SiteType::parse("prison").unwrap_err().to_string();
        assert!(err.contains("pretrial_detention"), "{err}");
        assert_eq!(
            err,
            format!("\"prison\" is not a known site type; expected one of: {}", SiteType::CODES.join(", "))
        );
    }

    #[test]
    fn code_lists() {
        assert_eq!(
            parse_code_list("beating; electric_shock", AbuseType::parse).unwrap(),
            vec![AbuseType::Beating, AbuseType::ElectricShock]
        );
        assert!(parse_code_list("beating;beating", AbuseType::parse).is_err());
        assert!(parse_code_list("beating;tickling", AbuseType::parse).is_err());
        assert_eq!(parse_code_list("", AbuseType::parse).unwrap(), vec![]);
    }

    #[test]
    fn countries() {
        assert_eq!(Country::parse("UA").unwrap(), Country::UA);
        for bad in ["ua", "UKR", "U", "", "У"] {
            assert!(Country::parse(bad).is_err());
        }
    }
}
