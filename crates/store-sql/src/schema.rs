//! The schema as the database reports it, for the parity test between the engines.

use crate::{Db, SqlStore};

/// One column: table, name, declared type (lower-case, as the engine names it), not null.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub table: String,
    pub name: String,
    pub declared_type: String,
    pub not_null: bool,
}

impl SqlStore {
    /// Every column of every table aireg created (not the migration bookkeeping).
    pub async fn columns(&self) -> Result<Vec<Column>, sqlx::Error> {
        let rows = match &self.db {
            Db::Sqlite(p) => crate::sqlite::columns(p).await?,
            Db::Postgres(p) => crate::postgres::columns(p).await?,
        };
        let mut out: Vec<Column> = rows
            .into_iter()
            .map(|(table, name, ty, not_null)| Column {
                table,
                name,
                declared_type: ty.to_lowercase(),
                not_null,
            })
            .collect();
        out.sort();
        Ok(out)
    }
}

/// The logical type of a declared column type, so the two engines' spellings compare: SQLite
/// keeps the type name as written in the migration, PostgreSQL reports its own name for it.
pub fn logical_type(declared: &str) -> &str {
    match declared {
        "text" | "character varying" => "text",
        "integer" | "bigint" | "int" | "int8" => "integer",
        "boolean" | "bool" => "boolean",
        "timestamptz" | "timestamp with time zone" => "timestamp",
        "jsonb" => "json",
        "bytea" | "blob" => "binary",
        other => other,
    }
}
