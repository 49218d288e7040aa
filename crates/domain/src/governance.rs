//! The governance workflow's records: approvals (four eyes), impact assessments with sign-off,
//! reviews, incidents with their art. 73 deadlines, residents' feedback, and the e-mail jobs
//! that remind people of all of it. The rules themselves (who approves what, which assessments a
//! system needs, what a lifecycle gate asks) are each organisation's policy pack, interpreted by
//! `aireg-rules`; this module keeps what people did under them.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Duration, OffsetDateTime};

use crate::clock::iso_date;
use crate::system::Lifecycle;
use crate::validation::{Errors, FieldError, Problem, is_email};
use crate::{Localized, OrgId, SystemId, UserId};

pub type ApprovalId = uuid::Uuid;
pub type AssessmentId = uuid::Uuid;
pub type IncidentId = uuid::Uuid;
pub type FeedbackId = uuid::Uuid;
pub type JobId = uuid::Uuid;

string_enum! {
    /// Where an approval request stands.
    pub enum ApprovalStatus: "approval-status" {
        Open = "open",
        Approved = "approved",
        Rejected = "rejected",
        /// Sent back for more work; a new request follows.
        Returned = "returned",
    }
}

string_enum! {
    /// What a body decided.
    pub enum Decision: "decision" {
        Approve = "approve",
        Reject = "reject",
        Return = "return",
    }
}

impl Decision {
    pub fn status(self) -> ApprovalStatus {
        match self {
            Decision::Approve => ApprovalStatus::Approved,
            Decision::Reject => ApprovalStatus::Rejected,
            Decision::Return => ApprovalStatus::Returned,
        }
    }
}

/// A request for one body's approval of a deployment, and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalRequest {
    pub id: ApprovalId,
    pub system_id: SystemId,
    pub org_id: OrgId,
    /// The policy pack's body id, and its name when requested.
    pub body: String,
    pub body_name: Localized,
    pub policy_id: String,
    pub policy_version: String,
    /// The lifecycle state the approval is for.
    pub target: Lifecycle,
    /// Why the policy routes the deployment to this body.
    pub reason: Localized,
    /// The system owner's own decision (Kainuu 7b): recorded, not requested from others.
    pub own_decision: bool,
    /// For a body that is the person the record names (its system or process owner): who that
    /// was when the approval was asked. They decide, even if the record names someone else by
    /// then. `None` for bodies of role holders, and for requests made before aireg kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routed_to: Option<UserId>,
    pub status: ApprovalStatus,
    pub requested_by: Option<UserId>,
    pub requested_by_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
    pub note: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    pub comment: Option<String>,
    /// The minutes the decision is recorded in, e.g. "§ 4 / 12.3.2026".
    pub minutes_ref: Option<String>,
    pub version: i64,
}

/// A request to make.
#[derive(Debug, Clone, PartialEq)]
pub struct NewApprovalRequest {
    pub body: String,
    pub body_name: Localized,
    pub policy_id: String,
    pub policy_version: String,
    pub target: Lifecycle,
    pub reason: Localized,
    pub own_decision: bool,
    /// The person the record names, for a body that is that person (see
    /// [`ApprovalRequest::routed_to`]).
    pub routed_to: Option<UserId>,
    pub note: Option<String>,
}

/// A decision to record.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalDecision {
    pub decision: Decision,
    pub comment: Option<String>,
    pub minutes_ref: Option<String>,
}

impl ApprovalDecision {
    /// A rejection or a return says why.
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::new();
        self.comment = clean(self.comment);
        self.minutes_ref = clean(self.minutes_ref);
        if self.decision != Decision::Approve && self.comment.is_none() {
            e.add("comment", Problem::Required);
        }
        if let Some(c) = &self.comment {
            e.max_len("comment", c, 5000);
        }
        if let Some(m) = &self.minutes_ref {
            e.max_len("minutes_ref", m, 200);
            e.one_line("minutes_ref", m);
        }
        e.into_result().map(|()| self)
    }
}

fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

string_enum! {
    /// Where an assessment stands.
    pub enum AssessmentStatus: "assessment-status" {
        Draft = "draft",
        Completed = "completed",
        Signed = "signed",
    }
}

/// One impact assessment of one record, from one template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: AssessmentId,
    pub system_id: SystemId,
    pub org_id: OrgId,
    pub template_id: String,
    pub template_version: String,
    pub answers: serde_json::Map<String, Value>,
    pub status: AssessmentStatus,
    /// The policy body that signs it off.
    pub sign_off_body: String,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    pub updated_by_name: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub signed_at: Option<OffsetDateTime>,
    pub signed_by: Option<UserId>,
    pub signed_by_name: Option<String>,
}

/// A comment on an assessment, optionally on one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentComment {
    pub id: uuid::Uuid,
    pub assessment_id: AssessmentId,
    pub question: Option<String>,
    pub author: Option<UserId>,
    pub author_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub text: String,
}

