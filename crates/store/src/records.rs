//! AI system records.

use aireg_domain::classification::Category;
use aireg_domain::policy::{Permit, ReadScope};
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord, SystemVersion, Theme};
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
    /// Words to search for (see [`aireg_domain::search`]): every word must match. A list
    /// with text is ordered by relevance first.
    pub text: Option<String>,
    /// The AI Act category of the current classification.
    pub category: Option<Category>,
    /// The area of public services.
    pub theme: Option<Theme>,
    /// Whether the record says it processes personal data.
    pub personal_data: Option<bool>,
    /// Whether the record says the system takes part in decisions on persons.
    pub decisions_on_persons: Option<bool>,
    /// Records in use (not retired) whose next review is on or before this date.
    pub review_due_by: Option<time::Date>,
    /// Records whose next review is on or after this date (with `review_due_by`, a window).
    pub review_due_from: Option<time::Date>,
}

/// What a list can be narrowed by, with how many records of the current list each value has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Organisation,
    Lifecycle,
    Category,
    Theme,
    PersonalData,
    DecisionsOnPersons,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Organisation,
        Facet::Lifecycle,
        Facet::Category,
        Facet::Theme,
        Facet::PersonalData,
        Facet::DecisionsOnPersons,
    ];

    /// The name in the store and in query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Organisation => "org",
            Facet::Lifecycle => "status",
            Facet::Category => "category",
            Facet::Theme => "theme",
            Facet::PersonalData => "personal_data",
            Facet::DecisionsOnPersons => "decisions_on_persons",
        }
    }

    pub fn parse(s: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// The value of a yes-or-no facet as stored and as given in query strings.
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// How many records of a list have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub facet: Facet,
    /// An organisation id, a life-cycle state, a category, `yes` or `no`.
    pub value: String,
    pub count: i64,
}

/// How many records of a list each organisation has, by life-cycle state and by AI Act
/// category: an overview's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverviewCounts {
    /// (organisation, state, records), every record in one state.
    pub by_state: Vec<(OrgId, Lifecycle, i64)>,
    /// (organisation, category of the newest classification, records): the classified
    /// records; the organisation's others are not classified.
    pub by_category: Vec<(OrgId, Category, i64)>,
}

/// A period's changes to the records of a list, for a report: those added in it and those
/// retired in it, the first of each in time order, with how many there are, and how many others
/// were changed in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodChanges {
    pub added: Vec<AiSystem>,
    pub added_total: i64,
    /// Retired, and last changed in the period.
    pub retired: Vec<AiSystem>,
    pub retired_total: i64,
    /// Added before the period and changed in it (the retired ones among them).
    pub changed: i64,
}

/// Where a list continues: after the last record of the page before, in the list's order
/// (relevance, then name, then id). Records added since do not move the pages that follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub score: i64,
    pub sort_name: String,
    pub id: SystemId,
}

impl Cursor {
    /// The cursor as an opaque token for URLs: hexadecimal of its parts.
    pub fn encode(&self) -> String {
        let plain = format!("{}\u{1f}{}\u{1f}{}", self.score, self.sort_name, self.id);
        plain.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// A token [`Cursor::encode`] made, or `None`.
    pub fn decode(token: &str) -> Option<Cursor> {
        if !token.len().is_multiple_of(2) || token.len() > 2048 {
            return None;
        }
        let bytes = (0..token.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.split('\u{1f}');
        let score = parts.next()?.parse().ok()?;
        let sort_name = parts.next()?.to_string();
        let id = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(Cursor {
            score,
            sort_name,
            id,
        })
    }
}

/// A page of a list read by cursor, and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct CursorPage<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
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
    /// Where the list continues after this page, when it does (see [`Cursor`]).
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        let per = i64::from(self.request.per_page);
        ((self.total + per - 1) / per).max(1)
    }
}

/// One record of an import: a new record (`existing` none; the permit `CreateSystem`) or a
/// new version of one (`existing` its id and the version read; the permit `EditSystem`), and
/// its publication when the importer may publish (the permit `PublishSystem`).
#[derive(Debug, Clone)]
pub struct ImportOp {
    pub permit: Permit,
    pub existing: Option<(SystemId, i64)>,
    pub record: SystemRecord,
    pub publish: Option<Permit>,
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

    /// Saves every record of an import in one transaction: all of them or, at the first
    /// refusal, none. Each save (and publication) is a version and an audit event of its own.
    async fn import_systems(&self, ops: Vec<ImportOp>) -> StoreResult<Vec<AiSystem>>;

