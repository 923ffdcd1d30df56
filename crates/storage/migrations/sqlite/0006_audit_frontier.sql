-- The audit tree's frontier (crates/audit/src/frontier.rs): the roots of its
-- perfect subtrees, one per set bit of the tree's size, so that an append
-- signs the next root from this one row instead of reading every entry
-- (security review F2). It is derived data, never evidence: `inferno audit
-- verify` recomputes every root from the entries and ignores this table.
--
-- No row is written here: SQL cannot hash. A log written before this
-- migration has no frontier, and its next append rebuilds it once from the
-- entries; so does an append that finds the row's size different from the
-- last entry's number (a row lost, or entries written by an older release).

CREATE TABLE audit_frontier (
    id       INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
    size     INTEGER NOT NULL,                    -- leaves covered: the seq of the last entry
    frontier BLOB NOT NULL                        -- Frontier::to_bytes: size (8 bytes, big-endian) ‖ hashes
) STRICT;
