//! What a source sends through the submission and contact forms, and the
//! checks it passes before anything is encrypted and stored. The answers are
//! serialised and encrypted as a whole; nothing here is ever stored in clear.

use crate::date::Month;
use crate::taxonomy::{Consent, PublishConsent, SenderRelation, WitnessRole};
use serde::{Deserialize, Serialize};

/// Which form a submission came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeKind {
    /// Information about a place of detention, with files.
    Submission,
    /// A question or message.
    Contact,
}

impl IntakeKind {
    pub const ALL: &'static [IntakeKind] = &[IntakeKind::Submission, IntakeKind::Contact];

    /// The fields of the form, as its problems name them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            IntakeKind::Submission => {
                &["site", "place", "what", "held_from", "held_to", "when", "relation", "consent", "contact"]
            }
            IntakeKind::Contact => &["what", "contact"],
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            IntakeKind::Submission => "submission",
            IntakeKind::Contact => "contact",
        }
    }

    pub fn parse(s: &str) -> Option<IntakeKind> {
        IntakeKind::ALL.iter().copied().find(|k| k.code() == s)
    }
}

/// The `site` choice for "I do not know where".
pub const SITE_UNKNOWN: &str = "unknown";
/// The `site` choice for "a place that is not on the list" (described in `place`).
pub const SITE_ELSEWHERE: &str = "elsewhere";

/// The longest free text a field takes, in characters.
pub const MAX_TEXT: usize = 20_000;
/// The longest short answer (place, time, contact), in characters.
pub const MAX_SHORT: usize = 500;

/// The form's fields as typed, kept to show the form again when something is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawAnswers {
    pub site: String,
    pub place: String,
    pub what: String,
    /// The first and the last month of detention there, as `YYYY-MM`.
    pub held_from: String,
    pub held_to: String,
    pub when: String,
    pub relation: String,
    pub consent: String,
    pub contact: String,
}

impl RawAnswers {
    /// The form's field names.
    pub const FIELDS: [&'static str; 9] =
        ["site", "place", "what", "held_from", "held_to", "when", "relation", "consent", "contact"];

    /// A field by its form name, as typed ("" for a name the form does not have).
    pub fn get(&self, name: &str) -> &str {
        match name {
            "site" => &self.site,
            "place" => &self.place,
            "what" => &self.what,
            "held_from" => &self.held_from,
            "held_to" => &self.held_to,
            "when" => &self.when,
            "relation" => &self.relation,
            "consent" => &self.consent,
            "contact" => &self.contact,
            _ => "",
        }
    }

    /// Sets a field by its form name; false for a name the form does not have.
    pub fn set(&mut self, name: &str, value: String) -> bool {
        let slot = match name {
            "site" => &mut self.site,
            "place" => &mut self.place,
            "what" => &mut self.what,
            "held_from" => &mut self.held_from,
            "held_to" => &mut self.held_to,
            "when" => &mut self.when,
            "relation" => &mut self.relation,
            "consent" => &mut self.consent,
            "contact" => &mut self.contact,
            _ => return false,
        };
        *slot = value;
        true
    }
}

/// Validated answers: what is encrypted and stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// The site it concerns, by id; `None` when unknown or not on the list.
    pub site: Option<String>,
    /// A place not on the list, as the sender described it.
    pub place: String,
    pub what: String,
    /// The months of detention at the site, when the sender gave them: the
    /// structured facts a draft testimony's stay starts from. (Answers
    /// sealed before they were asked have none.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_from: Option<Month>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_to: Option<Month>,
    /// When, in the sender's own words.
    pub when: String,
    pub relation: Option<SenderRelation>,
    pub consent: Option<PublishConsent>,
    pub contact: String,
}

impl Answers {
    /// The ground on which a testimony drawn from these answers may be
    /// published, if the sender gave one.
    pub fn testimony_consent(&self) -> Option<Consent> {
        match self.consent? {
            PublishConsent::Anonymised => Some(Consent::WitnessAnonymised),
            PublishConsent::Named => Some(Consent::WitnessNamed),
            PublishConsent::NotForPublication => None,
        }
    }

    pub fn witness_role(&self) -> WitnessRole {
        match self.relation {
            Some(SenderRelation::FormerPrisoner) => WitnessRole::FormerPrisoner,
            Some(SenderRelation::Relative) => WitnessRole::Relative,
            _ => WitnessRole::Other,
        }
    }
}

/// Why a field is not accepted; the web layer words it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    /// Not one of the offered choices.
    NotAChoice,
    /// Contains a NUL or another control character that text never has.
    ControlCharacter,
    /// Not a month written `YYYY-MM`.
    NotAMonth,
    /// The last month is before the first.
    EndsBeforeStart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub problem: Problem,
}

/// Checks one free-text field; returns it trimmed.
pub fn check_text(field: &'static str, value: &str, max: usize, required: bool) -> Result<String, FieldProblem> {
    let fail = |problem| FieldProblem { field, problem };
    let v = value.trim();
    if v.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(fail(Problem::ControlCharacter));
    }
    if required && v.is_empty() {
        return Err(fail(Problem::Required));
    }
    if v.chars().count() > max {
        return Err(fail(Problem::TooLong { max }));
    }
    Ok(v.replace("\r\n", "\n"))
}

