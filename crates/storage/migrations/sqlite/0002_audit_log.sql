-- The tamper-evident audit log (DESIGN.md §3). Rows are only ever appended.
-- Each entry is a leaf of an RFC 6962 Merkle tree; after every append the
-- server signs a checkpoint of the whole tree with a key kept outside the
-- database (audit-signing.key in the data directory), so that changing,
-- removing or reordering a row here is detected by `inferno audit verify`.

CREATE TABLE audit_entries (
    seq       INTEGER PRIMARY KEY,
    time      INTEGER NOT NULL,   -- Unix seconds, UTC
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    leaf_hash TEXT NOT NULL       -- hex; recomputed, never trusted, by verification
) STRICT;

CREATE TABLE audit_checkpoints (
    size      INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    root      TEXT NOT NULL,
    time      INTEGER NOT NULL,
    signature TEXT NOT NULL
) STRICT;
