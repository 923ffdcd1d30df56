//! What readers see is written for readers: no page of the public site (every
//! page of the mirror, both languages) shows a working note — a file name, a
//! bracketed placeholder, a record's internal identifier, a remark about how
//! a page was read. Identifiers stay where they are meant to be read: in the
//! citation line, and in code on the pages that explain them.

use crate::support::{Server, export, files_under, sample_rows};
use std::path::Path;

/// Every `.html` file under `dir`, with its path relative to it.
fn pages(dir: &Path) -> Vec<(String, String)> {
    files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// The text a reader sees: tags dropped, the citation section and (where
/// `code_allowed`) `<code>` left out, entities of quotes decoded.
fn visible_text(html: &str, code_allowed: bool) -> String {
    let mut html = html.to_owned();
    let mut cut = |open: &str, close: &str| {
        while let Some(start) = html.find(open) {
            let Some(len) = html[start..].find(close) else { break };
            html.replace_range(start..start + len + close.len(), " ");
        }
    };
    cut("<section aria-labelledby=\"cite-heading\"", "</section>");
    cut("<script", "</script>");
    if code_allowed {
        cut("<code", "</code>");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Words of `text` (split at anything but letters, digits and `-`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty())
}

/// What is wrong with one page's text; `ids` are the sample's identifiers.
fn working_notes(text: &str, ids: &std::collections::BTreeSet<String>, data_page: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    // A file name (the data page names its downloads, as it should).
    if !data_page {
        for ext in [".csv", ".md", ".sqlite3", ".tsv"] {
            if let Some(at) = text.find(ext) {
                let before = &text[..at];
                if before.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
                    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                    wrong.push(format!("file name {:?}", &text[start..at + ext.len()]));
                }
            }
        }
    }
    // A bracketed placeholder: "[Kyiv Post article — text not retrievable]".
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        let inside = &rest[open + 1..open + close];
        if inside.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            wrong.push(format!("placeholder [{inside}]"));
        }
        rest = &rest[open + close..];
    }
    // An internal identifier standing as a word.
    for w in words(text) {
        if ids.contains(w) {
            wrong.push(format!("identifier {w}"));
        }
    }
    // Remarks about how the team read a page.
    for phrase in ["not retrievable", "could not be retrieved", "the text read", "staging copy", "read via"] {
        if text.contains(phrase) {
            wrong.push(format!("working note {phrase:?}"));
        }
    }
    wrong
}

/// The sample's identifiers that are not also ordinary words: records,
/// independence groups.
fn sample_ids() -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for (file, columns) in [
        ("facilities.csv", &["id"][..]),
        ("sources.csv", &["id", "independence_group"][..]),
        ("testimonies.csv", &["id"][..]),
        ("news.csv", &["id"][..]),
    ] {
        for row in sample_rows(file) {
            ids.extend(columns.iter().map(|c| row[*c].clone()).filter(|v| v.contains('-')));
        }
    }
    ids
}

#[test]
fn the_checker_finds_each_kind_of_working_note() {
    let ids: std::collections::BTreeSet<String> = ["t-01".to_owned(), "bbc-2023-taganrog".to_owned()].into();
    let text = visible_text(
        "<p>Listed in facilities.csv</p><h3>Former prisoner (t-01)</h3><p>[Kyiv Post article — text not retrievable]</p>\
         <p>group <code>bbc-2023-taganrog</code></p><section aria-labelledby=\"cite-heading\">record t-01</section>",
        false,
    );
    let found = working_notes(&text, &ids, false);
    assert_eq!(found.len(), 5, "{found:#?}");
    // The citation keeps its identifier; the explaining pages may show one in code.
    let cited = visible_text("<section aria-labelledby=\"cite-heading\">record t-01</section><code>t-01</code>", true);
    assert!(working_notes(&cited, &ids, false).is_empty());
    assert!(working_notes("Download sites.csv", &ids, true).is_empty());
}

#[tokio::test]
async fn no_public_page_shows_a_working_note() {
    let s = Server::start();
    let out = tempfile::tempdir().unwrap();
    export(&s, out.path(), &[]);
    let ids = sample_ids();
    let mut wrong = Vec::new();
    let all = pages(out.path());
    assert!(all.len() > 200, "the mirror holds every page: {}", all.len());
    for (path, html) in all {
        let editorial = ["/about/", "/faq/", "/data/", "/help/"].iter().any(|p| path.contains(p));
        let text = visible_text(&html, editorial);
        wrong.extend(working_notes(&text, &ids, path.contains("/data/")).into_iter().map(|w| format!("{path}: {w}")));
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{} working notes on public pages: {wrong:#?}", wrong.len());
}
