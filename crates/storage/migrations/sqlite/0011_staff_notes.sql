-- The team's working notes on a record (issue 22): how a source was read,
-- what is still to check. Kept apart from the record so that no page, no
-- download and no API answer can show one: the catalog never reads this
-- table. One note a record; saving an empty note deletes it.
CREATE TABLE staff_notes (
    record_kind TEXT NOT NULL,           -- 'site', …
    record_id   TEXT NOT NULL,           -- a finding's is SOURCE~SITE
    note        TEXT NOT NULL,
    actor       TEXT NOT NULL,           -- who saved it last
    updated_on  TEXT NOT NULL,           -- the day, YYYY-MM-DD
    PRIMARY KEY (record_kind, record_id)
) STRICT;
