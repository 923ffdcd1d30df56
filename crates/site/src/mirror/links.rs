//! The links of a mirror browsed from a folder: relative to the file they
//! are in, to the files themselves.

use std::collections::BTreeSet;

/// The attributes that hold an address in the site's markup.
const ATTRIBUTES: [&str; 3] = [" href=\"", " src=\"", " action=\""];

/// `html`, the file `file` of the mirror, with every address on this site
/// (`/…`) made relative: to the file that holds it when the mirror has one
/// (`../../sites/ru-x/index.html`), else to the live site at `origin`.
/// Queries and fragments are kept.
pub fn relative(html: &str, file: &str, held: &BTreeSet<String>, origin: &str) -> String {
    let up = "../".repeat(file.matches('/').count());
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some((at, attr)) = ATTRIBUTES.iter().filter_map(|a| rest.find(a).map(|i| (i, *a))).min() {
        let start = at + attr.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        if value.starts_with('/') && !value.starts_with("//") {
            let cut = value.find(['?', '#']).unwrap_or(value.len());
            let target = super::file_of(&value[..cut]);
            if held.contains(&target) {
                out.push_str(&up);
                out.push_str(&target);
                out.push_str(&value[cut..]);
            } else {
                out.push_str(origin);
                out.push_str(value);
            }
        } else {
            out.push_str(value);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lead_to_files_or_to_the_live_site() {
        let held: BTreeSet<String> =
            ["en/index.html", "en/sites/index.html", "en/sites/ru-x/index.html", "static/style.css"]
                .map(String::from)
                .into();
        let html = r##"<link href="/static/style.css?v=1"><a href="/en/">h</a> <a href="/en/sites?type=a&#38;b=c">s</a>
<a href="/en/sites/ru-x#t-1">x</a><form action="/en/submit"></form><a href="#top">t</a><a href="https://e.org/">e</a>
<img src="//cdn/x"><a href="/api/v1/sites/ru-x">j</a>"##;
        let got = relative(html, "en/sites/ru-x/index.html", &held, "https://inferno.example");
        assert_eq!(
            got,
            r##"<link href="../../../static/style.css?v=1"><a href="../../../en/index.html">h</a> <a href="../../../en/sites/index.html?type=a&#38;b=c">s</a>
<a href="../../../en/sites/ru-x/index.html#t-1">x</a><form action="https://inferno.example/en/submit"></form><a href="#top">t</a><a href="https://e.org/">e</a>
<img src="//cdn/x"><a href="https://inferno.example/api/v1/sites/ru-x">j</a>"##
        );
        assert_eq!(relative("<a href=\"/en/\">", "index.html", &held, ""), "<a href=\"en/index.html\">");
    }
}
