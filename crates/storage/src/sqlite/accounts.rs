//! Staff accounts and sessions in SQLite.

use super::now;
use crate::{NewUser, Session, StoreError, User};
use inferno_domain::{Problem, Role};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

fn user_from(row: &SqliteRow) -> Result<User, StoreError> {
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

pub async fn create_user(tx: &mut Transaction<'_, Sqlite>, u: &NewUser) -> Result<(), StoreError> {
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE name = ?").bind(&u.name).fetch_optional(&mut **tx).await?;
    if exists.is_some() {
        return Err(StoreError::Conflict(Problem::AccountExists { name: u.name.clone() }));
    }
    let t = now();
    sqlx::query(
        "INSERT INTO users (name, role, password_hash, totp_secret, created_at, password_changed_at, reader_public, reader_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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

pub async fn users(pool: &SqlitePool) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query("SELECT * FROM users ORDER BY name").fetch_all(pool).await?;
    rows.iter().map(user_from).collect()
}

/// One user by `name` or `id`.
pub async fn user_by(pool: &SqlitePool, column: &str, value: &str) -> Result<Option<User>, StoreError> {
    let sql = if column == "id" { "SELECT * FROM users WHERE id = ?" } else { "SELECT * FROM users WHERE name = ?" };
    let row = sqlx::query(sql).bind(value).fetch_optional(pool).await?;
    row.as_ref().map(user_from).transpose()
}

async fn end_sessions(tx: &mut Transaction<'_, Sqlite>, name: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_disabled(tx: &mut Transaction<'_, Sqlite>, name: &str, disabled: bool) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET disabled = ? WHERE name = ?")
        .bind(i64::from(disabled))
        .bind(name)
        .execute(&mut **tx)
        .await?;
    if disabled {
        end_sessions(tx, name).await?;
    }
    Ok(r.rows_affected() == 1)
}

pub async fn set_totp_secret(tx: &mut Transaction<'_, Sqlite>, name: &str, secret: &str) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE name = ?")
        .bind(secret)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    end_sessions(tx, name).await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_password(
    tx: &mut Transaction<'_, Sqlite>,
    name: &str,
    hash: &str,
    reader_key: Option<&[u8]>,
) -> Result<bool, StoreError> {
    // The reader key, rewrapped under the new password, changes with it or not at all.
    let r = sqlx::query(
        "UPDATE users SET password_hash = ?, password_changed_at = ?, reader_key = coalesce(?, reader_key) WHERE name = ?",
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

pub async fn accept_totp_step(pool: &SqlitePool, user_id: i64, step: u64) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
        .bind(step as i64)
        .bind(user_id)
        .bind(step as i64)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn create_session(pool: &SqlitePool, s: &Session) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
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

pub async fn session(pool: &SqlitePool, token_hash: &str) -> Result<Option<Session>, StoreError> {
    let row = sqlx::query("SELECT * FROM sessions WHERE token_hash = ?").bind(token_hash).fetch_optional(pool).await?;
    row.map(|r| -> Result<Session, StoreError> {
        Ok(Session {
            token_hash: r.try_get("token_hash")?,
            user_id: r.try_get("user_id")?,
            csrf_token: r.try_get("csrf_token")?,
            created_at: r.try_get("created_at")?,
            last_seen_at: r.try_get("last_seen_at")?,
        })
    })
    .transpose()
}

pub async fn set_reader_key(
    tx: &mut Transaction<'_, Sqlite>,
    user_id: i64,
    public: &str,
    wrapped: &[u8],
) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET reader_public = ?, reader_key = ? WHERE id = ? AND reader_public IS NULL")
        .bind(public)
        .bind(wrapped)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(r.rows_affected() == 1)
}