/// A periodic review of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: uuid::Uuid,
    pub system_id: SystemId,
    pub org_id: OrgId,
    #[serde(with = "time::serde::rfc3339")]
    pub reviewed_at: OffsetDateTime,
    pub reviewer: Option<UserId>,
    pub reviewer_name: String,
    pub findings: String,
    #[serde(with = "iso_date")]
    pub next_review: Date,
}

/// A review of a policy pack by the body the pack names (the AI working group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyReview {
    pub id: uuid::Uuid,
    pub policy_id: String,
    pub policy_version: String,
    pub org_id: OrgId,
    #[serde(with = "time::serde::rfc3339")]
    pub reviewed_at: OffsetDateTime,
    pub reviewer_name: String,
    pub findings: String,
    #[serde(with = "iso_date")]
    pub next_review: Date,
}

/// The date `months` after `date` (the last day of the month when it has fewer days).
pub fn add_months(date: Date, months: u32) -> Date {
    let total =
        i64::from(date.year()) * 12 + i64::from(u8::from(date.month()) - 1) + i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(date.year());
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// The date `days` after `date`.
pub fn add_days(date: Date, days: u32) -> Date {
    date.checked_add(Duration::days(i64::from(days)))
        .unwrap_or(date)
}

string_enum! {
    /// What kind of problem was reported.
    pub enum IncidentKind: "incident-kind" {
        Error = "error",
        HarmfulOutput = "harmful_output",
        Misuse = "misuse",
        Security = "security",
        Privacy = "privacy",
    }
}

string_enum! {
    /// Where an incident stands.
    pub enum IncidentStatus: "incident-status" {
        New = "new",
        Triaged = "triaged",
        InProgress = "in_progress",
        Resolved = "resolved",
        Closed = "closed",
    }
}

string_enum! {
    /// A serious incident (AI Act art. 3(49)) and what kind, which sets the reporting deadline
    /// of art. 73.
    pub enum SeriousKind: "serious" {
        /// Art. 73(2): at the latest 15 days after becoming aware.
        General = "general",
        /// Art. 73(4): death of a person, at the latest 10 days.
        Death = "death",
        /// Art. 73(3): a widespread infringement or a serious and irreversible disruption of
        /// critical infrastructure, at the latest 2 days.
        WidespreadOrCriticalInfrastructure = "widespread_or_critical_infrastructure",
    }
}

impl SeriousKind {
    /// The art. 73 reporting period.
    pub fn period(self) -> Duration {
        match self {
            SeriousKind::General => Duration::days(15),
            SeriousKind::Death => Duration::days(10),
            SeriousKind::WidespreadOrCriticalInfrastructure => Duration::days(2),
        }
    }

    /// The article and paragraph the deadline comes from.
    pub fn article(self) -> &'static str {
        match self {
            SeriousKind::General => "73(2)",
            SeriousKind::Death => "73(4)",
            SeriousKind::WidespreadOrCriticalInfrastructure => "73(3)",
        }
    }

    /// The deadline for reporting to the market surveillance authority, counted from when the
    /// organisation became aware of the incident.
    pub fn deadline(self, aware_at: OffsetDateTime) -> OffsetDateTime {
        aware_at + self.period()
    }
}

/// GDPR art. 33(1): a personal data breach is notified to the supervisory authority without
/// undue delay and, where feasible, within 72 hours of becoming aware of it.
pub const BREACH_NOTICE_PERIOD: Duration = Duration::hours(72);

impl Incident {
    /// When a privacy incident that is a personal data breach must at the latest be notified
    /// to the data protection authority (GDPR art. 33(1)); `None` for other kinds. Whether it
    /// is a breach likely to result in a risk is the controller's judgement, so the deadline
    /// is shown for every privacy incident.
    pub fn breach_notice_deadline(&self) -> Option<OffsetDateTime> {
        (self.kind == IncidentKind::Privacy).then(|| self.aware_at + BREACH_NOTICE_PERIOD)
    }

    /// Whether the AI Act asks the deployer to inform the provider first (art. 26(5)): a
    /// serious incident of a high-risk system.
    pub fn provider_first(&self, high_risk: bool) -> bool {
        high_risk && self.serious.is_some()
    }
}

/// A report of an error, harmful output, misuse or a security or privacy incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: IncidentId,
    pub system_id: SystemId,
    pub org_id: OrgId,
    pub kind: IncidentKind,
    pub title: String,
    pub description: String,
    pub status: IncidentStatus,
    pub serious: Option<SeriousKind>,
    #[serde(with = "time::serde::rfc3339")]
    pub aware_at: OffsetDateTime,
    /// Art. 73 deadline when serious.
    #[serde(with = "time::serde::rfc3339::option")]
    pub report_deadline: Option<OffsetDateTime>,
    pub reported_by: Option<UserId>,
    pub reported_by_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When someone handling it first wrote a note (took it up): its response time.
    #[serde(with = "time::serde::rfc3339::option")]
    pub first_response_at: Option<OffsetDateTime>,
    pub version: i64,
}

