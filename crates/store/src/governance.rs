//! The governance workflow of a record.

use aireg_domain::SystemId;
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

/// The governance workflow: lifecycle moves, approvals, assessments, reviews, policy versions.
#[async_trait]
pub trait GovernanceStore: Send + Sync {
    /// Moves a record to another lifecycle state (`GovernSystem`); the caller has checked the
    /// gate of the organisation's policy. A new version in the history.
    async fn transition_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        to: Lifecycle,
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
