//! The public pages: routing, the shared layout, errors.
//!
//! Public pages are not axum routes: one handler looks the URL up in the page
//! cache first (the path a request takes most of the time) and only on a miss
//! parses it, renders the page and keeps it under its canonical URL.

mod changes;
mod chrome;
mod citation;
mod data;
mod editorial;
mod home;
mod indexes;
mod news;
pub mod preview;
mod search;
mod site;
mod sites;
mod source;
mod transfers;

pub use chrome::Chrome;
pub(crate) use sites::{cell_text, read_filter};

use crate::PublicSite;
use crate::shell::cache::Prepared;
use crate::shell::i18n::Tr;
use crate::shell::respond;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::{Catalog, Lang, SiteQuery};
use std::sync::Arc;

/// A public page, as its URL names it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Home,
    Sites(SiteQuery),
    Site(String),
    /// A page of a site's sources or testimonies, when the site's page cannot show them all.
    SiteList(String, site::SiteList, usize),
    /// The news list, at a page (1-based).
    News(usize),
    NewsItem(String),
    /// A source's own page.
    Source(String),
    /// The index of sources, strongest first, at a page (1-based).
    SourceIndex(usize),
    /// The index of testimonies, at a page (1-based).
    Testimonies(usize),
    Faq,
    /// The corrections log, at a page (1-based).
    Changes(usize),
    /// The open-data page: the downloads and what their columns hold.
    Data,
    /// The news as an Atom feed.
    Feed,
    /// The network of transfers between sites.
    Transfers,
    /// Search results (never kept in the cache: their addresses are unbounded).
    Search(search::SearchParams),
    /// An editorial page by id (`about`, `help`, or any other the team adds).
    Editorial(String),
}

pub use crate::shell::error::HtmlError as PageError;

/// Everything a page renderer needs.
pub struct Ctx<'a> {
    pub app: &'a PublicSite,
    pub catalog: &'a Catalog,
    pub lang: Lang,
    pub tr: Tr,
    /// The path after `/{lang}`, with the canonical query: the same page in the
    /// other language is `/{other}{rest}`.
    pub rest: String,
}

impl Ctx<'_> {
    pub fn chrome(&self, section: &'static str, title: String, description: String) -> Chrome {
        Chrome::new(self, section, title, description)
    }
}

/// What a URL that names no page gets instead.
#[derive(Debug)]
enum Miss {
    Redirect(String),
    Error(PageError),
}

impl IntoResponse for Miss {
    fn into_response(self) -> Response {
        match self {
            Miss::Redirect(to) => Redirect::permanent(&to).into_response(),
            Miss::Error(e) => e.into_response(),
        }
    }
}

