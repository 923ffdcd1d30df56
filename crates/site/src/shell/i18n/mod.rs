//! Interface texts in Ukrainian and English, with real plural rules (Fluent).
//! The `.ftl` files under `locales/` are compiled into the binary.

mod choice;
mod labels;
mod problems;

pub use choice::{preferred_language, request_lang};
pub use labels::Vocabulary;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use inferno_domain::{Lang, Month, PartialDate};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in bidi isolation marks by default; our texts
        // are all left-to-right, and the marks would end up inside attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static UK: LanguageIdentifier = langid!("uk");
static EN: LanguageIdentifier = langid!("en");

/// An argument of a message. Numbers stay numbers so that Fluent can choose
/// the plural form by the language's rules.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(t: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(t))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(t: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(t.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(t: String) -> Self {
        Arg::Text(Cow::Owned(t))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(usize, u64, u32, u16, u8, i32);

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

/// Translates for one language; templates call it as `tr.t("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    fn id(&self) -> &'static LanguageIdentifier {
        match self.lang {
            Lang::Uk => &UK,
            Lang::En => &EN,
        }
    }

    fn lookup(&self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>) -> String {
        LOCALES.try_lookup_complete(self.id(), key, args).unwrap_or_else(|| {
            tracing::error!(key, lang = self.lang.code(), "missing translation");
            key.to_owned()
        })
    }

    /// The first of `keys` that has a translation, or `fallback`.
    pub fn first(&self, keys: &[String], fallback: &str) -> String {
        keys.iter().find_map(|k| LOCALES.try_lookup(self.id(), k)).unwrap_or_else(|| fallback.to_owned())
    }

    /// A plain message.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// A message with a number, chosen by the language's plural rules (`$count`).
    pub fn n(&self, key: &str, count: usize) -> String {
        self.a(key, &[("count", count.into())])
    }

    /// A message with named arguments: text, or numbers, which Fluent needs as
    /// numbers to choose a plural form (a number passed as text always takes
    /// the default variant: "1 sources").
    pub fn a(&self, key: &str, named: &[(&'static str, Arg<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = named
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(t) => {
                        #[cfg(debug_assertions)]
                        selectors::refuse_text_selector(key, k, t);
                        FluentValue::from(t.as_ref())
                    }
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        self.lookup(key, Some(&args))
    }

    /// A date as precise as it is known: "16 August 2023", "August 2023", "2023".
    pub fn date(&self, d: &PartialDate) -> String {
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                let month = self.t(&format!("month-genitive-{m}"));
                self.a("date-full", &[("day", day.into()), ("month", month.into()), ("year", d.year.into())])
            }
            (Some(m), None) => self.month(&Month { year: d.year, month: m }),
            _ => d.year.to_string(),
        }
    }

    /// A date as APA writes it: "2026, December 7", "2026, March", "2026".
    pub fn apa_date(&self, d: PartialDate) -> String {
        match d.month {
            Some(m) if d.day.is_none() => format!("{}, {}", d.year, self.t(&format!("month-{m}"))),
            _ => self.day_as("date-apa", d),
        }
    }

    /// A date as citation styles write it in the reader's language:
    /// "December 7, 2026" in English, "7 грудня 2026" in Ukrainian.
    pub fn styled_date(&self, d: PartialDate) -> String {
        if d.month.is_some() && d.day.is_none() { self.date(&d) } else { self.day_as("date-style", d) }
    }

    /// A full date by the message `key` (year, month in the genitive, day);
    /// a year alone as it is.
    fn day_as(&self, key: &str, d: PartialDate) -> String {
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                let month = self.t(&format!("month-genitive-{m}"));
                self.a(key, &[("year", d.year.into()), ("month", month.into()), ("day", day.into())])
            }
            _ => d.year.to_string(),
        }
    }

    pub fn month(&self, m: &Month) -> String {
        let name = self.t(&format!("month-{}", m.month));
        self.a("date-month", &[("month", name.into()), ("year", m.year.into())])
    }

    /// "квітня 2022": the form that follows "from" and "until" in Ukrainian.
    fn month_genitive(&self, m: &Month) -> String {
        let name = self.t(&format!("month-genitive-{}", m.month));
        self.a("date-month", &[("month", name.into()), ("year", m.year.into())])
    }

    /// A period with possibly open ends: "April 2022 – October 2024", "from April 2022".
    pub fn period(&self, from: Option<Month>, to: Option<Month>) -> String {
        match (from, to) {
            (Some(f), Some(t)) if f == t => self.month(&f),
            (Some(f), Some(t)) => format!("{} – {}", self.month(&f), self.month(&t)),
            (Some(f), None) => self.a("period-from", &[("from", self.month_genitive(&f).into())]),
            (None, Some(t)) => self.a("period-until", &[("to", self.month_genitive(&t).into())]),
            (None, None) => self.t("period-unknown"),
        }
    }
}

