//! Staff accounts and sessions in SQLite.

use super::now;
use super::{DbRow, Pool, Tx};
use crate::{NewUser, Session, StoreError, User};
use inferno_domain::{Problem, Role};
use sqlx::Row;

fn user_from(row: &DbRow) -> Result<User, StoreError> {
    let name: String = row.try_get("name")?;
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        role: Role::parse(&role)
            .map_err(|reason| StoreError::Corrupt { what: format!("user {name}"), reason: reason.to_string() })?,
        name,
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_last_step: row.try_get::<i64, _>("totp_last_step")? as u64,
        disabled: row.try_get::<i64, _>("disabled")? == 1,
        created_at: row.try_get("created_at")?,
        password_changed_at: row.try_get("password_changed_at")?,
        reader_public: row.try_get("reader_public")?,
        reader_key: row.try_get("reader_key")?,
    })
}

pub async fn create_user(tx: &mut Tx<'_>, u: &NewUser) -> Result<(), StoreError> {
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE name = $1").bind(&u.name).fetch_optional(&mut **tx).await?;
    if exists.is_some() {
        return Err(StoreError::Conflict(Problem::AccountExists { name: u.name.clone() }));
    }
    let t = now();
    sqlx::query(
        "INSERT INTO users (name, role, password_hash, totp_secret, created_at, password_changed_at, reader_public, reader_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&u.name)
    .bind(u.role.code())
    .bind(&u.password_hash)
    .bind(&u.totp_secret)
    .bind(t)
    .bind(t)
    .bind(u.reader_key.as_ref().map(|k| &k.0))
    .bind(u.reader_key.as_ref().map(|k| &k.1))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn users(pool: &Pool) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query("SELECT * FROM users ORDER BY name").fetch_all(pool).await?;
    rows.iter().map(user_from).collect()
}

/// How a user is looked up.
#[derive(Debug, Clone, Copy)]
pub enum UserKey<'a> {
    Name(&'a str),
    Id(i64),
}

/// One user by name or id.
pub async fn user_by(pool: &Pool, key: UserKey<'_>) -> Result<Option<User>, StoreError> {
    let row = match key {
        UserKey::Name(name) => sqlx::query("SELECT * FROM users WHERE name = $1").bind(name),
        UserKey::Id(id) => sqlx::query("SELECT * FROM users WHERE id = $1").bind(id),
    }
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(user_from).transpose()
}

async fn end_sessions(tx: &mut Tx<'_>, name: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = $1)")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_disabled(tx: &mut Tx<'_>, name: &str, disabled: bool) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET disabled = $1 WHERE name = $2")
        .bind(i64::from(disabled))
        .bind(name)
        .execute(&mut **tx)
        .await?;
    if disabled {
        end_sessions(tx, name).await?;
    }
    Ok(r.rows_affected() == 1)
}

pub async fn set_totp_secret(tx: &mut Tx<'_>, name: &str, secret: &str) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE name = $2")
        .bind(secret)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    end_sessions(tx, name).await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_password(
    tx: &mut Tx<'_>,
    name: &str,
    hash: &str,
    reader_key: Option<&[u8]>,
) -> Result<bool, StoreError> {
    // The reader key, rewrapped under the new password, changes with it or not at all.
    let r = sqlx::query(
        "UPDATE users SET password_hash = $1, password_changed_at = $2, reader_key = coalesce($3, reader_key) WHERE name = $4",
    )
    .bind(hash)
    .bind(now())
    .bind(reader_key)
    .bind(name)
        .execute(&mut **tx)
        .await?;
    end_sessions(tx, name).await?;
    Ok(r.rows_affected() == 1)
}

pub async fn accept_totp_step(pool: &Pool, user_id: i64, step: u64) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3")
        .bind(step as i64)
        .bind(user_id)
        .bind(step as i64)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn create_session(pool: &Pool, s: &Session) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&s.token_hash)
    .bind(s.user_id)
    .bind(&s.csrf_token)
    .bind(s.created_at)
    .bind(s.last_seen_at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn session(pool: &Pool, token_hash: &str) -> Result<Option<Session>, StoreError> {
    let row = sqlx::query("SELECT * FROM sessions WHERE token_hash = $1").bind(token_hash).fetch_optional(pool).await?;
    row.map(|r| -> Result<Session, StoreError> {
        Ok(Session {
            token_hash: r.try_get("token_hash")?,
            user_id: r.try_get("user_id")?,
            csrf_token: r.try_get("csrf_token")?,
            created_at: r.try_get("created_at")?,
            last_seen_at: r.try_get("last_seen_at")?,
            reader_key_sealed: r.try_get("reader_key_sealed")?,
        })
    })
    .transpose()
}

pub async fn seal_reader_key(pool: &Pool, token_hash: &str, sealed: &[u8]) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET reader_key_sealed = $1 WHERE token_hash = $2")
        .bind(sealed)
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn forget_outlived_keys(pool: &Pool, idle_before: i64, begun_before: i64) -> Result<u64, StoreError> {
    let r = sqlx::query(
        "UPDATE sessions SET reader_key_sealed = NULL
         WHERE reader_key_sealed IS NOT NULL AND (last_seen_at < $1 OR created_at < $2)",
    )
    .bind(idle_before)
    .bind(begun_before)
    .execute(pool)
    .await?;
    Ok(r.rows_affected())
}

pub async fn set_reader_key(tx: &mut Tx<'_>, user_id: i64, public: &str, wrapped: &[u8]) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET reader_public = $1, reader_key = $2 WHERE id = $3 AND reader_public IS NULL")
        .bind(public)
        .bind(wrapped)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(r.rows_affected() == 1)
}
