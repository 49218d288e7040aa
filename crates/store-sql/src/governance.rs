//! The governance workflow's records: lifecycle transitions, approvals, assessments, reviews,
//! and the policy pack versions seen. Every change is audited against the record it concerns, so
//! the record's audit trail is its governance history.

use async_trait::async_trait;
use sqlx::types::Json;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::governance::{
    ApprovalDecision, ApprovalId, ApprovalRequest, ApprovalStatus, Assessment, AssessmentComment,
    AssessmentId, AssessmentStatus, NewApprovalRequest, NewJob, PolicyReview, Review,
};
use aireg_domain::policy::{Action, Permit, ReadScope};
use aireg_domain::system::{AiSystem, ChangeKind};
use aireg_domain::validation::Problem;
use aireg_domain::{OrgId, SystemId};
use aireg_store::prelude::*;
use aireg_store::{
    AssessmentDraft, GateFacts, GovernanceStore, Move, ReportFilter, StoreError, StoreResult,
};

use crate::jobs::enqueue_in;
use crate::rows::{
    ApprovalRow, AssessmentRow, CommentRow, PolicyReviewRow, ReviewRow, RunRow, SystemRow,
};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend};

/// The organisation a permit for `actions` is for, or `Forbidden`.
pub(crate) fn permit_org(permit: &Permit, actions: &[Action]) -> StoreResult<OrgId> {
    match permit.org_id() {
        Some(org) if actions.iter().any(|a| permit.covers(*a, Some(org))) => Ok(org),
        _ => Err(StoreError::Forbidden),
    }
}

/// The record, if it belongs to `org`.
pub(crate) async fn system_in(tx: &mut WriteTx, id: SystemId, org: OrgId) -> StoreResult<AiSystem> {
    let row: Option<SystemRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("system_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
    })
    .map_err(backend)?;
    match row.map(SystemRow::into_domain).transpose()? {
        Some(s) if s.org_id == org => Ok(s),
        _ => Err(StoreError::NotFound),
    }
}

/// Records a new version of a record whose content changed outside the edit form (a
/// transition, a review).
async fn save_version(
    tx: &mut WriteTx,
    current: &AiSystem,
    record: aireg_domain::system::SystemRecord,
    change: ChangeKind,
) -> StoreResult<AiSystem> {
    let now = tx.now;
    crate::search::count_published(tx, current.id, -1).await?;
    let done = on_tx!(tx, c => {
        sqlx::query(sql!("system_transition"))
            .bind(current.id.to_string())
            .bind(current.org_id.to_string())
            .bind(current.version)
            .bind(record.lifecycle.as_str())
            .bind(Ts(now))
            .bind(record.next_review.map(aireg_domain::clock::iso))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    if done != 1 {
        return Err(StoreError::Conflict {
            current: current.version,
        });
    }
    crate::search::count_published(tx, current.id, 1).await?;
    let updated = AiSystem {
        version: current.version + 1,
        record,
        updated_at: now,
        ..current.clone()
    };
    crate::systems::record_version(tx, &updated, change).await?;
    Ok(updated)
}

/// The scope and filter of a report list (`open` is the SQL for "still open").
pub(crate) fn push_report_filter<DB>(
    q: &mut sqlx::QueryBuilder<DB>,
    scope: &ReadScope,
    filter: &ReportFilter,
    open: &str,
) where
    DB: sqlx::Database,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    push_within(q, scope, filter.orgs.as_deref(), filter.system);
    if let Some(ids) = &filter.systems {
        crate::systems::push_in(q, "system_id", ids.iter().map(ToString::to_string));
    }
    if filter.open_only {
        q.push(" AND ").push(open);
    }
}

/// The rows of the scope's organisations, of `orgs` and of `system` where given, by their
/// `org_id` and `system_id` columns.
pub(crate) fn push_within<DB>(
    q: &mut sqlx::QueryBuilder<DB>,
    scope: &ReadScope,
    orgs: Option<&[OrgId]>,
    system: Option<SystemId>,
) where
    DB: sqlx::Database,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    if let Some(orgs) = scope.orgs() {
        crate::systems::push_in(q, "org_id", orgs.iter().map(ToString::to_string));
    }
    if let Some(orgs) = orgs {
        crate::systems::push_in(q, "org_id", orgs.iter().map(ToString::to_string));
    }
    if let Some(s) = system {
        q.push(" AND system_id = ").push_bind(s.to_string());
    }
}