/// The route a URL names, or what it gets instead.
fn parse(path: &str, query: Option<&str>) -> Result<(Lang, Route), Miss> {
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/');
    let lang = segments.next().and_then(Lang::from_code).ok_or(Miss::Error(PageError::NotFound))?;
    let rest: Vec<&str> = segments.collect();
    let route = match rest.as_slice() {
        [] => return Err(Miss::Redirect(format!("/{}/", lang.code()))),
        [""] => Route::Home,
        ["sites"] => sites_route(lang, query, 1)?,
        ["sites", "page", n] if is_number(n) => sites_route(lang, query, page_in_path(n)?)?,
        ["sites", id] if !id.is_empty() => Route::Site((*id).to_owned()),
        ["sites", id, list] if !id.is_empty() && !list.is_empty() => site_list(id, list, 1)?,
        ["sites", id, list, "page", n] if !id.is_empty() => site_list(id, list, page_in_path(n)?)?,
        ["news"] => Route::News(1),
        ["news", "page", n] if is_number(n) => Route::News(page_in_path(n)?),
        ["news", id] if !id.is_empty() => Route::NewsItem((*id).to_owned()),
        ["sources"] => Route::SourceIndex(1),
        ["sources", "page", n] if is_number(n) => Route::SourceIndex(page_in_path(n)?),
        ["sources", id] if !id.is_empty() => Route::Source((*id).to_owned()),
        ["testimonies"] => Route::Testimonies(1),
        ["testimonies", "page", n] if is_number(n) => Route::Testimonies(page_in_path(n)?),
        ["faq"] => Route::Faq,
        ["changes"] => Route::Changes(1),
        ["changes", "page", n] => Route::Changes(page_in_path(n)?),
        ["data"] => Route::Data,
        ["news.atom"] => Route::Feed,
        ["transfers"] => Route::Transfers,
        ["search"] => Route::Search(search::parse(query)),
        [page] if !page.is_empty() => Route::Editorial((*page).to_owned()),
        [.., ""] if rest.len() > 1 => {
            // A trailing slash: send the visitor to the page without it.
            let trimmed = path.trim_end_matches('/');
            let q = query.map(|q| format!("?{q}")).unwrap_or_default();
            return Err(Miss::Redirect(format!("{trimmed}{q}")));
        }
        _ => return Err(Miss::Error(PageError::NotFound)),
    };
    let asked = page_asked(&route, query, lang)?;
    if let Some(page) = asked.or_else(|| (paginated(&route) && !path_is_canonical(path, lang, &route)).then_some(0)) {
        // `?page=N` (the form of these addresses before pages were paths),
        // `/page/1` or `/page/01` lead to the page's one address.
        let route = if page > 0 { with_page(route, page) } else { route };
        return Err(Miss::Redirect(href(lang, &route)));
    }
    Ok((lang, route))
}

/// Whether a route is a page of a list.
fn paginated(route: &Route) -> bool {
    matches!(route, Route::Sites(_) | Route::SiteList(..) | Route::News(_) | Route::Changes(_))
}

/// Whether `path` is the path of the route's address.
fn path_is_canonical(path: &str, lang: Lang, route: &Route) -> bool {
    let canonical = href(lang, route);
    canonical.split('?').next() == Some(path)
}

/// The sites index at `page`, with the filters of the query string.
fn sites_route(lang: Lang, query: Option<&str>, page: usize) -> Result<Route, Miss> {
    let q = sites::parse_query(query, &Tr::new(lang)).map_err(|m| Miss::Error(PageError::BadRequest(m)))?;
    Ok(Route::Sites(if page > 1 { SiteQuery { page, ..q } } else { q }))
}

/// A page of a site's list of sources or testimonies.
fn site_list(id: &str, list: &str, page: usize) -> Result<Route, Miss> {
    let list = site::SiteList::parse(list).ok_or(Miss::Error(PageError::NotFound))?;
    Ok(Route::SiteList(id.to_owned(), list, page))
}

/// Whether a segment is all digits: `/sites/page/2` is a page of the index,
/// `/sites/page/sources` the sources of a site whose id is `page`.
fn is_number(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

/// The page number of a `/page/N` segment (page 1 is the list's own
/// address, where `/page/1` leads); anything but a page number names no page.
fn page_in_path(n: &str) -> Result<usize, Miss> {
    let page = n.parse::<usize>().ok().filter(|p| (1..=100_000).contains(p));
    page.ok_or(Miss::Error(PageError::NotFound))
}

/// The page a list's URL asks for with `?page=N`, the form its addresses had
/// before pages were path segments; `None` when it asks none or is no list.
fn page_asked(route: &Route, query: Option<&str>, lang: Lang) -> Result<Option<usize>, Miss> {
    let asks = query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == "page"));
    match route {
        Route::Sites(q) if asks => Ok(Some(q.page)),
        Route::SiteList(..) | Route::News(_) | Route::Changes(_) if asks => page_of(query, lang).map(Some),
        _ => Ok(None),
    }
}

/// The route at another page of the same list.
fn with_page(route: Route, page: usize) -> Route {
    match route {
        Route::Sites(q) => Route::Sites(SiteQuery { page, ..q }),
        Route::SiteList(id, list, _) => Route::SiteList(id, list, page),
        Route::News(_) => Route::News(page),
        Route::Changes(_) => Route::Changes(page),
        other => other,
    }
}

