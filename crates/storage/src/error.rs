use inferno_domain::Problem;
use inferno_domain::RowError;
use std::path::PathBuf;

/// A failure of the database itself, never of the caller's input.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {source}")]
    Open { path: String, source: sqlx::Error },
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database was brought up to a schema this program does not know:
    /// a newer release wrote it, and this one could misread or damage it.
    #[error(
        "the database's schema is newer than this program: it has migration {found}, and this program knows migrations up to {known}; run the release that wrote it, or a later one"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("database error: {0}")]
    Read(#[from] rusqlite::Error),
    /// What the database holds refuses the request (a taken name, a change
    /// replaced meanwhile): the caller words it for whoever asked.
    #[error("{0}")]
    Conflict(Problem),
    /// A copy's target already holds a deployment's records.
    #[error(
        "the target database is not empty (its table {table} has rows): a copy goes only into a new database, migrated and empty"
    )]
    NotEmpty { table: &'static str },
    #[error("stored record {what} is invalid: {reason}")]
    Corrupt { what: String, reason: String },
    /// The data directory's secrets are not the deployment's.
    #[error(transparent)]
    Secret(#[from] SecretProblem),
    /// The store of sealed packs failed (the object store did not answer,
    /// or gave back other bytes than were written).
    #[error("the pack store ({store}) failed: {reason}")]
    Packs { store: String, reason: String },
    /// The day's seal is moving this submission into the database.
    #[error("the day's seal is moving this submission; try again in a moment")]
    SealUnderWay,
    /// The inbox's blob chunks could not be read or written.
    #[error("the inbox failed: {0}")]
    Inbox(#[from] std::io::Error),
}

/// Why a node's secret disagrees with its database.
#[derive(Debug, thiserror::Error)]
pub enum SecretProblem {
    #[error(
        "the data directory lacks {file}, which this database's deployment uses (the database records it as {recorded}…): copy it from a node of the deployment, or provision this node with `inferno secrets import`; a new one would not match what the deployment has signed or derived"
    )]
    Missing { file: PathBuf, recorded: String },
    #[error(
        "{file} is not the one this database's deployment uses (the database records {recorded}…, the file gives {found}…): this data directory belongs to another deployment, or its file was replaced; put the deployment's file in its place (`inferno secrets import`)"
    )]
    Other { file: PathBuf, recorded: String, found: String },
    #[error(
        "the data directory lacks {file}, and the database holds {history} made with one but records none (it was written by an earlier release): copy the file from the data directory that made them"
    )]
    Unrecorded { file: PathBuf, history: &'static str },
    #[error(
        "{file} did not sign this database's audit log: this data directory belongs to another deployment; put the key that signed it in its place"
    )]
    NotTheSigner { file: PathBuf },
    #[error(
        "another node made this deployment's {name} at the same moment; this node's was removed: provision it with `inferno secrets import`"
    )]
    Raced { name: String },
}

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input names records that don't exist; each problem has its line.
    #[error("{} problem(s) in the input", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(StoreError::Sql(e))
    }
}
