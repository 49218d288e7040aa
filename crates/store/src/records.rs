//! AI system records.

use aireg_domain::policy::{Permit, ReadScope};
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord, SystemVersion};
use aireg_domain::{OrgId, SystemId};
use async_trait::async_trait;

use crate::{Move, StoreResult};

/// Filters of a record list. Organisation filters list every organisation to include (callers
/// expand a region to its members with [`OrgTree`](aireg_domain::policy::OrgTree)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemFilter {
    pub orgs: Option<Vec<OrgId>>,
    pub lifecycle: Option<Lifecycle>,
    pub publication: Option<Publication>,
    /// Lower-cased text to find in names, summaries, vendor and keywords.
    pub text: Option<String>,
}

/// Which page of a list: `page` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u32 = 100;

    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.max(1),
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(1, 20)
    }
}

/// One page of a list and the number of items in the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub request: PageRequest,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        let per = i64::from(self.request.per_page);
        ((self.total + per - 1) / per).max(1)
    }
}

/// AI system records: every save a version, every list paged and scoped.
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// A new draft in the permit's organisation (`CreateSystem`), and, with `then`, its move
    /// to another state in the same transaction: both happen or neither.
    async fn create_system(
        &self,
        permit: &Permit,
        record: SystemRecord,
        then: Option<Move<'_>>,
    ) -> StoreResult<AiSystem>;

    /// Saves a new version (`EditSystem`) if `expected_version` is still current, and, with
    /// `then`, moves it in the same transaction: both happen or neither. The saved record
    /// keeps the state it had; only the move changes it.
    async fn update_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: i64,
        record: SystemRecord,
        then: Option<Move<'_>>,
    ) -> StoreResult<AiSystem>;

    /// Publishes or withdraws (`PublishSystem`); a new version in the history.
    async fn set_publication(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        publication: Publication,
    ) -> StoreResult<AiSystem>;

    /// One record as the scope may see it (the public scope gets the public view).
    async fn system(&self, scope: &ReadScope, id: SystemId) -> StoreResult<Option<AiSystem>>;

    async fn systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        page: PageRequest,
    ) -> StoreResult<Page<AiSystem>>;

    /// How many records each visible organisation has in each publication state.
    async fn system_counts(&self, scope: &ReadScope)
    -> StoreResult<Vec<(OrgId, Publication, i64)>>;

    /// Every version, oldest first (not for the public scope).
    async fn system_history(
        &self,
        scope: &ReadScope,
        id: SystemId,
    ) -> StoreResult<Vec<SystemVersion>>;

    /// The versions of every record, by record id and version, those after `after` (a record
    /// id and version; `None` from the start), at most `limit`: for checking the whole history
    /// against the audit log.
    async fn all_versions(
        &self,
        after: Option<(SystemId, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<SystemVersion>>;
}
