-- What the secrets kept beside the database must be (issue 23): several
-- nodes share one database, each with a data directory of its own, and all
-- must sign with the same audit key and derive receipts with the same
-- pepper. One row a secret, by its file's name: the audit key's public half,
-- a hash of the pepper; never the secret itself.
CREATE TABLE secret_checks (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);
