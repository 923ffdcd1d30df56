//! The OpenAPI 3.1 description of the API. The vocabularies' codes come from
//! the domain's own lists, so a new code is described as soon as it exists;
//! every object schema forbids properties it does not name, so a field the
//! API gives and this document does not is caught by the tests (schemathesis
//! checks every answer against it).

use super::{DEFAULT_LIMIT, MAX_LIMIT};
use inferno_domain::dataset::{FieldType, Table};
use inferno_domain::{
    AbuseType, Consent, CoordPrecision, Credibility, Reliability, SectionKind, SiteStatus, SiteType, SourceKind,
    WitnessRole,
};
use serde_json::{Value, json};

const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
const MONTH_PATTERN: &str = "^[0-9]{4}-[0-9]{2}$";
const DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// A row's cursor: its key's parts (ids, numbers) joined by `~`.
const CURSOR_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*(~[a-z0-9]+(-[a-z0-9]+)*)*$";
/// A square of the map's grid: latitude -90..89, longitude -180..179.
const CELL_PATTERN: &str = "^(-?[0-9]|-?[1-8][0-9]|-90),(-?[0-9]|-?[1-9][0-9]|-?1[0-7][0-9]|-180)$";

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}
fn nullable(pattern: &str) -> Value {
    json!({ "type": ["string", "null"], "pattern": pattern })
}
fn codes(codes: &[&str]) -> Value {
    json!({ "type": "string", "enum": codes })
}
fn code_list(c: &[&str]) -> Value {
    json!({ "type": "array", "items": codes(c) })
}
fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn site_properties() -> serde_json::Map<String, Value> {
    let v = json!({
        "id": { "type": "string", "pattern": ID_PATTERN },
        "url": { "type": "string", "format": "uri" },
        "api_url": { "type": "string", "format": "uri" },
        "name": schema("Text"),
        "name_ru": { "type": "string" },
        "aliases": { "type": "array", "items": { "type": "string" } },
        "site_type": codes(SiteType::CODES),
        "settlement": schema("Text"),
        "region": schema("Text"),
        "country": { "type": "string", "pattern": "^[A-Z]{2}$" },
        "occupied": { "type": "boolean" },
        "lat": { "type": "number", "minimum": -90, "maximum": 90 },
        "lon": { "type": "number", "minimum": -180, "maximum": 180 },
        "coord_precision": codes(CoordPrecision::CODES),
        "operators": { "type": "array", "items": { "type": "string" } },
        "reported_from": nullable(MONTH_PATTERN),
        "reported_to": nullable(MONTH_PATTERN),
        "status": codes(SiteStatus::CODES),
        "abuse_types": code_list(AbuseType::CODES),
        "sources": { "type": "integer", "minimum": 0 },
        "independent_sources": { "type": "integer", "minimum": 0 },
        "testimonies": { "type": "integer", "minimum": 0 },
        "updated_on": nullable(DATE_PATTERN),
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// A row of a table of the dataset as the API lists it: the table's
/// columns, typed as they are declared (a value a row may lack is `null`,
/// a list is an array), and the row's cursor.
fn table_row(table: Table) -> Value {
    let mut properties = serde_json::Map::new();
    for c in table.columns() {
        let one = match c.ty {
            FieldType::Code => codes(c.codes),
            FieldType::CodeList => code_list(c.codes),
            FieldType::TextList => json!({ "type": "array", "items": { "type": "string" } }),
            FieldType::Integer => json!({ "type": "integer" }),
            FieldType::Number => json!({ "type": "number" }),
            FieldType::Boolean => json!({ "type": "boolean" }),
            FieldType::YearMonth => json!({ "type": "string", "pattern": MONTH_PATTERN }),
            FieldType::PartialDate => json!({ "type": "string", "pattern": DATE_PATTERN }),
            FieldType::Url => json!({ "type": "string", "format": "uri" }),
            FieldType::Text | FieldType::Country => json!({ "type": "string" }),
        };
        let list = matches!(c.ty, FieldType::CodeList | FieldType::TextList);
        let value = if c.required || list { one } else { json!({ "anyOf": [one, { "type": "null" }] }) };
        properties.insert(c.name.to_owned(), value);
    }
    properties.insert(
        "cursor".into(),
        json!({ "type": "string", "pattern": CURSOR_PATTERN, "description": "Give it as `cursor` for the rows after this one." }),
    );
    object(&names(&properties), Value::Object(properties.clone()))
}

fn names(m: &serde_json::Map<String, Value>) -> Vec<&str> {
    m.keys().map(String::as_str).collect()
}

fn schemas() -> Value {
    let site = site_properties();
    let mut detail = site.clone();
    let route = object(
        &["site_id", "moves", "testimony_ids"],
        json!({
            "site_id": { "type": "string", "pattern": ID_PATTERN },
            "moves": { "type": "integer", "minimum": 1 },
            "testimony_ids": { "type": "array", "items": { "type": "string", "pattern": ID_PATTERN } },
        }),
    );
    detail.insert(
        "sections".into(),
        json!({ "type": "array", "items": object(&["kind", "body"], json!({ "kind": codes(SectionKind::CODES), "body": schema("Text") })) }),
    );
    detail.insert(
        "findings".into(),
        json!({ "type": "array", "items": object(
            &["source_id", "abuse_types", "period_from", "period_to", "note", "updated_on"],
            json!({
                "source_id": { "type": "string", "pattern": ID_PATTERN },
                "abuse_types": code_list(AbuseType::CODES),
                "period_from": nullable(MONTH_PATTERN),
                "period_to": nullable(MONTH_PATTERN),
                "note": schema("Text"),
                "updated_on": nullable(DATE_PATTERN),
            }),
        ) }),
    );
    detail.insert(
        "evidence".into(),
        json!({ "type": "array", "items": object(
            &["abuse_type", "sources", "independent_sources", "corroborating_sources"],
            json!({
                "abuse_type": codes(AbuseType::CODES),
                "sources": { "type": "integer", "minimum": 1 },
                "independent_sources": { "type": "integer", "minimum": 1 },
                "corroborating_sources": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Independence groups with a source graded A-C for reliability and 1-3 for credibility (the methods page)",
                },
            }),
        ) }),
    );
    detail.insert(
        "transfers".into(),
        object(
            &["incoming", "outgoing"],
            json!({ "incoming": { "type": "array", "items": route }, "outgoing": { "type": "array", "items": route } }),
        ),
    );
    let list = |item: &str| {
        object(
            &["data", "next"],
            json!({
                "data": { "type": "array", "items": schema(item) },
                "next": { "type": ["string", "null"], "description": "The address of the next page, or null on the last." },
            }),
        )
    };
    json!({
        "Text": object(&["uk", "en"], json!({ "uk": { "type": "string" }, "en": { "type": "string" } })),
        "Site": object(&names(&site), Value::Object(site.clone())),
        "SiteDetail": object(&names(&detail), Value::Object(detail.clone())),
        "Source": object(
            &["id", "kind", "title", "publisher", "published_on", "url", "language", "reliability", "credibility",
              "independence_group", "notes", "archived_sha256", "updated_on"],
            json!({
                "id": { "type": "string", "pattern": ID_PATTERN },
                "kind": codes(SourceKind::CODES),
                "title": { "type": "string", "description": "The headline; empty when it was not recorded" },
                "publisher": { "type": "string" },
                "published_on": nullable(DATE_PATTERN),
                "url": { "type": "string", "format": "uri" },
                "language": { "type": "string" },
                "reliability": codes(Reliability::CODES),
                "credibility": codes(Credibility::CODES),
                "independence_group": { "type": "string" },
                "notes": schema("Text"),
                "archived_sha256": { "type": ["string", "null"], "pattern": "^[0-9a-f]{64}$" },
                "updated_on": nullable(DATE_PATTERN),
            }),
        ),
        "Testimony": object(
            &["id", "source_id", "witness_role", "summary", "abuse_types", "consent", "stays", "updated_on"],
            json!({
                "id": { "type": "string", "pattern": ID_PATTERN },
                "source_id": { "type": ["string", "null"], "pattern": ID_PATTERN },
                "witness_role": codes(WitnessRole::CODES),
                "summary": schema("Text"),
                "abuse_types": code_list(AbuseType::CODES),
                "consent": codes(Consent::CODES),
                "stays": { "type": "array", "items": object(&["site_id", "from", "to"], json!({
                    "site_id": { "type": "string", "pattern": ID_PATTERN },
                    "from": nullable(MONTH_PATTERN),
                    "to": nullable(MONTH_PATTERN),
                })) },
                "updated_on": nullable(DATE_PATTERN),
            }),
        ),
        "News": object(
            &["id", "url", "date", "title", "summary", "body", "source_name", "source_url", "site_ids", "updated_on"],
            json!({
                "id": { "type": "string", "pattern": ID_PATTERN },
                "url": { "type": "string", "format": "uri" },
                "date": { "type": "string", "pattern": DATE_PATTERN },
                "title": schema("Text"),
                "summary": schema("Text"),
                "body": schema("Text"),
                "source_name": { "type": "string" },
                "source_url": { "type": "string" },
                "site_ids": { "type": "array", "items": { "type": "string", "pattern": ID_PATTERN } },
                "updated_on": nullable(DATE_PATTERN),
            }),
        ),
        "SiteList": list("Site"),
        "SourceList": list("Source"),
        "TestimonyList": list("Testimony"),
        "NewsList": list("News"),
        "Finding": table_row(Table::Findings),
        "Transfer": table_row(Table::Transfers),
        "FindingList": list("Finding"),
        "TransferList": list("Transfer"),
        "Index": object(&["openapi", "sites", "sources", "testimonies", "news", "findings", "transfers"], json!({
            "openapi": { "type": "string" }, "sites": { "type": "string" }, "sources": { "type": "string" },
            "testimonies": { "type": "string" }, "news": { "type": "string" },
            "findings": { "type": "string" }, "transfers": { "type": "string" },
        })),
        "Error": object(&["error"], json!({ "error": object(&["status", "code", "parameter", "message"], json!({
            "status": { "type": "integer" },
            "code": codes(&["bad_parameter", "not_found", "method_not_allowed"]),
            "parameter": { "type": ["string", "null"], "description": "The query parameter at fault, for a 400." },
            "message": { "type": "string" },
        })) })),
    })
}

fn ok(what: &str, description: &str) -> Value {
    json!({
        "description": description,
        "headers": { "ETag": { "schema": { "type": "string" } } },
        "content": { "application/json": { "schema": schema(what) } },
    })
}

fn errors() -> Value {
    let e = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": schema("Error") } } });
    json!({
        "304": { "description": "Not modified: the ETag given in If-None-Match is still current." },
        "400": e("A parameter is malformed or out of range; the error names it."),
        "404": e("No such record."),
    })
}

fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            a.extend(b);
            Value::Object(a)
        }
        (a, _) => a,
    }
}

