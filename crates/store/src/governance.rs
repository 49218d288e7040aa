//! The governance workflow of a record.

use aireg_domain::SystemId;
use aireg_domain::classification::ClassificationRun;
use aireg_domain::governance::{
    ApprovalDecision, ApprovalId, ApprovalRequest, Assessment, AssessmentComment, AssessmentId,
    NewApprovalRequest, NewJob, PolicyReview, Review,
};
use aireg_domain::policy::{Permit, ReadScope};
use aireg_domain::system::{AiSystem, Lifecycle};
use async_trait::async_trait;

use crate::{ReportFilter, StoreResult};

/// An assessment to save: its answers as they are now.
#[derive(Debug, Clone)]
pub struct AssessmentDraft {
    pub system_id: SystemId,
    pub template_id: String,
    pub template_version: String,
    pub sign_off_body: String,
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// Completed: every required answer given (the caller checked it with the template).
    pub complete: bool,
}

/// What a lifecycle gate looks at, as read inside the write transaction that makes the move.
#[derive(Debug, Clone, Copy)]
pub struct GateFacts<'a> {
    /// The record as it is in the transaction (with the save that comes with the move, when
    /// there is one), still in the state it moves from.
    pub system: &'a AiSystem,
    /// Its newest classification run.
    pub classification: Option<&'a ClassificationRun>,
    /// Every approval request of the record, oldest first.
    pub approvals: &'a [ApprovalRequest],
    pub assessments: &'a [Assessment],
}

/// A lifecycle move's gate: the organisation's policy, judged by the store inside the write
/// transaction on what that transaction reads, so that an approval rejected or an assessment
/// reopened a moment earlier is seen. A gate that says no makes the store roll back and answer
/// [`StoreError::GateClosed`](crate::StoreError::GateClosed); the gate keeps why.
pub trait Gate: Send + Sync {
    fn allows(&self, to: Lifecycle, facts: &GateFacts<'_>) -> bool;
}

/// A lifecycle move through a gate, by someone with a `GovernSystem` permit.
#[derive(Clone, Copy)]
pub struct Move<'a> {
    pub permit: &'a Permit,
    pub to: Lifecycle,
    pub gate: &'a dyn Gate,
}

/// The governance workflow: lifecycle moves, approvals, assessments, reviews, policy versions.
#[async_trait]
pub trait GovernanceStore: Send + Sync {
    /// Moves a record to another lifecycle state through the move's gate, judged inside the
    /// transaction; a new version in the history. A move to the state it is in changes nothing.
    async fn transition_system(
        &self,
        id: SystemId,
        expected_version: Option<i64>,
        to: Move<'_>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<AiSystem>;

    /// Opens approval requests for a record (`GovernSystem`), with the e-mail jobs that tell the
    /// bodies' members.
    async fn request_approvals(
        &self,
        permit: &Permit,
        system: SystemId,
        requests: Vec<NewApprovalRequest>,
        jobs: Vec<NewJob>,
    ) -> StoreResult<Vec<ApprovalRequest>>;

    /// Records a decision on an open request (`DecideApproval` permit from a body member). The
    /// one who asked never decides, unless it is the system owner's own decision.
    async fn decide_approval(
        &self,
        permit: &Permit,
        id: ApprovalId,
        expected_version: i64,
        decision: ApprovalDecision,
        jobs: Vec<NewJob>,
    ) -> StoreResult<ApprovalRequest>;

    async fn approvals(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<ApprovalRequest>>;

    async fn approval(
        &self,
        scope: &ReadScope,
        id: ApprovalId,
    ) -> StoreResult<Option<ApprovalRequest>>;

    /// Saves an assessment's answers (`GovernSystem`): a new version; a signed one goes back to
    /// draft (it must be signed again).
    async fn save_assessment(
        &self,
        permit: &Permit,
        draft: AssessmentDraft,
        expected_version: Option<i64>,
    ) -> StoreResult<Assessment>;

    /// Signs off a completed assessment (`SignAssessment` permit from a body member).
    async fn sign_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        expected_version: i64,
    ) -> StoreResult<Assessment>;

    async fn assessments(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<Assessment>>;

    /// The assessments of every record `filter` names that `scope` sees, by record and
    /// template (`open_only`: those not signed off). For overviews judging many records at once.
    async fn assessments_in(
        &self,
        scope: &ReadScope,
        filter: &ReportFilter,
    ) -> StoreResult<Vec<Assessment>>;

    async fn assessment(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Option<Assessment>>;

    async fn comment_assessment(
        &self,
        permit: &Permit,
        id: AssessmentId,
        question: Option<String>,
        text: String,
    ) -> StoreResult<AssessmentComment>;

    async fn assessment_comments(
        &self,
        scope: &ReadScope,
        id: AssessmentId,
    ) -> StoreResult<Vec<AssessmentComment>>;

    /// Records a review (`GovernSystem`) and moves the record's next review date (a new version).
    async fn record_review(
        &self,
        permit: &Permit,
        system: SystemId,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<Review>;

    async fn reviews(&self, scope: &ReadScope, system: SystemId) -> StoreResult<Vec<Review>>;

    /// Records a review of a policy pack (`ReviewPolicy` permit of the reviewing organisation).
    async fn record_policy_review(
        &self,
        permit: &Permit,
        policy_id: &str,
        policy_version: &str,
        findings: String,
        next_review: time::Date,
    ) -> StoreResult<PolicyReview>;

    async fn policy_reviews(&self, policy_id: &str) -> StoreResult<Vec<PolicyReview>>;

    /// Notes the policy pack versions in use; a pack seen for the first time or in a new version
    /// is audited. Returns the packs that changed.
    async fn note_policy_versions(
        &self,
        permit: &Permit,
        packs: &[(String, String)],
    ) -> StoreResult<Vec<(String, String)>>;
}