    /// One record as the scope may see it (the public scope gets the public view).
    async fn system(&self, scope: &ReadScope, id: SystemId) -> StoreResult<Option<AiSystem>>;

    /// The records of `ids` the scope sees, by id (a list's records of its incidents, feedback
    /// or obligations, read together rather than one by one).
    async fn systems_by_id(
        &self,
        scope: &ReadScope,
        ids: &[SystemId],
    ) -> StoreResult<std::collections::HashMap<SystemId, AiSystem>>;

    async fn systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        page: PageRequest,
    ) -> StoreResult<Page<AiSystem>>;

    /// A page of a list after `after` (from the start when `None`), in the same order as
    /// [`RecordStore::systems`].
    async fn systems_after(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        after: Option<&Cursor>,
        limit: u32,
    ) -> StoreResult<CursorPage<AiSystem>>;

    /// The most recently changed records the scope sees, newest first (the public's change
    /// feed).
    async fn recently_changed(&self, scope: &ReadScope, limit: u32) -> StoreResult<Vec<AiSystem>>;

    /// How many records the list has (counted once, not per page of a long read).
    async fn count_systems(&self, scope: &ReadScope, filter: &SystemFilter) -> StoreResult<i64>;

    /// How many records of the list each value of each facet has.
    async fn facet_counts(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
    ) -> StoreResult<Vec<FacetCount>>;

    /// [`RecordStore::facet_counts`] of several lists that differ only in their facets (one
    /// page's choices, each counted without itself): the search words are looked up once.
    /// Each list after the first is the first without one of its choices, and only that
    /// facet is counted for it (the others are the first list's).
    async fn facet_counts_each(
        &self,
        scope: &ReadScope,
        filters: &[SystemFilter],
    ) -> StoreResult<Vec<Vec<FacetCount>>>;

    /// Builds the search index afresh from the records, `progress` told (done, total) as it
    /// goes. Saves keep the index current; this is for a new analyser or a restored database.
    async fn reindex(&self, progress: &(dyn Fn(u64, u64) + Send + Sync)) -> StoreResult<u64>;

    /// How many records each visible organisation has in each publication state.
    async fn system_counts(&self, scope: &ReadScope)
    -> StoreResult<Vec<(OrgId, Publication, i64)>>;

    /// How many records of the list each organisation has in each life-cycle state and in
    /// each AI Act category, counted in SQL (an overview's figures, whatever the register's
    /// size).
    async fn overview_counts(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
    ) -> StoreResult<OverviewCounts>;

    /// The changes of the list's records from `from` until (not including) `until`, at most
    /// `limit` of each list, counted in SQL.
    async fn changes_between(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        from: time::OffsetDateTime,
        until: time::OffsetDateTime,
        limit: i64,
    ) -> StoreResult<PeriodChanges>;

    /// Every version, oldest first (not for the public scope).
    async fn system_history(
        &self,
        scope: &ReadScope,
        id: SystemId,
    ) -> StoreResult<Vec<SystemVersion>>;

    /// The versions of [`RecordStore::system_history`] from version `from` on, oldest first, at
    /// most `limit`: a page of the history, found by its key.
    async fn system_history_from(
        &self,
        scope: &ReadScope,
        id: SystemId,
        from: i64,
        limit: u32,
    ) -> StoreResult<Vec<SystemVersion>>;

    /// The newest `limit` versions of [`RecordStore::system_history`], oldest first.
    async fn system_history_newest(
        &self,
        scope: &ReadScope,
        id: SystemId,
        limit: u32,
    ) -> StoreResult<Vec<SystemVersion>>;

    /// The records of a list that have a review date, earliest review first, at most `limit`:
    /// what a working group sees as due, read through (organisation, review date).
    async fn reviews_due(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        limit: i64,
    ) -> StoreResult<Vec<AiSystem>>;

    /// The records of a list in the order of their ids, those after `after` (`None` from the
    /// start), at most `limit`: for reading every record a list holds (an overview, a check
    /// against the audit log), each page found by its key whatever the list's size.
    async fn all_systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        after: Option<SystemId>,
        limit: i64,
    ) -> StoreResult<Vec<AiSystem>>;

    /// The versions of every record, by record id and version, those after `after` (a record
    /// id and version; `None` from the start), at most `limit`: for checking the whole history
    /// against the audit log.
    async fn all_versions(
        &self,
        after: Option<(SystemId, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<SystemVersion>>;
}
