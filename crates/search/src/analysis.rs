//! How text becomes terms: words (apostrophes inside Ukrainian words kept),
//! lowercased, then either stemmed in one language or, for names, written
//! in Latin letters by both the Ukrainian national and a Russian
//! transliteration, so that "Таганрог", "Tahanroh" and "Taganrog" meet.
//!
//! One tokenizer does every step: the texts are short, and a tokenizer that
//! yields finished terms is simpler than a chain of tantivy filters.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Words of a query that nearly every text has, in Ukrainian, Russian and
/// English: prepositions, conjunctions, particles. A query's stop words
/// are dropped, so that "у Таганрозі" ranks by Taganrog, not by "у".
pub const STOP_WORDS: &[&str] = &[
    // Ukrainian
    "у",
    "в",
    "на",
    "з",
    "із",
    "зі",
    "до",
    "та",
    "і",
    "й",
    "а",
    "що",
    "як",
    "про",
    "за",
    "від",
    "по",
    "для",
    "не",
    "це",
    "чи",
    "під",
    "над",
    "при",
    "без",
    "через",
    "між",
    "же",
    "б",
    "би",
    "так",
    "де",
    "там",
    "його",
    "її",
    // Russian
    "во",
    "с",
    "со",
    "к",
    "ко",
    "о",
    "об",
    "из",
    "и",
    "что",
    "как",
    "от",
    "это",
    "или",
    "при",
    "без",
    "под",
    // English
    "the",
    "a",
    "an",
    "of",
    "in",
    "at",
    "on",
    "to",
    "and",
    "or",
    "for",
    "from",
    "by",
    "with",
    "is",
    "was",
    "are",
];

/// Whether a query's word is a stop word (it comes lowercased).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Apostrophes that occur inside Ukrainian words (м’ясо, пам'ять, Мар'їнка).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | 'ʹ' | '‘')
}

/// The words of a text with their byte offsets: runs of letters and digits,
/// an apostrophe between two letters kept as `'`.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut word: String = c.to_lowercase().collect();
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
                end = i + c.len_utf8();
                chars.next();
            } else if is_apostrophe(c) {
                // Kept only between two letters.
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, n)) if n.is_alphabetic() && word.chars().last().is_some_and(char::is_alphabetic) => {
                        word.push('\'');
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        out.push((start, end, word));
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Ukrainian national transliteration (2010), word-initial forms included.
fn ukrainian(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().filter(|&c| c != '\'' && c != 'ь').enumerate() {
        let first = i == 0;
        if !is_cyrillic(c) {
            out.push_str(&latin_fold(&c.to_string()));
            continue;
        }
        out.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "h",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'є' if first => "ye",
            'є' => "ie",
            'ж' => "zh",
            'з' => "z",
            'и' => "y",
            'і' => "i",
            'ї' if first => "yi",
            'ї' => "i",
            'й' if first => "y",
            'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ю' if first => "yu",
            'ю' => "iu",
            'я' if first => "ya",
            'я' => "ia",
            // Russian letters in a Ukrainian transliteration: their nearest.
            'ы' => "y",
            'э' => "e",
            'ё' => "yo",
            _ => "",
        });
    }
    out
}

/// A Russian transliteration in the form English-language reports use
/// (BGN/PCGN, simplified): Таганрог → taganrog, Брянск → bryansk.
fn russian(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev: Option<char> = None;
    for c in word.chars().filter(|&c| c != '\'') {
        if !is_cyrillic(c) {
            out.push_str(&latin_fold(&c.to_string()));
            prev = Some(c);
            continue;
        }
        let after_vowel = prev.is_none_or(|p| "аеёиоуыэюяьъ".contains(p));
        out.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' if after_vowel => "ye",
            'е' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            // Ukrainian letters in a Russian reading: their nearest.
            'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'ґ' => "g",
            _ => "",
        });
        prev = Some(c);
    }
    out
}

