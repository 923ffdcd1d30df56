//! Labels of closed vocabularies, whose message keys are built at run time
//! (`abuse-beating`, `intake-status-new`, `field-sites-lat`).
//!
//! Every key built from a value is built here and nowhere else, so that one
//! test can try every value of every vocabulary in both languages: a key that
//! does not exist would otherwise show the reader the key itself.

use super::{Arg, Tr};
use inferno_domain::Kind;
use inferno_domain::dataset::Table;
use inferno_domain::intake::IntakeKind;
use inferno_domain::{
    AbuseType, Consent, CoordPrecision, Country, Credibility, IntakeStatus, Lang, Problem, PublishConsent, Reliability,
    RevisionAction, Role, SectionKind, SenderRelation, SiteStatus, SiteType, SourceKind, VocabularyName, WitnessRole,
};

/// A closed vocabulary whose every value has a message `PREFIX-code`.
pub trait Vocabulary: Copy + 'static {
    const PREFIX: &'static str;
    fn values() -> &'static [Self];
    fn code(self) -> &'static str;
}

macro_rules! vocabularies {
    ($($t:ty => $prefix:literal),* $(,)?) => {
        $(impl Vocabulary for $t {
            const PREFIX: &'static str = $prefix;
            fn values() -> &'static [Self] {
                &<$t>::ALL
            }
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
        })*

        /// Every message key a vocabulary value can name.
        #[cfg(test)]
        pub(super) fn every_vocabulary_key() -> Vec<String> {
            let mut keys = Vec::new();
            $(keys.extend(<$t as Vocabulary>::values().iter().map(|v| format!("{}-{}", $prefix, Vocabulary::code(*v))));)*
            keys
        }
    };
}

vocabularies! {
    AbuseType => "abuse",
    SiteType => "site-type",
    SiteStatus => "status",
    CoordPrecision => "precision",
    SourceKind => "source-kind",
    Reliability => "reliability",
    Credibility => "credibility",
    WitnessRole => "witness",
    Consent => "consent",
    IntakeStatus => "intake-status",
    SenderRelation => "relation",
    PublishConsent => "publish-consent",
    RevisionAction => "revision",
    Role => "role",
    SectionKind => "section",
    Lang => "name-in",
    IntakeKind => "intake-kind",
    inferno_search::Kind => "search-kind",
}

/// What the intake forms say, per form: `intake-{kind}-{part}`.
#[cfg(test)]
const INTAKE_FORM_PARTS: [&str; 2] = ["title", "lead"];

impl Tr {
    /// The label of a vocabulary value, in this language.
    pub fn label<V: Vocabulary>(&self, v: V) -> String {
        self.t(&format!("{}-{}", V::PREFIX, v.code()))
    }

    /// A revision action as stored (a code); an unknown one shows as it is.
    pub fn revision(&self, action: &str) -> String {
        match RevisionAction::parse(action) {
            Ok(a) => self.label(a),
            Err(_) => action.to_owned(),
        }
    }

    /// A country's name; a code without a name here shows as the code, which
    /// readers still understand ("PL").
    pub fn country(&self, c: Country) -> String {
        self.country_code(c.code())
    }

    /// A country by its ISO 3166-1 code, or the code when it has no name here.
    pub fn country_code(&self, code: &str) -> String {
        self.first(&[format!("country-{code}")], code)
    }

    /// A file's size for a reader: bytes under a KiB, then KiB and MiB with
    /// one decimal, in the reader's notation (a decimal comma in Ukrainian).
    pub fn size(&self, bytes: u64) -> String {
        const K: f64 = 1024.0;
        let b = bytes as f64;
        let (key, n) = match bytes {
            0..1024 => ("size-b", bytes.to_string()),
            1024..1_048_576 => ("size-kib", format!("{:.1}", b / K)),
            _ => ("size-mib", format!("{:.1}", b / (K * K))),
        };
        let n = if self.lang == inferno_domain::Lang::Uk { n.replace('.', ",") } else { n };
        self.a(key, &[("n", n.into())])
    }

    /// A language by its ISO 639-1 code ("Ukrainian"), or the code when it
    /// has no name here.
    pub fn language(&self, code: &str) -> String {
        self.first(&[format!("language-{code}")], code)
    }

    /// An audit entry's action in words ("Signed in", "Site: published");
    /// words no action has (from a newer version) show as stored.
    pub fn audit_action(&self, words: &str) -> String {
        match inferno_domain::AuditAction::parse(words) {
            Some(inferno_domain::AuditAction::Revision(kind, action)) => self
                .a("audit-revision", &[("kind", self.record_kind(kind).into()), ("action", self.label(action).into())]),
            Some(_) => self.t(&format!("audit-{words}")),
            None => words.to_owned(),
        }
    }

    /// A record kind's plural heading in the back office ("Sites").
    pub fn record_kind(&self, kind: Kind) -> String {
        self.t(&format!("staff-kind-{}", kind.name()))
    }

