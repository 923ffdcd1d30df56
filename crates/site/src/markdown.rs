//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes anything
//! that could run script or load from elsewhere.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Images would load from wherever the author pointed them: none in text.
    b.rm_tags(["img"]);
    b.url_schemes(["http", "https", "mailto"].into());
    b.link_rel(Some("noopener noreferrer"));
    // Headings may carry an anchor (`## Methodology {#methodology}`) that other
    // pages link to.
    // They are prefixed, so that no text can take an id the page itself uses
    // (`main`, the skip link's target) or its forms' labels point at.
    for h in ["h2", "h3", "h4"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b.id_prefix(Some(ID_PREFIX));
    b
});

/// What every id from Markdown starts with: link to `#md-methodology`.
pub const ID_PREFIX: &str = "md-";

/// Renders Markdown written by the team (or sent in later) as sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let options = pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = pulldown_cmark::Parser::new_ext(markdown, options);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    CLEANER.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn heading_ids_cannot_take_the_pages_own() {
        let html = to_html("## Skip here {#main}\n\n### Method {#methodology}");
        assert!(html.contains("id=\"md-main\"") && html.contains("id=\"md-methodology\""), "{html}");
        assert!(!html.contains("id=\"main\""), "{html}");
    }

    #[test]
    fn renders_and_sanitises() {
        assert_eq!(to_html("**bold** text").trim(), "<p><strong>bold</strong> text</p>");
        let evil = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=https://evil.example/a.png> <a href=\"https://x.org\" onclick=\"alert(1)\">y</a>",
        );
        assert!(!evil.contains("<script"), "{evil}");
        assert!(!evil.contains("href=\"javascript:"), "{evil}");
        assert!(evil.contains(">x</a>") || evil.contains("<a rel"), "the link text stays: {evil}");
        assert!(!evil.contains("<img"), "{evil}");
        assert!(!evil.contains("onclick"), "{evil}");
        assert!(evil.contains("rel=\"noopener noreferrer\""), "{evil}");
    }
}