/// The page of a paginated list, from `?page=`; a value that is not a page
/// number is a bad request that says what is accepted.
fn page_of(query: Option<&str>, lang: Lang) -> Result<usize, Miss> {
    crate::shell::pagination::page_param(query).map_err(|v| {
        let tr = Tr::new(lang);
        let m =
            tr.a("error-bad-param", &[("param", "page".into()), ("value", v.into()), ("accepted", "1, 2, 3…".into())]);
        Miss::Error(PageError::BadRequest(m))
    })
}

/// Page `page` of the list at `base`: a path segment (`/news/page/2`), never
/// a query, so that a static mirror holds every page as a file of its own;
/// the first page is the list's own address.
fn paged(base: &str, page: usize) -> String {
    if page > 1 { format!("{base}/page/{page}") } else { base.to_owned() }
}

/// The address of a public page: the one definition every link and the
/// cache key are made from.
fn href(lang: Lang, route: &Route) -> String {
    format!("/{}{}", lang.code(), rest_of(route))
}

/// The path after the language prefix, with the canonical query string.
fn rest_of(route: &Route) -> String {
    match route {
        Route::Home => "/".into(),
        Route::Sites(q) => format!("{}{}", paged("/sites", q.page), sites::canonical_query(q)),
        Route::Site(id) => format!("/sites/{id}"),
        Route::SiteList(id, list, page) => paged(&format!("/sites/{id}/{}", list.path()), *page),
        Route::News(page) => paged("/news", *page),
        Route::NewsItem(id) => format!("/news/{id}"),
        Route::Source(id) => format!("/sources/{id}"),
        Route::SourceIndex(page) => paged("/sources", *page),
        Route::Testimonies(page) => paged("/testimonies", *page),
        Route::Faq => "/faq".into(),
        Route::Changes(page) => paged("/changes", *page),
        Route::Data => "/data".into(),
        Route::Feed => "/news.atom".into(),
        Route::Transfers => "/transfers".into(),
        Route::Search(p) => search::rest(p),
        Route::Editorial(id) => format!("/{id}"),
    }
}

/// Every page of the public site that a catalog has, in one language: the
/// pages that exist whatever is asked (not the sites index filtered, the
/// search results, the forms). The sitemap lists them, and a test follows
/// every link of every one of them to check that none is missing.
fn every_route(catalog: &Catalog) -> Vec<Route> {
    use crate::shell::pagination::{PAGE_SIZE, page_count};
    let pages = |n: usize| 1..=page_count(n, PAGE_SIZE);
    let mut out = vec![Route::Home];
    out.extend(pages(catalog.sites().len()).map(|page| Route::Sites(SiteQuery { page, ..Default::default() })));
    for s in catalog.sites() {
        let id = s.id.to_string();
        out.push(Route::Site(id.clone()));
        for (list, n) in [
            (site::SiteList::Sources, catalog.site_sources(&id).len()),
            (site::SiteList::Testimonies, catalog.testimonies_at(&id).len()),
        ] {
            if n > PAGE_SIZE {
                out.extend(pages(n).map(|p| Route::SiteList(id.clone(), list, p)));
            }
        }
    }
    out.extend(pages(catalog.news().len()).map(Route::News));
    out.extend(catalog.news().iter().map(|n| Route::NewsItem(n.id.to_string())));
    out.extend(catalog.sources().iter().map(|s| Route::Source(s.id.to_string())));
    out.extend(pages(catalog.sources().len()).map(Route::SourceIndex));
    out.extend(pages(catalog.testimonies().len()).map(Route::Testimonies));
    out.push(Route::Faq);
    out.extend(pages(catalog.corrections().len()).map(Route::Changes));
    // A page stored before its id was refused for being a route's (review 3,
    // N5) is never listed: its address is the route's.
    let owned = |id: &str| inferno_domain::id::ROUTE_SEGMENTS.contains(&id);
    out.extend(catalog.pages().iter().filter(|p| !owned(p.id.as_str())).map(|p| Route::Editorial(p.id.to_string())));
    out.extend([Route::Data, Route::Transfers, Route::Feed]);
    out
}

