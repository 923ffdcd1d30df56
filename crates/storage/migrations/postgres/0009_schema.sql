-- The whole schema for PostgreSQL, as the SQLite migrations 0001-0009 leave
-- it (see their comments for what each table is for), under the number of the
-- last of them, so that both backends say "schema 9". PostgreSQL starts here:
-- it has no older databases to bring forward. From now on a change to the
-- schema is a migration in each backend's folder, with the same number.
--
-- Integers are BIGINT and flags BIGINT 0/1, as in SQLite, so that the
-- statements and the decoding in src/sql/ are the same for both. Text is
-- compared and sorted byte by byte (COLLATE "C"), as SQLite does, so that
-- lists come in the same order whatever the database's locale.

CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('content_version', 0), ('changes_from', 0);

CREATE TABLE sites (
    id              TEXT COLLATE "C" PRIMARY KEY,
    name_uk         TEXT COLLATE "C" NOT NULL,
    name_en         TEXT COLLATE "C" NOT NULL,
    name_ru         TEXT COLLATE "C" NOT NULL DEFAULT '',
    aliases         TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    site_type       TEXT COLLATE "C" NOT NULL,
    settlement_uk   TEXT COLLATE "C" NOT NULL,
    settlement_en   TEXT COLLATE "C" NOT NULL,
    region_uk       TEXT COLLATE "C" NOT NULL,
    region_en       TEXT COLLATE "C" NOT NULL,
    country         TEXT COLLATE "C" NOT NULL,
    occupied        BIGINT NOT NULL CHECK (occupied IN (0, 1)),
    lat             DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon             DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    coord_precision TEXT COLLATE "C" NOT NULL,
    operators       TEXT COLLATE "C" NOT NULL,
    reported_from   TEXT COLLATE "C",
    reported_to     TEXT COLLATE "C",
    status          TEXT COLLATE "C" NOT NULL,
    source_urls     TEXT COLLATE "C" NOT NULL,
    published       BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash    TEXT COLLATE "C" NOT NULL,
    created_on      TEXT COLLATE "C" NOT NULL,
    updated_on      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE site_sections (
    site_id TEXT COLLATE "C" NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    section TEXT COLLATE "C" NOT NULL,
    body_uk TEXT COLLATE "C" NOT NULL,
    body_en TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (site_id, section)
);

CREATE TABLE sources (
    id                 TEXT COLLATE "C" PRIMARY KEY,
    kind               TEXT COLLATE "C" NOT NULL,
    title              TEXT COLLATE "C" NOT NULL,
    publisher          TEXT COLLATE "C" NOT NULL,
    published_on       TEXT COLLATE "C",
    url                TEXT COLLATE "C" NOT NULL,
    language           TEXT COLLATE "C" NOT NULL,
    reliability        TEXT COLLATE "C" NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility        TEXT COLLATE "C" NOT NULL CHECK (credibility IN ('1', '2', '3', '4', '5', '6')),
    independence_group TEXT COLLATE "C" NOT NULL,
    notes_uk           TEXT COLLATE "C" NOT NULL,
    notes_en           TEXT COLLATE "C" NOT NULL,
    archived_sha256    TEXT COLLATE "C",
    content_hash       TEXT COLLATE "C" NOT NULL,
    created_on         TEXT COLLATE "C" NOT NULL,
    updated_on         TEXT COLLATE "C" NOT NULL,
    published          BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1))
);

CREATE TABLE findings (
    source_id    TEXT COLLATE "C" NOT NULL REFERENCES sources (id),
    site_id      TEXT COLLATE "C" NOT NULL REFERENCES sites (id),
    period_from  TEXT COLLATE "C",
    period_to    TEXT COLLATE "C",
    note_uk      TEXT COLLATE "C" NOT NULL,
    note_en      TEXT COLLATE "C" NOT NULL,
    content_hash TEXT COLLATE "C" NOT NULL,
    created_on   TEXT COLLATE "C" NOT NULL,
    updated_on   TEXT COLLATE "C" NOT NULL,
    published    BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    PRIMARY KEY (source_id, site_id)
);
CREATE INDEX findings_by_site ON findings (site_id);

CREATE TABLE finding_abuses (
    source_id  TEXT COLLATE "C" NOT NULL,
    site_id    TEXT COLLATE "C" NOT NULL,
    abuse_type TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (source_id, site_id, abuse_type),
    FOREIGN KEY (source_id, site_id) REFERENCES findings (source_id, site_id) ON DELETE CASCADE
);

