//! AI Act classification runs and the obligations they put on the organisation.

use async_trait::async_trait;
use sqlx::QueryBuilder;
use sqlx::types::Json;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::classification::{
    ClassificationRun, ObligationItemId, ObligationSpec, ObligationUpdate, RunId,
    TrackedObligation, plan_sync,
};
use aireg_domain::policy::{Action, Permit, ReadScope};
use aireg_domain::validation::Problem;
use aireg_domain::{OrgId, SystemId};
use aireg_store::prelude::*;
use aireg_store::{
    Classification, ClassificationStore, NewClassificationRun, ObligationFilter, StoreError,
    StoreResult, SystemFilter,
};

use crate::rows::{ObligationRow, RunRow, SystemRow};
use crate::systems::push_conditions;
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend, orgs};

/// The `subject` of an organisation-level obligation.
const ORGANISATION: &str = "organisation";

use aireg_domain::clock::iso;

/// The newest run of each record a scope sees: the start of the query, whose rest
/// [`push_current_runs`] writes.
pub(crate) const CURRENT_RUNS: &str = "SELECT id, system_id, org_id, pack_version, answers, \
     justifications, facts, outcome, category, source, created_at, created_by, created_by_name \
     FROM classification_run r WHERE r.id = (SELECT n.id FROM classification_run n \
     WHERE n.system_id = r.system_id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) \
     AND r.system_id IN (SELECT id FROM ai_system";

/// The records of [`CURRENT_RUNS`]: those the scope sees, of `systems` when given.
pub(crate) fn push_current_runs<DB>(
    q: &mut QueryBuilder<DB>,
    scope: &ReadScope,
    systems: Option<&[SystemId]>,
) where
    DB: sqlx::Database,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    push_conditions(q, scope, &SystemFilter::default());
    if let Some(ids) = systems {
        q.push(" AND id IN (");
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(id.to_string());
        }
        list.push_unseparated(")");
    }
    q.push(") ORDER BY r.system_id");
}

#[async_trait]
impl ClassificationStore for SqlStore {
    async fn save_classification(
        &self,
        permit: &Permit,
        new: NewClassificationRun,
        obligations: Vec<ObligationSpec>,
    ) -> StoreResult<ClassificationRun> {
        let mut tx = self.begin_write(permit).await?;
        let run = classify_in(&mut tx, permit, new, obligations).await?;
        tx.commit().await?;
        Ok(run)
    }

    async fn save_classifications(
        &self,
        batch: Vec<Classification>,
    ) -> StoreResult<Vec<ClassificationRun>> {
        let Some(first) = batch.first() else {
            return Ok(Vec::new());
        };
        // One author: the transaction's events and runs name them.
        let author = |p: &Permit| (p.actor_id(), p.actor_name().to_string());
        if batch
            .iter()
            .any(|c| author(&c.permit) != author(&first.permit))
        {
            return Err(StoreError::Forbidden);
        }
        let mut tx = self.begin_write(&first.permit).await?;
        let mut runs = Vec::with_capacity(batch.len());
        for c in batch {
            runs.push(classify_in(&mut tx, &c.permit, c.run, c.obligations).await?);
        }
        tx.commit().await?;
        Ok(runs)
    }