/// The address of every page of [`every_route`], in both languages.
pub fn every_page(catalog: &Catalog) -> Vec<String> {
    let routes = every_route(catalog);
    Lang::ALL.into_iter().flat_map(|l| routes.iter().map(move |r| href(l, r))).collect()
}

/// A static mirror's search page and its index, in one language (see
/// [`crate::mirror`]); `folder` for a mirror browsed from a folder.
pub(crate) fn mirror_search(
    app: &PublicSite,
    lang: Lang,
    records: &[inferno_search::MirrorRecord],
    folder: bool,
) -> Result<(String, String), PageError> {
    let snapshot = app.snapshot();
    let route = Route::Search(search::SearchParams { page: 1, ..Default::default() });
    let ctx = Ctx { app, catalog: &snapshot.catalog, lang, tr: Tr::new(lang), rest: rest_of(&route) };
    Ok((search::render_mirror(&ctx)?, search::mirror_index(&ctx, records, folder)))
}

fn render(ctx: &Ctx, route: &Route) -> Result<String, PageError> {
    match route {
        Route::Home => home::render(ctx),
        Route::Sites(q) => sites::render(ctx, q),
        Route::Site(id) => site::render(ctx, id),
        Route::SiteList(id, list, page) => site::render_list(ctx, id, *list, *page),
        Route::News(page) => news::render_list(ctx, *page),
        Route::NewsItem(id) => news::render_item(ctx, id),
        Route::Source(id) => source::render(ctx, id),
        Route::SourceIndex(page) => indexes::render_sources(ctx, *page),
        Route::Testimonies(page) => indexes::render_testimonies(ctx, *page),
        Route::Faq => editorial::render_faq(ctx),
        Route::Changes(page) => changes::render(ctx, *page),
        Route::Data => data::render(ctx),
        Route::Feed => data::render_feed(ctx),
        Route::Transfers => transfers::render(ctx),
        Route::Search(p) => search::render(ctx, p),
        Route::Editorial(id) => editorial::render_page(ctx, id),
    }
}

/// Renders an askama template, mapping its (programming) errors to a 500 page.
pub fn html(t: &impl Template) -> Result<String, PageError> {
    t.render().map_err(|e| PageError::Internal(e.to_string()))
}

/// The media type of what a route renders.
fn content_type(route: &Route) -> &'static str {
    match route {
        Route::Feed => "application/atom+xml; charset=utf-8",
        _ => "text/html; charset=utf-8",
    }
}

fn page(status: StatusCode, lang: Lang, content_type: &'static str, body: String, version: i64) -> Prepared {
    let mut p = Prepared::new(status, content_type, body.into_bytes());
    p.content_language = Some(HeaderValue::from_static(lang.code()));
    p.version = version;
    p
}

/// The answer to a request for a page that is in the cache, with every
/// header the whole request path gives it, or `None` to route the request.
/// Only a `GET` of a page's exact canonical address is answered here; the
/// keys of the cache are nothing else.
pub fn cached<B>(app: &PublicSite, req: &axum::http::Request<B>) -> Option<Response> {
    if req.method() != Method::GET {
        return None;
    }
    let key = req.uri().path_and_query()?.as_str();
    let page = app.cache.get(key, app.version())?;
    let mut response = respond::send(&page, req.headers());
    crate::shell::security::add_headers(app, key, &mut response);
    Some(response)
}