/// A new incident report, checked by [`NewIncident::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    pub kind: IncidentKind,
    pub title: String,
    pub description: String,
    pub serious: Option<SeriousKind>,
    /// When the organisation became aware; now if not given.
    pub aware_at: Option<OffsetDateTime>,
}

impl NewIncident {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::new();
        self.title = self.title.trim().to_string();
        self.description = self.description.trim().to_string();
        if self.title.is_empty() {
            e.add("title", Problem::Required);
        }
        e.max_len("title", &self.title, 200);
        e.one_line("title", &self.title);
        if self.description.is_empty() {
            e.add("description", Problem::Required);
        }
        e.max_len("description", &self.description, 20_000);
        e.into_result().map(|()| self)
    }
}

/// A file attached to an incident as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: uuid::Uuid,
    pub incident_id: IncidentId,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// The kinds of evidence files accepted, recognised by their content, not their name.
pub const ATTACHMENT_TYPES: &[(&str, &str)] = &[
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("application/pdf", "pdf"),
    ("text/plain", "txt"),
];

/// The largest evidence file accepted.
pub const MAX_ATTACHMENT: usize = 5 * 1024 * 1024;
/// How many files one report may carry.
pub const MAX_ATTACHMENTS: usize = 5;

/// What a file is, by its first bytes: PNG, JPEG, PDF, or text (UTF-8 without control
/// characters other than tab and line ends — log files). `None` for anything else.
pub fn sniff_attachment(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if !bytes.is_empty()
        && std::str::from_utf8(bytes).is_ok_and(|s| {
            s.chars()
                .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        })
    {
        Some("text/plain")
    } else {
        None
    }
}

/// A note on an incident, with the status it moved to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentNote {
    pub id: uuid::Uuid,
    pub incident_id: IncidentId,
    pub author_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub status: Option<IncidentStatus>,
    pub text: String,
}

/// Who was told about an incident, when and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: uuid::Uuid,
    pub incident_id: IncidentId,
    /// An e-mail address, or the name of an authority.
    pub recipient: String,
    /// `email` (sent by aireg) or `authority` (recorded by a person).
    pub channel: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub note: Option<String>,
}

string_enum! {
    /// What a resident's message is.
    pub enum FeedbackKind: "feedback-kind" {
        Question = "question",
        Problem = "problem",
        /// Contests the use of the system (a right the Helsinki–Amsterdam memorandum and art. 86
        /// point to).
        Contest = "contest",
    }
}

string_enum! {
    pub enum FeedbackStatus: "feedback-status" {
        Open = "open",
        Answered = "answered",
        Closed = "closed",
    }
}

/// A resident's question, problem report or contest of a use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: FeedbackId,
    pub system_id: SystemId,
    pub org_id: OrgId,
    pub kind: FeedbackKind,
    pub message: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub lang: crate::Lang,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "iso_date")]
    pub response_due: Date,
    pub status: FeedbackStatus,
    pub response: Option<String>,
    pub responded_by_name: Option<String>,
    /// When it was answered: its response time.
    #[serde(with = "time::serde::rfc3339::option")]
    pub responded_at: Option<OffsetDateTime>,
    pub version: i64,
}

/// A resident's message as submitted.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFeedback {
    pub kind: FeedbackKind,
    pub message: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub lang: crate::Lang,
}

impl NewFeedback {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::new();
        self.message = self.message.trim().to_string();
        self.name = clean(self.name);
        self.email = clean(self.email);
        if self.message.is_empty() {
            e.add("message", Problem::Required);
        }
        e.max_len("message", &self.message, 5000);
        if let Some(n) = &self.name {
            e.max_len("name", n, 200);
            e.one_line("name", n);
        }
        if let Some(m) = &self.email
            && !is_email(m)
        {
            e.add("email", Problem::InvalidEmail);
        }
        e.into_result().map(|()| self)
    }
}

/// A job for the background workers (an e-mail to send), stored in the same transaction as the
/// change that asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewJob {
    pub kind: String,
    pub payload: Value,
    /// Jobs with the same key are made once, ever: a reminder for one due date goes out once,
    /// also across restarts.
    pub dedup_key: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
}

/// A stored job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub payload: Value,
    pub dedup_key: Option<String>,
    pub attempts: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub done_at: Option<OffsetDateTime>,
}

/// How long to wait before the next attempt of a failed job: 1, 2, 4 … minutes, at most a day.
pub fn retry_delay(attempts: i64) -> Duration {
    let minutes = 1i64 << attempts.clamp(0, 11);
    Duration::minutes(minutes.min(24 * 60))
}

