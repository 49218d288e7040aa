//! Incidents reported by staff, and residents' feedback on published records.

use aireg_domain::SystemId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::governance::{
    ATTACHMENT_TYPES, Attachment, Feedback, FeedbackId, FeedbackStatus, Incident, IncidentId,
    IncidentNote, IncidentStatus, MAX_ATTACHMENT, MAX_ATTACHMENTS, NewFeedback, NewIncident,
    NewJob, Notification, add_days, sniff_attachment,
};
use aireg_domain::policy::{Action, Permit, ReadScope};
use aireg_domain::system::Publication;
use aireg_domain::validation::Problem;
use aireg_store::{
    NewAttachment, ReportCounts, ReportFilter, ReportStore, StoreError, StoreResult,
};
use async_trait::async_trait;

use crate::governance::{APPROVAL_OPEN, permit_org, push_limit, push_report_filter, system_in};
use crate::jobs::enqueue_in;
use crate::rows::{
    AttachmentDataRow, AttachmentRow, FeedbackRow, IncidentRow, NoteRow, NotificationRow, SystemRow,
};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend};

/// An incident still being handled; feedback not yet answered or closed.
const INCIDENT_OPEN: &str = "status NOT IN ('resolved', 'closed')";
const FEEDBACK_OPEN: &str = "status = 'open'";

/// Feedback due before the filter's date, if it names one.
fn push_feedback_due<DB>(q: &mut sqlx::QueryBuilder<DB>, filter: &ReportFilter)
where
    DB: sqlx::Database,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    if let Some(d) = filter.due_before {
        q.push(" AND response_due < ")
            .push_bind(aireg_domain::clock::iso(d));
    }
}