/// Checks a form's answers. `site_exists` tells whether a site id is on the list.
pub fn validate(
    kind: IntakeKind,
    raw: &RawAnswers,
    site_exists: &dyn Fn(&str) -> bool,
) -> Result<Answers, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut keep = |r: Result<String, FieldProblem>| {
        r.unwrap_or_else(|p| {
            problems.push(p);
            String::new()
        })
    };
    let mut a = Answers {
        what: keep(check_text("what", &raw.what, MAX_TEXT, true)),
        contact: keep(check_text("contact", &raw.contact, MAX_SHORT, false)),
        ..Answers::default()
    };
    if kind == IntakeKind::Submission {
        a.place = keep(check_text("place", &raw.place, MAX_SHORT, false));
        a.when = keep(check_text("when", &raw.when, MAX_SHORT, false));
        let mut month = |field: &'static str, value: &str| match value.trim() {
            "" => None,
            m => Month::parse(m).map_err(|_| problems.push(FieldProblem { field, problem: Problem::NotAMonth })).ok(),
        };
        (a.held_from, a.held_to) = (month("held_from", &raw.held_from), month("held_to", &raw.held_to));
        if let (Some(from), Some(to)) = (a.held_from, a.held_to)
            && to < from
        {
            problems.push(FieldProblem { field: "held_to", problem: Problem::EndsBeforeStart });
        }
        match raw.site.trim() {
            "" => problems.push(FieldProblem { field: "site", problem: Problem::Required }),
            SITE_UNKNOWN => {}
            SITE_ELSEWHERE => {
                if a.place.is_empty() && !problems.iter().any(|p| p.field == "place") {
                    problems.push(FieldProblem { field: "place", problem: Problem::Required });
                }
            }
            id if site_exists(id) => a.site = Some(id.to_owned()),
            _ => problems.push(FieldProblem { field: "site", problem: Problem::NotAChoice }),
        }
        a.relation = match raw.relation.trim() {
            "" => None,
            code => SenderRelation::parse(code)
                .map_err(|_| problems.push(FieldProblem { field: "relation", problem: Problem::NotAChoice }))
                .ok(),
        };
        a.consent = match raw.consent.trim() {
            "" => {
                problems.push(FieldProblem { field: "consent", problem: Problem::Required });
                None
            }
            code => PublishConsent::parse(code)
                .map_err(|_| problems.push(FieldProblem { field: "consent", problem: Problem::NotAChoice }))
                .ok(),
        };
    }
    if problems.is_empty() { Ok(a) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(site: &str, what: &str, consent: &str) -> RawAnswers {
        RawAnswers { site: site.into(), what: what.into(), consent: consent.into(), ..RawAnswers::default() }
    }

    fn fields(r: Result<Answers, Vec<FieldProblem>>) -> Vec<(&'static str, Problem)> {
        r.err().unwrap_or_default().into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn submissions() {
        let known = |id: &str| id == "ru-taganrog-sizo-2";
        let ok =
            validate(IntakeKind::Submission, &raw("ru-taganrog-sizo-2", " beaten \r\n daily ", "anonymised"), &known)
                .unwrap();
        assert_eq!(ok.site.as_deref(), Some("ru-taganrog-sizo-2"));
        assert_eq!(ok.what, "beaten \n daily");
        assert_eq!(ok.testimony_consent(), Some(Consent::WitnessAnonymised));
        assert_eq!(
            fields(validate(IntakeKind::Submission, &raw("", "", ""), &known)),
            vec![("what", Problem::Required), ("site", Problem::Required), ("consent", Problem::Required)]
        );
        assert_eq!(
            fields(validate(IntakeKind::Submission, &raw("nowhere", "x", "maybe"), &known)),
            vec![("site", Problem::NotAChoice), ("consent", Problem::NotAChoice)]
        );
        assert_eq!(
            fields(validate(IntakeKind::Submission, &raw(SITE_ELSEWHERE, "x", "named"), &known)),
            vec![("place", Problem::Required)]
        );
        let long = "я".repeat(MAX_TEXT + 1);
        assert_eq!(
            fields(validate(IntakeKind::Submission, &raw(SITE_UNKNOWN, &long, "named"), &known)),
            vec![("what", Problem::TooLong { max: MAX_TEXT })]
        );
        assert_eq!(
            fields(validate(IntakeKind::Submission, &raw(SITE_UNKNOWN, "a\0b", "named"), &known)),
            vec![("what", Problem::ControlCharacter)]
        );
    }

    #[test]
    fn months_of_detention_are_months_in_order() {
        let known = |_: &str| true;
        let held = |from: &str, to: &str| RawAnswers {
            held_from: from.into(),
            held_to: to.into(),
            ..raw(SITE_UNKNOWN, "x", "named")
        };
        let ok = validate(IntakeKind::Submission, &held("2022-04", " 2023-01 "), &known).unwrap();
        assert_eq!(ok.held_from.map(|m| m.to_string()).as_deref(), Some("2022-04"));
        assert_eq!(ok.held_to.map(|m| m.to_string()).as_deref(), Some("2023-01"));
        assert_eq!(validate(IntakeKind::Submission, &held("", ""), &known).unwrap().held_from, None);
        assert_eq!(
            fields(validate(IntakeKind::Submission, &held("April 2022", "2023-13"), &known)),
            vec![("held_from", Problem::NotAMonth), ("held_to", Problem::NotAMonth)]
        );
        assert_eq!(
            fields(validate(IntakeKind::Submission, &held("2023-01", "2022-04"), &known)),
            vec![("held_to", Problem::EndsBeforeStart)]
        );
        // Answers sealed before the months were asked still open.
        let old: Answers = serde_json::from_str(
            r#"{"site":null,"place":"","what":"x","when":"","relation":null,"consent":null,"contact":""}"#,
        )
        .unwrap();
        assert_eq!((old.held_from, old.held_to), (None, None));
    }

    #[test]
    fn contact_needs_only_a_message() {
        let none = |_: &str| false;
        assert!(validate(IntakeKind::Contact, &raw("", "a question", ""), &none).is_ok());
        assert_eq!(fields(validate(IntakeKind::Contact, &raw("", " ", ""), &none)), vec![("what", Problem::Required)]);
    }
}
