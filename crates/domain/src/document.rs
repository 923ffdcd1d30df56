//! Markdown documents with a title line, the form of the bundled pages and FAQ
//! entries (`data/pages/*.md`, `data/faq/*.md`).

/// A document split into its `# Title` line and the Markdown body after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledDocument {
    pub title: String,
    pub body: String,
}

/// Parses `# Title`, a blank line, then the body.
pub fn parse_titled(text: &str) -> Result<TitledDocument, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let title = first
        .trim_end()
        .strip_prefix("# ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or("line 1: expected a title line starting with \"# \"")?;
    let body = rest.trim();
    if body.is_empty() {
        return Err("the document has a title but no body".into());
    }
    Ok(TitledDocument { title: title.to_owned(), body: body.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_title_and_body() {
        let d = parse_titled("# About\n\nText.\n\n## More\n").unwrap();
        assert_eq!(d.title, "About");
        assert_eq!(d.body, "Text.\n\n## More");
        assert!(parse_titled("About\n\nText").is_err());
        assert!(parse_titled("# About\n\n").is_err());
    }
}
