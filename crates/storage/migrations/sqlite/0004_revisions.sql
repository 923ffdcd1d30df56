-- Every version of a record edited in the back office, and the public log of
-- corrections (issue 3). A revision keeps the whole record as JSON, so any
-- earlier version can be shown, compared and restored.

CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL,           -- 'site', …
    record_id   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    time        INTEGER NOT NULL,        -- Unix seconds, UTC
    action      TEXT NOT NULL,           -- create, update, publish, unpublish, revert
    snapshot    TEXT NOT NULL,           -- the record after the action, JSON
    published   INTEGER NOT NULL CHECK (published IN (0, 1)),
    -- Set when readers must be told: a published record changed or was withdrawn.
    public_note TEXT
) STRICT;
CREATE INDEX revisions_by_record ON revisions (record_kind, record_id, id);
CREATE INDEX revisions_public ON revisions (time) WHERE public_note IS NOT NULL;
