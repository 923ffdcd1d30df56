-- The daily seal (issue 23): what sources send waits in the intake node's
-- inbox (`vault.sqlite3`) and is moved here once a day, all in one
-- transaction, so that the database never learns when a source acted.

-- Each move out of the inbox, by its random batch id: the day's seal, with
-- the day it ran (a second seal the same day is refused unless forced) and
-- the pack it wrote, if any; or one submission's rows moved early for a
-- staff change (no day, no pack). The batch id makes a move that committed
-- here but was cut off before it emptied the inbox finish without storing
-- its rows twice.
CREATE TABLE intake_seals (
    batch TEXT PRIMARY KEY,
    day   TEXT,
    pack  TEXT
) STRICT;
CREATE INDEX intake_seals_by_day ON intake_seals (day);

-- A pack: one day's blobs, one after the other, under a random name, in the
-- object store or, without one, in intake_pack_chunks.
CREATE TABLE intake_packs (
    name   TEXT PRIMARY KEY,
    bytes  INTEGER NOT NULL,
    sha256 TEXT NOT NULL
) STRICT;

-- Where each sealed blob lies in its pack, and its SHA-256.
CREATE TABLE intake_sealed_blobs (
    blob   TEXT PRIMARY KEY,
    pack   TEXT NOT NULL REFERENCES intake_packs (name),
    start  INTEGER NOT NULL,
    length INTEGER NOT NULL,
    sha256 TEXT NOT NULL
) STRICT;

-- A pack's bytes when there is no object store, in 1 MiB rows.
CREATE TABLE intake_pack_chunks (
    pack TEXT NOT NULL,
    seq  INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (pack, seq)
) STRICT;