/// A job that failed this many times is given up (and stays visible with its last error).
pub const MAX_JOB_ATTEMPTS: i64 = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn an_incident_title_and_a_residents_name_are_one_line() {
        let incident = NewIncident {
            kind: IncidentKind::ALL[0],
            title: "Virhe\r\nTo: someone@example.com".into(),
            description: "Kuvaus\nrivillä kaksi.".into(),
            serious: None,
            aware_at: None,
        };
        let errs = incident.validate().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            (errs[0].field.as_str(), &errs[0].problem),
            ("title", &Problem::LineBreak)
        );
        let feedback = NewFeedback {
            kind: FeedbackKind::ALL[0],
            message: "Viesti\nkahdella rivillä.".into(),
            name: Some("Matti\nMeikäläinen".into()),
            email: None,
            lang: crate::Lang::Fi,
        };
        let errs = feedback.validate().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            (errs[0].field.as_str(), &errs[0].problem),
            ("name", &Problem::LineBreak)
        );
    }

    #[test]
    fn months_are_added_calendar_wise() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 11 - 23), 12), date!(2027 - 11 - 23));
        assert_eq!(add_months(date!(2026 - 11 - 23), 2), date!(2027 - 01 - 23));
        assert_eq!(add_months(date!(2024 - 02 - 29), 12), date!(2025 - 02 - 28));
    }

    #[test]
    fn article_73_deadlines() {
        let aware = datetime!(2026-11-23 10:00 UTC);
        assert_eq!(
            SeriousKind::General.deadline(aware),
            datetime!(2026-12-08 10:00 UTC)
        );
        assert_eq!(
            SeriousKind::Death.deadline(aware),
            datetime!(2026-12-03 10:00 UTC)
        );
        assert_eq!(
            SeriousKind::WidespreadOrCriticalInfrastructure.deadline(aware),
            datetime!(2026-11-25 10:00 UTC)
        );
        assert_eq!(SeriousKind::Death.article(), "73(4)");
    }

    #[test]
    fn a_privacy_incident_carries_the_72_hour_breach_deadline() {
        let aware = time::macros::datetime!(2026-12-01 09:00 UTC);
        let mut i = Incident {
            id: uuid::Uuid::nil(),
            system_id: SystemId::new(),
            org_id: OrgId::new(),
            kind: IncidentKind::Privacy,
            title: "t".into(),
            description: "d".into(),
            status: IncidentStatus::New,
            serious: None,
            aware_at: aware,
            report_deadline: None,
            reported_by: None,
            reported_by_name: "x".into(),
            created_at: aware,
            first_response_at: None,
            version: 1,
        };
        assert_eq!(
            i.breach_notice_deadline(),
            Some(time::macros::datetime!(2026-12-04 09:00 UTC))
        );
        assert!(!i.provider_first(true), "not serious");
        i.serious = Some(SeriousKind::General);
        assert!(i.provider_first(true));
        assert!(!i.provider_first(false));
        i.kind = IncidentKind::Error;
        assert_eq!(i.breach_notice_deadline(), None);
    }

    #[test]
    fn evidence_files_are_recognised_by_content() {
        assert_eq!(
            sniff_attachment(b"\x89PNG\r\n\x1a\n...."),
            Some("image/png")
        );
        assert_eq!(
            sniff_attachment(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff_attachment(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(
            sniff_attachment(b"2026-11-23 ERROR x\n"),
            Some("text/plain")
        );
        assert_eq!(
            sniff_attachment(b"MZ\x90\x00\x03"),
            None,
            "an executable is refused"
        );
        assert_eq!(sniff_attachment(b"<svg onload=x>\x00"), None);
        assert_eq!(sniff_attachment(b""), None);
    }

    #[test]
    fn decisions_other_than_approval_say_why() {
        let d = ApprovalDecision {
            decision: Decision::Reject,
            comment: Some("  ".into()),
            minutes_ref: Some("§ 4 / 12.3.2026".into()),
        };
        assert_eq!(d.validate().unwrap_err()[0].field, "comment");
        let ok = ApprovalDecision {
            decision: Decision::Approve,
            comment: None,
            minutes_ref: None,
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn retries_back_off() {
        assert_eq!(retry_delay(0), Duration::minutes(1));
        assert_eq!(retry_delay(3), Duration::minutes(8));
        assert_eq!(retry_delay(40), Duration::minutes(24 * 60));
    }

    #[test]
    fn feedback_is_checked() {
        let f = NewFeedback {
            kind: FeedbackKind::Contest,
            message: "".into(),
            name: None,
            email: Some("not-an-address".into()),
            lang: crate::Lang::Fi,
        };
        let fields: Vec<String> = f
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["message", "email"]);
    }
}
