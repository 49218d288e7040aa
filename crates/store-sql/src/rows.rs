//! Rows as the database returns them, and their conversion to domain types. A value that does
//! not convert means the database was changed outside aireg; it is reported, never guessed.

use serde_json::value::RawValue;
use sqlx::types::Json;

use aireg_domain::audit::AuditEvent;
use aireg_domain::classification::{
    Category, ClassificationRun, ObligationStatus, RunSource, TrackedObligation,
};
use aireg_domain::governance::{
    ApprovalRequest, ApprovalStatus, Assessment, AssessmentComment, AssessmentStatus, Attachment,
    Feedback, FeedbackKind, FeedbackStatus, Incident, IncidentKind, IncidentNote, IncidentStatus,
    Job, Notification, PolicyReview, Review, SeriousKind,
};
use aireg_domain::org::{Country, OrgKind, Organisation};
use aireg_domain::person::{Membership, Role, User};
use aireg_domain::policy::TokenScope;
use aireg_domain::product::Product;
use aireg_domain::system::{AiSystem, ChangeKind, Lifecycle, Link, Publication, SystemVersion};
use aireg_domain::{Lang, Localized};
use aireg_store::{ApiToken, Session, StoreResult};

use crate::ts::Ts;
use crate::{corrupt, parse_id};

#[derive(sqlx::FromRow)]
pub(crate) struct OrgRow {
    id: String,
    slug: String,
    kind: String,
    parent_id: Option<String>,
    name: Json<Localized>,
    country: String,
    languages: Json<Vec<Lang>>,
    business_id: Option<String>,
    website: Option<String>,
}

