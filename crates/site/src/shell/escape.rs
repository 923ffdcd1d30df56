//! Text put into markup that is written by hand rather than by a template
//! (search snippets with their `<mark>`s, the sitemap's XML): the five
//! characters that could end a text or an attribute, escaped as both HTML
//! and XML read them.

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
