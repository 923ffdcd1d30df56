-- A staff member's reader key, sealed to their session (issue 23), so that
-- every server of a deployment can read submissions for them, not only the
-- one they signed in on. Sealed under a key derived from the session token,
-- which only the browser holds (this table keeps its hash): the database
-- alone cannot open it. Gone with the session.
ALTER TABLE sessions ADD COLUMN reader_key_sealed BYTEA;