fn list_parameters(filters: bool) -> Value {
    let cursor = json!({ "name": "cursor", "in": "query", "required": false, "description": "The id of the last record of the page before; the page starts after it.",
                "schema": { "type": "string", "pattern": ID_PATTERN, "maxLength": 100 } });
    parameters(cursor, filters)
}

/// The parameters of a list of table rows, which have cursors, not ids.
fn row_list_parameters() -> Value {
    let cursor = json!({ "name": "cursor", "in": "query", "required": false, "description": "The cursor of the last row of the page before; the page starts after it.",
                "schema": { "type": "string", "pattern": CURSOR_PATTERN, "maxLength": 300 } });
    parameters(cursor, false)
}

fn parameters(cursor: Value, filters: bool) -> Value {
    let mut p = vec![
        cursor,
        json!({ "name": "limit", "in": "query", "required": false, "description": "Records a page holds.",
                "schema": { "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT } }),
    ];
    if filters {
        p.extend([
            json!({ "name": "type", "in": "query", "required": false, "schema": codes(SiteType::CODES) }),
            json!({ "name": "country", "in": "query", "required": false, "schema": { "type": "string", "pattern": "^[A-Z]{2}$" } }),
            json!({ "name": "occupied", "in": "query", "required": false, "schema": codes(&["yes", "no"]) }),
            json!({ "name": "abuse", "in": "query", "required": false, "schema": codes(AbuseType::CODES) }),
            json!({ "name": "cell", "in": "query", "required": false, "description": "A one-degree square of the map, by its south-west corner: `LAT,LON`.",
                    "schema": { "type": "string", "pattern": CELL_PATTERN } }),
        ]);
    }
    Value::Array(p)
}

fn id_parameter() -> Value {
    json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "pattern": ID_PATTERN, "maxLength": 100 } }])
}

