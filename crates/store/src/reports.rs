//! Incidents and residents' feedback.

use aireg_domain::governance::{
    Attachment, Feedback, FeedbackId, FeedbackStatus, Incident, IncidentId, IncidentNote,
    IncidentStatus, NewFeedback, NewIncident, NewJob, Notification,
};
use aireg_domain::policy::{Permit, ReadScope};
use aireg_domain::{OrgId, SystemId};
use async_trait::async_trait;

use crate::StoreResult;

/// An evidence file to store with an incident (type already checked).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Which reports (incidents, feedback) or approvals to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub system: Option<SystemId>,
    /// Only these records (a page of them).
    pub systems: Option<Vec<SystemId>>,
    /// Only those not yet resolved or answered (approvals: still open).
    pub open_only: bool,
    /// Feedback whose answer is due before this date (overdue on it); approvals and incidents
    /// have no such date and are not narrowed by it.
    pub due_before: Option<time::Date>,
    /// At most this many, in the list's order (a page's lists are bounded; counts and reports
    /// read all).
    pub limit: Option<u32>,
}

/// How many approval requests, incidents and feedback messages a [`ReportFilter`] matches,
/// its `limit` aside: what a bounded list says it leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    pub approvals: i64,
    pub incidents: i64,
    pub feedback: i64,
}

/// Incidents reported by staff and feedback from residents.
#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Files an incident report (`ReportIncident`) with its evidence and the jobs that notify
    /// its recipients; each e-mail job is recorded as a notification.
    async fn report_incident(
        &self,
        permit: &Permit,
        system: SystemId,
        incident: NewIncident,
        attachments: Vec<NewAttachment>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Incident>;

    async fn incidents(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Incident>>;

    async fn incident(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Option<Incident>>;

    /// Counts what `approvals`, `incidents` and `feedback` would list, in one statement.
    async fn count_reports(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<ReportCounts>;

    async fn attachments(&self, scope: &ReadScope, id: IncidentId) -> StoreResult<Vec<Attachment>>;

    async fn attachment_data(
        &self,
        scope: &ReadScope,
        id: uuid::Uuid,
    ) -> StoreResult<Option<(Attachment, Vec<u8>)>>;

    /// Moves an incident on (`HandleReports`), with a note.
    async fn update_incident(
        &self,
        permit: &Permit,
        id: IncidentId,
        expected_version: i64,
        status: IncidentStatus,
        note: String,
    ) -> StoreResult<Incident>;

    async fn incident_notes(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<IncidentNote>>;

    /// Records that someone was told (`HandleReports`), e.g. the market surveillance authority.
    async fn record_notification(
        &self,
        permit: &Permit,
        id: IncidentId,
        recipient: String,
        channel: String,
        note: Option<String>,
    ) -> StoreResult<Notification>;

    async fn notifications(
        &self,
        scope: &ReadScope,
        id: IncidentId,
    ) -> StoreResult<Vec<Notification>>;

    /// A resident's message on a published record; no account. `response_days` from the policy.
    async fn submit_feedback(
        &self,
        system: SystemId,
        feedback: NewFeedback,
        response_days: u32,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback>;

    async fn feedback(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Feedback>>;

    async fn feedback_item(
        &self,
        scope: &ReadScope,
        id: FeedbackId,
    ) -> StoreResult<Option<Feedback>>;

    /// Answers or closes feedback (`HandleReports`), with the e-mail that carries the answer.
    async fn respond_feedback(
        &self,
        permit: &Permit,
        id: FeedbackId,
        expected_version: i64,
        status: FeedbackStatus,
        response: Option<String>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Feedback>;
}
