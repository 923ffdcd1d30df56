//! Interface texts in Ukrainian and English, with real plural rules (Fluent).
//! The `.ftl` files under `locales/` are compiled into the binary.

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
        let mut args = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        self.lookup(key, Some(&args))
    }

    /// A message with named string arguments.
    pub fn a(&self, key: &str, named: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            named.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string()))).collect();
        self.lookup(key, Some(&args))
    }

    /// A date as precise as it is known: "16 August 2023", "August 2023", "2023".
    pub fn date(&self, d: &PartialDate) -> String {
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                let month = self.t(&format!("month-genitive-{m}"));
                self.a("date-full", &[("day", &day.to_string()), ("month", &month), ("year", &d.year.to_string())])
            }
            (Some(m), None) => self.month(&Month { year: d.year, month: m }),
            _ => d.year.to_string(),
        }
    }

    pub fn month(&self, m: &Month) -> String {
        let name = self.t(&format!("month-{}", m.month));
        self.a("date-month", &[("month", &name), ("year", &m.year.to_string())])
    }

    /// "квітня 2022": the form that follows "from" and "until" in Ukrainian.
    fn month_genitive(&self, m: &Month) -> String {
        let name = self.t(&format!("month-genitive-{}", m.month));
        self.a("date-month", &[("month", &name), ("year", &m.year.to_string())])
    }

    /// A period with possibly open ends: "April 2022 – October 2024", "from April 2022".
    pub fn period(&self, from: Option<Month>, to: Option<Month>) -> String {
        match (from, to) {
            (Some(f), Some(t)) if f == t => self.month(&f),
            (Some(f), Some(t)) => format!("{} – {}", self.month(&f), self.month(&t)),
            (Some(f), None) => self.a("period-from", &[("from", &self.month_genitive(&f))]),
            (None, Some(t)) => self.a("period-until", &[("to", &self.month_genitive(&t))]),
            (None, None) => self.t("period-unknown"),
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
        let uk = keys(include_str!("../locales/uk/main.ftl"));
        let en = keys(include_str!("../locales/en/main.ftl"));
        assert_eq!(uk.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "only in uk");
        assert_eq!(en.difference(&uk).collect::<Vec<_>>(), Vec::<&String>::new(), "only in en");
    }

    #[test]
    fn every_message_used_in_templates_exists() {
        let en = keys(include_str!("../locales/en/main.ftl"));
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

    #[test]
    fn dates() {
        let d = PartialDate::parse("2023-08-16").unwrap();
        assert_eq!(Tr::new(Lang::En).date(&d), "16 August 2023");
        assert_eq!(Tr::new(Lang::Uk).date(&d), "16 серпня 2023");
        let m = Month::parse("2022-04").unwrap();
        assert_eq!(Tr::new(Lang::Uk).period(Some(m), None), "з квітня 2022");
    }
}
