-- The ciphertext of what sources send, in chunks, inside the database: a
-- file per blob let the file system record when each one arrived (security
-- review F7). A blob is the chunks with one name, in `seq` order; it counts
-- once an `intake_files` row names it. WITHOUT ROWID: rows are ordered by the
-- random blob name, not by arrival.
CREATE TABLE intake_blob_chunks (
    blob TEXT    NOT NULL CHECK (length(blob) = 32),
    seq  INTEGER NOT NULL CHECK (seq >= 0),
    data BLOB    NOT NULL,
    PRIMARY KEY (blob, seq)
) STRICT, WITHOUT ROWID;
