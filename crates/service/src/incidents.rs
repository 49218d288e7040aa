//! Incidents and deviations: any staff member of the organisation reports one on a record,
//! with evidence files; it goes by e-mail to the people the policy routes its kind to; those
//! who handle reports move it through its states with notes and record who else was told. A
//! serious incident (AI Act art. 3(49)) carries its art. 73 reporting deadline.

use time::{Date, Duration, OffsetDateTime, UtcOffset};

use aireg_domain::SystemId;
use aireg_domain::governance::{
    ATTACHMENT_TYPES, BREACH_NOTICE_PERIOD, Incident, IncidentId, IncidentKind, IncidentStatus,
    MAX_ATTACHMENT, MAX_ATTACHMENTS, NewIncident, Notification, SeriousKind, sniff_attachment,
};
use aireg_domain::person::User;
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::AiSystem;
use aireg_domain::validation::{FieldError, Problem};
use aireg_i18n::{Tr, format};
use aireg_store::NewAttachment;

use crate::outbox::Mail;
use crate::{ServiceError, ServiceResult, Services};

/// A file chosen as evidence, as uploaded.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub filename: String,
    pub data: Vec<u8>,
}

/// A report as the person gives it.
#[derive(Debug, Clone)]
pub struct IncidentReport {
    pub kind: IncidentKind,
    pub serious: Option<SeriousKind>,
    pub title: String,
    pub description: String,
    /// The day the organisation became aware; today when not given.
    pub aware_on: Option<Date>,
    pub files: Vec<Evidence>,
    /// Files refused already for being over [`MAX_ATTACHMENT`] bytes (not read into memory).
    pub oversized: usize,
}

/// How long back an awareness date may go: older reports are not incidents to route now.
const EARLIEST_AWARENESS: Duration = Duration::days(5 * 366);

impl Services {
    /// Who a report of `kind` on `system` goes to: the bodies the policy routes the kind to,
    /// or, without a policy, the people the record names.
    pub async fn incident_recipients(
        &self,
        system: &AiSystem,
        kind: IncidentKind,
    ) -> ServiceResult<Vec<User>> {
        let Some(pack) = self.pack_for(system.org_id).await? else {
            return self.named_people(system).await;
        };
        let mut people: Vec<User> = Vec::new();
        for body_id in pack.incident_recipients(kind) {
            if let Some(body) = pack.body(&body_id) {
                for u in self.body_members(system, body).await? {
                    if !people.iter().any(|p| p.id == u.id) {
                        people.push(u);
                    }
                }
            }
        }
        Ok(people)
    }