fn get(summary: &str, id: &str, parameters: Value, what: &str) -> Value {
    json!({ "get": {
        "summary": summary,
        "operationId": id,
        "parameters": parameters,
        "responses": merge(json!({ "200": ok(what, summary) }), errors()),
    } })
}

/// The whole document; `public_url` is the server it describes.
pub fn document(public_url: &str) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Inferno open-data API",
            "version": "1.0.0",
            "description": "Read-only access to the records published on Inferno: places where Russia holds Ukrainian prisoners of war, the sources graded on the Admiralty scale, what each says, published testimonies and the transfers they record. No authentication; CORS is open for GET. Lists are in id order with cursor pagination: follow `next`.",
            "license": { "name": "CC-BY-4.0", "identifier": "CC-BY-4.0" },
        },
        "servers": [{ "url": public_url }],
        "paths": {
            "/api/v1": get("The endpoints", "index", json!([]), "Index"),
            "/api/v1/sites": get("Sites, with the filters of the sites index", "listSites", list_parameters(true), "SiteList"),
            "/api/v1/sites/{id}": get("A site, with its findings, evidence counts and transfers", "getSite", id_parameter(), "SiteDetail"),
            "/api/v1/sources": get("Sources", "listSources", list_parameters(false), "SourceList"),
            "/api/v1/sources/{id}": get("A source", "getSource", id_parameter(), "Source"),
            "/api/v1/testimonies": get("Published testimonies", "listTestimonies", list_parameters(false), "TestimonyList"),
            "/api/v1/testimonies/{id}": get("A published testimony", "getTestimony", id_parameter(), "Testimony"),
            "/api/v1/news": get("News", "listNews", list_parameters(false), "NewsList"),
            "/api/v1/news/{id}": get("A news item", "getNews", id_parameter(), "News"),
            "/api/v1/findings": get("What each source says about each site: the rows of findings.csv", "listFindings", row_list_parameters(), "FindingList"),
            "/api/v1/transfers": get("Moves between sites that testimonies record: the rows of transfers.csv", "listTransfers", row_list_parameters(), "TransferList"),
        },
        "components": { "schemas": schemas() },
    })
}
