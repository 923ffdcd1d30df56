-- The team's working notes on a record (issue 22): how a source was read,
-- what is still to check. Kept apart from the record so that no page, no
-- download and no API answer can show one: the catalog never reads this
-- table. One note a record; saving an empty note deletes it.
CREATE TABLE staff_notes (
    record_kind TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    note        TEXT COLLATE "C" NOT NULL,
    actor       TEXT COLLATE "C" NOT NULL,
    updated_on  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (record_kind, record_id)
);