    /// A record field's label: the kind's own wording, or the shared one.
    pub fn field(&self, kind: Kind, column: &str) -> String {
        let k = kind.name();
        self.first(&[format!("field-{k}-{column}"), format!("field-{column}")], column)
    }

    /// A record field's hint, if it has one.
    pub fn field_hint(&self, kind: Kind, column: &str) -> String {
        let k = kind.name();
        self.first(&[format!("hint-{k}-{column}"), format!("hint-{column}")], "")
    }

    /// A text of one of the public intake forms (`title` or `lead`).
    pub fn intake_form(&self, kind: IntakeKind, part: &str) -> String {
        self.t(&format!("intake-{}-{part}", kind.code()))
    }

    /// A field label of the public intake forms (`name` of [`IntakeKind::fields`]).
    pub fn intake_field(&self, kind: IntakeKind, name: &str) -> String {
        self.t(&format!("intake-field-{}-{name}", kind.code()))
    }

    /// The hint under the main text box of an intake form.
    pub fn intake_what_hint(&self, kind: IntakeKind) -> String {
        self.t(&format!("intake-hint-{}-what", kind.code()))
    }

    /// What a table of the open dataset holds, in a sentence.
    pub fn data_table(&self, table: Table) -> String {
        self.t(&format!("data-table-{}", table.name()))
    }

    /// What a column of the open dataset holds: the table's own wording, or
    /// the one columns of that name share (`id`, `updated_on`).
    pub fn data_column(&self, table: Table, column: &str) -> String {
        self.first(&[format!("data-column-{}-{column}", table.name()), format!("data-column-{column}")], column)
    }

    /// The message of a kind of problem, `problem-<code>` (worded in `problems`).
    pub(super) fn problem_message(&self, p: &Problem, args: &[(&'static str, Arg<'_>)]) -> String {
        self.a(&format!("problem-{}", p.code()), args)
    }

    /// A vocabulary's name, as a problem with one of its values names it.
    pub fn vocabulary_name(&self, v: VocabularyName) -> String {
        self.t(&format!("vocabulary-{}", v.code()))
    }

    /// The label of one value of a named vocabulary; a code without one shows as it is.
    pub fn vocabulary_value(&self, v: VocabularyName, code: &str) -> String {
        self.first(&[format!("{}-{code}", vocabulary_prefix(v))], code)
    }
}

/// The prefix of the labels of a named vocabulary's values.
fn vocabulary_prefix(v: VocabularyName) -> &'static str {
    match v {
        VocabularyName::SiteType => SiteType::PREFIX,
        VocabularyName::CoordPrecision => CoordPrecision::PREFIX,
        VocabularyName::SiteStatus => SiteStatus::PREFIX,
        VocabularyName::AbuseType => AbuseType::PREFIX,
        VocabularyName::SourceKind => SourceKind::PREFIX,
        VocabularyName::Reliability => Reliability::PREFIX,
        VocabularyName::Credibility => Credibility::PREFIX,
        VocabularyName::WitnessRole => WitnessRole::PREFIX,
        VocabularyName::Consent => Consent::PREFIX,
        VocabularyName::IntakeStatus => IntakeStatus::PREFIX,
        VocabularyName::SenderRelation => SenderRelation::PREFIX,
        VocabularyName::PublishConsent => PublishConsent::PREFIX,
        VocabularyName::RevisionAction => RevisionAction::PREFIX,
        VocabularyName::SectionKind => SectionKind::PREFIX,
    }
}

/// Every key the methods above can build from their vocabularies, and
/// whether it must exist (a field's own wording may fall back to the shared
/// one, so one of the pair must exist).
#[cfg(test)]
pub(super) fn every_built_key() -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = every_vocabulary_key().into_iter().map(|k| vec![k]).collect();
    for kind in Kind::ALL {
        let k = kind.name();
        keys.push(vec![format!("staff-kind-{k}")]);
        for c in kind.columns().iter().map(|c| c.name) {
            keys.push(vec![format!("field-{k}-{c}"), format!("field-{c}")]);
        }
    }
    for kind in IntakeKind::ALL {
        let k = kind.code();
        keys.extend(INTAKE_FORM_PARTS.iter().map(|p| vec![format!("intake-{k}-{p}")]));
        keys.extend(kind.fields().iter().map(|f| vec![format!("intake-field-{k}-{f}")]));
        keys.push(vec![format!("intake-hint-{k}-what")]);
    }
    for table in Table::ALL {
        let t = table.name();
        keys.push(vec![format!("data-table-{t}")]);
        for c in table.columns() {
            keys.push(vec![format!("data-column-{t}-{}", c.name), format!("data-column-{}", c.name)]);
        }
    }
    for m in 1..=12 {
        keys.push(vec![format!("month-{m}")]);
        keys.push(vec![format!("month-genitive-{m}")]);
    }
    keys.extend(Problem::CODES.iter().map(|c| vec![format!("problem-{c}")]));
    keys.extend(VocabularyName::ALL.iter().map(|v| vec![format!("vocabulary-{}", v.code())]));
    keys
}
