//! The read-only JSON API under `/api/v1/`: the published records, with the
//! site filters of the HTML index, stable cursor pagination, `ETag`/304 and
//! open CORS for `GET`. Its OpenAPI 3.1 description is `/api/v1/openapi.json`
//! ([`openapi`]), which the tests hold every answer to.
//!
//! Lists are in id order, so that a cursor (the last id of a page) keeps its
//! place while records are added or removed: the next page starts after it.

mod error;
pub mod openapi;
mod records;

pub use error::ApiError;

use crate::PublicSite;
use crate::shell::cache::Prepared;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use inferno_domain::dataset::Table;
use inferno_domain::{Id, SiteQuery};
use serde_json::{Value, json};
use std::sync::Arc;

/// Records a page holds unless `limit` says otherwise, and at most.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

pub fn routes() -> Router<Arc<PublicSite>> {
    Router::new()
        .route("/api/v1", endpoint(get(index)))
        .route("/api/v1/openapi.json", endpoint(get(openapi_document)))
        .route("/api/v1/sites", endpoint(get(sites)))
        .route("/api/v1/sites/{id}", endpoint(get(site)))
        .route("/api/v1/sources", endpoint(get(sources)))
        .route("/api/v1/sources/{id}", endpoint(get(source)))
        .route("/api/v1/testimonies", endpoint(get(testimonies)))
        .route("/api/v1/testimonies/{id}", endpoint(get(testimony)))
        .route("/api/v1/news", endpoint(get(news_list)))
        .route("/api/v1/findings", endpoint(get(findings)))
        .route("/api/v1/transfers", endpoint(get(transfers)))
        .route("/api/v1/news/{id}", endpoint(get(news_item)))
        .route("/api/v1/{*rest}", endpoint(get(|| async { ApiError::NotFound("no such endpoint".into()) })))
}

/// A GET endpoint that also answers CORS preflights, and refuses other methods in JSON.
fn endpoint(m: MethodRouter<Arc<PublicSite>>) -> MethodRouter<Arc<PublicSite>> {
    m.options(preflight).fallback(|| async { ApiError::MethodNotAllowed })
}

async fn preflight() -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("If-None-Match, Accept"));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    r
}

/// A JSON answer, with its ETag (a request that names it gets a 304) and
/// the CORS headers. Answers are made per request and not kept: their
/// number grows with every cursor and filter, and each is at most
/// [`MAX_LIMIT`] records.
fn answer(request: &HeaderMap, body: &Value, next: Option<&str>) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let mut prepared = Prepared::uncompressed(StatusCode::OK, "application/json", bytes);
    prepared.any_origin = true;
    let mut r = crate::shell::respond::send(&prepared, request);
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag, Link"));
    if let Some(next) = next.and_then(|n| HeaderValue::from_str(&format!("<{n}>; rel=\"next\"")).ok()) {
        h.insert(header::LINK, next);
    }
    r
}

/// The query of a list: its cursor, its limit, and (for sites) the filters.
struct ListQuery {
    /// The key of the last record of the page before (an id, or a table
    /// row's cursor).
    cursor: Option<String>,
    limit: usize,
    filters: SiteQuery,
    /// The filters as given, for the next page's address.
    kept: Vec<(String, String)>,
}

/// How a list's records are keyed: by id, or (a table without ids) by the
/// cursor each row carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyed {
    ById,
    ByCursor,
}

impl Keyed {
    fn accepts(self, cursor: &str) -> bool {
        match self {
            Keyed::ById => Id::parse(cursor).is_ok(),
            // Parts shaped as ids (lower-case letters and digits, single
            // hyphens between), as the document's pattern says; a cursor is
            // only compared, so a part longer than an id may be is no harm.
            Keyed::ByCursor => {
                let id_shaped = |part: &str| {
                    part.split('-')
                        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
                };
                cursor.len() <= 300 && cursor.split('~').all(id_shaped)
            }
        }
    }
}

fn list_query(raw: Option<&str>, with_filters: bool, keyed: Keyed) -> Result<ListQuery, ApiError> {
    let mut q = ListQuery { cursor: None, limit: DEFAULT_LIMIT, filters: SiteQuery::default(), kept: Vec::new() };
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "cursor" if keyed.accepts(&v) => q.cursor = Some(v.into_owned()),
            "cursor" => {
                let shown: String = v.chars().take(100).collect();
                let what = if keyed == Keyed::ById { "the id" } else { "the cursor" };
                return Err(ApiError::bad(
                    "cursor",
                    format!("{shown:?} is not a cursor: give {what} of the last record of a page, as `next` does"),
                ));
            }
            "limit" => {
                q.limit = v.parse::<usize>().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
                    ApiError::bad("limit", format!("{v:?} is not a number of records from 1 to {MAX_LIMIT}"))
                })?
            }
            key if with_filters => match crate::pages::read_filter(&mut q.filters, key, &v) {
                Ok(true) => q.kept.push((key.to_owned(), v.into_owned())),
                Ok(false) => return Err(unknown(key)),
                Err(b) => {
                    return Err(ApiError::bad(
                        b.param,
                        format!("{:?} is not accepted; use one of: {}", b.value, b.accepted),
                    ));
                }
            },
            key => return Err(unknown(key)),
        }
    }
    Ok(q)
}

fn unknown(key: &str) -> ApiError {
    let shown: String = key.chars().take(100).collect();
    ApiError::bad(&shown, format!("{shown:?} is not a parameter of this endpoint"))
}

