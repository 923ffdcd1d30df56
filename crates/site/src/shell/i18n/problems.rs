//! Why a value was refused, in the reader's language: each [`Problem`] is
//! the message `problem-<code>` with the problem's arguments, numbers passed
//! as numbers so that the message can choose its plural form.

use super::{Arg, Tr};
use inferno_domain::Kind;
use inferno_domain::{Problem, Role};

impl Tr {
    /// A problem with a field of a record of `kind` (whose other fields the
    /// problem may name).
    pub fn record_problem(&self, kind: Kind, p: &Problem) -> String {
        self.word(Some(kind), p)
    }

    /// A problem outside a record's form (an account's name or role).
    pub fn problem(&self, p: &Problem) -> String {
        self.word(None, p)
    }

    fn word(&self, kind: Option<Kind>, p: &Problem) -> String {
        let field = |column: &str| kind.map_or_else(|| column.to_owned(), |k| self.field(k, column));
        let text = |v: &str| -> Arg<'static> { v.to_owned().into() };
        let args: Vec<(&'static str, Arg)> = match p {
            Problem::EmptyFile
            | Problem::NoRows
            | Problem::RepeatedColumn
            | Problem::MissingColumn
            | Problem::NotUtf8
            | Problem::Required
            | Problem::Empty
            | Problem::NotSha256
            | Problem::NoSuchAccount => vec![],
            Problem::TooManyRows { max } | Problem::TooLong { max } | Problem::TooManyStays { max } => {
                vec![("max", (*max).into())]
            }
            Problem::UnknownColumn { known } => vec![("known", known.join(", ").into())],
            Problem::FieldCount { found, expected } => {
                vec![("found", (*found).into()), ("expected", (*expected).into())]
            }
            Problem::BadCsv { detail } => vec![("detail", text(detail))],
            Problem::Duplicate { key } => vec![("key", text(key))],
            Problem::ControlCharacter { code_point } => vec![("character", format!("U+{code_point:04X}").into())],
            Problem::NotInVocabulary { value, vocabulary, expected } => {
                let labels: Vec<String> = expected
                    .iter()
                    .map(|c| self.vocabulary_value(*vocabulary, c).trim_end_matches('.').to_owned())
                    .collect();
                vec![
                    ("value", text(value)),
                    ("vocabulary", self.vocabulary_name(*vocabulary).into()),
                    ("expected", labels.join("; ").into()),
                ]
            }
            Problem::ListedTwice { value }
            | Problem::BadId { value }
            | Problem::ReservedPageId { value }
            | Problem::NotBoolean { value }
            | Problem::NotNumber { value }
            | Problem::NotWholeNumber { value }
            | Problem::NotCountry { value }
            | Problem::NotLanguage { value }
            | Problem::NotHttp { value }
            | Problem::NoHost { value }
            | Problem::NotYear { value }
            | Problem::NotTwoDigitMonth { value }
            | Problem::NotTwoDigitDay { value }
            | Problem::NotMonth { value }
            | Problem::NotDate { value }
            | Problem::NotFullDate { value }
            | Problem::NotPeriod { value } => vec![("value", text(value))],
            Problem::CoordinateOutOfRange { value, max } => vec![("value", text(value)), ("max", (*max).into())],
            // The library's reason is English; the messages say what to type instead.
            Problem::InvalidUrl { value, cause } => vec![("value", text(value)), ("cause", cause.to_string().into())],
            Problem::NotAccountName { value, min, max } => {
                vec![("value", text(value)), ("min", (*min).into()), ("max", (*max).into())]
            }
            Problem::NotRole { value } => {
                let roles: Vec<String> = Role::ALL.iter().map(|r| self.label(*r)).collect();
                vec![("value", text(value)), ("roles", roles.join(", ").into())]
            }
            Problem::YearOutOfRange { year, min, max } => {
                vec![("year", (*year).into()), ("min", (*min).into()), ("max", (*max).into())]
            }
            Problem::MonthOutOfRange { month } => vec![("month", (*month).into())],
            Problem::DayOutOfRange { day, max } => vec![("day", (*day).into()), ("max", (*max).into())],
            Problem::EndsBeforeStart { end, start, start_column } => vec![
                ("end", text(end)),
                ("start", text(start)),
                ("column", text(start_column)),
                ("field", field(start_column).into()),
            ],
            Problem::OccupiedOutsideUkraine { country } => vec![("country", self.country_code(country).into())],
            Problem::ConsentRequired => vec![("source", self.field(Kind::Testimonies, "source_id").into())],
            Problem::Stay { number, problem } | Problem::StaySite { number, problem } => {
                vec![("number", (*number).into()), ("problem", self.word(kind, problem).into())]
            }
            Problem::StayEndsBeforeStart { start, end } => {
                vec![("start", text(start)), ("end", text(end))]
            }
            Problem::UnknownSite { id }
            | Problem::UnknownSource { id }
            | Problem::AlreadyExists { id, .. }
            | Problem::NoSuchRecord { id, .. }
            | Problem::ChangeReplaced { id, .. }
            | Problem::ChangeNotOfRecord { id } => vec![("id", text(id))],
            Problem::NoLongerValid { problems } => {
                let list: Vec<String> =
                    problems.iter().map(|e| format!("{}: {}", field(&e.column), self.word(kind, &e.reason))).collect();
                vec![("problems", list.join("; ").into())]
            }
            Problem::AccountExists { name } => vec![("name", text(name))],
        };
        self.problem_message(p, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inferno_domain::Lang;

    /// Every kind of problem reads as a sentence of its own language: no key
    /// shown for a missing message, no argument left unfilled, and the
    /// Ukrainian in Cyrillic. (A password's problems, which the back office
    /// words, are held to the same in its `accounts` module.)
    #[test]
    fn every_problem_is_worded_in_both_languages() {
        let mut failures = Vec::new();
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            let worded: Vec<(String, String)> = Problem::examples()
                .iter()
                .flat_map(|p| {
                    [
                        (p.code().to_owned(), tr.problem(p)),
                        (format!("{} (sites)", p.code()), tr.record_problem(Kind::Sites, p)),
                    ]
                })
                .collect();
            for (what, text) in worded {
                let cyrillic = text.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
                let bad = text.is_empty()
                    || text.starts_with("problem-")
                    || text.contains('{')
                    || text.contains("vocabulary-")
                    || (lang == Lang::Uk && !cyrillic)
                    || (lang == Lang::En && cyrillic);
                if bad {
                    failures.push(format!("{} {what}: {text:?}", lang.code()));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn problems_name_fields_and_values_in_the_readers_language() {
        let uk = Tr::new(Lang::Uk);
        let en = Tr::new(Lang::En);
        let before = Problem::EndsBeforeStart {
            end: "2022-01".into(),
            start: "2023-01".into(),
            start_column: "reported_from".into(),
        };
        assert_eq!(en.record_problem(Kind::Sites, &before), "2022-01 is before reported_from 2023-01");
        assert_eq!(
            uk.record_problem(Kind::Sites, &before),
            format!("2022-01 — раніше, ніж «{}» (2023-01)", uk.field(Kind::Sites, "reported_from"))
        );
        let stay = Problem::StaySite { number: 2, problem: Box::new(Problem::BadId { value: "Site A".into() }) };
        let worded = uk.record_problem(Kind::Testimonies, &stay);
        assert!(worded.starts_with("місце утримання № 2"), "{worded}");
        assert!(worded.contains(&uk.problem(&Problem::BadId { value: "Site A".into() })), "{worded}");
        let vocabulary = inferno_domain::SiteType::parse("prison").unwrap_err();
        let worded = uk.problem(&vocabulary);
        assert!(worded.contains(&uk.label(inferno_domain::SiteType::PenalColony)), "{worded}");
        assert_eq!(uk.problem(&Problem::TooLong { max: 1000 }), "довше ніж 1000 символів");
        assert_eq!(en.problem(&Problem::TooLong { max: 1000 }), "is longer than 1000 characters");
    }
}