#[async_trait]
impl ReportStore for SqlStore {
    async fn report_incident(
        &self,
        permit: &Permit,
        system: SystemId,
        new: NewIncident,
        attachments: Vec<NewAttachment>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Incident> {
        let org = permit_org(permit, &[Action::ReportIncident])?;
        let new = new.validate().map_err(StoreError::Invalid)?;
        check_attachments(&attachments)?;
        let mut tx = self.begin_write(permit).await?;
        system_in(&mut tx, system, org).await?;
        let aware_at = new.aware_at.unwrap_or(tx.now).min(tx.now);
        let incident = Incident {
            id: uuid::Uuid::now_v7(),
            system_id: system,
            org_id: org,
            kind: new.kind,
            title: new.title,
            description: new.description,
            status: IncidentStatus::New,
            serious: new.serious,
            aware_at: aireg_domain::clock::truncate(aware_at),
            report_deadline: new.serious.map(|s| s.deadline(aware_at)),
            reported_by: tx.actor_id,
            reported_by_name: tx.actor_name.clone(),
            created_at: tx.now,
            first_response_at: None,
            version: 1,
        };
        on_tx!(tx, c => {
            sqlx::query(sql!("incident_insert"))
                .bind(incident.id.to_string())
                .bind(system.to_string())
                .bind(org.to_string())
                .bind(incident.kind.as_str())
                .bind(&incident.title)
                .bind(&incident.description)
                .bind(incident.serious.map(|s| s.as_str()))
                .bind(Ts(incident.aware_at))
                .bind(incident.report_deadline.map(Ts))
                .bind(incident.reported_by.map(|u| u.to_string()))
                .bind(&incident.reported_by_name)
                .bind(Ts(incident.created_at))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let now = tx.now;
        for a in &attachments {
            let size = i64::try_from(a.data.len()).unwrap_or(i64::MAX);
            on_tx!(tx, c => {
                sqlx::query(sql!("attachment_insert"))
                    .bind(uuid::Uuid::now_v7().to_string())
                    .bind(incident.id.to_string())
                    .bind(&a.filename)
                    .bind(&a.content_type)
                    .bind(size)
                    .bind(&a.data)
                    .bind(Ts(now))
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
        }
        // Each e-mail is also the record of who was told and when.
        for job in &jobs {
            if let Some(to) = job.payload.get("to").and_then(|v| v.as_str()) {
                notify_in(&mut tx, incident.id, to, "email", None).await?;
            }
        }
        enqueue_in(&mut tx, &jobs).await?;
        tx.audit(
            NewAuditEvent::new("incident.report", "system", system)
                .org(Some(org))
                .after(serde_json::json!({
                    "incident": incident.id,
                    "kind": incident.kind,
                    "serious": incident.serious,
                    "report_deadline": incident.report_deadline.map(aireg_domain::clock::rfc3339),
                    "attachments": attachments.iter().map(|a| &a.filename).collect::<Vec<_>>(),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(incident)
    }

    async fn incidents(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Incident>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<IncidentRow> = on_pool!(self, p => {
    let mut q = sqlx::QueryBuilder::new(
        "SELECT id, system_id, org_id, kind, title, description, status, serious, aware_at, \
         report_deadline, reported_by, reported_by_name, created_at, \
         (SELECT MIN(n.at) FROM incident_note n WHERE n.incident_id = incident.id) \
         AS first_response_at, version FROM incident WHERE 1 = 1",
    );
    push_report_filter(&mut q, scope, filter, INCIDENT_OPEN);
    q.push(" ORDER BY created_at DESC, id DESC");
    push_limit(&mut q, filter);
    q.build_query_as().fetch_all(p).await
})
.map_err(backend)?;
        rows.into_iter().map(IncidentRow::into_domain).collect()
    }

    async fn count_reports(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<ReportCounts> {
        if scope.is_public() {
            return Ok(ReportCounts::default());
        }
        let (approvals, incidents, feedback): (i64, i64, i64) = on_pool!(self, p => {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT (SELECT COUNT(*) FROM approval_request WHERE 1 = 1",
            );
            push_report_filter(&mut q, scope, filter, APPROVAL_OPEN);
            q.push("), (SELECT COUNT(*) FROM incident WHERE 1 = 1");
            push_report_filter(&mut q, scope, filter, INCIDENT_OPEN);
            q.push("), (SELECT COUNT(*) FROM feedback WHERE 1 = 1");
            push_report_filter(&mut q, scope, filter, FEEDBACK_OPEN);
            push_feedback_due(&mut q, filter);
            q.push(")");
            q.build_query_as().fetch_one(p).await
        })
        .map_err(backend)?;
        Ok(ReportCounts {
            approvals,
            incidents,
            feedback,
        })
    }

    async fn incident(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Option<Incident>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<IncidentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("incident_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(IncidentRow::into_domain)
            .transpose()?
            .filter(|i| scope.allows(i.org_id, false)))
    }

    async fn attachments(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Vec<Attachment>> {
        visible(self, scope, id).await?;
        let rows: Vec<AttachmentRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("attachments_of")).bind(id.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(AttachmentRow::into_domain).collect()
    }

    async fn attachment_data(
        &self,
        scope: &ReadScope,
        id: uuid::Uuid,
    ) -> StoreResult<Option<(Attachment, Vec<u8>)>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<AttachmentDataRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("attachment_data")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let org = crate::parse_id("organisation id", &row.org_id)?;
        if !scope.allows(org, false) {
            return Ok(None);
        }
        Ok(Some((row.meta.into_domain()?, row.data)))
    }

    async fn update_incident(
        &self,
        permit: &Permit,
        id: IncidentId,
        expected_version: i64,
        status: IncidentStatus,
        note: String,
    ) -> StoreResult<Incident> {
        let org = permit_org(permit, &[Action::HandleReports])?;
        let note = note.trim().to_string();
        if note.chars().count() > 10_000 {
            return Err(StoreError::invalid(
                "note",
                Problem::TooLong { max: 10_000 },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let row: Option<IncidentRow> = on_tx!(tx, c => {
    sqlx::query_as(sql!("incident_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
})
.map_err(backend)?;
        let current = match row.map(IncidentRow::into_domain).transpose()? {
            Some(i) if i.org_id == org => i,
            _ => return Err(StoreError::NotFound),
        };
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        if status == current.status && note.is_empty() {
            return Err(StoreError::invalid("note", Problem::Required));
        }
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("incident_status"))
                .bind(id.to_string())
                .bind(expected_version)
                .bind(status.as_str())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let (actor, name) = (tx.actor_id, tx.actor_name.clone());
        let changed = (status != current.status).then_some(status);
        on_tx!(tx, c => {
            sqlx::query(sql!("incident_note_insert"))
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(id.to_string())
                .bind(actor.map(|u| u.to_string()))
                .bind(&name)
                .bind(Ts(now))
                .bind(changed.map(|s| s.as_str()))
                .bind(&note)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let updated = Incident {
            status,
            first_response_at: current.first_response_at.or(Some(tx.now)),
            version: current.version + 1,
            ..current.clone()
        };
        tx.audit(
            NewAuditEvent::new("incident.update", "system", current.system_id)
                .org(Some(org))
                .before(serde_json::json!({"incident": id, "status": current.status}))
                .after(serde_json::json!({"incident": id, "status": status, "note": note})),
        )
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn incident_notes(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<IncidentNote>> {
        visible(self, scope, id).await?;
        let rows: Vec<NoteRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("incident_notes")).bind(id.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(NoteRow::into_domain).collect()
    }

    async fn record_notification(
        &self,
        permit: &Permit,
        id: IncidentId,
        recipient: String,
        channel: String,
        note: Option<String>,
    ) -> StoreResult<Notification> {
        let org = permit_org(permit, &[Action::HandleReports])?;
        let recipient = recipient.trim().to_string();
        if recipient.is_empty() {
            return Err(StoreError::invalid("recipient", Problem::Required));
        }
        if recipient.chars().count() > 300 {
            return Err(StoreError::invalid(
                "recipient",
                Problem::TooLong { max: 300 },
            ));
        }
        if !CHANNELS.contains(&channel.as_str()) {
            return Err(StoreError::invalid(
                "channel",
                Problem::InvalidChoice {
                    allowed: CHANNELS.iter().map(|c| (*c).to_string()).collect(),
                },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let row: Option<IncidentRow> = on_tx!(tx, c => {
    sqlx::query_as(sql!("incident_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
})
.map_err(backend)?;
        let incident = match row.map(IncidentRow::into_domain).transpose()? {
            Some(i) if i.org_id == org => i,
            _ => return Err(StoreError::NotFound),
        };
        let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
            return Err(StoreError::invalid("note", Problem::TooLong { max: 2000 }));
        }
        let n = notify_in(&mut tx, id, &recipient, &channel, note.as_deref()).await?;
        tx.audit(
            NewAuditEvent::new("incident.notify", "system", incident.system_id)
                .org(Some(org))
                .after(&n),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn notifications(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<Notification>> {
        visible(self, scope, id).await?;
        let rows: Vec<NotificationRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("notifications_of")).bind(id.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(NotificationRow::into_domain).collect()
    }

    async fn submit_feedback(
        &self,
        system: SystemId,
        new: NewFeedback,
        response_days: u32,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback> {
        let new = new.validate().map_err(StoreError::Invalid)?;
        let mut tx = self.begin_write_as(None, "public").await?;
        let row: Option<SystemRow> = on_tx!(tx, c => {
    sqlx::query_as(sql!("system_by_id")).bind(system.to_string()).fetch_optional(&mut *c).await
})
.map_err(backend)?;
        let s = match row.map(SystemRow::into_domain).transpose()? {
            Some(s) if s.publication == Publication::Published => s,
            _ => return Err(StoreError::NotFound),
        };
        let f = Feedback {
            id: uuid::Uuid::now_v7(),
            system_id: system,
            org_id: s.org_id,
            kind: new.kind,
            message: new.message,
            name: new.name,
            email: new.email,
            lang: new.lang,
            created_at: tx.now,
            response_due: add_days(tx.now.date(), response_days),
            status: FeedbackStatus::Open,
            response: None,
            responded_by_name: None,
            responded_at: None,
            version: 1,
        };
        let due = aireg_domain::clock::iso(f.response_due);
        on_tx!(tx, c => {
            sqlx::query(sql!("feedback_insert"))
                .bind(f.id.to_string())
                .bind(system.to_string())
                .bind(s.org_id.to_string())
                .bind(f.kind.as_str())
                .bind(&f.message)
                .bind(&f.name)
                .bind(&f.email)
                .bind(f.lang.code())
                .bind(Ts(f.created_at))
                .bind(&due)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        enqueue_in(&mut tx, &jobs).await?;
        // The resident's own words and address are personal data: the audit keeps only the fact.
        tx.audit(
            NewAuditEvent::new("feedback.submit", "system", system)
                .org(Some(s.org_id))
                .after(serde_json::json!({"feedback": f.id, "kind": f.kind, "response_due": due})),
        )
        .await?;
        tx.commit().await?;
        Ok(f)
    }

    async fn feedback(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Feedback>> {
        if scope.is_public() {
            return Ok(Vec::new());
        }
        let rows: Vec<FeedbackRow> = on_pool!(self, p => {
    let mut q = sqlx::QueryBuilder::new(
        "SELECT id, system_id, org_id, kind, message, name, email, lang, created_at, \
         response_due, status, response, responded_by_name, responded_at, version FROM feedback \
         WHERE 1 = 1",
    );
    push_report_filter(&mut q, scope, filter, FEEDBACK_OPEN);
    push_feedback_due(&mut q, filter);
    q.push(" ORDER BY response_due, id");
    push_limit(&mut q, filter);
    q.build_query_as().fetch_all(p).await
})
.map_err(backend)?;
        rows.into_iter().map(FeedbackRow::into_domain).collect()
    }

    async fn feedback_item(
        &self,
        scope: &ReadScope,
        id: FeedbackId,
    ) -> StoreResult<Option<Feedback>> {
        if scope.is_public() {
            return Ok(None);
        }
        let row: Option<FeedbackRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("feedback_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(FeedbackRow::into_domain)
            .transpose()?
            .filter(|f| scope.allows(f.org_id, false)))
    }

    async fn respond_feedback(
        &self,
        permit: &Permit,
        id: FeedbackId,
        expected_version: i64,
        status: FeedbackStatus,
        response: Option<String>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback> {
        let org = permit_org(permit, &[Action::HandleReports])?;
        let response = response
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        if status == FeedbackStatus::Answered && response.is_none() {
            return Err(StoreError::invalid("response", Problem::Required));
        }
        if response
            .as_ref()
            .is_some_and(|r| r.chars().count() > 10_000)
        {
            return Err(StoreError::invalid(
                "response",
                Problem::TooLong { max: 10_000 },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let row: Option<FeedbackRow> = on_tx!(tx, c => {
    sqlx::query_as(sql!("feedback_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
})
.map_err(backend)?;
        let current = match row.map(FeedbackRow::into_domain).transpose()? {
            Some(f) if f.org_id == org => f,
            _ => return Err(StoreError::NotFound),
        };
        if current.version != expected_version {
            return Err(StoreError::Conflict {
                current: current.version,
            });
        }
        let now = tx.now;
        let (actor, name) = (tx.actor_id, tx.actor_name.clone());
        on_tx!(tx, c => {
            sqlx::query(sql!("feedback_respond"))
                .bind(id.to_string())
                .bind(expected_version)
                .bind(status.as_str())
                .bind(&response)
                .bind(actor.map(|u| u.to_string()))
                .bind(&name)
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let updated = Feedback {
            status,
            response,
            responded_by_name: Some(name),
            // The first answer (or closing) is the response; a reopening keeps it.
            responded_at: if status == FeedbackStatus::Open {
                current.responded_at
            } else {
                current.responded_at.or(Some(now))
            },
            version: current.version + 1,
            ..current.clone()
        };
        enqueue_in(&mut tx, &jobs).await?;
        tx.audit(
            NewAuditEvent::new("feedback.respond", "system", current.system_id)
                .org(Some(org))
                .after(serde_json::json!({"feedback": id, "status": status})),
        )
        .await?;
        tx.commit().await?;
        Ok(updated)
    }
}

/// The evidence limits, checked here too so that no caller can store an executable or a huge
/// file: at most [`MAX_ATTACHMENTS`] files of [`MAX_ATTACHMENT`] bytes whose content is what
/// their type says.
fn check_attachments(attachments: &[NewAttachment]) -> StoreResult<()> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(StoreError::invalid(
            "attachments",
            Problem::TooMany {
                max: MAX_ATTACHMENTS,
            },
        ));
    }
    for a in attachments {
        if a.data.len() > MAX_ATTACHMENT {
            return Err(StoreError::invalid(
                "attachments",
                Problem::TooLarge {
                    max: MAX_ATTACHMENT,
                },
            ));
        }
        if sniff_attachment(&a.data) != Some(a.content_type.as_str()) {
            return Err(StoreError::invalid(
                "attachments",
                Problem::InvalidChoice {
                    allowed: ATTACHMENT_TYPES
                        .iter()
                        .map(|(t, _)| (*t).to_string())
                        .collect(),
                },
            ));
        }
        if a.filename.trim().is_empty() || a.filename.chars().count() > 200 {
            return Err(StoreError::invalid(
                "attachments",
                Problem::TooLong { max: 200 },
            ));
        }
    }
    Ok(())
}

/// How someone can be told about an incident.
pub const CHANNELS: &[&str] = &["email", "authority", "phone", "other"];

async fn notify_in(
    tx: &mut WriteTx,
    incident: IncidentId,
    recipient: &str,
    channel: &str,
    note: Option<&str>,
) -> StoreResult<Notification> {
    let n = Notification {
        id: uuid::Uuid::now_v7(),
        incident_id: incident,
        recipient: recipient.to_string(),
        channel: channel.to_string(),
        at: tx.now,
        note: note.map(String::from),
    };
    on_tx!(tx, c => {
        sqlx::query(sql!("notification_insert"))
            .bind(n.id.to_string())
            .bind(incident.to_string())
            .bind(&n.recipient)
            .bind(&n.channel)
            .bind(Ts(n.at))
            .bind(&n.note)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(n)
}

async fn visible(store: &SqlStore, scope: &ReadScope, id: IncidentId) -> StoreResult<Incident> {
    store.incident(scope, id).await?.ok_or(StoreError::NotFound)
}
