-- Four eyes on what the public sees (issue 8, item 7; review finding F8). An
-- editor may not publish, so an editor's change to a published record waits
-- for a reviewer instead of going live, and a new source or finding is a draft
-- like every other new record.

-- Sources and findings get the flag the other records have. Rows already
-- stored, and rows the operator imports from the command line later, are
-- public: only the back office makes drafts.
ALTER TABLE sources ADD COLUMN published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1));
ALTER TABLE findings ADD COLUMN published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1));

-- A proposed change is a revision with action 'propose'. Its `snapshot` is the
-- live record, unchanged, as for every revision ("the record after the
-- action"), so that the history still compares like with like; the record as
-- the editor wants it is in `proposal`, and the note readers would be shown
-- in `proposed_note`. The public corrections log reads only `public_note`,
-- which a proposal never sets: nothing of it is public until it is approved.
ALTER TABLE revisions ADD COLUMN proposal TEXT;
ALTER TABLE revisions ADD COLUMN proposed_note TEXT;

-- The change that waits for review on a record: one at most, since a further
-- edit replaces it (building on it: the form shows the waiting version).
-- Publishing or discarding the change deletes its row; the revisions stay.
CREATE TABLE pending_changes (
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    revision_id INTEGER NOT NULL REFERENCES revisions (id),
    PRIMARY KEY (record_kind, record_id)
) STRICT;