    /// Files an incident on a record with its evidence, and tells the people its kind is routed
    /// to, each in their language, with the art. 73 deadline when it is serious.
    pub async fn report_incident(
        &self,
        actor: &Actor,
        system: SystemId,
        report: IncidentReport,
    ) -> ServiceResult<Incident> {
        let system = self.readable(actor, system).await?;
        let permit = authorize(actor, Action::ReportIncident, Resource::system(&system))?;
        let mut errors: Vec<FieldError> = Vec::new();
        let now = self.now();
        let today = format::helsinki(now).date();
        let aware = match report.aware_on {
            Some(d) if d <= today && d >= today - EARLIEST_AWARENESS => Some(aware_at(d, now)),
            Some(_) => {
                errors.push(FieldError::new("aware_on", Problem::InvalidDate));
                None
            }
            None => None,
        };
        if report.oversized > 0 {
            errors.push(FieldError::new(
                "attachments",
                Problem::TooLarge {
                    max: MAX_ATTACHMENT,
                },
            ));
        }
        if report.files.len() + report.oversized > MAX_ATTACHMENTS {
            errors.push(FieldError::new(
                "attachments",
                Problem::TooMany {
                    max: MAX_ATTACHMENTS,
                },
            ));
        }
        let mut attachments = Vec::new();
        for f in report.files {
            match sniff_attachment(&f.data) {
                Some(content_type) => attachments.push(NewAttachment {
                    filename: if f.filename.is_empty() {
                        "evidence".into()
                    } else {
                        f.filename
                    },
                    content_type: content_type.to_string(),
                    data: f.data,
                }),
                None => errors.push(FieldError::new(
                    "attachments",
                    Problem::InvalidChoice {
                        allowed: ATTACHMENT_TYPES
                            .iter()
                            .map(|(_, e)| (*e).to_string())
                            .collect(),
                    },
                )),
            }
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let incident = NewIncident {
            kind: report.kind,
            title: report.title,
            description: report.description,
            serious: report.serious,
            aware_at: aware,
        };
        let deadline = report.serious.map(|s| s.deadline(aware.unwrap_or(now)));
        let mut jobs = Vec::new();
        for p in self.incident_recipients(&system, report.kind).await? {
            let l = p.language;
            let t = Tr::new(l);
            let serious = match (report.serious, deadline) {
                (Some(s), Some(d)) => t.get2(
                    "mail-incident-serious",
                    "article",
                    s.article(),
                    "deadline",
                    format::datetime(d, l),
                ),
                _ => String::new(),
            };
            // GDPR art. 33(1): a privacy incident may be a personal data breach, notified
            // within 72 hours of becoming aware.
            let serious = if report.kind == IncidentKind::Privacy {
                let by = format::datetime(aware.unwrap_or(now) + BREACH_NOTICE_PERIOD, l);
                let breach = t.get1("mail-incident-breach", "deadline", by);
                if serious.is_empty() {
                    breach
                } else {
                    format!("{serious}\n\n{breach}")
                }
            } else {
                serious
            };
            let mail = Mail::compose(
                &p,
                "incident-reported",
                &[
                    ("system", system.record.name.text(l, &[]).to_string()),
                    ("kind", t.get(&report.kind.message_id())),
                    ("title", incident.title.trim().to_string()),
                    ("reporter", actor.name().to_string()),
                    ("serious", serious),
                    (
                        "link",
                        self.outbox()
                            .link(&format!("/{}/staff/incidents", l.code())),
                    ),
                ],
            );
            jobs.push(mail.job_at(None, now));
        }
        Ok(self
            .store()
            .report_incident(&permit, system.id, incident, attachments, jobs)
            .await?)
    }

    /// An incident the actor may read, with its record.
    pub async fn incident_of(
        &self,
        actor: &Actor,
        id: IncidentId,
    ) -> ServiceResult<(Incident, AiSystem)> {
        let incident = self
            .store()
            .incident(&ReadScope::for_actor(actor), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let system = self.readable(actor, incident.system_id).await?;
        Ok((incident, system))
    }

    /// Moves an incident on, with a note.
    pub async fn update_incident(
        &self,
        actor: &Actor,
        id: IncidentId,
        expected_version: i64,
        status: IncidentStatus,
        note: &str,
    ) -> ServiceResult<Incident> {
        let (incident, system) = self.incident_of(actor, id).await?;
        let permit = authorize(actor, Action::HandleReports, Resource::system(&system))?;
        Ok(self
            .store()
            .update_incident(
                &permit,
                incident.id,
                expected_version,
                status,
                note.to_string(),
            )
            .await?)
    }

    /// Records that someone was told, e.g. the market surveillance authority.
    pub async fn record_notification(
        &self,
        actor: &Actor,
        id: IncidentId,
        recipient: &str,
        channel: &str,
        note: &str,
    ) -> ServiceResult<Notification> {
        let (incident, system) = self.incident_of(actor, id).await?;
        let permit = authorize(actor, Action::HandleReports, Resource::system(&system))?;
        Ok(self
            .store()
            .record_notification(
                &permit,
                incident.id,
                recipient.to_string(),
                channel.to_string(),
                Some(note.to_string()),
            )
            .await?)
    }
}

/// When the organisation became aware: now for today, else the start of that day in Finnish
/// time (the earlier moment, so a deadline is never counted late).
fn aware_at(day: Date, now: OffsetDateTime) -> OffsetDateTime {
    if day >= format::helsinki(now).date() {
        return now;
    }
    let offset = format::helsinki(day.midnight().assume_utc()).offset();
    day.midnight()
        .assume_offset(offset)
        .to_offset(UtcOffset::UTC)
}

/// Whether an incident is still being handled.
pub fn is_open(i: &Incident) -> bool {
    !matches!(i.status, IncidentStatus::Resolved | IncidentStatus::Closed)
}