/// The variables each message chooses a variant by, read from the `.ftl`
/// files: a debug build refuses to pass one of them as text, so that a test
/// that renders the message finds the mistake wherever it is made.
#[cfg(any(test, debug_assertions))]
mod selectors {
    use std::collections::{BTreeSet, HashMap};
    use std::sync::LazyLock;

    /// `(message, variable)` for every `{ $variable -> ...}` in a message.
    pub fn of(ftl: &str) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        let mut message = String::new();
        for line in ftl.lines() {
            if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && let Some((k, _)) = line.split_once('=')
            {
                message = k.trim().to_owned();
            }
            for piece in line.split("{ $").skip(1) {
                if let Some((var, rest)) = piece.split_once(' ')
                    && rest.trim_start().starts_with("->")
                {
                    out.insert((message.clone(), var.to_owned()));
                }
            }
        }
        out
    }

    static ALL: LazyLock<HashMap<String, BTreeSet<String>>> = LazyLock::new(|| {
        let mut map: HashMap<String, BTreeSet<String>> = HashMap::new();
        for ftl in [include_str!("../../../locales/en/main.ftl"), include_str!("../../../locales/uk/main.ftl")] {
            for (m, v) in of(ftl) {
                map.entry(m).or_default().insert(v);
            }
        }
        map
    });

    #[cfg(debug_assertions)]
    pub fn refuse_text_selector(key: &str, var: &str, value: &str) {
        if ALL.get(key).is_some_and(|vars| vars.contains(var)) {
            panic!(
                "message {key} chooses its form by ${var}, which must be passed as a number, not as the text {value:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let uk = keys(include_str!("../../../locales/uk/main.ftl"));
        let en = keys(include_str!("../../../locales/en/main.ftl"));
        assert_eq!(uk.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "only in uk");
        assert_eq!(en.difference(&uk).collect::<Vec<_>>(), Vec::<&String>::new(), "only in en");
    }

    #[test]
    fn every_message_used_in_templates_exists() {
        let en = keys(include_str!("../../../locales/en/main.ftl"));
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["tr.t(\"", "tr.n(\"", "tr.a(\""] {
                for piece in text.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    if !en.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn ukrainian_plurals() {
        let tr = Tr::new(Lang::Uk);
        assert_eq!(tr.n("count-sites", 1), "1 місце");
        assert_eq!(tr.n("count-sites", 3), "3 місця");
        assert_eq!(tr.n("count-sites", 5), "5 місць");
        assert_eq!(tr.n("count-sites", 21), "21 місце");
        assert_eq!(Tr::new(Lang::En).n("count-sites", 1), "1 site");
        assert_eq!(Tr::new(Lang::En).n("count-sites", 29), "29 sites");
    }

    /// The CLDR plural category of a whole number: English has one and
    /// other; Ukrainian one (1, 21, 101), few (2–4, 22) and many (0, 5–20,
    /// 25, 111), written out from the CLDR tables rather than asked of the
    /// library under test.
    const NUMBERS: [i64; 12] = [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 101, 111];
    const UK_ONE: [i64; 3] = [1, 21, 101];
    const UK_FEW: [i64; 3] = [2, 3, 22];

    /// A message that chooses by a number, and what it must read in each
    /// category: English `[one, other]`, Ukrainian `[one, few, many]`, `{n}`
    /// standing for the number; `zero` where the message words 0 apart.
    struct Plural {
        key: &'static str,
        by: &'static [&'static str],
        other_args: &'static [(&'static str, &'static str)],
        en: [&'static str; 2],
        uk: [&'static str; 3],
        zero: Option<[&'static str; 2]>,
    }

    const PLURALS: &[Plural] = &[
        Plural {
            key: "staff-list-found",
            by: &["count"],
            other_args: &[],
            en: ["One record matches.", "{n} records match."],
            uk: ["Знайдено {n} запис.", "Знайдено {n} записи.", "Знайдено {n} записів."],
            zero: None,
        },
        Plural {
            key: "figure-sites",
            by: &["count"],
            other_args: &[],
            en: ["{n} site documented", "{n} sites documented"],
            uk: ["{n} задокументоване місце", "{n} задокументовані місця", "{n} задокументованих місць"],
            zero: None,
        },
        Plural {
            key: "figure-sources",
            by: &["count", "independent"],
            other_args: &[],
            en: ["{n} source, {n} independent", "{n} sources, {n} independent"],
            uk: [
                "{n} джерело, з них {n} незалежне",
                "{n} джерела, з них {n} незалежні",
                "{n} джерел, з них {n} незалежних",
            ],
            zero: None,
        },
        Plural {
            key: "figure-testimonies",
            by: &["count"],
            other_args: &[],
            en: ["{n} testimony", "{n} testimonies"],
            uk: ["{n} свідчення", "{n} свідчення", "{n} свідчень"],
            zero: None,
        },
        Plural {
            key: "count-moves",
            by: &["count"],
            other_args: &[],
            en: ["{n} move", "{n} moves"],
            uk: ["{n} переведення", "{n} переведення", "{n} переведень"],
            zero: None,
        },
        Plural {
            key: "search-found",
            by: &["count"],
            other_args: &[],
            en: ["{n} result", "{n} results"],
            uk: ["{n} результат", "{n} результати", "{n} результатів"],
            zero: Some(["Nothing found", "Нічого не знайдено"]),
        },
        Plural {
            key: "count-sites",
            by: &["count"],
            other_args: &[],
            en: ["{n} site", "{n} sites"],
            uk: ["{n} місце", "{n} місця", "{n} місць"],
            zero: None,
        },
        Plural {
            key: "count-sites-found",
            by: &["count"],
            other_args: &[],
            en: ["{n} site found", "{n} sites found"],
            uk: ["Знайдено {n} місце", "Знайдено {n} місця", "Знайдено {n} місць"],
            zero: Some(["No sites found", "Не знайдено жодного місця"]),
        },
        Plural {
            key: "sources-count",
            by: &["count", "independent"],
            other_args: &[],
            en: ["{n} source, {n} independent", "{n} sources, {n} independent"],
            uk: [
                "{n} джерело, з них {n} незалежне",
                "{n} джерела, з них {n} незалежні",
                "{n} джерел, з них {n} незалежних",
            ],
            zero: Some(["no sources yet", "джерел поки немає"]),
        },
        Plural {
            key: "source-counted-with",
            by: &["count"],
            other_args: &[],
            en: [
                "counted once with {n} other source relaying the same reporting",
                "counted once with {n} other sources relaying the same reporting",
            ],
            uk: [
                "рахується як одне з ще {n} джерелом, що передає ту саму публікацію",
                "рахується як одне з ще {n} джерелами, що передають ту саму публікацію",
                "рахується як одне з ще {n} джерелами, що передають ту саму публікацію",
            ],
            zero: None,
        },
        Plural {
            key: "evidence-counts",
            by: &["count", "strong"],
            other_args: &[],
            en: [
                "{n} source, of which {n} independent and reliable",
                "{n} sources, of which {n} independent and reliable",
            ],
            uk: [
                "{n} джерело, з них {n} незалежне й надійне",
                "{n} джерела, з них {n} незалежні й надійні",
                "{n} джерел, з них {n} незалежних і надійних",
            ],
            zero: None,
        },
        Plural {
            key: "staff-audit-intact",
            by: &["count"],
            other_args: &[],
            en: [
                "The audit log is intact: its {n} entry matches the latest signed checkpoint.",
                "The audit log is intact: its {n} entries match the latest signed checkpoint.",
            ],
            uk: ["Журнал аудиту цілий: усі його записи ({n}) відповідають останній підписаній контрольній точці."; 3],
            zero: None,
        },
        Plural {
            key: "intake-hint-files",
            by: &["max"],
            other_args: &[("size", "X")],
            en: [
                "Up to {n} file and X in all. You can choose several files at once.",
                "Up to {n} files and X in all. You can choose several files at once.",
            ],
            uk: [
                "До {n} файлу і X загалом. Можна вибрати кілька файлів одразу.",
                "До {n} файлів і X загалом. Можна вибрати кілька файлів одразу.",
                "До {n} файлів і X загалом. Можна вибрати кілька файлів одразу.",
            ],
            zero: None,
        },
        Plural {
            key: "intake-problem-too-long",
            by: &["max"],
            other_args: &[("field", "F")],
            en: ["Please shorten “F” to at most {n} character.", "Please shorten “F” to at most {n} characters."],
            uk: [
                "Скоротіть, будь ласка, відповідь «F» до {n} символу.",
                "Скоротіть, будь ласка, відповідь «F» до {n} символів.",
                "Скоротіть, будь ласка, відповідь «F» до {n} символів.",
            ],
            zero: None,
        },
        Plural {
            key: "intake-error-too-many-files",
            by: &["max"],
            other_args: &[],
            en: [
                "At most {n} file can be sent at once. Nothing was sent; what you typed is kept below. Choose fewer files, and send the rest later with your receipt.",
                "At most {n} files can be sent at once. Nothing was sent; what you typed is kept below. Choose fewer files, and send the rest later with your receipt.",
            ],
            uk: [
                "Одночасно можна надіслати не більше ніж {n} файл. Нічого не надіслано; введене вами збережено нижче. Виберіть менше файлів, а решту надішліть пізніше, скориставшись кодом для відповіді.",
                "Одночасно можна надіслати не більше ніж {n} файли. Нічого не надіслано; введене вами збережено нижче. Виберіть менше файлів, а решту надішліть пізніше, скориставшись кодом для відповіді.",
                "Одночасно можна надіслати не більше ніж {n} файлів. Нічого не надіслано; введене вами збережено нижче. Виберіть менше файлів, а решту надішліть пізніше, скориставшись кодом для відповіді.",
            ],
            zero: None,
        },
        Plural {
            key: "intake-sent-lead",
            by: &["count"],
            other_args: &[],
            en: [
                "Your message and {n} file were received and encrypted.",
                "Your message and {n} files were received and encrypted.",
            ],
            uk: [
                "Ваше повідомлення і {n} файл отримано й зашифровано.",
                "Ваше повідомлення і {n} файли отримано й зашифровано.",
                "Ваше повідомлення і {n} файлів отримано й зашифровано.",
            ],
            zero: Some(["Your message was received and encrypted.", "Ваше повідомлення отримано й зашифровано."]),
        },
        Plural {
            key: "receipt-follow-up-sent",
            by: &["count"],
            other_args: &[],
            en: [
                "Your message and {n} file were received and encrypted.",
                "Your message and {n} files were received and encrypted.",
            ],
            uk: [
                "Ваше повідомлення і {n} файл отримано й зашифровано.",
                "Ваше повідомлення і {n} файли отримано й зашифровано.",
                "Ваше повідомлення і {n} файлів отримано й зашифровано.",
            ],
            zero: Some(["Your message was received and encrypted.", "Ваше повідомлення отримано й зашифровано."]),
        },
        Plural {
            key: "sources-all",
            by: &["count"],
            other_args: &[],
            en: ["The {n} source, page by page", "All {n} sources, page by page"],
            uk: [
                "{n} джерело, сторінка за сторінкою",
                "Усі {n} джерела, сторінка за сторінкою",
                "Усі {n} джерел, сторінка за сторінкою",
            ],
            zero: None,
        },
        Plural {
            key: "testimonies-all",
            by: &["count"],
            other_args: &[],
            en: ["The {n} testimony, page by page", "All {n} testimonies, page by page"],
            uk: [
                "{n} свідчення, сторінка за сторінкою",
                "Усі {n} свідчення, сторінка за сторінкою",
                "Усі {n} свідчень, сторінка за сторінкою",
            ],
            zero: None,
        },
        Plural {
            key: "evidence-more",
            by: &["count"],
            other_args: &[],
            en: ["and {n} more", "and {n} more"],
            uk: ["і ще {n}", "і ще {n}", "і ще {n}"],
            zero: None,
        },
        Plural {
            key: "intake-files-not-kept",
            by: &["count"],
            other_args: &[],
            en: [
                "The file you chose was not kept, because of the problems above. Add it again on the next page.",
                "The {n} files you chose were not kept, because of the problems above. Add them again on the next page.",
            ],
            uk: [
                "{n} вибраний файл не збережено через помилки вище. Додайте його ще раз на наступній сторінці.",
                "{n} вибрані файли не збережено через помилки вище. Додайте їх ще раз на наступній сторінці.",
                "{n} вибраних файлів не збережено через помилки вище. Додайте їх ще раз на наступній сторінці.",
            ],
            zero: None,
        },
        Plural {
            key: "source-index-sites",
            by: &["count"],
            other_args: &[],
            en: ["about {n} site", "about {n} sites"],
            uk: ["про {n} місце", "про {n} місця", "про {n} місць"],
            zero: Some(["no site yet", "ще жодного місця"]),
        },
        Plural {
            key: "staff-audit-times",
            by: &["count"],
            other_args: &[],
            en: ["{n} times in a row", "{n} times in a row"],
            uk: ["{n} раз поспіль", "{n} рази поспіль", "{n} разів поспіль"],
            zero: None,
        },
        Plural {
            key: "staff-waiting-more",
            by: &["count"],
            other_args: &[],
            en: ["One more waits: see the records, kind by kind.", "{n} more wait: see the records, kind by kind."],
            uk: [
                "Ще {n} запис чекає: дивіться записи за видами.",
                "Ще {n} записи чекають: дивіться записи за видами.",
                "Ще {n} записів чекають: дивіться записи за видами.",
            ],
            zero: None,
        },
        Plural {
            key: "staff-intake-new",
            by: &["count"],
            other_args: &[],
            en: ["{n} new submission is waiting to be read.", "{n} new submissions are waiting to be read."],
            uk: [
                "{n} нове звернення чекає на прочитання.",
                "{n} нові звернення чекають на прочитання.",
                "{n} нових звернень чекають на прочитання.",
            ],
            zero: None,
        },
        Plural {
            key: "problem-too-many-rows",
            by: &["max"],
            other_args: &[],
            en: ["the file has more than {n} row", "the file has more than {n} rows"],
            uk: ["у файлі понад {n} рядок", "у файлі понад {n} рядки", "у файлі понад {n} рядків"],
            zero: None,
        },
        Plural {
            key: "problem-field-count",
            by: &["found"],
            other_args: &[("expected", "6")],
            en: ["the row has {n} field, the header has 6", "the row has {n} fields, the header has 6"],
            uk: [
                "у рядку {n} поле, а в заголовку — 6",
                "у рядку {n} поля, а в заголовку — 6",
                "у рядку {n} полів, а в заголовку — 6",
            ],
            zero: None,
        },
        Plural {
            key: "problem-too-long",
            by: &["max"],
            other_args: &[],
            en: ["is longer than {n} character", "is longer than {n} characters"],
            uk: ["довше ніж {n} символ", "довше ніж {n} символи", "довше ніж {n} символів"],
            zero: None,
        },
        Plural {
            key: "problem-not-account-name",
            by: &["max"],
            other_args: &[("value", "Olena"), ("min", "2")],
            en: [
                "\"Olena\" is not a valid account name: 2 to {n} character, lowercase latin letters, digits, '.', '-' or '_', starting with a letter",
                "\"Olena\" is not a valid account name: 2 to {n} characters, lowercase latin letters, digits, '.', '-' or '_', starting with a letter",
            ],
            uk: [
                "«Olena» не годиться як ім’я облікового запису: від 2 до {n} символу — малі латинські літери, цифри, «.», «-» або «_», на початку літера",
                "«Olena» не годиться як ім’я облікового запису: від 2 до {n} символів — малі латинські літери, цифри, «.», «-» або «_», на початку літера",
                "«Olena» не годиться як ім’я облікового запису: від 2 до {n} символів — малі латинські літери, цифри, «.», «-» або «_», на початку літера",
            ],
            zero: None,
        },
        Plural {
            key: "problem-too-many-stays",
            by: &["max"],
            other_args: &[],
            en: ["more than {n} stay", "more than {n} stays"],
            uk: ["понад {n} місце утримання", "понад {n} місця утримання", "понад {n} місць утримання"],
            zero: None,
        },
        Plural {
            key: "problem-password-too-short",
            by: &["min"],
            other_args: &[],
            en: [
                "the password must be at least {n} character long",
                "the password must be at least {n} characters long",
            ],
            uk: [
                "пароль має містити щонайменше {n} символ",
                "пароль має містити щонайменше {n} символи",
                "пароль має містити щонайменше {n} символів",
            ],
            zero: None,
        },
        Plural {
            key: "problem-password-too-long",
            by: &["max"],
            other_args: &[],
            en: ["the password must be at most {n} character long", "the password must be at most {n} characters long"],
            uk: [
                "пароль має містити не більше ніж {n} символ",
                "пароль має містити не більше ніж {n} символи",
                "пароль має містити не більше ніж {n} символів",
            ],
            zero: None,
        },
    ];

    #[test]
    fn every_message_that_chooses_by_a_number_reads_right_in_every_plural_category() {
        let mut failures = Vec::new();
        for p in PLURALS {
            for n in NUMBERS {
                let mut args: Vec<(&'static str, Arg)> = p.by.iter().map(|v| (*v, n.into())).collect();
                args.extend(p.other_args.iter().map(|(k, v)| (*k, (*v).into())));
                let en = match (n, p.zero) {
                    (0, Some(z)) => z[0],
                    (1, _) => p.en[0],
                    _ => p.en[1],
                };
                let uk = match (n, p.zero) {
                    (0, Some(z)) => z[1],
                    _ if UK_ONE.contains(&n) => p.uk[0],
                    _ if UK_FEW.contains(&n) => p.uk[1],
                    _ => p.uk[2],
                };
                for (lang, want) in [(Lang::En, en), (Lang::Uk, uk)] {
                    let want = want.replace("{n}", &n.to_string());
                    let got = Tr::new(lang).a(p.key, &args);
                    if got != want {
                        failures.push(format!("{} {} n={n}: {got:?}, want {want:?}", p.key, lang.code()));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
        // Every message of either language that chooses by a number is in the table.
        let mut choosing = selectors::of(include_str!("../../../locales/en/main.ftl"));
        choosing.extend(selectors::of(include_str!("../../../locales/uk/main.ftl")));
        let tested: BTreeSet<(String, String)> =
            PLURALS.iter().flat_map(|p| p.by.iter().map(|v| (p.key.to_owned(), (*v).to_owned()))).collect();
        let untested: Vec<_> = choosing.difference(&tested).collect();
        assert!(untested.is_empty(), "messages that choose by a number but are not tested here: {untested:?}");
    }

    #[test]
    #[should_panic(expected = "must be passed as a number")]
    fn a_number_passed_as_text_to_a_message_that_chooses_by_it_is_refused() {
        Tr::new(Lang::En).a("count-sites", &[("count", "1".into())]);
    }

    #[test]
    fn every_key_built_at_run_time_exists_in_both_languages() {
        let sets = [
            ("en", keys(include_str!("../../../locales/en/main.ftl"))),
            ("uk", keys(include_str!("../../../locales/uk/main.ftl"))),
        ];
        let mut missing = Vec::new();
        for alternatives in labels::every_built_key() {
            for (lang, set) in &sets {
                if !alternatives.iter().any(|k| set.contains(k)) {
                    missing.push(format!("{lang}: {}", alternatives.join(" or ")));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// Keys are built from values only in `labels`, where the test above
    /// tries every value; a key built elsewhere would escape it.
    #[test]
    fn no_message_key_is_built_outside_the_labels_module() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut found = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/labels.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (n, line) in text.lines().enumerate() {
                        let built = ["tr.t(&format!(", "tr.first(&[format!("].iter().any(|c| line.contains(c));
                        if built && !path.ends_with("i18n/mod.rs") {
                            found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "use Tr::label and the other methods of i18n/labels.rs: {found:#?}");
    }

    #[test]
    fn dates() {
        let d = PartialDate::parse("2023-08-16").unwrap();
        assert_eq!(Tr::new(Lang::En).date(&d), "16 August 2023");
        assert_eq!(Tr::new(Lang::Uk).date(&d), "16 серпня 2023");
        let m = Month::parse("2022-04").unwrap();
        assert_eq!(Tr::new(Lang::Uk).period(Some(m), None), "з квітня 2022");
    }
}

#[cfg(test)]
mod wording_tests {
    /// Ukrainian as written (UX review 3, "Words"): one apostrophe, the
    /// typographic one; a secret code, never a "квитанція" (a payment slip);
    /// sizes in МБ.
    #[test]
    fn ukrainian_reads_as_written() {
        let uk = include_str!("../../../locales/uk/main.ftl");
        let letters = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        let chars: Vec<char> = uk.chars().collect();
        let ascii_apostrophes = (1..chars.len().saturating_sub(1))
            .filter(|&i| chars[i] == '\'' && letters(Some(chars[i - 1])) && letters(Some(chars[i + 1])))
            .count();
        assert_eq!(ascii_apostrophes, 0, "write ’, not '");
        assert!(!uk.to_lowercase().contains("квитанц"), "a receipt is a code for the reply");
        assert!(!uk.contains("MiB") && !uk.contains("KiB"), "sizes in МБ");
    }

    /// A field's label may end with a question mark; no message puts a
    /// colon after it ("Which place is this about?: this is needed").
    #[test]
    fn no_message_puts_a_colon_after_a_question() {
        for ftl in [include_str!("../../../locales/en/main.ftl"), include_str!("../../../locales/uk/main.ftl")] {
            let colons: Vec<&str> = ftl.lines().filter(|l| l.contains("{ $field }:")).collect();
            assert!(colons.is_empty(), "a field's label is followed by a colon: {colons:?}");
        }
    }
}
