//! What moves when a deployment moves between backends (`inferno copy`):
//! every table but the sessions, column by column, declared once here for
//! both backends. Sessions stay behind: staff sign in again on the copy.

/// A column's type, as both backends store it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Int,
    Real,
    Blob,
}

/// One value of a row, typed by its column (a NULL keeps its column's type,
/// which PostgreSQL needs to bind it).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    Blob(Option<Vec<u8>>),
}

/// A table to copy: its name, its columns, and the order its rows are read
/// and written in (parents before the rows that name them).
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, ColumnType)],
    pub order_by: &'static str,
}

impl Table {
    /// Rows read at once: a page of a large table, never the table; a few
    /// of a table whose rows are a mebibyte each (a pack's chunks).
    pub fn page_rows(&self) -> i64 {
        if self.name == "intake_pack_chunks" { 8 } else { 2_000 }
    }
}

use ColumnType::{Blob, Int, Real, Text};

/// Every table that moves, in an order that satisfies the foreign keys.
pub const TABLES: &[Table] = &[
    Table { name: "meta", columns: &[("key", Text), ("value", Int)], order_by: "key" },
    // The copy's own start recorded the secrets of its data directory; the
    // source's records replace them, so that a node given other secrets
    // than the source's is refused.
    Table { name: "secret_checks", columns: &[("name", Text), ("value", Text)], order_by: "name" },
    Table {
        name: "sites",
        columns: &[
            ("id", Text),
            ("name_uk", Text),
            ("name_en", Text),
            ("name_ru", Text),
            ("aliases", Text),
            ("site_type", Text),
            ("settlement_uk", Text),
            ("settlement_en", Text),
            ("region_uk", Text),
            ("region_en", Text),
            ("country", Text),
            ("occupied", Int),
            ("lat", Real),
            ("lon", Real),
            ("coord_precision", Text),
            ("operators", Text),
            ("reported_from", Text),
            ("reported_to", Text),
            ("status", Text),
            ("source_urls", Text),
            ("published", Int),
            ("content_hash", Text),
            ("created_on", Text),
            ("updated_on", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "site_sections",
        columns: &[("site_id", Text), ("section", Text), ("body_uk", Text), ("body_en", Text)],
        order_by: "site_id, section",
    },
    Table {
        name: "sources",
        columns: &[
            ("id", Text),
            ("kind", Text),
            ("title", Text),
            ("publisher", Text),
            ("published_on", Text),
            ("url", Text),
            ("language", Text),
            ("reliability", Text),
            ("credibility", Text),
            ("independence_group", Text),
            ("notes_uk", Text),
            ("notes_en", Text),
            ("archived_sha256", Text),
            ("content_hash", Text),
            ("created_on", Text),
            ("updated_on", Text),
            ("published", Int),
        ],
        order_by: "id",
    },
    Table {
        name: "findings",
        columns: &[
            ("source_id", Text),
            ("site_id", Text),
            ("period_from", Text),
            ("period_to", Text),
            ("note_uk", Text),
            ("note_en", Text),
            ("content_hash", Text),
            ("created_on", Text),
            ("updated_on", Text),
            ("published", Int),
        ],
        order_by: "source_id, site_id",
    },
    Table {
        name: "finding_abuses",
        columns: &[("source_id", Text), ("site_id", Text), ("abuse_type", Text)],
        order_by: "source_id, site_id, abuse_type",
    },
    Table {
        name: "testimonies",
        columns: &[
            ("id", Text),
            ("source_id", Text),
            ("witness_role", Text),
            ("summary_uk", Text),
            ("summary_en", Text),
            ("consent", Text),
            ("published", Int),
            ("content_hash", Text),
            ("created_on", Text),
            ("updated_on", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "testimony_abuses",
        columns: &[("testimony_id", Text), ("position", Int), ("abuse_type", Text)],
        order_by: "testimony_id, abuse_type",
    },
    Table {
        name: "stays",
        columns: &[
            ("testimony_id", Text),
            ("position", Int),
            ("site_id", Text),
            ("from_month", Text),
            ("to_month", Text),
        ],
        order_by: "testimony_id, position",
    },
    Table {
        name: "news",
        columns: &[
            ("id", Text),
            ("date", Text),
            ("title_uk", Text),
            ("title_en", Text),
            ("summary_uk", Text),
            ("summary_en", Text),
            ("body_uk", Text),
            ("body_en", Text),
            ("source_name", Text),
            ("source_url", Text),
            ("published", Int),
            ("content_hash", Text),
            ("created_on", Text),
            ("updated_on", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "news_sites",
        columns: &[("news_id", Text), ("position", Int), ("site_id", Text)],
        order_by: "news_id, site_id",
    },
    Table {
        name: "faq",
        columns: &[
            ("id", Text),
            ("position", Int),
            ("question_uk", Text),
            ("question_en", Text),
            ("answer_uk", Text),
            ("answer_en", Text),
            ("published", Int),
            ("updated_on", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "pages",
        columns: &[
            ("id", Text),
            ("title_uk", Text),
            ("title_en", Text),
            ("body_uk", Text),
            ("body_en", Text),
            ("published", Int),
            ("updated_on", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "content_changes",
        columns: &[("kind", Text), ("key", Text), ("site_id", Text), ("version", Int)],
        order_by: "kind, key, site_id",
    },
    Table {
        name: "audit_entries",
        columns: &[
            ("seq", Int),
            ("time", Int),
            ("actor", Text),
            ("action", Text),
            ("target", Text),
            ("detail", Text),
            ("leaf_hash", Text),
        ],
        order_by: "seq",
    },
    Table {
        name: "audit_checkpoints",
        columns: &[("size", Int), ("origin", Text), ("root", Text), ("time", Int), ("signature", Text)],
        order_by: "size",
    },
    Table { name: "audit_frontier", columns: &[("id", Int), ("size", Int), ("frontier", Blob)], order_by: "id" },
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("role", Text),
            ("password_hash", Text),
            ("totp_secret", Text),
            ("totp_last_step", Int),
            ("disabled", Int),
            ("created_at", Int),
            ("password_changed_at", Int),
            ("reader_public", Text),
            ("reader_key", Blob),
        ],
        order_by: "id",
    },
    Table {
        name: "revisions",
        columns: &[
            ("id", Int),
            ("record_kind", Text),
            ("record_id", Text),
            ("actor", Text),
            ("time", Int),
            ("action", Text),
            ("snapshot", Text),
            ("published", Int),
            ("public_note", Text),
            ("proposal", Text),
            ("proposed_note", Text),
        ],
        order_by: "id",
    },
    Table {
        name: "staff_notes",
        columns: &[("record_kind", Text), ("record_id", Text), ("note", Text), ("actor", Text), ("updated_on", Text)],
        order_by: "record_kind, record_id",
    },
    Table {
        name: "pending_changes",
        columns: &[("record_kind", Text), ("record_id", Text), ("revision_id", Int)],
        order_by: "record_kind, record_id",
    },
    Table {
        name: "intake_submissions",
        columns: &[
            ("id", Text),
            ("kind", Text),
            ("received_on", Text),
            ("receipt_lookup", Text),
            ("public_key", Text),
            ("source_key", Text),
            ("status", Text),
            ("status_on", Text),
            ("assignee", Int),
            ("answers", Blob),
        ],
        order_by: "id",
    },
    Table {
        name: "intake_keys",
        columns: &[("submission_id", Text), ("user_id", Int), ("sealed", Blob)],
        order_by: "submission_id, user_id",
    },
    Table {
        name: "intake_files",
        columns: &[
            ("id", Text),
            ("submission_id", Text),
            ("seq", Int),
            ("blob", Text),
            ("origin", Text),
            ("derived_from", Text),
            ("meta", Blob),
        ],
        // A public copy names the file it was made from, sent before it.
        order_by: "submission_id, seq",
    },
    Table {
        name: "intake_messages",
        columns: &[
            ("id", Int),
            ("submission_id", Text),
            ("author", Text),
            ("staff_name", Text),
            ("sent_on", Text),
            ("body", Blob),
        ],
        order_by: "id",
    },
    Table {
        name: "intake_links",
        columns: &[("submission_id", Text), ("record_kind", Text), ("record_id", Text)],
        order_by: "submission_id, record_kind, record_id",
    },
    Table { name: "intake_seals", columns: &[("batch", Text), ("day", Text), ("pack", Text)], order_by: "batch" },
    Table { name: "intake_packs", columns: &[("name", Text), ("bytes", Int), ("sha256", Text)], order_by: "name" },
    Table {
        name: "intake_sealed_blobs",
        columns: &[("blob", Text), ("pack", Text), ("start", Int), ("length", Int), ("sha256", Text)],
        order_by: "blob",
    },
    Table {
        name: "intake_pack_chunks",
        columns: &[("pack", Text), ("seq", Int), ("data", Blob)],
        order_by: "pack, seq",
    },
];

/// The tables whose rows, if any, make a database a deployment: a copy goes
/// only into a database with none (a fresh one, migrated).
pub const MUST_BE_EMPTY: &[&str] =
    &["sites", "sources", "faq", "pages", "audit_entries", "users", "revisions", "intake_submissions"];

/// How many rows of each table a copy moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(&'static str, u64)>,
}

/// Where a copy writes: a transaction of the target, open until `finish`
/// commits it (dropped before, it stores nothing).
#[async_trait::async_trait]
pub trait RowSink: Send {
    /// Stores rows of `table`, each with the table's columns in order.
    async fn insert(&mut self, table: &Table, rows: Vec<Vec<Value>>) -> Result<(), crate::StoreError>;

    /// Sets what follows from the rows (the next ids) and commits.
    async fn finish(self: Box<Self>) -> Result<(), crate::StoreError>;
}