/// One page of `items` in key order after the cursor, and the address of the next.
fn page<'a, T>(
    mut items: Vec<&'a T>,
    id: impl Fn(&T) -> &str,
    q: &ListQuery,
    path: &str,
) -> (Vec<&'a T>, Option<String>) {
    items.sort_by(|a, b| id(a).cmp(id(b)));
    let start = q.cursor.as_deref().map_or(0, |c| items.partition_point(|t| id(t) <= c));
    let rest = &items[start..];
    let page: Vec<&T> = rest.iter().take(q.limit).copied().collect();
    let next = (rest.len() > q.limit).then(|| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &q.kept {
            query.append_pair(k, v);
        }
        if let Some(last) = page.last() {
            query.append_pair("cursor", id(last));
        }
        if q.limit != DEFAULT_LIMIT {
            query.append_pair("limit", &q.limit.to_string());
        }
        format!("{path}?{}", query.finish())
    });
    (page, next)
}

fn list(items: Vec<Value>, next: Option<&str>) -> Value {
    json!({ "data": items, "next": next })
}

async fn index(headers: HeaderMap) -> Response {
    let body = json!({
        "openapi": "/api/v1/openapi.json",
        "sites": "/api/v1/sites",
        "sources": "/api/v1/sources",
        "testimonies": "/api/v1/testimonies",
        "news": "/api/v1/news",
        "findings": "/api/v1/findings",
        "transfers": "/api/v1/transfers",
    });
    answer(&headers, &body, None)
}

async fn openapi_document(State(app): State<Arc<PublicSite>>, headers: HeaderMap) -> Response {
    answer(&headers, &openapi::document(&app.config.public_url), None)
}

/// One page of a list endpoint, as its answer.
fn listing<T>(
    headers: &HeaderMap,
    all: Vec<&T>,
    id: impl Fn(&T) -> &str,
    q: &ListQuery,
    path: &str,
    json: impl Fn(&T) -> Value,
) -> Response {
    let (items, next) = page(all, id, q, path);
    let body = list(items.iter().map(|t| json(t)).collect(), next.as_deref());
    answer(headers, &body, next.as_deref())
}

/// A record endpoint's answer, or the 404 that names what is not there.
fn record<T>(
    headers: &HeaderMap,
    id: &str,
    what: &str,
    find: impl FnOnce(&str) -> Option<T>,
    json: impl FnOnce(T) -> Value,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::NotFound(format!("no published {what} has this id"));
    Id::parse(id).map_err(|_| not_found())?;
    let found = find(id).ok_or_else(not_found)?;
    Ok(answer(headers, &json(found), None))
}

async fn sites(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref(), true, Keyed::ById)?;
    let snapshot = app.snapshot();
    let c = &snapshot.catalog;
    let base = &app.config.public_url;
    Ok(listing(
        &headers,
        c.sites_matching(&q.filters),
        |s| s.id.as_str(),
        &q,
        "/api/v1/sites",
        |s| records::site(c, base, s),
    ))
}

async fn site(
    State(app): State<Arc<PublicSite>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let snapshot = app.snapshot();
    let c = &snapshot.catalog;
    record(&headers, &id, "site", |id| c.site(id), |s| records::site_detail(c, &app.config.public_url, s))
}

async fn sources(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref(), false, Keyed::ById)?;
    let snapshot = app.snapshot();
    let all = snapshot.catalog.sources().iter().map(|s| &**s).collect();
    Ok(listing(&headers, all, |s| s.id.as_str(), &q, "/api/v1/sources", records::source))
}

async fn source(
    State(app): State<Arc<PublicSite>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let snapshot = app.snapshot();
    record(&headers, &id, "source", |id| snapshot.catalog.source(id), records::source)
}

async fn testimonies(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref(), false, Keyed::ById)?;
    let snapshot = app.snapshot();
    let all = snapshot.catalog.testimonies().iter().map(|t| &**t).collect();
    Ok(listing(&headers, all, |t| t.id.as_str(), &q, "/api/v1/testimonies", records::testimony))
}

async fn testimony(
    State(app): State<Arc<PublicSite>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let snapshot = app.snapshot();
    record(&headers, &id, "testimony", |id| snapshot.catalog.testimony(id), records::testimony)
}

async fn news_list(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref(), false, Keyed::ById)?;
    let snapshot = app.snapshot();
    let all = snapshot.catalog.news().iter().map(|n| &**n).collect();
    let base = &app.config.public_url;
    Ok(listing(&headers, all, |n| n.id.as_str(), &q, "/api/v1/news", |n| records::news(base, n)))
}

async fn news_item(
    State(app): State<Arc<PublicSite>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let snapshot = app.snapshot();
    let base = &app.config.public_url;
    record(&headers, &id, "news item", |id| snapshot.catalog.news_item(id), |n| records::news(base, n))
}

/// A table of the dataset without records of its own, as a list: its rows
/// as the CSV file holds them, typed, in the order of their cursors.
async fn table_list(
    app: &PublicSite,
    raw: Option<&str>,
    headers: &HeaderMap,
    table: Table,
) -> Result<Response, ApiError> {
    let q = list_query(raw, false, Keyed::ByCursor)?;
    let rows = app.table_rows(table).await;
    let path = format!("/api/v1/{}", table.name());
    Ok(listing(
        headers,
        rows.iter().collect(),
        |r| r.0.as_str(),
        &q,
        &path,
        |r| {
            let mut v = r.1.clone();
            v["cursor"] = r.0.clone().into();
            v
        },
    ))
}

async fn findings(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    table_list(&app, raw.as_deref(), &headers, Table::Findings).await
}

async fn transfers(
    State(app): State<Arc<PublicSite>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    table_list(&app, raw.as_deref(), &headers, Table::Transfers).await
}