/// Serves every public page.
pub async fn serve(State(app): State<Arc<PublicSite>>, req: axum::extract::Request) -> Response {
    // The request itself rather than extractors: the headers are read, not
    // copied, on the path nearly every request takes.
    let (uri, headers) = (req.uri(), req.headers());
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = StatusCode::METHOD_NOT_ALLOWED.into_response();
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let key = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let version = app.version();
    if let Some(p) = app.cache.get(key, version) {
        return respond::send(&p, headers);
    }
    let snapshot = app.snapshot();
    let (lang, route) = match parse(uri.path(), uri.query()) {
        Ok(r) => r,
        Err(miss) => return miss.into_response(),
    };
    let rest = rest_of(&route);
    let canonical = href(lang, &route);
    if canonical != key
        && let Some(p) = app.cache.get(&canonical, snapshot.version)
    {
        return respond::send(&p, headers);
    }
    // The data page gives each download's size: the files are made first.
    if matches!(route, Route::Data)
        && let Err(e) = crate::downloads::ensure(&app).await
    {
        return e.into_response();
    }
    let ctx = Ctx { app: &app, catalog: &snapshot.catalog, lang, tr: Tr::new(lang), rest };
    match render(&ctx, &route) {
        Ok(body) => {
            let prepared = if matches!(route, Route::Search(_)) || !app.config.keep_pages {
                // Rendered for this request only: compressing it would cost more than sending it.
                let mut p = Prepared::uncompressed(StatusCode::OK, content_type(&route), body.into_bytes());
                p.content_language = Some(HeaderValue::from_static(lang.code()));
                Arc::new(p)
            } else {
                app.cache.insert(canonical, page(StatusCode::OK, lang, content_type(&route), body, snapshot.version))
            };
            respond::send(&prepared, headers)
        }
        Err(e) => e.into_response(),
    }
}

/// Top-level routes outside the language prefixes.
const OTHER_ROOTS: [&str; 6] = ["staff", "static", "healthz", "api", "data", "sitemaps"];

/// A path typed with a trailing slash leads to the page without it. Pages
/// under a language do that in [`parse`] (where `/en/` is the one address that
/// keeps its slash, and an unknown language is a 404); this does the same for
/// the routes outside them, the back office first (`/staff/` was a 404). A
/// path that would then start with `//` or hold a backslash is left alone: a
/// browser would read it as another host.
pub fn trailing_slash(uri: &Uri) -> Option<Response> {
    let path = uri.path();
    let trimmed = path.trim_end_matches('/');
    let root = trimmed.trim_start_matches('/').split('/').next().unwrap_or("");
    if trimmed.len() < path.len() && OTHER_ROOTS.contains(&root) && trimmed.starts_with(&format!("/{root}")) {
        if trimmed.contains('\\') {
            return Some(PageError::NotFound.into_response());
        }
        let q = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return Some(Redirect::permanent(&format!("{trimmed}{q}")).into_response());
    }
    None
}

/// `/`: Ukrainian when the browser prefers it, English otherwise.
pub async fn language_redirect(headers: HeaderMap) -> Response {
    let lang = crate::shell::i18n::preferred_language(&headers);
    let mut r = Redirect::to(&format!("/{}/", lang.code())).into_response();
    r.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    heading: String,
    message: String,
    reference: Option<String>,
}

