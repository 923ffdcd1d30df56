-- Marks written records with the content version that the transaction's
-- bump will give them, once a statement instead of once a row. An import
-- writes thousands of rows a statement (multi-row inserts), and the row
-- triggers of 0009 cost a call of PL/pgSQL and an upsert each; their rows
-- then waited, unnumbered, for the bump to number them, a second write of
-- each. Writers take turns (the write lock), so the next bump is the one
-- these rows belong to: the number is right at once, and the bump, which
-- numbers the rows still unnumbered (SQLite's triggers leave them so), finds
-- none here.
--
-- `written` is the statement's transition table, the rows it inserted,
-- updated or deleted; a trigger with one takes one event, so each table has
-- three.

DROP TRIGGER sites_changed ON sites;
DROP TRIGGER sources_changed ON sources;
DROP TRIGGER findings_changed ON findings;
DROP TRIGGER testimonies_changed ON testimonies;
DROP TRIGGER news_changed ON news;
DROP FUNCTION mark_content_change();

-- The kind is the trigger's argument; a finding's key is its source and site.
CREATE FUNCTION mark_content_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next BIGINT := (SELECT value + 1 FROM meta WHERE key = 'content_version');
BEGIN
    IF TG_ARGV[0] = 'finding' THEN
        INSERT INTO content_changes (kind, key, site_id, version)
            SELECT 'finding', source_id, site_id, next FROM written
            ON CONFLICT (kind, key, site_id) DO UPDATE SET version = excluded.version;
    ELSE
        INSERT INTO content_changes (kind, key, version) SELECT TG_ARGV[0], id, next FROM written
            ON CONFLICT (kind, key, site_id) DO UPDATE SET version = excluded.version;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER sites_inserted AFTER INSERT ON sites REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('site');
CREATE TRIGGER sites_updated AFTER UPDATE ON sites REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('site');
CREATE TRIGGER sites_deleted AFTER DELETE ON sites REFERENCING OLD TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('site');

CREATE TRIGGER sources_inserted AFTER INSERT ON sources REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('source');
CREATE TRIGGER sources_updated AFTER UPDATE ON sources REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('source');
CREATE TRIGGER sources_deleted AFTER DELETE ON sources REFERENCING OLD TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('source');

CREATE TRIGGER findings_inserted AFTER INSERT ON findings REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('finding');
CREATE TRIGGER findings_updated AFTER UPDATE ON findings REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('finding');
CREATE TRIGGER findings_deleted AFTER DELETE ON findings REFERENCING OLD TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('finding');

CREATE TRIGGER testimonies_inserted AFTER INSERT ON testimonies REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('testimony');
CREATE TRIGGER testimonies_updated AFTER UPDATE ON testimonies REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('testimony');
CREATE TRIGGER testimonies_deleted AFTER DELETE ON testimonies REFERENCING OLD TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('testimony');

CREATE TRIGGER news_inserted AFTER INSERT ON news REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('news');
CREATE TRIGGER news_updated AFTER UPDATE ON news REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('news');
CREATE TRIGGER news_deleted AFTER DELETE ON news REFERENCING OLD TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION mark_content_changes('news');