CREATE TABLE testimonies (
    id           TEXT COLLATE "C" PRIMARY KEY,
    source_id    TEXT COLLATE "C" REFERENCES sources (id),
    witness_role TEXT COLLATE "C" NOT NULL,
    summary_uk   TEXT COLLATE "C" NOT NULL,
    summary_en   TEXT COLLATE "C" NOT NULL,
    consent      TEXT COLLATE "C" NOT NULL,
    published    BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash TEXT COLLATE "C" NOT NULL,
    created_on   TEXT COLLATE "C" NOT NULL,
    updated_on   TEXT COLLATE "C" NOT NULL
);

CREATE TABLE testimony_abuses (
    testimony_id TEXT COLLATE "C" NOT NULL REFERENCES testimonies (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    abuse_type   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (testimony_id, abuse_type)
);

CREATE TABLE stays (
    testimony_id TEXT COLLATE "C" NOT NULL REFERENCES testimonies (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    site_id      TEXT COLLATE "C" NOT NULL REFERENCES sites (id),
    from_month   TEXT COLLATE "C",
    to_month     TEXT COLLATE "C",
    PRIMARY KEY (testimony_id, position)
);
CREATE INDEX stays_by_site ON stays (site_id);

CREATE TABLE news (
    id           TEXT COLLATE "C" PRIMARY KEY,
    date         TEXT COLLATE "C" NOT NULL,
    title_uk     TEXT COLLATE "C" NOT NULL,
    title_en     TEXT COLLATE "C" NOT NULL,
    summary_uk   TEXT COLLATE "C" NOT NULL,
    summary_en   TEXT COLLATE "C" NOT NULL,
    body_uk      TEXT COLLATE "C" NOT NULL,
    body_en      TEXT COLLATE "C" NOT NULL,
    source_name  TEXT COLLATE "C" NOT NULL,
    source_url   TEXT COLLATE "C" NOT NULL,
    published    BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    content_hash TEXT COLLATE "C" NOT NULL,
    created_on   TEXT COLLATE "C" NOT NULL,
    updated_on   TEXT COLLATE "C" NOT NULL
);

CREATE TABLE news_sites (
    news_id  TEXT COLLATE "C" NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    site_id  TEXT COLLATE "C" NOT NULL REFERENCES sites (id),
    PRIMARY KEY (news_id, site_id)
);

CREATE TABLE faq (
    id          TEXT COLLATE "C" PRIMARY KEY,
    position    BIGINT NOT NULL,
    question_uk TEXT COLLATE "C" NOT NULL,
    question_en TEXT COLLATE "C" NOT NULL,
    answer_uk   TEXT COLLATE "C" NOT NULL,
    answer_en   TEXT COLLATE "C" NOT NULL,
    published   BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    updated_on  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE pages (
    id         TEXT COLLATE "C" PRIMARY KEY,
    title_uk   TEXT COLLATE "C" NOT NULL,
    title_en   TEXT COLLATE "C" NOT NULL,
    body_uk    TEXT COLLATE "C" NOT NULL,
    body_en    TEXT COLLATE "C" NOT NULL,
    published  BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    updated_on TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_entries (
    seq       BIGINT PRIMARY KEY,
    time      BIGINT NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    target    TEXT COLLATE "C" NOT NULL,
    detail    TEXT COLLATE "C" NOT NULL,
    leaf_hash TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_checkpoints (
    size      BIGINT PRIMARY KEY,
    origin    TEXT COLLATE "C" NOT NULL,
    root      TEXT COLLATE "C" NOT NULL,
    time      BIGINT NOT NULL,
    signature TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_frontier (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    size     BIGINT NOT NULL,
    frontier BYTEA NOT NULL
);

CREATE TABLE users (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name                TEXT COLLATE "C" NOT NULL UNIQUE,
    role                TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer')),
    password_hash       TEXT COLLATE "C" NOT NULL,
    totp_secret         TEXT COLLATE "C" NOT NULL,
    totp_last_step      BIGINT NOT NULL DEFAULT 0,
    disabled            BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at          BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    reader_public       TEXT COLLATE "C",
    reader_key          BYTEA
);

CREATE TABLE sessions (
    token_hash   TEXT COLLATE "C" PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE revisions (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record_kind   TEXT COLLATE "C" NOT NULL,
    record_id     TEXT COLLATE "C" NOT NULL,
    actor         TEXT COLLATE "C" NOT NULL,
    time          BIGINT NOT NULL,
    action        TEXT COLLATE "C" NOT NULL,
    snapshot      TEXT COLLATE "C" NOT NULL,
    published     BIGINT NOT NULL CHECK (published IN (0, 1)),
    public_note   TEXT COLLATE "C",
    proposal      TEXT COLLATE "C",
    proposed_note TEXT COLLATE "C"
);
CREATE INDEX revisions_by_record ON revisions (record_kind, record_id, id);
CREATE INDEX revisions_public ON revisions (time) WHERE public_note IS NOT NULL;

CREATE TABLE pending_changes (
    record_kind TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    revision_id BIGINT NOT NULL REFERENCES revisions (id),
    PRIMARY KEY (record_kind, record_id)
);

CREATE TABLE intake_submissions (
    id             TEXT COLLATE "C" PRIMARY KEY,
    kind           TEXT COLLATE "C" NOT NULL CHECK (kind IN ('submission', 'contact')),
    received_on    TEXT COLLATE "C" NOT NULL,
    receipt_lookup TEXT COLLATE "C" NOT NULL UNIQUE,
    public_key     TEXT COLLATE "C" NOT NULL,
    source_key     TEXT COLLATE "C" NOT NULL,
    status         TEXT COLLATE "C" NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'in_review', 'follow_up', 'verified', 'rejected', 'spam', 'archived')),
    status_on      TEXT COLLATE "C" NOT NULL,
    assignee       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answers        BYTEA NOT NULL
);

CREATE TABLE intake_keys (
    submission_id TEXT COLLATE "C" NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sealed        BYTEA NOT NULL,
    PRIMARY KEY (submission_id, user_id)
);

CREATE TABLE intake_files (
    id            TEXT COLLATE "C" PRIMARY KEY,
    submission_id TEXT COLLATE "C" NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    seq           BIGINT NOT NULL,
    blob          TEXT COLLATE "C" NOT NULL UNIQUE,
    origin        TEXT COLLATE "C" NOT NULL CHECK (origin IN ('source', 'public_copy')),
    derived_from  TEXT COLLATE "C" REFERENCES intake_files (id) ON DELETE CASCADE,
    meta          BYTEA NOT NULL,
    UNIQUE (submission_id, seq)
);

CREATE TABLE intake_messages (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    submission_id TEXT COLLATE "C" NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    author        TEXT COLLATE "C" NOT NULL CHECK (author IN ('source', 'reply', 'note')),
    staff_name    TEXT COLLATE "C",
    sent_on       TEXT COLLATE "C" NOT NULL,
    body          BYTEA NOT NULL
);
CREATE INDEX intake_messages_by_submission ON intake_messages (submission_id, id);

CREATE TABLE intake_links (
    submission_id TEXT COLLATE "C" NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    record_kind   TEXT COLLATE "C" NOT NULL,
    record_id     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (submission_id, record_kind, record_id)
);

CREATE TABLE content_changes (
    kind    TEXT COLLATE "C" NOT NULL,
    key     TEXT COLLATE "C" NOT NULL,
    site_id TEXT COLLATE "C" NOT NULL DEFAULT '',
    version BIGINT,
    PRIMARY KEY (kind, key, site_id)
);
CREATE INDEX content_changes_by_version ON content_changes (version);

-- Marks a written record for the next bump of the content version, as the
-- SQLite triggers of migration 0008 do: the kind is the trigger's argument.
CREATE FUNCTION mark_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rec RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
    IF TG_ARGV[0] = 'finding' THEN
        INSERT INTO content_changes (kind, key, site_id) VALUES ('finding', rec.source_id, rec.site_id)
            ON CONFLICT (kind, key, site_id) DO UPDATE SET version = NULL;
    ELSE
        INSERT INTO content_changes (kind, key) VALUES (TG_ARGV[0], rec.id)
            ON CONFLICT (kind, key, site_id) DO UPDATE SET version = NULL;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE OR DELETE ON sites
    FOR EACH ROW EXECUTE FUNCTION mark_content_change('site');
CREATE TRIGGER sources_changed AFTER INSERT OR UPDATE OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION mark_content_change('source');
CREATE TRIGGER findings_changed AFTER INSERT OR UPDATE OR DELETE ON findings
    FOR EACH ROW EXECUTE FUNCTION mark_content_change('finding');
CREATE TRIGGER testimonies_changed AFTER INSERT OR UPDATE OR DELETE ON testimonies
    FOR EACH ROW EXECUTE FUNCTION mark_content_change('testimony');
CREATE TRIGGER news_changed AFTER INSERT OR UPDATE OR DELETE ON news
    FOR EACH ROW EXECUTE FUNCTION mark_content_change('news');
