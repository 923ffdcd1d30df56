-- The daily seal (issue 23): what sources send waits in the intake node's
-- inbox (`vault.sqlite3`) and is moved here once a day, all in one
-- transaction, so that PostgreSQL's WAL and row transaction ids (xmin) show
-- the seal's moment, not a source's (README, "The inbox and the day's
-- seal", says what its statistics still show). See the SQLite migration
-- 0014 for each table.
CREATE TABLE intake_seals (
    batch TEXT COLLATE "C" PRIMARY KEY,
    day   TEXT COLLATE "C",
    pack  TEXT COLLATE "C"
);
CREATE INDEX intake_seals_by_day ON intake_seals (day);

CREATE TABLE intake_packs (
    name   TEXT COLLATE "C" PRIMARY KEY,
    bytes  BIGINT NOT NULL,
    sha256 TEXT COLLATE "C" NOT NULL
);

CREATE TABLE intake_sealed_blobs (
    blob   TEXT COLLATE "C" PRIMARY KEY,
    pack   TEXT COLLATE "C" NOT NULL REFERENCES intake_packs (name),
    start  BIGINT NOT NULL,
    length BIGINT NOT NULL,
    sha256 TEXT COLLATE "C" NOT NULL
);

CREATE TABLE intake_pack_chunks (
    pack TEXT COLLATE "C" NOT NULL,
    seq  BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (pack, seq)
);