/// The page of a failed public request, in the reader's language (see
/// [`crate::shell::edge::edge`]); `reference` is the id it was logged under.
pub(crate) fn failure_page(
    app: &PublicSite,
    lang: Lang,
    f: &crate::shell::error::Failure,
    reference: Option<&str>,
) -> Response {
    let tr = Tr::new(lang);
    let snapshot = app.snapshot();
    let ctx = Ctx { app, catalog: &snapshot.catalog, lang, tr, rest: "/".into() };
    let (heading_key, text_key) = f.kind.keys();
    let message = f.message.clone().unwrap_or_else(|| tr.t(text_key));
    let heading = tr.t(heading_key);
    let reference = reference.map(|id| tr.a("error-reference", &[("id", id.into())]));
    let view = ErrorPage { c: ctx.chrome("", heading.clone(), message.clone()), heading, message, reference };
    let body = view.render().unwrap_or_else(|_| "error".into());
    let mut p = Prepared::uncompressed(f.kind.status(), "text/html; charset=utf-8", body.into_bytes());
    p.content_language = Some(HeaderValue::from_static(lang.code()));
    respond::send(&p, &HeaderMap::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The router owns exactly the segments the domain reserves: each of
    /// them is a route here or an intake form, and no other first segment
    /// of a route is one the list lacks.
    #[test]
    fn the_reserved_page_ids_are_the_routes() {
        use inferno_domain::id::ROUTE_SEGMENTS;
        for seg in ROUTE_SEGMENTS {
            let here = !matches!(parse(&format!("/en/{seg}"), None), Ok((_, Route::Editorial(_))))
                || !matches!(parse(&format!("/en/{seg}/x"), None), Err(Miss::Error(PageError::NotFound)));
            assert!(here || inferno_domain::id::INTAKE_SEGMENTS.contains(seg), "{seg} is reserved but routes nowhere");
        }
        for seg in inferno_domain::id::INTAKE_SEGMENTS {
            assert!(ROUTE_SEGMENTS.contains(&seg), "the intake form {seg} is not reserved");
        }
        let q = SiteQuery::default;
        let routes = [
            Route::Sites(q()),
            Route::Site("x".into()),
            Route::SiteList("x".into(), site::SiteList::Sources, 2),
            Route::News(2),
            Route::NewsItem("x".into()),
            Route::Source("x".into()),
            Route::Faq,
            Route::Changes(2),
            Route::Data,
            Route::Feed,
            Route::Transfers,
            Route::Search(search::SearchParams::default()),
        ];
        for route in routes {
            let path = href(Lang::En, &route);
            let seg = path.trim_start_matches("/en/").split(['/', '?']).next().unwrap();
            assert!(ROUTE_SEGMENTS.contains(&seg), "{path}: its segment {seg} is not reserved");
        }
    }

    #[test]
    fn routes() {
        assert_eq!(parse("/uk/", None).unwrap(), (Lang::Uk, Route::Home));
        assert_eq!(parse("/en/sites/ru-x", None).unwrap(), (Lang::En, Route::Site("ru-x".into())));
        let answer = |path, query| parse(path, query).expect_err("not a page").into_response();
        let redirect = |r: Response| (r.status(), r.headers()[header::LOCATION].to_str().unwrap().to_owned());
        assert_eq!(redirect(answer("/en", None)), (StatusCode::PERMANENT_REDIRECT, "/en/".to_owned()));
        assert_eq!(
            redirect(answer("/en/news/", Some("a=1"))),
            (StatusCode::PERMANENT_REDIRECT, "/en/news?a=1".to_owned())
        );
        assert_eq!(answer("/de/", None).status(), StatusCode::NOT_FOUND);
        // A list's pages are paths; the older `?page=N` and `/page/1` lead there.
        assert_eq!(parse("/en/news/page/3", None).unwrap(), (Lang::En, Route::News(3)));
        assert_eq!(
            parse("/uk/sites/x/sources/page/2", None).unwrap(),
            (Lang::Uk, Route::SiteList("x".into(), site::SiteList::Sources, 2))
        );
        assert_eq!(
            parse("/en/sites/page/sources", None).unwrap().1,
            Route::SiteList("page".into(), site::SiteList::Sources, 1)
        );
        for (path, query, to) in [
            ("/en/news", Some("page=2"), "/en/news/page/2"),
            ("/en/news/page/1", None, "/en/news"),
            ("/en/changes/page/02", None, "/en/changes/page/2"),
            ("/en/sites", Some("sort=sources&page=2&type="), "/en/sites/page/2?sort=sources"),
            ("/uk/sites/x/testimonies", Some("page=4"), "/uk/sites/x/testimonies/page/4"),
        ] {
            assert_eq!(redirect(answer(path, query)), (StatusCode::PERMANENT_REDIRECT, to.to_owned()), "{path}");
        }
        assert_eq!(answer("/en/news/page/0", None).status(), StatusCode::NOT_FOUND);
        assert_eq!(answer("/en/sites/x/photos", None).status(), StatusCode::NOT_FOUND);
        assert_eq!(answer("/en/sites/a/b", None).status(), StatusCode::NOT_FOUND);
        assert_eq!(answer("/en/sites", Some("type=prison")).status(), StatusCode::BAD_REQUEST);
    }
}