/// Latin letters without their marks (Žytomyr → zytomyr), apostrophes dropped.
fn latin_fold(word: &str) -> String {
    word.chars()
        .filter(|&c| c != '\'')
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'č' | 'ć' | 'ç' => 'c',
            'ď' => 'd',
            'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ł' | 'ľ' => 'l',
            'ň' | 'ń' | 'ñ' => 'n',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ř' => 'r',
            'š' | 'ś' => 's',
            'ť' => 't',
            'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ž' | 'ź' | 'ż' => 'z',
            c => c,
        })
        .collect()
}

/// The spellings a word of a name is indexed and searched under: in Latin
/// letters, by both transliterations when it is written in Cyrillic, and
/// the same of its Ukrainian and Russian stems, so that an inflected name
/// ("у Таганрозі", "з Оленівки") is one typo from the name itself.
pub fn name_forms(word: &str) -> Vec<String> {
    if word.chars().any(is_cyrillic) {
        let uk = Stemmer::new(Algorithm::Ukrainian).stem(word).into_owned();
        let ru = Stemmer::new(Algorithm::Russian).stem(word).into_owned();
        let mut forms = vec![ukrainian(word), russian(word), ukrainian(&uk), russian(&ru)];
        let mut seen = std::collections::HashSet::new();
        forms.retain(|f| !f.is_empty() && seen.insert(f.clone()));
        forms
    } else {
        vec![latin_fold(word)]
    }
}

/// What an analyzer does with each word.
#[derive(Clone, Copy)]
pub enum Analysis {
    /// Stemmed in one language.
    Stem(Algorithm),
    /// Names: every spelling, in Latin letters.
    Names,
}

/// Terms of a text with their offsets and positions, as [`Analysis`] makes them.
pub fn terms(analysis: Analysis, text: &str) -> Vec<Token> {
    let stemmer = match analysis {
        Analysis::Stem(a) => Some(Stemmer::new(a)),
        Analysis::Names => None,
    };
    let mut out = Vec::new();
    for (position, (from, to, word)) in words(text).into_iter().enumerate() {
        let forms = match &stemmer {
            Some(s) => vec![s.stem(&word).into_owned()],
            None => name_forms(&word),
        };
        for text in forms {
            out.push(Token { offset_from: from, offset_to: to, position, text, position_length: 1 });
        }
    }
    out
}

/// [`terms`] as a tantivy tokenizer.
#[derive(Clone)]
pub struct Analyzer(pub Analysis);

pub struct Terms {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for Analyzer {
    type TokenStream<'a> = Terms;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Terms {
        Terms { tokens: terms(self.0, text), next: 0 }
    }
}

impl TokenStream for Terms {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_inside_ukrainian_words_are_kept() {
        let w: Vec<String> = words("Пам’ять, м'ясо і Мар'їнка — 'цитата'").into_iter().map(|w| w.2).collect();
        assert_eq!(w, ["пам'ять", "м'ясо", "і", "мар'їнка", "цитата"]);
    }

    #[test]
    fn names_meet_in_every_spelling() {
        let forms = |w: &str| name_forms(w);
        assert_eq!(forms("таганрог")[..2], ["tahanroh", "taganrog"]);
        assert_eq!(forms("оленівка")[0], "olenivka");
        assert_eq!(forms("оленовка")[0], "olenovka");
        assert_eq!(forms("київ")[..2], ["kyiv", "kiyiv"]);
        assert_eq!(forms("брянск")[..2], ["briansk", "bryansk"]);
        // An inflected name: its stem is one letter from the name's.
        assert!(forms("таганрозі").contains(&"tahanroz".to_owned()), "{:?}", forms("таганрозі"));
        assert_eq!(name_forms("taganrog"), ["taganrog"]);
        assert_eq!(name_forms("žytomyr"), ["zytomyr"]);
        assert!(name_forms("донецьк").contains(&"donetsk".to_owned()));
        assert!(name_forms("ейск").contains(&"yeysk".to_owned()));
    }

    #[test]
    fn ukrainian_is_stemmed_with_snowball() {
        let stems =
            |t: &str| terms(Analysis::Stem(Algorithm::Ukrainian), t).into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(stems("катування катуванням"), ["катув", "катув"]);
        assert_eq!(stems("розслідуванні"), stems("розслідування"));
    }
}