    async fn runs_of_other_versions(
        &self,
        scope: &ReadScope,
        version: &str,
        orgs: Option<&[OrgId]>,
        after: Option<SystemId>,
        limit: i64,
    ) -> StoreResult<Vec<ClassificationRun>> {
        let filter = SystemFilter {
            orgs: orgs.map(<[OrgId]>::to_vec),
            ..SystemFilter::default()
        };
        let rows: Vec<RunRow> = on_pool!(self, p => {
            let mut q = QueryBuilder::new(CURRENT_RUNS);
            push_conditions(&mut q, scope, &filter);
            q.push(") AND r.pack_version <> ").push_bind(version.to_string());
            if let Some(after) = after {
                q.push(" AND r.system_id > ").push_bind(after.to_string());
            }
            q.push(" ORDER BY r.system_id LIMIT ").push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(RunRow::into_domain).collect()
    }

    async fn count_runs_of_other_versions(
        &self,
        scope: &ReadScope,
        version: &str,
    ) -> StoreResult<Vec<(OrgId, i64)>> {
        let rows: Vec<(String, i64)> = on_pool!(self, p => {
            let mut q = QueryBuilder::new(
                "SELECT r.org_id, COUNT(*) FROM classification_run r WHERE r.id = (SELECT n.id \
                 FROM classification_run n WHERE n.system_id = r.system_id \
                 ORDER BY n.created_at DESC, n.id DESC LIMIT 1) \
                 AND r.system_id IN (SELECT id FROM ai_system",
            );
            push_conditions(&mut q, scope, &SystemFilter::default());
            q.push(") AND r.pack_version <> ").push_bind(version.to_string());
            q.push(" GROUP BY r.org_id ORDER BY r.org_id");
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter()
            .map(|(org, n)| Ok((crate::parse_id("organisation id", &org)?, n)))
            .collect()
    }

    async fn classification_runs(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<ClassificationRun>> {
        if scope.is_public() || self.system(scope, system).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<RunRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("runs_of_system")).bind(system.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(RunRow::into_domain).collect()
    }

    async fn classification_run(
        &self,
        scope: &ReadScope,
        id: RunId,
    ) -> StoreResult<Option<ClassificationRun>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<RunRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("run_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(RunRow::into_domain)
            .transpose()?
            .filter(|r| scope.allows(r.org_id, false)))
    }

    async fn current_classifications(
        &self,
        scope: &ReadScope,
        systems: Option<&[SystemId]>,
    ) -> StoreResult<Vec<ClassificationRun>> {
        if systems.is_some_and(<[SystemId]>::is_empty) {
            return Ok(Vec::new());
        }
        // Many records are asked for a thousand at a time: PostgreSQL takes at most 65,535
        // bound values in one statement, and neither engine plans a huge IN list well.
        let pieces: Vec<Option<&[SystemId]>> = match systems {
            Some(ids) => ids.chunks(1000).map(Some).collect(),
            None => vec![None],
        };
        let mut runs = Vec::new();
        for piece in pieces {
            let rows: Vec<RunRow> = on_pool!(self, p => {
                let mut q = QueryBuilder::new(CURRENT_RUNS);
                push_current_runs(&mut q, scope, piece);
                q.build_query_as().fetch_all(p).await
            })
            .map_err(backend)?;
            for row in rows {
                runs.push(row.into_domain()?);
            }
        }
        Ok(runs)
    }

    async fn count_obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<i64> {
        if scope.is_public() {
            return Ok(0);
        }
        on_pool!(self, p => {
            let mut q = QueryBuilder::new("SELECT COUNT(*) FROM obligation_item WHERE 1 = 1");
            push_obligation_filter(&mut q, scope, filter);
            q.build_query_scalar().fetch_one(p).await
        })
        .map_err(backend)
    }

    async fn obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<Vec<TrackedObligation>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<ObligationRow> = on_pool!(self, p => {
            let mut q = QueryBuilder::new(
                "SELECT id, org_id, system_id, obligation_id, article, title, applies_from, \
                 date_status, status, reason, responsible, evidence, active, version, updated_at \
                 FROM obligation_item WHERE 1 = 1",
            );
            push_obligation_filter(&mut q, scope, filter);
            // Drafts' obligations are internal like the drafts; nothing here is public anyway.
            q.push(" ORDER BY applies_from, article, id");
            if let Some(n) = filter.limit {
                q.push(format!(" LIMIT {n}"));
            }
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(ObligationRow::into_domain).collect()
    }

    async fn update_obligation(
        &self,
        permit: &Permit,
        id: ObligationItemId,
        expected_version: i64,
        update: ObligationUpdate,
    ) -> StoreResult<TrackedObligation> {
        let org_id = match permit.org_id() {
            Some(org) if permit.covers(Action::TrackObligations, Some(org)) => org,
            _ => return Err(StoreError::Forbidden),
        };
        let update = update.validate().map_err(StoreError::Invalid)?;
        let mut tx = self.begin_write(permit).await?;
        let row: Option<ObligationRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("obligation_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
        })
        .map_err(backend)?;
        let current = match row.map(ObligationRow::into_domain).transpose()? {
            Some(o) if o.org_id == org_id => o,
            _ => return Err(StoreError::NotFound),
        };
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        if let Some(person) = update.responsible {
            let tree = orgs::tree_in(&mut tx).await?;
            let mut related = tree.descendants_and_self(org_id);
            related.extend(tree.ancestors_and_self(org_id));
            let held: Vec<(String,)> = on_tx!(tx, c => {
                sqlx::query_as(sql!("membership_orgs_of_user"))
                    .bind(person.to_string())
                    .fetch_all(&mut *c)
                    .await
            })
            .map_err(backend)?;
            if !held
                .iter()
                .any(|(o,)| o.parse::<OrgId>().is_ok_and(|o| related.contains(&o)))
            {
                return Err(StoreError::invalid(
                    "responsible",
                    Problem::UnknownReference,
                ));
            }
        }
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("obligation_track"))
                .bind(id.to_string())
                .bind(expected_version)
                .bind(update.status.as_str())
                .bind(&update.reason)
                .bind(update.responsible.map(|u| u.to_string()))
                .bind(Json(&update.evidence))
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let updated = TrackedObligation {
            status: update.status,
            reason: update.reason,
            responsible: update.responsible,
            evidence: update.evidence,
            version: current.version + 1,
            updated_at: now,
            ..current.clone()
        };
        tx.audit(
            NewAuditEvent::new("obligation.update", "obligation", id)
                .org(Some(org_id))
                .before(&current)
                .after(&updated),
        )
        .await?;
        tx.commit().await?;
        Ok(updated)
    }
}

/// Brings one subject's tracked obligations in line with `wanted`; returns what changed.
async fn sync(
    tx: &mut WriteTx,
    org_id: OrgId,
    system_id: Option<SystemId>,
    subject: &str,
    wanted: &[ObligationSpec],
    keep_missing: bool,
) -> StoreResult<serde_json::Value> {
    let rows: Vec<ObligationRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("obligations_of_subject"))
            .bind(org_id.to_string())
            .bind(subject)
            .fetch_all(&mut *c)
            .await
    })
    .map_err(backend)?;
    let current: Vec<TrackedObligation> = rows
        .into_iter()
        .map(ObligationRow::into_domain)
        .collect::<StoreResult<_>>()?;
    let plan = plan_sync(&current, wanted, keep_missing);
    let now = tx.now;
    for spec in &plan.add {
        let id = uuid::Uuid::now_v7();
        on_tx!(tx, c => {
            sqlx::query(sql!("obligation_insert"))
                .bind(id.to_string())
                .bind(org_id.to_string())
                .bind(system_id.map(|s| s.to_string()))
                .bind(subject)
                .bind(&spec.obligation_id)
                .bind(&spec.article)
                .bind(Json(&spec.title))
                .bind(iso(spec.applies_from))
                .bind(&spec.date_status)
                .bind(Json(Vec::<aireg_domain::system::Link>::new()))
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    for (id, spec) in plan.update.iter().chain(&plan.reactivate) {
        on_tx!(tx, c => {
            sqlx::query(sql!("obligation_restate"))
                .bind(id.to_string())
                .bind(&spec.article)
                .bind(Json(&spec.title))
                .bind(iso(spec.applies_from))
                .bind(&spec.date_status)
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    for id in &plan.deactivate {
        on_tx!(tx, c => {
            sqlx::query(sql!("obligation_deactivate"))
                .bind(id.to_string())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    let ids = |items: &[ObligationSpec]| -> Vec<String> {
        items.iter().map(|s| s.obligation_id.clone()).collect()
    };
    let by_id = |id: &ObligationItemId| {
        current
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.obligation_id.clone())
            .unwrap_or_default()
    };
    Ok(serde_json::json!({
        "added": ids(&plan.add),
        "updated": plan.update.iter().map(|(_, s)| s.obligation_id.clone()).collect::<Vec<_>>(),
        "reactivated": plan.reactivate.iter().map(|(_, s)| s.obligation_id.clone()).collect::<Vec<_>>(),
        "deactivated": plan.deactivate.iter().map(by_id).collect::<Vec<_>>(),
    }))
}

/// Stores a run in `tx` (see [`ClassificationStore::save_classification`]).
async fn classify_in(
    tx: &mut WriteTx,
    permit: &Permit,
    new: NewClassificationRun,
    obligations: Vec<ObligationSpec>,
) -> StoreResult<ClassificationRun> {
    let org_id = match permit.org_id() {
        Some(org) if permit.covers(Action::EditSystem, Some(org)) => org,
        _ => return Err(StoreError::Forbidden),
    };
    aireg_domain::classification::check_justifications(&new.justifications)
        .map_err(StoreError::Invalid)?;
    let system: Option<SystemRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("system_by_id"))
            .bind(new.system_id.to_string())
            .fetch_optional(&mut *c)
            .await
    })
    .map_err(backend)?;
    match system.map(SystemRow::into_domain).transpose()? {
        Some(s) if s.org_id == org_id => {}
        _ => return Err(StoreError::NotFound),
    }
    let run = ClassificationRun {
        id: uuid::Uuid::now_v7(),
        system_id: new.system_id,
        org_id,
        pack_version: new.pack_version,
        answers: new.answers,
        justifications: new.justifications,
        facts: new.facts,
        outcome: new.outcome,
        category: new.category,
        source: new.source,
        created_at: tx.now,
        created_by: tx.actor_id,
        created_by_name: tx.actor_name.clone(),
    };
    on_tx!(tx, c => {
        sqlx::query(sql!("run_insert"))
            .bind(run.id.to_string())
            .bind(run.system_id.to_string())
            .bind(org_id.to_string())
            .bind(&run.pack_version)
            .bind(Json(&run.answers))
            .bind(Json(&run.justifications))
            .bind(Json(&run.facts))
            .bind(Json(&run.outcome))
            .bind(run.category.as_str())
            .bind(run.source.as_str())
            .bind(Ts(run.created_at))
            .bind(run.created_by.map(|u| u.to_string()))
            .bind(&run.created_by_name)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    crate::search::index_category(tx, run.system_id, run.category).await?;
    let (org_level, system_level): (Vec<_>, Vec<_>) =
        obligations.into_iter().partition(|o| o.organisation_level);
    let system_subject = run.system_id.to_string();
    let synced_system = sync(
        tx,
        org_id,
        Some(run.system_id),
        &system_subject,
        &system_level,
        false,
    )
    .await?;
    let synced_org = sync(tx, org_id, None, ORGANISATION, &org_level, true).await?;
    tx.audit(
        NewAuditEvent::new("classification.create", "system", run.system_id)
            .org(Some(org_id))
            .after(serde_json::json!({
                "run": run.id,
                "category": run.category,
                "pack_version": run.pack_version,
                "source": run.source,
                "obligations": {"record": synced_system, "organisation": synced_org},
            })),
    )
    .await?;
    Ok(run)
}

/// The conditions of an [`ObligationFilter`] within the scope, after `WHERE 1 = 1`.
fn push_obligation_filter<DB>(
    q: &mut QueryBuilder<DB>,
    scope: &ReadScope,
    filter: &ObligationFilter,
) where
    DB: sqlx::Database,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    crate::governance::push_within(q, scope, filter.orgs.as_deref(), filter.system);
    if !filter.include_inactive {
        q.push(" AND active = ").push_bind(true);
    }
    if filter.open_only {
        q.push(" AND status IN ('todo', 'in_progress')");
    }
    if let Some(d) = filter.applies_before {
        q.push(" AND applies_from < ")
            .push_bind(aireg_domain::clock::iso(d));
    }
}
