//! Staff's AI usage figures: counts per organisation, tool and month, no users.

use async_trait::async_trait;

use aireg_domain::OrgId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::policy::{Action, Permit};
use aireg_domain::usage::{UsageCell, fingerprint};
use aireg_domain::validation::Problem;
use aireg_store::{StoreError, StoreResult, UsageStore};

use crate::ts::Ts;
use crate::{SqlStore, backend};

#[derive(sqlx::FromRow)]
struct CellRow {
    tool: String,
    month: String,
    users: i64,
    uses: i64,
}

#[async_trait]
impl UsageStore for SqlStore {
    async fn replace_usage(
        &self,
        permit: &Permit,
        org: OrgId,
        related: &[OrgId],
        cells: Vec<UsageCell>,
        replace: bool,
    ) -> StoreResult<u64> {
        if !permit.covers(Action::ImportUsage, Some(org))
            && !permit.covers(Action::AdministerPlatform, None)
        {
            return Err(StoreError::Forbidden);
        }
        let mut months: Vec<&str> = cells.iter().map(|c| c.month.as_str()).collect();
        months.sort_unstable();
        months.dedup();
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        // Checked in the transaction that writes, so two imports cannot both pass.
        let (other_level, saved) = on_tx!(tx, c => async {
            let mut other_level = 0i64;
            for related in related.iter().filter(|r| **r != org) {
                for month in &months {
                    let n: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM usage_figure WHERE org_id = $1 AND month = $2",
                    )
                    .bind(related.to_string())
                    .bind(*month)
                    .fetch_one(&mut *c)
                    .await?;
                    other_level += n;
                }
            }
            let mut saved = 0i64;
            for cell in &cells {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM usage_figure WHERE org_id = $1 AND month = $2 AND tool = $3",
                )
                .bind(org.to_string())
                .bind(&cell.month)
                .bind(&cell.tool)
                .fetch_one(&mut *c)
                .await?;
                saved += n;
            }
            Ok::<_, sqlx::Error>((other_level, saved))
        }
        .await)
        .map_err(backend)?;
        if other_level > 0 {
            return Err(StoreError::invalid("organisation", Problem::Taken));
        }
        if saved > 0 && !replace {
            return Err(StoreError::invalid("month", Problem::Taken));
        }
        on_tx!(tx, c => async {
            for cell in &cells {
                sqlx::query("DELETE FROM usage_figure WHERE org_id = $1 AND month = $2 AND tool = $3")
                    .bind(org.to_string())
                    .bind(&cell.month)
                    .bind(&cell.tool)
                    .execute(&mut *c)
                    .await?;
                sqlx::query(
                    "INSERT INTO usage_figure (org_id, tool, month, users, uses, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(org.to_string())
                .bind(&cell.tool)
                .bind(&cell.month)
                .bind(i64::from(cell.users))
                .bind(i64::try_from(cell.uses).unwrap_or(i64::MAX))
                .bind(Ts(now))
                .execute(&mut *c)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await)
        .map_err(backend)?;
        // The chain cannot forget: it keeps which months, how many figures and their
        // fingerprint, never the figures of cells that are held back.
        tx.audit(
            NewAuditEvent::new("usage.imported", "organisation", org.to_string())
                .org(Some(org))
                .after(serde_json::json!({
                    "months": months,
                    "cells": cells.len(),
                    "replaced": saved,
                    "fingerprint": fingerprint(&cells),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(cells.len() as u64)
    }

    async fn usage(&self, org: OrgId, from_month: &str) -> StoreResult<Vec<UsageCell>> {
        let rows: Vec<CellRow> = on_pool!(self, p => {
            sqlx::query_as(
                "SELECT tool, month, users, uses FROM usage_figure \
                 WHERE org_id = $1 AND month >= $2 ORDER BY month, tool",
            )
            .bind(org.to_string())
            .bind(from_month)
            .fetch_all(p)
            .await
        })
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|r| UsageCell {
                tool: r.tool,
                month: r.month,
                users: u32::try_from(r.users).unwrap_or(u32::MAX),
                uses: u64::try_from(r.uses).unwrap_or(0),
            })
            .collect())
    }
}
