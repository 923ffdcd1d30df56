//! Copying a whole deployment out of this backend, or into it (see
//! [`crate::copy`]): rows read a page at a time inside one read transaction
//! (one moment of the source), written inside one write transaction of the
//! target (all or nothing).

use super::{Backend, DbRow, Tx};
use crate::StoreError;
use crate::copy::{ColumnType, Copied, MUST_BE_EMPTY, RowSink, TABLES, Table, Value};
use async_trait::async_trait;
use sqlx::{AssertSqlSafe, Row};

/// Reads every table of `db` in one read transaction and gives its rows to `sink`.
pub(super) async fn dump(db: &Backend, sink: &mut dyn RowSink) -> Result<Copied, StoreError> {
    let mut tx = db.read_tx().await?;
    let mut copied = Copied::default();
    for table in TABLES {
        let columns = table.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT {columns} FROM {} ORDER BY {} LIMIT $1 OFFSET $2", table.name, table.order_by);
        let mut count = 0u64;
        let page = table.page_rows();
        loop {
            let rows =
                sqlx::query(AssertSqlSafe(sql.clone())).bind(page).bind(count as i64).fetch_all(&mut *tx).await?;
            let read = rows.len() as u64;
            if read > 0 {
                sink.insert(table, rows.iter().map(|r| decode(table, r)).collect::<Result<_, _>>()?).await?;
            }
            count += read;
            if read < page as u64 {
                break;
            }
        }
        copied.tables.push((table.name, count));
    }
    tx.commit().await?;
    Ok(copied)
}

fn decode(table: &Table, row: &DbRow) -> Result<Vec<Value>, sqlx::Error> {
    table
        .columns
        .iter()
        .map(|&(column, kind)| {
            Ok(match kind {
                ColumnType::Text => Value::Text(row.try_get(column)?),
                ColumnType::Int => Value::Int(row.try_get(column)?),
                ColumnType::Real => Value::Real(row.try_get(column)?),
                ColumnType::Blob => Value::Blob(row.try_get(column)?),
            })
        })
        .collect()
}

/// A write transaction of `db` to copy into, once it is known to hold no
/// records: a copy never mixes two deployments.
pub(super) async fn receive(db: &Backend) -> Result<Box<dyn RowSink>, StoreError> {
    let mut tx = db.write_tx().await?;
    for table in MUST_BE_EMPTY {
        let rows: i64 =
            sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {table}"))).fetch_one(&mut *tx).await?;
        if rows > 0 {
            return Err(StoreError::NotEmpty { table });
        }
    }
    Ok(Box::new(Sink { tx, changes_replaced: false }))
}

struct Sink {
    tx: Tx<'static>,
    /// Whether the marks the triggers made while records were copied have
    /// given way to the source's own record of changes.
    changes_replaced: bool,
}

impl Sink {
    /// The triggers marked every record the copy wrote (unnumbered on SQLite,
    /// numbered on PostgreSQL), as though each had just changed; the source's
    /// own record of changes (`content_changes`, copied after the records)
    /// replaces those marks whole.
    async fn drop_copy_marks(&mut self) -> Result<(), StoreError> {
        if !self.changes_replaced {
            sqlx::query("DELETE FROM content_changes").execute(&mut *self.tx).await?;
            self.changes_replaced = true;
        }
        Ok(())
    }
}

#[async_trait]
impl RowSink for Sink {
    async fn insert(&mut self, table: &Table, rows: Vec<Vec<Value>>) -> Result<(), StoreError> {
        let columns = table.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        let params = (1..=columns.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        if table.name == "content_changes" {
            self.drop_copy_marks().await?;
        }
        // The rows a migration or the copy's own start wrote are the source's to decide.
        let on_conflict = match table.name {
            "meta" => " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            "secret_checks" => " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            _ => "",
        };
        let sql = format!("INSERT INTO {} ({}) VALUES ({params}){on_conflict}", table.name, columns.join(", "));
        for row in rows {
            let mut query = sqlx::query(AssertSqlSafe(sql.clone()));
            for value in row {
                query = match value {
                    Value::Text(v) => query.bind(v),
                    Value::Int(v) => query.bind(v),
                    Value::Real(v) => query.bind(v),
                    Value::Blob(v) => query.bind(v),
                };
            }
            query.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    async fn finish(mut self: Box<Self>) -> Result<(), StoreError> {
        self.drop_copy_marks().await?;
        Backend::after_copy(&mut self.tx).await?;
        self.tx.commit().await?;
        Ok(())
    }
}