/// An approval request not yet decided.
pub(crate) const APPROVAL_OPEN: &str = "status = 'open'";

/// The list's bound, if the filter sets one (a number, written into the SQL as such).
pub(crate) fn push_limit<DB: sqlx::Database>(
    q: &mut sqlx::QueryBuilder<DB>,
    filter: &ReportFilter,
) {
    if let Some(n) = filter.limit {
        q.push(format!(" LIMIT {n}"));
    }
}

async fn assessment_version(tx: &mut WriteTx, a: &Assessment) -> StoreResult<()> {
    let (now, actor, name) = (tx.now, tx.actor_id, tx.actor_name.clone());
    on_tx!(tx, c => {
        sqlx::query(sql!("assessment_version_insert"))
            .bind(a.id.to_string())
            .bind(a.version)
            .bind(a.status.as_str())
            .bind(Json(&a.answers))
            .bind(Ts(now))
            .bind(actor.map(|u| u.to_string()))
            .bind(&name)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(())
}

async fn assessment_by_id_in(
    tx: &mut WriteTx,
    id: AssessmentId,
) -> StoreResult<Option<Assessment>> {
    let row: Option<AssessmentRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("assessment_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
    })
    .map_err(backend)?;
    row.map(AssessmentRow::into_domain).transpose()
}

use aireg_domain::clock::iso;

/// Moves `current` through the move's gate inside `tx`: reads there what the gate looks at,
/// asks the gate, and saves the move as a new version with its audit event. The caller
/// commits; a closed gate leaves nothing to commit.
pub(crate) async fn move_in(
    tx: &mut WriteTx,
    current: AiSystem,
    to: Move<'_>,
) -> StoreResult<AiSystem> {
    let org = permit_org(to.permit, &[Action::GovernSystem])?;
    if org != current.org_id {
        return Err(StoreError::Forbidden);
    }
    if current.record.lifecycle == to.to {
        return Ok(current);
    }
    let id = current.id.to_string();
    let (run, approvals, assessments) = on_tx!(tx, c => {
        let run: Option<RunRow> = sqlx::query_as(sql!("run_latest_of_system"))
            .bind(&id)
            .fetch_optional(&mut *c)
            .await
            .map_err(backend)?;
        let approvals: Vec<ApprovalRow> = sqlx::query_as(sql!("approvals_of_system"))
            .bind(&id)
            .fetch_all(&mut *c)
            .await
            .map_err(backend)?;
        let assessments: Vec<AssessmentRow> = sqlx::query_as(sql!("assessments_of_system"))
            .bind(&id)
            .fetch_all(&mut *c)
            .await
            .map_err(backend)?;
        (run, approvals, assessments)
    });
    let run = run.map(RunRow::into_domain).transpose()?;
    let approvals = approvals
        .into_iter()
        .map(ApprovalRow::into_domain)
        .collect::<StoreResult<Vec<_>>>()?;
    let assessments = assessments
        .into_iter()
        .map(AssessmentRow::into_domain)
        .collect::<StoreResult<Vec<_>>>()?;
    let facts = GateFacts {
        system: &current,
        classification: run.as_ref(),
        approvals: &approvals,
        assessments: &assessments,
    };
    if !to.gate.allows(to.to, &facts) {
        return Err(StoreError::GateClosed);
    }
    let from = current.record.lifecycle;
    let mut record = current.record.clone();
    record.lifecycle = to.to;
    let updated = save_version(tx, &current, record, ChangeKind::Transitioned).await?;
    tx.audit(
        NewAuditEvent::new("system.transition", "system", current.id)
            .org(Some(org))
            .before(serde_json::json!({"version": current.version, "lifecycle": from}))
            .after(serde_json::json!({"version": updated.version, "lifecycle": to.to})),
    )
    .await?;
    Ok(updated)
}

#[async_trait]
impl GovernanceStore for SqlStore {
    async fn transition_system(
        &self,
        id: SystemId,
        expected_version: Option<i64>,
        to: Move<'_>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<AiSystem> {
        let org = permit_org(to.permit, &[Action::GovernSystem])?;
        let mut tx = self.begin_write(to.permit).await?;
        let current = system_in(&mut tx, id, org).await?;
        if let Some(v) = expected_version
            && v != current.version
        {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        if current.record.lifecycle == to.to {
            return Ok(current);
        }
        let updated = move_in(&mut tx, current, to).await?;
        enqueue_in(&mut tx, &jobs).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn request_approvals(
        &self,
        permit: &Permit,
        system: SystemId,
        requests: Vec<NewApprovalRequest>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Vec<ApprovalRequest>> {
        let org = permit_org(permit, &[Action::GovernSystem])?;
        let mut tx = self.begin_write(permit).await?;
        system_in(&mut tx, system, org).await?;
        let open: Vec<ApprovalRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("approvals_open_of_system"))
            .bind(system.to_string())
            .fetch_all(&mut *c)
            .await
        })
        .map_err(backend)?;
        let open: Vec<ApprovalRequest> = open
            .into_iter()
            .map(ApprovalRow::into_domain)
            .collect::<StoreResult<_>>()?;
        let mut made = Vec::new();
        for r in requests {
            if r.note.as_ref().is_some_and(|n| n.chars().count() > 5000) {
                return Err(StoreError::invalid("note", Problem::TooLong { max: 5000 }));
            }
            if open
                .iter()
                .any(|o| o.body == r.body && o.target == r.target)
            {
                return Err(StoreError::invalid("approvals", Problem::Taken));
            }
            let request = ApprovalRequest {
                id: uuid::Uuid::now_v7(),
                system_id: system,
                org_id: org,
                body: r.body,
                body_name: r.body_name,
                policy_id: r.policy_id,
                policy_version: r.policy_version,
                target: r.target,
                reason: r.reason,
                own_decision: r.own_decision,
                routed_to: r.routed_to,
                status: ApprovalStatus::Open,
                requested_by: tx.actor_id,
                requested_by_name: tx.actor_name.clone(),
                requested_at: tx.now,
                note: r
                    .note
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
                decided_by: None,
                decided_by_name: None,
                decided_at: None,
                comment: None,
                minutes_ref: None,
                version: 1,
            };
            on_tx!(tx, c => {
                sqlx::query(sql!("approval_insert"))
                    .bind(request.id.to_string())
                    .bind(system.to_string())
                    .bind(org.to_string())
                    .bind(&request.body)
                    .bind(Json(&request.body_name))
                    .bind(&request.policy_id)
                    .bind(&request.policy_version)
                    .bind(request.target.as_str())
                    .bind(Json(&request.reason))
                    .bind(request.own_decision)
                    .bind(request.routed_to.map(|u| u.to_string()))
                    .bind(request.requested_by.map(|u| u.to_string()))
                    .bind(&request.requested_by_name)
                    .bind(Ts(request.requested_at))
                    .bind(&request.note)
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
            tx.audit(
                NewAuditEvent::new("approval.request", "system", system)
                    .org(Some(org))
                    .after(&request),
            )
            .await?;
            made.push(request);
        }
        enqueue_in(&mut tx, &jobs).await?;
        tx.commit().await?;
        Ok(made)
    }

    async fn decide_approval(
        &self,
        permit: &Permit,
        id: ApprovalId,
        expected_version: i64,
        decision: ApprovalDecision,
        jobs: Vec<NewJob>,
    ) -> StoreResult<ApprovalRequest> {
        let org = permit_org(permit, &[Action::DecideApproval])?;
        let decision = decision.validate().map_err(StoreError::Invalid)?;
        let mut tx = self.begin_write(permit).await?;
        let row: Option<ApprovalRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("approval_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
        })
        .map_err(backend)?;
        let current = match row.map(ApprovalRow::into_domain).transpose()? {
            Some(r) if r.org_id == org => r,
            _ => return Err(StoreError::NotFound),
        };
        // Four eyes, again here so that no caller can skip it; and a request routed to a
        // person is decided by that person.
        let requester_decides = !current.own_decision
            && current.requested_by.is_some()
            && current.requested_by == tx.actor_id;
        let someone_else = current.routed_to.is_some() && current.routed_to != tx.actor_id;
        if requester_decides || someone_else {
            return Err(StoreError::Forbidden);
        }
        if current.version != expected_version || current.status != ApprovalStatus::Open {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("approval_decide"))
                .bind(id.to_string())
                .bind(expected_version)
                .bind(decision.decision.status().as_str())
                .bind(permit.actor_id().map(|u| u.to_string()))
                .bind(permit.actor_name())
                .bind(Ts(now))
                .bind(&decision.comment)
                .bind(&decision.minutes_ref)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let decided = ApprovalRequest {
            status: decision.decision.status(),
            decided_by: permit.actor_id(),
            decided_by_name: Some(permit.actor_name().to_string()),
            decided_at: Some(now),
            comment: decision.comment,
            minutes_ref: decision.minutes_ref,
            version: current.version + 1,
            ..current.clone()
        };
        enqueue_in(&mut tx, &jobs).await?;
        tx.audit(
            NewAuditEvent::new("approval.decide", "system", current.system_id)
                .org(Some(org))
                .before(&current)
                .after(&decided),
        )
        .await?;
        tx.commit().await?;
        Ok(decided)
    }

    async fn approvals(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<ApprovalRequest>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<ApprovalRow> = on_pool!(self, p => {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT id, system_id, org_id, body, body_name, policy_id, policy_version, target, \
                 reason, own_decision, routed_to, status, requested_by, requested_by_name, requested_at, note, \
                 decided_by, decided_by_name, decided_at, comment, minutes_ref, version \
                 FROM approval_request WHERE 1 = 1",
            );
            push_report_filter(&mut q, scope, filter, APPROVAL_OPEN);
            q.push(" ORDER BY requested_at, id");
            push_limit(&mut q, filter);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(ApprovalRow::into_domain).collect()
    }

    async fn approval(
        &self,
        scope: &ReadScope,
        id: ApprovalId,
    ) -> StoreResult<Option<ApprovalRequest>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<ApprovalRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("approval_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(ApprovalRow::into_domain)
            .transpose()?
            .filter(|r| scope.allows(r.org_id, false)))
    }

    async fn save_assessment(
        &self,
        permit: &Permit,
        draft: AssessmentDraft,
        expected_version: Option<i64>,
    ) -> StoreResult<Assessment> {
        let org = permit_org(permit, &[Action::GovernSystem])?;
        let mut tx = self.begin_write(permit).await?;
        system_in(&mut tx, draft.system_id, org).await?;
        let row: Option<AssessmentRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("assessment_of"))
                .bind(draft.system_id.to_string())
                .bind(&draft.template_id)
                .fetch_optional(&mut *c)
                .await
        })
        .map_err(backend)?;
        let existing = row.map(AssessmentRow::into_domain).transpose()?;
        let status = if draft.complete {
            AssessmentStatus::Completed
        } else {
            AssessmentStatus::Draft
        };
        let now = tx.now;
        let (actor, name) = (tx.actor_id, tx.actor_name.clone());
        let saved = match existing {
            Some(current) => {
                if expected_version.is_some_and(|v| v != current.version) {
                    return Err(StoreError::Conflict {
                        current: current.version,
                    });
                }
                let done = on_tx!(tx, c => {
                    sqlx::query(sql!("assessment_update"))
                        .bind(current.id.to_string())
                        .bind(current.version)
                        .bind(&draft.template_version)
                        .bind(Json(&draft.answers))
                        .bind(status.as_str())
                        .bind(&draft.sign_off_body)
                        .bind(Ts(now))
                        .bind(actor.map(|u| u.to_string()))
                        .bind(&name)
                        .execute(&mut *c)
                        .await
                        .map(|r| r.rows_affected())
                })
                .map_err(backend)?;
                if done != 1 {
                    return Err(StoreError::Conflict {
                        current: current.version,
                    });
                }
                Assessment {
                    template_version: draft.template_version,
                    answers: draft.answers,
                    status,
                    sign_off_body: draft.sign_off_body,
                    version: current.version + 1,
                    updated_at: now,
                    updated_by_name: name,
                    signed_at: None,
                    signed_by: None,
                    signed_by_name: None,
                    ..current
                }
            }
            None => {
                if expected_version.is_some_and(|v| v != 0) {
                    return Err(StoreError::Conflict { current: 0 });
                }
                let a = Assessment {
                    id: uuid::Uuid::now_v7(),
                    system_id: draft.system_id,
                    org_id: org,
                    template_id: draft.template_id,
                    template_version: draft.template_version,
                    answers: draft.answers,
                    status,
                    sign_off_body: draft.sign_off_body,
                    version: 1,
                    updated_at: now,
                    updated_by_name: name.clone(),
                    signed_at: None,
                    signed_by: None,
                    signed_by_name: None,
                };
                on_tx!(tx, c => {
                    sqlx::query(sql!("assessment_insert"))
                        .bind(a.id.to_string())
                        .bind(a.system_id.to_string())
                        .bind(org.to_string())
                        .bind(&a.template_id)
                        .bind(&a.template_version)
                        .bind(Json(&a.answers))
                        .bind(a.status.as_str())
                        .bind(&a.sign_off_body)
                        .bind(Ts(now))
                        .bind(actor.map(|u| u.to_string()))
                        .bind(&name)
                        .execute(&mut *c)
                        .await
                        .map(|r| r.rows_affected())
                })
                .map_err(backend)?;
                a
            }
        };
        assessment_version(&mut tx, &saved).await?;
        tx.audit(
            NewAuditEvent::new("assessment.save", "system", saved.system_id)
                .org(Some(org))
                .after(serde_json::json!({
                    "assessment": saved.id,
                    "template": saved.template_id,
                    "version": saved.version,
                    "status": saved.status,
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn sign_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        expected_version: i64,
    ) -> StoreResult<Assessment> {
        let org = permit_org(permit, &[Action::SignAssessment])?;
        let mut tx = self.begin_write(permit).await?;
        let current = match assessment_by_id_in(&mut tx, id).await? {
            Some(a) if a.org_id == org => a,
            _ => return Err(StoreError::NotFound),
        };
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        if current.status != AssessmentStatus::Completed {
            return Err(StoreError::invalid(
                "status",
                Problem::InvalidChoice {
                    allowed: vec![AssessmentStatus::Completed.as_str().into()],
                },
            ));
        }
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("assessment_sign"))
                .bind(id.to_string())
                .bind(expected_version)
                .bind(Ts(now))
                .bind(permit.actor_id().map(|u| u.to_string()))
                .bind(permit.actor_name())
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let signed = Assessment {
            status: AssessmentStatus::Signed,
            version: current.version + 1,
            updated_at: now,
            signed_at: Some(now),
            signed_by: permit.actor_id(),
            signed_by_name: Some(permit.actor_name().to_string()),
            ..current
        };
        assessment_version(&mut tx, &signed).await?;
        tx.audit(
            NewAuditEvent::new("assessment.sign", "system", signed.system_id)
                .org(Some(org))
                .after(serde_json::json!({
                    "assessment": signed.id,
                    "template": signed.template_id,
                    "version": signed.version,
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(signed)
    }

    async fn assessments(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<Assessment>> {
        if scope.is_public() || self.system(scope, system).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<AssessmentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("assessments_of_system")).bind(system.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(AssessmentRow::into_domain).collect()
    }

    async fn assessments_in(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Assessment>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<AssessmentRow> = on_pool!(self, p => {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT id, system_id, org_id, template_id, template_version, answers, status, \
                 sign_off_body, version, updated_at, updated_by_name, signed_at, signed_by, \
                 signed_by_name FROM assessment WHERE 1 = 1",
            );
            push_report_filter(&mut q, scope, filter, "status <> 'signed'");
            q.push(" ORDER BY system_id, template_id");
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(AssessmentRow::into_domain).collect()
    }

    async fn assessment(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Option<Assessment>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<AssessmentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("assessment_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(AssessmentRow::into_domain)
            .transpose()?
            .filter(|a| scope.allows(a.org_id, false)))
    }

    async fn comment_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        question: Option<String>,
        text: String,
    ) -> StoreResult<AssessmentComment> {
        let org = permit_org(permit, &[Action::ReadSystem, Action::GovernSystem])?;
        let text = text.trim().to_string();
        if text.is_empty() {
            return Err(StoreError::invalid("comment", Problem::Required));
        }
        if text.chars().count() > 5000 {
            return Err(StoreError::invalid(
                "comment",
                Problem::TooLong { max: 5000 },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let a = match assessment_by_id_in(&mut tx, id).await? {
            Some(a) if a.org_id == org => a,
            _ => return Err(StoreError::NotFound),
        };
        let c = AssessmentComment {
            id: uuid::Uuid::now_v7(),
            assessment_id: id,
            question: question.filter(|q| !q.trim().is_empty()),
            author: tx.actor_id,
            author_name: tx.actor_name.clone(),
            at: tx.now,
            text,
        };
        on_tx!(tx, conn => {
            sqlx::query(sql!("assessment_comment_insert"))
                .bind(c.id.to_string())
                .bind(id.to_string())
                .bind(&c.question)
                .bind(c.author.map(|u| u.to_string()))
                .bind(&c.author_name)
                .bind(Ts(c.at))
                .bind(&c.text)
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("assessment.comment", "system", a.system_id)
                .org(Some(org))
                .after(&c),
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    async fn assessment_comments(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Vec<AssessmentComment>> {
        let row: Option<AssessmentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("assessment_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        match row.map(AssessmentRow::into_domain).transpose()? {
            Some(a) if !scope.is_public() && scope.allows(a.org_id, false) => {}
            _ => return Err(StoreError::NotFound),
        }
        let rows: Vec<CommentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("assessment_comments")).bind(id.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(CommentRow::into_domain).collect()
    }

    async fn record_review(
        &self,
        permit: &Permit,
        system: SystemId,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<Review> {
        let org = permit_org(permit, &[Action::GovernSystem])?;
        let findings = findings.trim().to_string();
        if findings.is_empty() {
            return Err(StoreError::invalid("findings", Problem::Required));
        }
        if findings.chars().count() > 10_000 {
            return Err(StoreError::invalid(
                "findings",
                Problem::TooLong { max: 10_000 },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let current = system_in(&mut tx, system, org).await?;
        let review = Review {
            id: uuid::Uuid::now_v7(),
            system_id: system,
            org_id: org,
            reviewed_at: tx.now,
            reviewer: tx.actor_id,
            reviewer_name: tx.actor_name.clone(),
            findings,
            next_review,
        };
        on_tx!(tx, c => {
            sqlx::query(sql!("review_insert"))
                .bind(review.id.to_string())
                .bind(system.to_string())
                .bind(org.to_string())
                .bind(Ts(review.reviewed_at))
                .bind(review.reviewer.map(|u| u.to_string()))
                .bind(&review.reviewer_name)
                .bind(&review.findings)
                .bind(iso(next_review))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let mut record = current.record.clone();
        record.next_review = Some(next_review);
        save_version(&mut tx, &current, record, ChangeKind::Reviewed).await?;
        tx.audit(
            NewAuditEvent::new("system.review", "system", system)
                .org(Some(org))
                .after(&review),
        )
        .await?;
        tx.commit().await?;
        Ok(review)
    }

    async fn reviews(&self, scope: &ReadScope, system: SystemId) -> StoreResult<Vec<Review>> {
        if scope.is_public() || self.system(scope, system).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<ReviewRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("reviews_of_system")).bind(system.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(ReviewRow::into_domain).collect()
    }

    async fn record_policy_review(
        &self,
        permit: &Permit,
        policy_id: &str,
        policy_version: &str,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<PolicyReview> {
        let org = permit_org(permit, &[Action::ReviewPolicy])?;
        let findings = findings.trim().to_string();
        if findings.is_empty() {
            return Err(StoreError::invalid("findings", Problem::Required));
        }
        if findings.chars().count() > 10_000 {
            return Err(StoreError::invalid(
                "findings",
                Problem::TooLong { max: 10_000 },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let review = PolicyReview {
            id: uuid::Uuid::now_v7(),
            policy_id: policy_id.to_string(),
            policy_version: policy_version.to_string(),
            org_id: org,
            reviewed_at: tx.now,
            reviewer_name: tx.actor_name.clone(),
            findings,
            next_review,
        };
        let reviewer = tx.actor_id;
        on_tx!(tx, c => {
            sqlx::query(sql!("policy_review_insert"))
                .bind(review.id.to_string())
                .bind(policy_id)
                .bind(policy_version)
                .bind(org.to_string())
                .bind(Ts(review.reviewed_at))
                .bind(reviewer.map(|u| u.to_string()))
                .bind(&review.reviewer_name)
                .bind(&review.findings)
                .bind(iso(next_review))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("policy.review", "policy", policy_id)
                .org(Some(org))
                .after(&review),
        )
        .await?;
        tx.commit().await?;
        Ok(review)
    }

    async fn policy_reviews(&self, policy_id: &str) -> StoreResult<Vec<PolicyReview>> {
        let rows: Vec<PolicyReviewRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("policy_reviews")).bind(policy_id).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(PolicyReviewRow::into_domain).collect()
    }

    async fn note_policy_versions(
        &self,
        permit: &Permit,
        packs: &[(String, String)],
    ) -> StoreResult<Vec<(String, String)>> {
        if !permit.covers(Action::AdministerPlatform, None) {
            return Err(StoreError::Forbidden);
        }
        let mut tx = self.begin_write(permit).await?;
        let mut changed = Vec::new();
        for (id, version) in packs {
            let seen: Option<(String,)> = on_tx!(tx, c => {
                sqlx::query_as(sql!("policy_seen_get")).bind(id).fetch_optional(&mut *c).await
            })
            .map_err(backend)?;
            let before = seen.map(|(v,)| v);
            if before.as_deref() == Some(version.as_str()) {
                continue;
            }
            let now = tx.now;
            on_tx!(tx, c => {
                sqlx::query(sql!("policy_seen_upsert"))
                    .bind(id)
                    .bind(version)
                    .bind(Ts(now))
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
            tx.audit(
                NewAuditEvent::new("policy.version", "policy", id)
                    .before(serde_json::json!({ "version": before }))
                    .after(serde_json::json!({ "version": version })),
            )
            .await?;
            changed.push((id.clone(), version.clone()));
        }
        tx.commit().await?;
        Ok(changed)
    }
}