impl OrgRow {
    pub(crate) fn into_domain(self) -> StoreResult<Organisation> {
        Ok(Organisation {
            id: parse_id("organisation id", &self.id)?,
            kind: OrgKind::parse(&self.kind)
                .ok_or_else(|| corrupt("organisation kind", &self.kind))?,
            parent_id: self
                .parent_id
                .as_deref()
                .map(|p| parse_id("parent id", p))
                .transpose()?,
            name: self.name.0,
            country: Country::parse(&self.country)
                .ok_or_else(|| corrupt("country", &self.country))?,
            languages: self.languages.0,
            business_id: self.business_id,
            website: self.website,
            slug: self.slug,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: String,
    email: String,
    name: String,
    language: String,
    platform_admin: bool,
    disabled: bool,
    pub(crate) password_hash: String,
}

impl UserRow {
    pub(crate) fn to_domain(&self) -> StoreResult<User> {
        Ok(User {
            id: parse_id("user id", &self.id)?,
            email: self.email.clone(),
            name: self.name.clone(),
            language: Lang::parse(&self.language)
                .ok_or_else(|| corrupt("language", &self.language))?,
            platform_admin: self.platform_admin,
            disabled: self.disabled,
        })
    }
}

/// A member of an organisation and one role held there.
#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    #[sqlx(flatten)]
    pub(crate) user: UserRow,
    pub(crate) role: String,
    pub(crate) elsewhere: bool,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MembershipRow {
    user_id: String,
    org_id: String,
    role: String,
}

impl MembershipRow {
    pub(crate) fn into_domain(self) -> StoreResult<Membership> {
        Ok(Membership {
            user_id: parse_id("user id", &self.user_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            role: parse_role(&self.role)?,
        })
    }
}

pub(crate) fn parse_role(s: &str) -> StoreResult<Role> {
    Role::parse(s).ok_or_else(|| corrupt("role", s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    id_hash: String,
    user_id: String,
    csrf_token: String,
    created_at: Ts,
    last_seen_at: Ts,
    expires_at: Ts,
    user_agent: Option<String>,
    signed_in_with: Option<String>,
    awaiting_code: bool,
}

impl SessionRow {
    pub(crate) fn into_domain(self) -> StoreResult<Session> {
        Ok(Session {
            id_hash: self.id_hash,
            user_id: parse_id("user id", &self.user_id)?,
            csrf_token: self.csrf_token,
            created_at: self.created_at.0,
            last_seen_at: self.last_seen_at.0,
            expires_at: self.expires_at.0,
            user_agent: self.user_agent,
            signed_in_with: self.signed_in_with,
            awaiting_code: self.awaiting_code,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TokenRow {
    id: String,
    user_id: String,
    name: String,
    prefix: String,
    created_at: Ts,
    last_used_at: Option<Ts>,
    revoked_at: Option<Ts>,
    org_id: Option<String>,
    scope: String,
    expires_at: Option<Ts>,
}

impl TokenRow {
    pub(crate) fn into_domain(self) -> StoreResult<ApiToken> {
        Ok(ApiToken {
            id: parse_id("token id", &self.id)?,
            user_id: parse_id("user id", &self.user_id)?,
            name: self.name,
            prefix: self.prefix,
            org_id: self
                .org_id
                .map(|o| parse_id("organisation id", &o))
                .transpose()?,
            scope: TokenScope::parse(&self.scope).ok_or_else(|| corrupt("scope", &self.scope))?,
            expires_at: self.expires_at.map(|t| t.0),
            created_at: self.created_at.0,
            last_used_at: self.last_used_at.map(|t| t.0),
            revoked_at: self.revoked_at.map(|t| t.0),
        })
    }
}

/// A token with the account it belongs to.
#[derive(sqlx::FromRow)]
pub(crate) struct TokenWithUserRow {
    #[sqlx(flatten)]
    token: TokenRow,
    user_email: String,
    user_name: String,
    user_language: String,
    user_platform_admin: bool,
    user_disabled: bool,
}

impl TokenWithUserRow {
    pub(crate) fn into_domain(self) -> StoreResult<(ApiToken, User)> {
        let token = self.token.into_domain()?;
        let user = User {
            id: token.user_id,
            email: self.user_email,
            name: self.user_name,
            language: Lang::parse(&self.user_language)
                .ok_or_else(|| corrupt("language", &self.user_language))?,
            platform_admin: self.user_platform_admin,
            disabled: self.user_disabled,
        };
        Ok((token, user))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProductRow {
    id: String,
    slug: String,
    pub(crate) name: String,
    pub(crate) vendor: String,
    url: Option<String>,
    description: Json<Localized>,
}

impl ProductRow {
    pub(crate) fn into_domain(self) -> StoreResult<Product> {
        Ok(Product {
            id: parse_id("product id", &self.id)?,
            slug: self.slug,
            name: self.name,
            vendor: self.vendor,
            url: self.url,
            description: self.description.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SystemRow {
    pub(crate) id: String,
    pub(crate) org_id: String,
    pub(crate) version: i64,
    publication: String,
    /// The current version's content (NULL: that version is missing from the history).
    record: Option<Json<Box<RawValue>>>,
    created_at: Ts,
    updated_at: Ts,
    first_published_at: Option<Ts>,
}

impl SystemRow {
    pub(crate) fn into_domain(self) -> StoreResult<AiSystem> {
        Ok(AiSystem {
            id: parse_id("system id", &self.id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            version: self.version,
            publication: parse_publication(&self.publication)?,
            record: match self.record {
                Some(record) => crate::stored::read_text(record.0.get())?,
                None => {
                    return Err(corrupt(
                        "record",
                        format!(
                            "{}: its current version {} is not in its history",
                            self.id, self.version
                        ),
                    ));
                }
            },
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
            first_published_at: self.first_published_at.map(|t| t.0),
        })
    }
}

fn parse_publication(s: &str) -> StoreResult<Publication> {
    Publication::parse(s).ok_or_else(|| corrupt("publication state", s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    system_id: String,
    version: i64,
    change_kind: String,
    publication: String,
    record: Json<Box<RawValue>>,
    changed_at: Ts,
    changed_by: Option<String>,
    changed_by_name: String,
}

impl VersionRow {
    pub(crate) fn into_domain(self) -> StoreResult<SystemVersion> {
        Ok(SystemVersion {
            system_id: parse_id("system id", &self.system_id)?,
            version: self.version,
            change: ChangeKind::parse(&self.change_kind)
                .ok_or_else(|| corrupt("change kind", &self.change_kind))?,
            publication: parse_publication(&self.publication)?,
            record: crate::stored::read_text(self.record.0.get())?,
            changed_at: self.changed_at.0,
            changed_by: self
                .changed_by
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            changed_by_name: self.changed_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    seq: i64,
    at: Ts,
    actor_id: Option<String>,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    org_id: Option<String>,
    before_state: Option<String>,
    after_state: Option<String>,
    prev_hash: String,
    hash: String,
}

impl AuditRow {
    /// An id that no longer parses can only come from editing the table by hand: it is reported
    /// with the event's number, which is what verification must name.
    pub(crate) fn into_domain(self) -> StoreResult<AuditEvent> {
        let actor_id = audit_id(self.seq, "actor id", self.actor_id.as_deref())?;
        let org_id = audit_id(self.seq, "organisation id", self.org_id.as_deref())?;
        Ok(AuditEvent {
            seq: self.seq,
            at: self.at.0,
            actor_id,
            actor_name: self.actor_name,
            action: self.action,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            org_id,
            before: self.before_state,
            after: self.after_state,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

fn audit_id<T: std::str::FromStr>(seq: i64, what: &str, v: Option<&str>) -> StoreResult<Option<T>> {
    v.map(|s| {
        s.parse()
            .map_err(|_| corrupt(&format!("{what} of audit event {seq}"), s))
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
pub(crate) struct RunRow {
    id: String,
    system_id: String,
    org_id: String,
    pack_version: String,
    answers: Json<std::collections::BTreeMap<String, serde_json::Value>>,
    justifications: Json<std::collections::BTreeMap<String, String>>,
    facts: Json<serde_json::Value>,
    outcome: Json<serde_json::Value>,
    category: String,
    source: String,
    created_at: Ts,
    created_by: Option<String>,
    created_by_name: String,
}

impl RunRow {
    pub(crate) fn into_domain(self) -> StoreResult<ClassificationRun> {
        Ok(ClassificationRun {
            id: parse_id("run id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            pack_version: self.pack_version,
            answers: self.answers.0,
            justifications: self.justifications.0,
            facts: self.facts.0,
            outcome: self.outcome.0,
            category: Category::parse(&self.category)
                .ok_or_else(|| corrupt("classification category", &self.category))?,
            source: RunSource::parse(&self.source)
                .ok_or_else(|| corrupt("run source", &self.source))?,
            created_at: self.created_at.0,
            created_by: self
                .created_by
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            created_by_name: self.created_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ObligationRow {
    id: String,
    org_id: String,
    system_id: Option<String>,
    obligation_id: String,
    article: String,
    title: Json<Localized>,
    applies_from: String,
    date_status: String,
    status: String,
    reason: Option<String>,
    responsible: Option<String>,
    evidence: Json<Vec<Link>>,
    active: bool,
    version: i64,
    updated_at: Ts,
}

impl ObligationRow {
    pub(crate) fn into_domain(self) -> StoreResult<TrackedObligation> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        Ok(TrackedObligation {
            id: parse_id("obligation id", &self.id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            system_id: self
                .system_id
                .as_deref()
                .map(|s| parse_id("system id", s))
                .transpose()?,
            obligation_id: self.obligation_id,
            article: self.article,
            title: self.title.0,
            applies_from: time::Date::parse(&self.applies_from, &format)
                .map_err(|_| corrupt("obligation date", &self.applies_from))?,
            date_status: self.date_status,
            status: ObligationStatus::parse(&self.status)
                .ok_or_else(|| corrupt("obligation status", &self.status))?,
            reason: self.reason,
            responsible: self
                .responsible
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            evidence: self.evidence.0,
            active: self.active,
            version: self.version,
            updated_at: self.updated_at.0,
        })
    }
}

fn date_of(what: &str, s: &str) -> StoreResult<time::Date> {
    time::Date::parse(
        s,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| corrupt(what, s))
}

fn opt_id<T: std::str::FromStr>(what: &str, v: Option<&str>) -> StoreResult<Option<T>> {
    v.map(|s| parse_id(what, s)).transpose()
}

fn vocab<T>(what: &str, s: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(s).ok_or_else(|| corrupt(what, s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApprovalRow {
    id: String,
    system_id: String,
    org_id: String,
    body: String,
    body_name: Json<Localized>,
    policy_id: String,
    policy_version: String,
    target: String,
    reason: Json<Localized>,
    own_decision: bool,
    routed_to: Option<String>,
    status: String,
    requested_by: Option<String>,
    requested_by_name: String,
    requested_at: Ts,
    note: Option<String>,
    decided_by: Option<String>,
    decided_by_name: Option<String>,
    decided_at: Option<Ts>,
    comment: Option<String>,
    minutes_ref: Option<String>,
    version: i64,
}

impl ApprovalRow {
    pub(crate) fn into_domain(self) -> StoreResult<ApprovalRequest> {
        Ok(ApprovalRequest {
            id: parse_id("approval id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            body: self.body,
            body_name: self.body_name.0,
            policy_id: self.policy_id,
            policy_version: self.policy_version,
            target: vocab("lifecycle", &self.target, Lifecycle::parse)?,
            reason: self.reason.0,
            own_decision: self.own_decision,
            routed_to: opt_id("user id", self.routed_to.as_deref())?,
            status: vocab("approval status", &self.status, ApprovalStatus::parse)?,
            requested_by: opt_id("user id", self.requested_by.as_deref())?,
            requested_by_name: self.requested_by_name,
            requested_at: self.requested_at.0,
            note: self.note,
            decided_by: opt_id("user id", self.decided_by.as_deref())?,
            decided_by_name: self.decided_by_name,
            decided_at: self.decided_at.map(|t| t.0),
            comment: self.comment,
            minutes_ref: self.minutes_ref,
            version: self.version,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AssessmentRow {
    id: String,
    system_id: String,
    org_id: String,
    template_id: String,
    template_version: String,
    answers: Json<serde_json::Map<String, serde_json::Value>>,
    status: String,
    sign_off_body: String,
    version: i64,
    updated_at: Ts,
    updated_by_name: String,
    signed_at: Option<Ts>,
    signed_by: Option<String>,
    signed_by_name: Option<String>,
}

impl AssessmentRow {
    pub(crate) fn into_domain(self) -> StoreResult<Assessment> {
        Ok(Assessment {
            id: parse_id("assessment id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            template_id: self.template_id,
            template_version: self.template_version,
            answers: self.answers.0,
            status: vocab("assessment status", &self.status, AssessmentStatus::parse)?,
            sign_off_body: self.sign_off_body,
            version: self.version,
            updated_at: self.updated_at.0,
            updated_by_name: self.updated_by_name,
            signed_at: self.signed_at.map(|t| t.0),
            signed_by: opt_id("user id", self.signed_by.as_deref())?,
            signed_by_name: self.signed_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommentRow {
    id: String,
    assessment_id: String,
    question: Option<String>,
    author: Option<String>,
    author_name: String,
    at: Ts,
    body: String,
}

impl CommentRow {
    pub(crate) fn into_domain(self) -> StoreResult<AssessmentComment> {
        Ok(AssessmentComment {
            id: parse_id("comment id", &self.id)?,
            assessment_id: parse_id("assessment id", &self.assessment_id)?,
            question: self.question,
            author: opt_id("user id", self.author.as_deref())?,
            author_name: self.author_name,
            at: self.at.0,
            text: self.body,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReviewRow {
    id: String,
    system_id: String,
    org_id: String,
    reviewed_at: Ts,
    reviewer: Option<String>,
    reviewer_name: String,
    findings: String,
    next_review: String,
}

impl ReviewRow {
    pub(crate) fn into_domain(self) -> StoreResult<Review> {
        Ok(Review {
            id: parse_id("review id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            reviewed_at: self.reviewed_at.0,
            reviewer: opt_id("user id", self.reviewer.as_deref())?,
            reviewer_name: self.reviewer_name,
            findings: self.findings,
            next_review: date_of("review date", &self.next_review)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PolicyReviewRow {
    id: String,
    policy_id: String,
    policy_version: String,
    org_id: String,
    reviewed_at: Ts,
    reviewer_name: String,
    findings: String,
    next_review: String,
}

impl PolicyReviewRow {
    pub(crate) fn into_domain(self) -> StoreResult<PolicyReview> {
        Ok(PolicyReview {
            id: parse_id("review id", &self.id)?,
            policy_id: self.policy_id,
            policy_version: self.policy_version,
            org_id: parse_id("organisation id", &self.org_id)?,
            reviewed_at: self.reviewed_at.0,
            reviewer_name: self.reviewer_name,
            findings: self.findings,
            next_review: date_of("review date", &self.next_review)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct IncidentRow {
    id: String,
    system_id: String,
    org_id: String,
    kind: String,
    title: String,
    description: String,
    status: String,
    serious: Option<String>,
    aware_at: Ts,
    report_deadline: Option<Ts>,
    reported_by: Option<String>,
    reported_by_name: String,
    created_at: Ts,
    first_response_at: Option<Ts>,
    version: i64,
}

impl IncidentRow {
    pub(crate) fn into_domain(self) -> StoreResult<Incident> {
        Ok(Incident {
            id: parse_id("incident id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            kind: vocab("incident kind", &self.kind, IncidentKind::parse)?,
            title: self.title,
            description: self.description,
            status: vocab("incident status", &self.status, IncidentStatus::parse)?,
            serious: self
                .serious
                .as_deref()
                .map(|s| vocab("serious kind", s, SeriousKind::parse))
                .transpose()?,
            aware_at: self.aware_at.0,
            report_deadline: self.report_deadline.map(|t| t.0),
            reported_by: opt_id("user id", self.reported_by.as_deref())?,
            reported_by_name: self.reported_by_name,
            created_at: self.created_at.0,
            first_response_at: self.first_response_at.map(|t| t.0),
            version: self.version,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AttachmentRow {
    id: String,
    incident_id: String,
    filename: String,
    content_type: String,
    size: i64,
}

impl AttachmentRow {
    pub(crate) fn into_domain(self) -> StoreResult<Attachment> {
        Ok(Attachment {
            id: parse_id("attachment id", &self.id)?,
            incident_id: parse_id("incident id", &self.incident_id)?,
            filename: self.filename,
            content_type: self.content_type,
            size: self.size,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AttachmentDataRow {
    #[sqlx(flatten)]
    pub(crate) meta: AttachmentRow,
    pub(crate) data: Vec<u8>,
    pub(crate) org_id: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    id: String,
    incident_id: String,
    author_name: String,
    at: Ts,
    status: Option<String>,
    body: String,
}

impl NoteRow {
    pub(crate) fn into_domain(self) -> StoreResult<IncidentNote> {
        Ok(IncidentNote {
            id: parse_id("note id", &self.id)?,
            incident_id: parse_id("incident id", &self.incident_id)?,
            author_name: self.author_name,
            at: self.at.0,
            status: self
                .status
                .as_deref()
                .map(|s| vocab("incident status", s, IncidentStatus::parse))
                .transpose()?,
            text: self.body,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct NotificationRow {
    id: String,
    incident_id: String,
    recipient: String,
    channel: String,
    at: Ts,
    note: Option<String>,
}

impl NotificationRow {
    pub(crate) fn into_domain(self) -> StoreResult<Notification> {
        Ok(Notification {
            id: parse_id("notification id", &self.id)?,
            incident_id: parse_id("incident id", &self.incident_id)?,
            recipient: self.recipient,
            channel: self.channel,
            at: self.at.0,
            note: self.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FeedbackRow {
    id: String,
    system_id: String,
    org_id: String,
    kind: String,
    message: String,
    name: Option<String>,
    email: Option<String>,
    lang: String,
    created_at: Ts,
    response_due: String,
    status: String,
    response: Option<String>,
    responded_by_name: Option<String>,
    responded_at: Option<Ts>,
    version: i64,
}

impl FeedbackRow {
    pub(crate) fn into_domain(self) -> StoreResult<Feedback> {
        Ok(Feedback {
            id: parse_id("feedback id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            kind: vocab("feedback kind", &self.kind, FeedbackKind::parse)?,
            message: self.message,
            name: self.name,
            email: self.email,
            lang: vocab("language", &self.lang, Lang::parse)?,
            created_at: self.created_at.0,
            response_due: date_of("response date", &self.response_due)?,
            status: vocab("feedback status", &self.status, FeedbackStatus::parse)?,
            response: self.response,
            responded_by_name: self.responded_by_name,
            responded_at: self.responded_at.map(|t| t.0),
            version: self.version,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct JobRow {
    id: String,
    kind: String,
    payload: Json<serde_json::Value>,
    dedup_key: Option<String>,
    attempts: i64,
    run_at: Ts,
    last_error: Option<String>,
    done_at: Option<Ts>,
}

impl JobRow {
    pub(crate) fn into_domain(self) -> StoreResult<Job> {
        Ok(Job {
            id: parse_id("job id", &self.id)?,
            kind: self.kind,
            payload: self.payload.0,
            dedup_key: self.dedup_key,
            attempts: self.attempts,
            run_at: self.run_at.0,
            last_error: self.last_error,
            done_at: self.done_at.map(|t| t.0),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LinkRow {
    purpose: String,
    email: String,
    org_id: Option<String>,
    role: Option<String>,
    created_by: Option<String>,
    created_at: Ts,
    expires_at: Ts,
    used_at: Option<Ts>,
}

impl LinkRow {
    pub(crate) fn into_domain(self) -> StoreResult<aireg_store::AccountLink> {
        Ok(aireg_store::AccountLink {
            purpose: aireg_store::LinkPurpose::parse(&self.purpose)
                .ok_or_else(|| corrupt("link purpose", &self.purpose))?,
            email: self.email,
            org_id: self
                .org_id
                .map(|o| parse_id("organisation id", &o))
                .transpose()?,
            role: self.role.as_deref().map(parse_role).transpose()?,
            created_by: self
                .created_by
                .map(|u| parse_id("user id", &u))
                .transpose()?,
            created_at: self.created_at.0,
            expires_at: self.expires_at.0,
            used_at: self.used_at.map(|t| t.0),
        })
    }
}
