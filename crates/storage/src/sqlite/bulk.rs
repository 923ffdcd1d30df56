//! Reading every public record at once, on a connection of its own.
//!
//! The pool's driver (sqlx) runs each connection on a thread of its own and
//! hands every row to the caller through a channel, copying each value on
//! the way: at ten times the register, 160,000 rows and 1.6 million values,
//! that was most of a server's startup, the two threads mostly waking each
//! other. Here the same queries (those of `load`) run on a blocking thread,
//! in one read transaction, and each value is read where SQLite keeps it.

use super::sql::load::{self, Cols, Param, Reader, Select};
use crate::StoreError;
use inferno_domain::catalog::CatalogParts;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// Reads the public records of the database at `path`, and the content
/// version they are at. Runs blocking: call it on a blocking thread of the
/// runtime.
pub fn catalog_parts(path: &Path) -> Result<(i64, CatalogParts), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut connection = Connection::open_with_flags(path, flags)?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "query_only", true)?;
    // One read transaction: the records and the version are of one moment,
    // whatever commits beside it.
    let tx = connection.transaction()?;
    let version: i64 = tx.query_row("SELECT value FROM meta WHERE key = 'content_version'", [], |r| r.get(0))?;
    // The queries are `load`'s, written for both readers; with this one they
    // never wait, so the future completes at once.
    let parts = tokio::runtime::Handle::current().block_on(load::catalog_parts(&mut Bulk(&tx)))?;
    Ok((version, parts))
}

struct Bulk<'c>(&'c Connection);

impl Reader for Bulk<'_> {
    async fn each<T>(
        &mut self,
        sql: String,
        select: Select<'_>,
        mut record: impl FnMut(&dyn Cols) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut statement = self.0.prepare(&sql)?;
        let columns: HashMap<String, usize> =
            statement.column_names().into_iter().enumerate().map(|(i, name)| (name.to_owned(), i)).collect();
        let values = select.params().into_iter().map(|p| match p {
            Param::Text(text) => Value::Text(text.to_owned()),
            Param::Int(n) => Value::Integer(n),
        });
        let mut rows = statement.query(rusqlite::params_from_iter(values))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(record(&Row { row, columns: &columns })?);
        }
        Ok(out)
    }
}

struct Row<'r> {
    row: &'r rusqlite::Row<'r>,
    columns: &'r HashMap<String, usize>,
}

impl Row<'_> {
    fn value(&self, column: &str) -> Result<ValueRef<'_>, StoreError> {
        let index = self.columns.get(column).ok_or_else(|| wrong(column, "is not in the query"))?;
        Ok(self.row.get_ref(*index)?)
    }
}

fn wrong(column: &str, reason: &str) -> StoreError {
    StoreError::Corrupt { what: format!("column {column}"), reason: reason.to_owned() }
}

impl Cols for Row<'_> {
    fn text(&self, column: &str) -> Result<&str, StoreError> {
        self.text_opt(column)?.ok_or_else(|| wrong(column, "is NULL"))
    }

    fn text_opt(&self, column: &str) -> Result<Option<&str>, StoreError> {
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(bytes) => std::str::from_utf8(bytes).map(Some).map_err(|e| wrong(column, &e.to_string())),
            _ => Err(wrong(column, "is not text")),
        }
    }

    fn int(&self, column: &str) -> Result<i64, StoreError> {
        match self.value(column)? {
            ValueRef::Integer(n) => Ok(n),
            _ => Err(wrong(column, "is not an integer")),
        }
    }

    fn real(&self, column: &str) -> Result<f64, StoreError> {
        match self.value(column)? {
            ValueRef::Real(x) => Ok(x),
            ValueRef::Integer(n) => Ok(n as f64),
            _ => Err(wrong(column, "is not a number")),
        }
    }
}
