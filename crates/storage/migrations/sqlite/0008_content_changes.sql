-- Which public records changed, so that a running server updates its catalog
-- record by record instead of reading every record again (issue 9, item 5).
--
-- One row per record that ever changed (so at most one per record, and no
-- pruning): `version` is the content version of
-- the transaction that changed it last. The triggers below mark a written
-- record (version NULL), and the transaction's bump of the content version
-- stamps every marked row with the new version (write.rs,
-- bump_content_version), so a server holding the catalog of version V reads
-- the records of the rows with a version above V. A record's lists (a site's
-- sections, a finding's abuse types, ...) are only ever written with its own
-- row, so the record's own table is enough. FAQ entries, pages and
-- corrections are few and are read whole on every change.
CREATE TABLE content_changes (
    kind    TEXT NOT NULL,            -- site, source, finding, testimony, news
    key     TEXT NOT NULL,            -- the record's id; a finding's source_id
    site_id TEXT NOT NULL DEFAULT '', -- a finding's site_id
    version INTEGER,
    PRIMARY KEY (kind, key, site_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX content_changes_by_version ON content_changes (version);

-- The changes are known from the current version on: a catalog older than
-- this one is read whole.
INSERT INTO meta (key, value) SELECT 'changes_from', value FROM meta WHERE key = 'content_version';

CREATE TRIGGER sites_insert AFTER INSERT ON sites BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('site', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER sites_update AFTER UPDATE ON sites BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('site', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER sites_delete AFTER DELETE ON sites BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('site', OLD.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER sources_insert AFTER INSERT ON sources BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('source', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER sources_update AFTER UPDATE ON sources BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('source', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER sources_delete AFTER DELETE ON sources BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('source', OLD.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER findings_insert AFTER INSERT ON findings BEGIN
    INSERT INTO content_changes (kind, key, site_id) VALUES ('finding', NEW.source_id, NEW.site_id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER findings_update AFTER UPDATE ON findings BEGIN
    INSERT INTO content_changes (kind, key, site_id) VALUES ('finding', NEW.source_id, NEW.site_id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER findings_delete AFTER DELETE ON findings BEGIN
    INSERT INTO content_changes (kind, key, site_id) VALUES ('finding', OLD.source_id, OLD.site_id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER testimonies_insert AFTER INSERT ON testimonies BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('testimony', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER testimonies_update AFTER UPDATE ON testimonies BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('testimony', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER testimonies_delete AFTER DELETE ON testimonies BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('testimony', OLD.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER news_insert AFTER INSERT ON news BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('news', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER news_update AFTER UPDATE ON news BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('news', NEW.id) ON CONFLICT DO UPDATE SET version = NULL;
END;

CREATE TRIGGER news_delete AFTER DELETE ON news BEGIN
    INSERT INTO content_changes (kind, key) VALUES ('news', OLD.id) ON CONFLICT DO UPDATE SET version = NULL;
END;
