-- Staff accounts and their sessions (issue 3). Passwords are Argon2id PHC
-- strings; session tokens are stored only as SHA-256 hashes, so a copy of the
-- database opens no session. A TOTP code is accepted once: the last accepted
-- time step is kept and only later steps pass.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer')),
    password_hash       TEXT NOT NULL,
    totp_secret         TEXT NOT NULL,
    totp_last_step      INTEGER NOT NULL DEFAULT 0,
    disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
