-- The intake vault (issue 4, DESIGN.md §2). Nothing a source sent is stored in
-- clear: answers, messages, notes and file metadata are age files encrypted to
-- the submission's own key, whose private half is stored only sealed to each
-- reader (intake_keys). Files live as age files in the blob store; rows name
-- them. No address, browser or time finer than the date is kept.

-- A reader's key pair: the public key in clear, the private key wrapped under
-- a key derived from the reader's password (salt, then an age file).
ALTER TABLE users ADD COLUMN reader_public TEXT;
ALTER TABLE users ADD COLUMN reader_key BLOB;

CREATE TABLE intake_submissions (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('submission', 'contact')),
    -- The day it arrived (YYYY-MM-DD); never the time.
    received_on    TEXT NOT NULL,
    -- Argon2id of the receipt under the server's pepper; the receipt itself is never stored.
    receipt_lookup TEXT NOT NULL UNIQUE,
    -- The submission's public key, and the source's (derived from the receipt).
    public_key     TEXT NOT NULL,
    source_key     TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'in_review', 'follow_up', 'verified', 'rejected', 'spam', 'archived')),
    -- The day the status last changed: retention counts from it.
    status_on      TEXT NOT NULL,
    assignee       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The answers (JSON), encrypted to public_key.
    answers        BLOB NOT NULL
) STRICT;

-- The submission's private key, sealed to one reader.
CREATE TABLE intake_keys (
    submission_id TEXT NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sealed        BLOB NOT NULL,
    PRIMARY KEY (submission_id, user_id)
) STRICT;

CREATE TABLE intake_files (
    id            TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    -- The blob's file name in the blob store.
    blob          TEXT NOT NULL UNIQUE,
    -- 'source' for what was sent; 'public_copy' for a copy staff made without metadata.
    origin        TEXT NOT NULL CHECK (origin IN ('source', 'public_copy')),
    derived_from  TEXT REFERENCES intake_files (id) ON DELETE CASCADE,
    -- Name, declared and detected type, size, SHA-256, time received (JSON), encrypted.
    meta          BLOB NOT NULL,
    UNIQUE (submission_id, seq)
) STRICT;

CREATE TABLE intake_messages (
    id            INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    -- 'source' (a follow-up), 'reply' (the team, readable with the receipt), 'note' (staff only).
    author        TEXT NOT NULL CHECK (author IN ('source', 'reply', 'note')),
    staff_name    TEXT,
    sent_on       TEXT NOT NULL,
    body          BLOB NOT NULL
) STRICT;
CREATE INDEX intake_messages_by_submission ON intake_messages (submission_id, id);

-- Which records staff made from a submission.
CREATE TABLE intake_links (
    submission_id TEXT NOT NULL REFERENCES intake_submissions (id) ON DELETE CASCADE,
    record_kind   TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    PRIMARY KEY (submission_id, record_kind, record_id)
) STRICT;
