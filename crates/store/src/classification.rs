//! AI Act classification runs and tracked obligations.

use aireg_domain::classification::{
    Category, ClassificationRun, ObligationItemId, ObligationSpec, ObligationUpdate, RunId,
    RunSource, TrackedObligation,
};
use aireg_domain::policy::{Permit, ReadScope};
use aireg_domain::{OrgId, SystemId};
use async_trait::async_trait;

use crate::StoreResult;

/// A classification run to store: the store adds its id, organisation, time and author.
#[derive(Debug, Clone)]
pub struct NewClassificationRun {
    pub system_id: SystemId,
    pub pack_version: String,
    pub answers: std::collections::BTreeMap<String, serde_json::Value>,
    pub justifications: std::collections::BTreeMap<String, String>,
    pub facts: serde_json::Value,
    pub outcome: serde_json::Value,
    pub category: Category,
    pub source: RunSource,
}

/// One run of a batch (see [`ClassificationStore::save_classifications`]): the permit to edit
/// its record, the run and the obligations it gives.
#[derive(Debug, Clone)]
pub struct Classification {
    pub permit: Permit,
    pub run: NewClassificationRun,
    pub obligations: Vec<ObligationSpec>,
}

/// Which tracked obligations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObligationFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub system: Option<SystemId>,
    /// Only active ones that are to do or in progress.
    pub open_only: bool,
    /// Also those the latest classification no longer gives.
    pub include_inactive: bool,
    /// Only those that apply from before this date (with `open_only`: overdue on it).
    pub applies_before: Option<time::Date>,
    /// At most this many, by date (a page shows those due first; reports read all).
    pub limit: Option<u32>,
}

/// AI Act classification runs and the obligations they give.
#[async_trait]
pub trait ClassificationStore: Send + Sync {
    /// Stores a classification run of a record (`EditSystem` permit) and brings the tracked
    /// obligations of the record and its organisation in line with `obligations`.
    async fn save_classification(
        &self,
        permit: &Permit,
        run: NewClassificationRun,
        obligations: Vec<ObligationSpec>,
    ) -> StoreResult<ClassificationRun>;

    /// Stores several runs in one transaction, each as [`ClassificationStore::save_classification`]
    /// would (checked, indexed, its obligations brought in line, audited), all by one person:
    /// a pack update's batch. One refused refuses the batch.
    async fn save_classifications(
        &self,
        batch: Vec<Classification>,
    ) -> StoreResult<Vec<ClassificationRun>>;

    /// The newest run of each record of `orgs` the scope sees that was made with another
    /// pack version than `version`, by record id after `after`, at most `limit`: what a pack
    /// update classifies again, a page at a time.
    async fn runs_of_other_versions(
        &self,
        scope: &ReadScope,
        version: &str,
        orgs: Option<&[OrgId]>,
        after: Option<SystemId>,
        limit: i64,
    ) -> StoreResult<Vec<ClassificationRun>>;

    /// How many records of each organisation the scope sees have a newest run of another
    /// pack version than `version`.
    async fn count_runs_of_other_versions(
        &self,
        scope: &ReadScope,
        version: &str,
    ) -> StoreResult<Vec<(OrgId, i64)>>;

    /// A record's runs, newest first (not for the public scope).
    async fn classification_runs(
        &self,
        scope: &ReadScope,
        system: SystemId,
    ) -> StoreResult<Vec<ClassificationRun>>;

    async fn classification_run(
        &self,
        scope: &ReadScope,
        id: RunId,
    ) -> StoreResult<Option<ClassificationRun>>;

    /// The newest run of each record visible in the scope (the public scope sees those of
    /// published records), optionally of the given records only.
    async fn current_classifications(
        &self,
        scope: &ReadScope,
        systems: Option<&[SystemId]>,
    ) -> StoreResult<Vec<ClassificationRun>>;

    /// Tracked obligations visible in the scope (not for the public scope), by date.
    async fn obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<Vec<TrackedObligation>>;

    /// How many `obligations` would list, its `limit` aside.
    async fn count_obligations(
        &self,
        scope: &ReadScope,
        filter: &ObligationFilter,
    ) -> StoreResult<i64>;

    /// Records progress on an obligation (`TrackObligations` permit of its organisation) if
    /// `expected_version` is still current.
    async fn update_obligation(
        &self,
        permit: &Permit,
        id: ObligationItemId,
        expected_version: i64,
        update: ObligationUpdate,
    ) -> StoreResult<TrackedObligation>;
}
