//! The one pagination of every list, public (sites, news, corrections, a
//! site's sources) and staff (records, the intake queue): the page is in the
//! URL (a public list's `/page/N`, a back-office list's `?page=N`, left out for
//! the first), and the links around it are bounded, whatever the length of
//! the list.

/// How many items a public list shows on one page.
pub const PAGE_SIZE: usize = inferno_domain::catalog::PAGE_SIZE;
/// How many rows a back-office list shows on one page.
pub const STAFF_PAGE_SIZE: usize = 50;

/// Pages linked on each side of the current one; the first and last are always linked.
const AROUND: usize = 2;

/// A link in the page list; `href` is `None` for the gap ("…") between runs.
#[derive(Debug)]
pub struct PageLink {
    pub href: Option<String>,
    pub label: String,
    pub current: bool,
}

/// What a paginated page shows around its list.
#[derive(Debug, Default)]
pub struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Empty when everything fits on one page.
    pub pages: Vec<PageLink>,
    /// "Showing 21–40 of 300"; empty for an empty list.
    pub status: String,
}

/// The number of pages `total` items take, `size` a page (at least one, which may be empty).
pub fn page_count(total: usize, size: usize) -> usize {
    total.div_ceil(size).max(1)
}

/// The items of page `page` (1-based) of `all`, `size` a page.
pub fn slice<T>(all: &[T], page: usize, size: usize) -> &[T] {
    let start = (page - 1).saturating_mul(size).min(all.len());
    &all[start..(start + size).min(all.len())]
}

/// `?page=N` of a query string: 1 when absent; `Err` with the value when it is
/// not a page number. Other parameters are left to the caller.
pub fn page_param(query: Option<&str>) -> Result<usize, String> {
    let Some((_, v)) = query.and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "page")) else {
        return Ok(1);
    };
    v.parse::<usize>().ok().filter(|&p| (1..=100_000).contains(&p)).ok_or_else(|| v.into_owned())
}

impl Pagination {
    /// The links of page `page` of `total` items, `size` a page; `link(n)` is
    /// the address of page `n`.
    pub fn new(
        tr: &crate::shell::i18n::Tr,
        page: usize,
        total: usize,
        size: usize,
        link: impl Fn(usize) -> String,
    ) -> Pagination {
        let pages = page_count(total, size);
        let first = (page - 1) * size + 1;
        let last = (page * size).min(total);
        let status = if total == 0 {
            String::new()
        } else {
            tr.a("page-status", &[("first", first.into()), ("last", last.into()), ("total", total.into())])
        };
        let mut links = Vec::new();
        if pages > 1 {
            let mut previous = 0;
            for n in (1..=pages).filter(|&n| n == 1 || n == pages || n.abs_diff(page) <= AROUND) {
                if n > previous + 1 {
                    links.push(PageLink { href: None, label: "…".into(), current: false });
                }
                links.push(PageLink { href: Some(link(n)), label: n.to_string(), current: n == page });
                previous = n;
            }
        }
        Pagination {
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            pages: links,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inferno_domain::Lang;

    #[test]
    fn the_page_list_is_bounded_and_keeps_the_ends() {
        let tr = crate::shell::i18n::Tr::new(Lang::En);
        let p = Pagination::new(&tr, 50, 3_000, PAGE_SIZE, |n| format!("?page={n}"));
        let labels: Vec<&str> = p.pages.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["1", "…", "48", "49", "50", "51", "52", "…", "150"]);
        assert!(p.pages.iter().find(|l| l.current).is_some_and(|l| l.label == "50"));
        assert_eq!(p.prev.as_deref(), Some("?page=49"));
        assert_eq!(p.next.as_deref(), Some("?page=51"));
        assert_eq!(p.status, "Showing 981–1000 of 3000");
        let one = Pagination::new(&tr, 1, 7, PAGE_SIZE, |n| format!("?page={n}"));
        assert!(one.pages.is_empty() && one.prev.is_none() && one.next.is_none());
        assert_eq!(slice(&[1, 2, 3], 1, PAGE_SIZE), [1, 2, 3]);
        assert_eq!(slice(&[1, 2, 3], 2, 2), [3]);
        assert_eq!(page_param(Some("page=3&x=1")), Ok(3));
        assert_eq!(page_param(None), Ok(1));
        assert!(page_param(Some("page=0")).is_err());
    }
}
