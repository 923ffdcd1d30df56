-- The public records of DESIGN.md §1. Text that readers see is stored per
-- language (_uk, _en); lists of plain values are JSON arrays; relations that
-- pages query (abuse types, stays, related sites) have tables of their own.
-- Dates are ISO 8601 text, known to the year, month or day.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

-- Increased by every transaction that changes public content, so that a running
-- server knows to rebuild its pages whoever made the change.
INSERT INTO meta (key, value) VALUES ('content_version', 0);

CREATE TABLE sites (
    id              TEXT PRIMARY KEY,
    name_uk         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    name_ru         TEXT NOT NULL DEFAULT '',
    site_type       TEXT NOT NULL,
    settlement_uk   TEXT NOT NULL,
    settlement_en   TEXT NOT NULL,
    region_uk       TEXT NOT NULL,
    region_en       TEXT NOT NULL,
    country         TEXT NOT NULL,
    occupied        INTEGER NOT NULL CHECK (occupied IN (0, 1)),
    lat             REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon             REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    coord_precision TEXT NOT NULL,
    operators       TEXT NOT NULL,  -- JSON array of strings
    reported_from   TEXT,
    reported_to     TEXT,
    status          TEXT NOT NULL,
    source_urls     TEXT NOT NULL,  -- JSON array of strings
    published       INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash    TEXT NOT NULL,
    created_on      TEXT NOT NULL,
    updated_on      TEXT NOT NULL
) STRICT;

CREATE TABLE site_sections (
    site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    body_uk TEXT NOT NULL,
    body_en TEXT NOT NULL,
    PRIMARY KEY (site_id, section)
) STRICT;

CREATE TABLE sources (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    publisher          TEXT NOT NULL,
    published_on       TEXT,
    url                TEXT NOT NULL,
    language           TEXT NOT NULL,
    reliability        TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility        TEXT NOT NULL CHECK (credibility IN ('1', '2', '3', '4', '5', '6')),
    independence_group TEXT NOT NULL,
    notes_uk           TEXT NOT NULL,
    notes_en           TEXT NOT NULL,
    archived_sha256    TEXT,
    content_hash       TEXT NOT NULL,
    created_on         TEXT NOT NULL,
    updated_on         TEXT NOT NULL
) STRICT;

CREATE TABLE findings (
    source_id    TEXT NOT NULL REFERENCES sources (id),
    site_id      TEXT NOT NULL REFERENCES sites (id),
    period_from  TEXT,
    period_to    TEXT,
    note_uk      TEXT NOT NULL,
    note_en      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_on   TEXT NOT NULL,
    updated_on   TEXT NOT NULL,
    PRIMARY KEY (source_id, site_id)
) STRICT;
CREATE INDEX findings_by_site ON findings (site_id);

CREATE TABLE finding_abuses (
    source_id  TEXT NOT NULL,
    site_id    TEXT NOT NULL,
    abuse_type TEXT NOT NULL,
    PRIMARY KEY (source_id, site_id, abuse_type),
    FOREIGN KEY (source_id, site_id) REFERENCES findings (source_id, site_id) ON DELETE CASCADE
) STRICT;

CREATE TABLE testimonies (
    id           TEXT PRIMARY KEY,
    source_id    TEXT REFERENCES sources (id),
    witness_role TEXT NOT NULL,
    summary_uk   TEXT NOT NULL,
    summary_en   TEXT NOT NULL,
    consent      TEXT NOT NULL,
    published    INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash TEXT NOT NULL,
    created_on   TEXT NOT NULL,
    updated_on   TEXT NOT NULL
) STRICT;

CREATE TABLE testimony_abuses (
    testimony_id TEXT NOT NULL REFERENCES testimonies (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    abuse_type   TEXT NOT NULL,
    PRIMARY KEY (testimony_id, abuse_type)
) STRICT;

-- Ordered places of detention in a testimony: consecutive stays are transfers.
CREATE TABLE stays (
    testimony_id TEXT NOT NULL REFERENCES testimonies (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    site_id      TEXT NOT NULL REFERENCES sites (id),
    from_month   TEXT,
    to_month     TEXT,
    PRIMARY KEY (testimony_id, position)
) STRICT;
CREATE INDEX stays_by_site ON stays (site_id);

CREATE TABLE news (
    id           TEXT PRIMARY KEY,
    date         TEXT NOT NULL,
    title_uk     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    summary_uk   TEXT NOT NULL,
    summary_en   TEXT NOT NULL,
    body_uk      TEXT NOT NULL,
    body_en      TEXT NOT NULL,
    source_name  TEXT NOT NULL,
    source_url   TEXT NOT NULL,
    published    INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash TEXT NOT NULL,
    created_on   TEXT NOT NULL,
    updated_on   TEXT NOT NULL
) STRICT;

CREATE TABLE news_sites (
    news_id  TEXT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    site_id  TEXT NOT NULL REFERENCES sites (id),
    PRIMARY KEY (news_id, site_id)
) STRICT;

CREATE TABLE faq (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    question_uk TEXT NOT NULL,
    question_en TEXT NOT NULL,
    answer_uk   TEXT NOT NULL,
    answer_en   TEXT NOT NULL,
    published   INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    updated_on  TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
    id         TEXT PRIMARY KEY,
    title_uk   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    body_uk    TEXT NOT NULL,
    body_en    TEXT NOT NULL,
    published  INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    updated_on TEXT NOT NULL
) STRICT;
