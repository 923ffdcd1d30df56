//! Interface and content languages.

use serde::{Deserialize, Serialize};

/// A language the site is published in. Ukrainian comes first: it is the
/// language of the people the platform is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Uk,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    /// The BCP 47 code, also the URL prefix (`/uk/…`, `/en/…`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language: where a translation is missing, we show this one.
    pub fn other(self) -> Lang {
        match self {
            Lang::Uk => Lang::En,
            Lang::En => Lang::Uk,
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Uk => "Українська",
            Lang::En => "English",
        }
    }
}

/// A text that readers see, stored per language. Either side may be empty
/// while a translation is pending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    pub uk: String,
    pub en: String,
}

/// A text picked for a reader, with the language it is actually in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: Lang,
}

impl Localized<'_> {
    /// True when the reader asked for another language and sees this one
    /// because the translation is missing; pages then say so.
    pub fn is_fallback(&self, wanted: Lang) -> bool {
        self.lang != wanted
    }
}

impl LocalText {
    pub fn new(uk: impl Into<String>, en: impl Into<String>) -> Self {
        LocalText { uk: uk.into(), en: en.into() }
    }

    pub fn raw(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, or in the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> Localized<'_> {
        let wanted = self.raw(lang);
        if wanted.trim().is_empty() {
            Localized { text: self.raw(lang.other()), lang: lang.other() }
        } else {
            Localized { text: wanted, lang }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.uk.trim().is_empty() && self.en.trim().is_empty()
    }
}

/// A sort key that orders Ukrainian words by the Ukrainian alphabet (Unicode
/// code points put Є, І, Ї and Ґ before А) and Latin words after Cyrillic ones.
pub fn collation_key(text: &str) -> Vec<u32> {
    const UK: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .map(|c| match UK.chars().position(|u| u == c) {
            Some(i) => 0x100 + i as u32,
            None if c.is_whitespace() => 0,
            None if c.is_ascii_digit() => 0x10 + c as u32,
            None => 0x1000 + c as u32,
        })
        .collect()
}

/// Whether `c` changes how text around it is shown, or shows as nothing:
/// the bidirectional controls (an override such as U+202E makes what follows it
/// read backwards), the zero-width and joining characters, the byte-order
/// mark, the word joiner and invisible operators, the soft hyphen and the
/// fillers that render as blanks. A name or another single-line field that
/// holds one reads differently from what is stored (review 3, N7), so the
/// importer and the back office refuse them there.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let t = LocalText::new("", "Taganrog");
        let got = t.get(Lang::Uk);
        assert_eq!(got.text, "Taganrog");
        assert!(got.is_fallback(Lang::Uk));
        assert!(!t.get(Lang::En).is_fallback(Lang::En));
    }

    #[test]
    fn ukrainian_alphabet_order() {
        let mut words = vec!["Їжак", "Бровари", "Ґава", "Євпаторія", "Ізюм", "Авдіївка", "Гостомель"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["Авдіївка", "Бровари", "Гостомель", "Ґава", "Євпаторія", "Ізюм", "Їжак"]);
    }
}
