//! AI system records: create, save new versions, publish and withdraw, read, list, history.

use async_trait::async_trait;
use sqlx::types::Json;
use sqlx::{Database, Encode, QueryBuilder, Type};
use time::OffsetDateTime;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::classification::Category;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, Permit, ReadScope};
use aireg_domain::system::{
    AiSystem, ChangeKind, Lifecycle, Publication, SystemRecord, SystemVersion,
};
use aireg_domain::validation::{Errors, Problem};
use aireg_domain::{OrgId, SystemId, UserId, clock};
use aireg_store::{
    Cursor, CursorPage, Facet, FacetCount, ImportOp, Move, OverviewCounts, Page, PageRequest,
    PeriodChanges, RecordStore, StoreError, StoreResult, SystemFilter,
};

use crate::rows::{OrgRow, SystemRow, VersionRow};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend, orgs, search};

/// The columns of a [`SystemRow`]. A record's content is kept once, in its versions: the
/// current one's is the record's.
macro_rules! system_columns {
    () => {
        "SELECT ai_system.id AS id, org_id, version, publication, (SELECT v.record FROM \
         ai_system_version v WHERE v.system_id = ai_system.id AND v.version = ai_system.version) \
         AS record, created_at, updated_at, first_published_at"
    };
}

/// The columns of a record list: a [`SystemRow`], its sort name and its relevance (`score`,
/// which [`search::start`] fills in).
pub(crate) const LIST: &str = concat!(system_columns!(), ", sort_name, score");

/// Records as [`SystemRow`]s, to be narrowed by a WHERE clause.
const SYSTEM_ROWS: &str = concat!(system_columns!(), " FROM ai_system");

/// A record of a list, with what orders it.
#[derive(sqlx::FromRow)]
pub(crate) struct ListRow {
    #[sqlx(flatten)]
    system: SystemRow,
    sort_name: String,
    score: i64,
}

impl ListRow {
    /// Where a list continues after this row.
    fn cursor(&self) -> StoreResult<Cursor> {
        Ok(Cursor {
            score: self.score,
            sort_name: self.sort_name.clone(),
            id: crate::parse_id("system id", &self.system.id)?,
        })
    }
}

/// The records of a page's rows as the scope sees them.
fn seen(scope: &ReadScope, rows: Vec<ListRow>) -> StoreResult<Vec<AiSystem>> {
    seen_rows(scope, rows.into_iter().map(|r| r.system))
}

/// The records of rows as the scope sees them.
fn seen_rows(
    scope: &ReadScope,
    rows: impl ExactSizeIterator<Item = SystemRow>,
) -> StoreResult<Vec<AiSystem>> {
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(s) = as_seen(scope, row.into_domain()?) {
            items.push(s);
        }
    }
    Ok(items)
}

/// A page of a record list by page number.
pub(crate) fn list_page<DB>(
    prefix: &str,
    text: &search::Text,
    scope: &ReadScope,
    filter: &SystemFilter,
    page: PageRequest,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    // The page's rows are found first, and only they read their content: a deep page skips
    // thousands of rows, which need not each look up their current version.
    let mut q = search::start(
        &format!("{prefix}{LIST} FROM ("),
        text,
        scope,
        filter,
        PAGE_ROWS,
    );
    search::push_order_after(&mut q, text, None);
    q.push(" LIMIT ")
        .push_bind(page.limit())
        .push(" OFFSET ")
        .push_bind(page.offset());
    q.push(") ai_system");
    q.push(match text {
        search::Text::Terms(_) => " ORDER BY score DESC, sort_name, ai_system.id",
        _ => " ORDER BY sort_name, ai_system.id",
    });
    q
}

/// The columns of a list's rows but the content (see [`list_page`]).
const PAGE_ROWS: &str = "SELECT ai_system.id AS id, org_id, version, publication, created_at, \
     updated_at, first_published_at, sort_name, score";

#[async_trait]
impl RecordStore for SqlStore {
    async fn create_system(
        &self,
        permit: &Permit,
        record: SystemRecord,
        then: Option<Move<'_>>,
    ) -> StoreResult<AiSystem> {
        let org_id = match permitted_org(permit, Action::RequestAiTool) {
            // Anyone may ask for a tool: that makes a draft idea (a new record is always a
            // draft) that names no one and nothing of the organisation's, and nothing more.
            Ok(org)
                if then.is_none()
                    && record.lifecycle == Lifecycle::Idea
                    && record.system_owner.is_none()
                    && record.process_owner.is_none()
                    && record.unit.is_none()
                    && record.product.is_none()
                    && record.eu_registration.is_none() =>
            {
                org
            }
            Ok(_) => return Err(StoreError::Forbidden),
            Err(_) => permitted_org(permit, Action::CreateSystem)?,
        };
        if then.is_none() {
            return self.create_together(permit, org_id, record).await;
        }
        let mut tx = self.begin_write(permit).await?;
        let system = create_in(&mut tx, org_id, record, permit.is_platform(), false).await?;
        let system = match then {
            Some(to) => crate::governance::move_in(&mut tx, system, to).await?,
            None => system,
        };
        tx.commit().await?;
        Ok(system)
    }

    async fn update_system(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: i64,
        record: SystemRecord,
        then: Option<Move<'_>>,
    ) -> StoreResult<AiSystem> {
        let org_id = permitted_org(permit, Action::EditSystem)?;
        let mut tx = self.begin_write(permit).await?;
        let updated = update_in(&mut tx, org_id, id, expected_version, record).await?;
        let updated = match then {
            Some(to) => crate::governance::move_in(&mut tx, updated, to).await?,
            None => updated,
        };
        tx.commit().await?;
        Ok(updated)
    }

    async fn set_publication(
        &self,
        permit: &Permit,
        id: SystemId,
        expected_version: Option<i64>,
        publication: Publication,
    ) -> StoreResult<AiSystem> {
        let org_id = permitted_org(permit, Action::PublishSystem)?;
        let mut tx = self.begin_write(permit).await?;
        let updated = publish_in(&mut tx, org_id, id, expected_version, publication).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn import_systems(&self, ops: Vec<ImportOp>) -> StoreResult<Vec<AiSystem>> {
        let Some(first) = ops.first() else {
            return Ok(Vec::new());
        };
        let mut tx = self.begin_write(&first.permit).await?;
        // PostgreSQL plans each statement from the tables' statistics as they were before the
        // import, when they were small: it would scan the growing tables for every record
        // (100 records/s at 10,000, and slower as it goes). Within this transaction it looks
        // rows up by their keys.
        if let crate::Tx::Postgres(t) = &mut tx.tx {
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut **t)
                .await
                .map_err(backend)?;
        }
        // An import's transaction writes hundreds of megabytes: with SQLite's default page
        // cache (2 MB) it would write the pages of the growing tables out and read them back
        // many times over before it commits.
        if let crate::Tx::Sqlite(t) = &mut tx.tx {
            sqlx::query(IMPORT_CACHE)
                .execute(&mut **t)
                .await
                .map_err(backend)?;
        }
        tx.counts_at_commit = true;
        let mut done = Vec::with_capacity(ops.len());
        // New records are checked one by one and saved a batch at a time; anything that reads
        // records saves what waits first.
        let mut waiting: Vec<NewSystem> = Vec::new();
        for op in ops {
            let system = match op.existing {
                Some((id, version)) => {
                    let org_id = permitted_org(&op.permit, Action::EditSystem)?;
                    save_new(&mut tx, std::mem::take(&mut waiting)).await?;
                    update_in(&mut tx, org_id, id, version, op.record).await?
                }
                None => {
                    let org_id = permitted_org(&op.permit, Action::CreateSystem)?;
                    // Created and published at once: one version, one audited event.
                    let publish = match &op.publish {
                        Some(p) => permitted_org(p, Action::PublishSystem)? == org_id,
                        None => false,
                    };
                    let new =
                        check_new(&mut tx, org_id, op.record, op.permit.is_platform(), publish)
                            .await?;
                    let system = new.system.clone();
                    waiting.push(new);
                    if waiting.len() >= IMPORT_BATCH {
                        save_new(&mut tx, std::mem::take(&mut waiting)).await?;
                    }
                    system
                }
            };
            let system = match &op.publish {
                Some(p) if system.publication != Publication::Published => {
                    let org_id = permitted_org(p, Action::PublishSystem)?;
                    save_new(&mut tx, std::mem::take(&mut waiting)).await?;
                    publish_in(&mut tx, org_id, system.id, None, Publication::Published).await?
                }
                _ => system,
            };
            done.push(system);
        }
        save_new(&mut tx, waiting).await?;
        search::recount_all(&mut tx).await?;
        if let crate::Tx::Sqlite(t) = &mut tx.tx {
            // The connection goes back to the pool: the default again.
            sqlx::query("PRAGMA cache_size = -2000")
                .execute(&mut **t)
                .await
                .map_err(backend)?;
        }
        tx.commit().await?;
        Ok(done)
    }

    async fn system(&self, scope: &ReadScope, id: SystemId) -> StoreResult<Option<AiSystem>> {
        let row: Option<SystemRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("system_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row
            .map(SystemRow::into_domain)
            .transpose()?
            .and_then(|s| as_seen(scope, s)))
    }

    async fn systems_by_id(
        &self,
        scope: &ReadScope,
        ids: &[SystemId],
    ) -> StoreResult<std::collections::HashMap<SystemId, AiSystem>> {
        let mut ids: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for chunk in search::shaped(&ids, search::ROWS_PER_INSERT) {
            let rows: Vec<SystemRow> = on_pool!(self, p => {
                let mut q = QueryBuilder::new(format!("{SYSTEM_ROWS} WHERE id IN ("));
                let mut list = q.separated(", ");
                for id in chunk {
                    list.push_bind(id.clone());
                }
                list.push_unseparated(")");
                q.build_query_as().fetch_all(p).await
            })
            .map_err(backend)?;
            for row in rows {
                if let Some(s) = as_seen(scope, row.into_domain()?) {
                    found.insert(s.id, s);
                }
            }
        }
        Ok(found)
    }

    async fn systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        page: PageRequest,
    ) -> StoreResult<Page<AiSystem>> {
        let text = search::text_of(self, filter).await?;
        let kept = search::kept_count(&text, scope, filter);
        let (total, rows): (i64, Vec<ListRow>) = on_pool!(self, p => async {
            let mut count = if let Some(kept) = kept.clone() {
                search::count_kept(kept, filter)
            } else {
                search::start_reading(Reading::Whole, &text, scope, filter, "SELECT COUNT(*)")
            };
            let total: i64 = count.build_query_scalar().fetch_one(p).await?;
            let rows = list_page("", &text, scope, filter, page).build_query_as().fetch_all(p).await?;
            Ok::<_, sqlx::Error>((total, rows))
        }
        .await)
        .map_err(backend)?;
        let more = page.offset() + (rows.len() as i64) < total;
        let next = match rows.last() {
            Some(last) if more => Some(last.cursor()?),
            _ => None,
        };
        Ok(Page {
            items: seen(scope, rows)?,
            total,
            request: page,
            next,
        })
    }

    async fn systems_after(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        after: Option<&Cursor>,
        limit: u32,
    ) -> StoreResult<CursorPage<AiSystem>> {
        let limit = limit.clamp(1, PageRequest::MAX_PER_PAGE);
        let text = search::text_of(self, filter).await?;
        let mut rows: Vec<ListRow> = on_pool!(self, p => {
            let mut q = search::start("", &text, scope, filter, LIST);
            search::push_order_after(&mut q, &text, after);
            // One more than asked says whether a next page exists.
            q.push(" LIMIT ").push_bind(i64::from(limit) + 1);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = match rows.last() {
            Some(last) if more => Some(last.cursor()?),
            _ => None,
        };
        Ok(CursorPage {
            items: seen(scope, rows)?,
            next,
        })
    }

    async fn count_systems(&self, scope: &ReadScope, filter: &SystemFilter) -> StoreResult<i64> {
        let text = search::text_of(self, filter).await?;
        let kept = search::kept_count(&text, scope, filter);
        on_pool!(self, p => {
            let mut q = if let Some(kept) = kept.clone() {
                search::count_kept(kept, filter)
            } else {
                search::start_reading(Reading::Whole, &text, scope, filter, "SELECT COUNT(*)")
            };
            q.build_query_scalar().fetch_one(p).await
        })
        .map_err(backend)
    }

    async fn recently_changed(&self, scope: &ReadScope, limit: u32) -> StoreResult<Vec<AiSystem>> {
        let limit = i64::from(limit.clamp(1, PageRequest::MAX_PER_PAGE));
        let rows: Vec<SystemRow> = on_pool!(self, p => {
            let mut q = QueryBuilder::new(SYSTEM_ROWS);
            push_conditions(&mut q, scope, &SystemFilter::default());
            q.push(" ORDER BY updated_at DESC, id DESC LIMIT ").push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        seen_rows(scope, rows.into_iter())
    }

    async fn facet_counts(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
    ) -> StoreResult<Vec<FacetCount>> {
        Ok(self
            .facet_counts_each(scope, std::slice::from_ref(filter))
            .await?
            .pop()
            .unwrap_or_default())
    }

    async fn facet_counts_each(
        &self,
        scope: &ReadScope,
        filters: &[SystemFilter],
    ) -> StoreResult<Vec<Vec<FacetCount>>> {
        let Some(first) = filters.first() else {
            return Ok(Vec::new());
        };
        debug_assert!(filters.iter().all(|f| f.text == first.text));
        let text = search::text_of(self, first).await?;
        let mut all = Vec::with_capacity(filters.len());
        for (i, filter) in filters.iter().enumerate() {
            let only = (i > 0).then(|| dropped_choice(first, filter)).flatten();
            // The public lists without words or facet choices (the front page, an
            // organisation's page) are counted ahead, and so are the organisations of a list
            // narrowed by one value; the others from their records.
            let ahead = search::counted_ahead(&text, scope, filter);
            let kept = search::kept_count(&text, scope, filter)
                .filter(|_| only == Some(Facet::Organisation));
            let rows: Vec<(String, String, i64)> = on_pool!(self, p => {
                let mut q = if ahead {
                    search::facet_counts_ahead(filter)
                } else if let Some(kept) = kept.clone() {
                    search::org_counts_kept(kept, filter)
                } else {
                    search::facet_counts_query(&text, scope, filter, only)
                };
                q.build_query_as().fetch_all(p).await
            })
            .map_err(backend)?;
            let mut counts: Vec<FacetCount> = rows
                .into_iter()
                .filter_map(|(facet, value, count)| {
                    Some(FacetCount {
                        facet: Facet::parse(&facet)?,
                        value,
                        count,
                    })
                })
                .filter(|c| only.is_none_or(|o| c.facet == o))
                .collect();
            counts.sort_by(|a, b| {
                (a.facet, std::cmp::Reverse(a.count), &a.value).cmp(&(
                    b.facet,
                    std::cmp::Reverse(b.count),
                    &b.value,
                ))
            });
            all.push(counts);
        }
        Ok(all)
    }

    async fn reindex(&self, progress: &(dyn Fn(u64, u64) + Send + Sync)) -> StoreResult<u64> {
        search::reindex(self, progress).await
    }

    async fn system_counts(
        &self,
        scope: &ReadScope,
    ) -> StoreResult<Vec<(OrgId, Publication, i64)>> {
        let rows: Vec<(String, String, i64)> = on_pool!(self, p => {
            let mut q = QueryBuilder::new("SELECT org_id, publication, COUNT(*) FROM ai_system");
            push_conditions(&mut q, scope, &SystemFilter::default());
            q.push(" GROUP BY org_id, publication ORDER BY org_id, publication");
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter()
            .map(|(org, publication, n)| {
                let org = crate::parse_id::<OrgId>("organisation id", &org)?;
                let publication = Publication::parse(&publication)
                    .ok_or_else(|| crate::corrupt("publication state", &publication))?;
                Ok((org, publication, n))
            })
            .collect()
    }

    async fn overview_counts(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
    ) -> StoreResult<OverviewCounts> {
        let text = search::text_of(self, filter).await?;
        // Two counts, each in the order of an index: by state through (organisation, state);
        // by category from the categories kept in the search index, each record found by its
        // key. Counted together, every record's category was looked up and the whole list
        // sorted (0.3 s for 100,000 records).
        let by_state: Vec<(String, String, i64)> = on_pool!(self, p => {
            let mut q = search::start_reading(
                Reading::Whole,
                &text,
                scope,
                filter,
                "SELECT org_id, lifecycle, COUNT(*)",
            );
            q.push(" GROUP BY org_id, lifecycle");
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        let by_category: Vec<(String, String, i64)> = on_pool!(self, p => {
            let mut q = search::start(
                "SELECT s.org_id, cat.value, COUNT(*) FROM search_facet cat JOIN (",
                &text,
                scope,
                filter,
                "SELECT ai_system.id AS id, ai_system.org_id AS org_id",
            );
            q.push(
                ") s ON s.id = cat.system_id WHERE cat.facet = 'category' \
                 GROUP BY s.org_id, cat.value",
            );
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        let org = |id: &str| crate::parse_id::<OrgId>("organisation id", id);
        Ok(OverviewCounts {
            by_state: by_state
                .into_iter()
                .map(|(o, l, n)| {
                    let state = Lifecycle::parse(&l)
                        .ok_or_else(|| crate::corrupt("life-cycle state", &l))?;
                    Ok((org(&o)?, state, n))
                })
                .collect::<StoreResult<_>>()?,
            by_category: by_category
                .into_iter()
                .map(|(o, c, n)| {
                    let category =
                        Category::parse(&c).ok_or_else(|| crate::corrupt("AI Act category", &c))?;
                    Ok((org(&o)?, category, n))
                })
                .collect::<StoreResult<_>>()?,
        })
    }

    async fn changes_between(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        from: OffsetDateTime,
        until: OffsetDateTime,
        limit: i64,
    ) -> StoreResult<PeriodChanges> {
        let text = search::text_of(self, filter).await?;
        // Every change of the period left its record's `updated_at` in it or later: one pass over
        // the records changed since `from` counts all three. The counts' select comes before the
        // list's conditions, so its two instants are written as literals: the fixed-width UTC
        // text of `clock::rfc3339` (digits and `-:.TZ` only), which SQLite compares as text and
        // PostgreSQL reads as a timestamptz.
        let (f, u) = (clock::rfc3339(from), clock::rfc3339(until));
        let select = format!(
            "SELECT SUM(CASE WHEN created_at >= '{f}' AND created_at < '{u}' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN lifecycle = 'retired' AND updated_at < '{u}' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN created_at < '{f}' AND updated_at < '{u}' THEN 1 ELSE 0 END)"
        );
        let (added_total, retired_total, changed): (Option<i64>, Option<i64>, Option<i64>) =
            on_pool!(self, p => {
                let mut q = search::start_reading(Reading::Whole, &text, scope, filter, &select);
                q.push(format!(" AND updated_at >= '{f}'"));
                q.build_query_as().fetch_one(p).await
            })
            .map_err(backend)?;
        let added: Vec<SystemRow> = on_pool!(self, p => {
            let mut q = search::start("", &text, scope, filter, system_columns!());
            q.push(" AND created_at >= ")
                .push_bind(Ts(from))
                .push(" AND created_at < ")
                .push_bind(Ts(until))
                .push(" ORDER BY created_at, ai_system.id LIMIT ")
                .push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        let retired: Vec<SystemRow> = on_pool!(self, p => {
            let mut q = search::start("", &text, scope, filter, system_columns!());
            q.push(" AND lifecycle = 'retired' AND updated_at >= ")
                .push_bind(Ts(from))
                .push(" AND updated_at < ")
                .push_bind(Ts(until))
                .push(" ORDER BY updated_at, ai_system.id LIMIT ")
                .push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        Ok(PeriodChanges {
            added: seen_rows(scope, added.into_iter())?,
            added_total: added_total.unwrap_or(0),
            retired: seen_rows(scope, retired.into_iter())?,
            retired_total: retired_total.unwrap_or(0),
            changed: changed.unwrap_or(0),
        })
    }

    async fn system_history_newest(
        &self,
        scope: &ReadScope,
        id: SystemId,
        limit: u32,
    ) -> StoreResult<Vec<SystemVersion>> {
        if scope.is_public() || self.system(scope, id).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<VersionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("system_history_newest"))
                .bind(id.to_string())
                .bind(i64::from(limit))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter()
            .rev()
            .map(VersionRow::into_domain)
            .collect()
    }

    async fn system_history_from(
        &self,
        scope: &ReadScope,
        id: SystemId,
        from: i64,
        limit: u32,
    ) -> StoreResult<Vec<SystemVersion>> {
        if scope.is_public() || self.system(scope, id).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<VersionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("system_history_from"))
                .bind(id.to_string())
                .bind(from)
                .bind(i64::from(limit))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter().map(VersionRow::into_domain).collect()
    }

    async fn system_history(
        &self,
        scope: &ReadScope,
        id: SystemId,
    ) -> StoreResult<Vec<SystemVersion>> {
        if scope.is_public() || self.system(scope, id).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<VersionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("system_history")).bind(id.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(VersionRow::into_domain).collect()
    }

    async fn reviews_due(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        limit: i64,
    ) -> StoreResult<Vec<AiSystem>> {
        let text = search::text_of(self, filter).await?;
        let rows: Vec<SystemRow> = on_pool!(self, p => {
            let mut q = search::start("", &text, scope, filter, system_columns!());
            q.push(" AND next_review IS NOT NULL ORDER BY next_review, ai_system.id LIMIT ")
                .push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        seen_rows(scope, rows.into_iter())
    }

    async fn all_systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        after: Option<SystemId>,
        limit: i64,
    ) -> StoreResult<Vec<AiSystem>> {
        let text = search::text_of(self, filter).await?;
        let after = after.map(|id| id.to_string()).unwrap_or_default();
        let rows: Vec<SystemRow> = on_pool!(self, p => {
            let mut q = search::start_reading(Reading::ById, &text, scope, filter, system_columns!());
            q.push(" AND ai_system.id > ")
                .push_bind(after.clone())
                .push(" ORDER BY ai_system.id LIMIT ")
                .push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })
        .map_err(backend)?;
        seen_rows(scope, rows.into_iter())
    }

    async fn all_versions(
        &self,
        after: Option<(SystemId, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<SystemVersion>> {
        let (id, version) = after.map(|(id, v)| (id.to_string(), v)).unwrap_or_default();
        let rows: Vec<VersionRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("system_versions_after"))
                .bind(&id)
                .bind(version)
                .bind(limit)
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter().map(VersionRow::into_domain).collect()
    }
}

/// The organisation a permit for `action` is for, or `Forbidden`.
/// New records an import saves together.
const IMPORT_BATCH: usize = 256;

/// The page cache of an import's connection (SQLite): 256 MB, in kibibytes.
const IMPORT_CACHE: &str = "PRAGMA cache_size = -262144";

fn permitted_org(permit: &Permit, action: Action) -> StoreResult<OrgId> {
    match permit.org_id() {
        Some(org) if permit.covers(action, Some(org)) => Ok(org),
        _ => Err(StoreError::Forbidden),
    }
}

/// A create waiting for the turn to write.
pub(crate) struct WaitingCreate {
    permit: Permit,
    org_id: OrgId,
    record: SystemRecord,
    reply: tokio::sync::oneshot::Sender<StoreResult<AiSystem>>,
}

impl SqlStore {
    /// A new draft, saved with the others waiting at the same time: SQLite lets one writer
    /// in at a time, and PostgreSQL orders every write on the audit chain's head row; a
    /// transaction of its own per record spent most of its time beginning, reading the chain
    /// head and committing (to disk, each time). Whoever gets
    /// the turn to write saves every create waiting then in one transaction: each is checked
    /// on its own (one refused is refused alone), and each gets its own version and audited
    /// event under its own author.
    async fn create_together(
        &self,
        permit: &Permit,
        org_id: OrgId,
        record: SystemRecord,
    ) -> StoreResult<AiSystem> {
        let (reply, mut answer) = tokio::sync::oneshot::channel();
        if let Ok(mut waiting) = self.creates.lock() {
            waiting.push(WaitingCreate {
                permit: permit.clone(),
                org_id,
                record,
                reply,
            });
        }
        let turn = tokio::select! {
            biased;
            saved = &mut answer => return saved.unwrap_or_else(|_| Err(lost())),
            turn = self.writes.clone().lock_owned() => turn,
        };
        let waiting = self
            .creates
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default();
        if waiting.is_empty() {
            // Saved by the one who had the turn before.
            drop(turn);
            return answer.await.unwrap_or_else(|_| Err(lost()));
        }
        let mut tx = self
            .begin_write_in(permit.actor_id(), permit.actor_name(), Some(turn))
            .await;
        let mut checked: Vec<(
            NewSystem,
            tokio::sync::oneshot::Sender<StoreResult<AiSystem>>,
        )> = Vec::with_capacity(waiting.len());
        let mut authors: Vec<(Option<UserId>, String)> = Vec::with_capacity(waiting.len());
        for w in waiting {
            let Ok(t) = &mut tx else {
                let _ = w
                    .reply
                    .send(Err(StoreError::backend("the write could not begin")));
                continue;
            };
            match check_new(t, w.org_id, w.record, w.permit.is_platform(), false).await {
                Ok(new) => {
                    authors.push((w.permit.actor_id(), w.permit.actor_name().to_string()));
                    checked.push((new, w.reply));
                }
                Err(e) => {
                    let _ = w.reply.send(Err(e));
                }
            }
        }
        let mut tx = tx?;
        let saved = async {
            // In runs by the same author: a version and an event name who made them.
            let mut start = 0;
            while start < checked.len() {
                let author = &authors[start];
                let end = start + authors[start..].iter().take_while(|a| *a == author).count();
                tx.actor_id = author.0;
                tx.actor_name = author.1.clone();
                let run = checked[start..end]
                    .iter()
                    .map(|(n, _)| NewSystem {
                        system: n.system.clone(),
                        sort_name: n.sort_name.clone(),
                    })
                    .collect();
                save_new(&mut tx, run).await?;
                start = end;
            }
            tx.commit().await
        }
        .await;
        for (new, reply) in checked {
            let _ = reply.send(match &saved {
                Ok(()) => Ok(new.system),
                Err(_) => Err(StoreError::backend("the records could not be saved")),
            });
        }
        saved?;
        answer.await.unwrap_or_else(|_| Err(lost()))
    }
}

/// A waiting create whose answer never came (the task saving it failed).
fn lost() -> StoreError {
    StoreError::backend("the create was not saved")
}

/// A new draft (`create_system`), or with `publish` a new published record (an import), in
/// the transaction given.
async fn create_in(
    tx: &mut WriteTx,
    org_id: OrgId,
    record: SystemRecord,
    platform: bool,
    publish: bool,
) -> StoreResult<AiSystem> {
    let new = check_new(tx, org_id, record, platform, publish).await?;
    let system = new.system.clone();
    save_new(tx, vec![new]).await?;
    Ok(system)
}

/// A new record, checked and numbered, not yet saved.
struct NewSystem {
    system: AiSystem,
    sort_name: String,
}

/// Checks a new record against its organisation and gives it its id and first version.
async fn check_new(
    tx: &mut WriteTx,
    org_id: OrgId,
    record: SystemRecord,
    platform: bool,
    publish: bool,
) -> StoreResult<NewSystem> {
    let record = record.normalized();
    record.validate().map_err(StoreError::Invalid)?;
    if !record.lifecycle.is_initial() && !platform {
        return Err(StoreError::invalid("lifecycle", Problem::UseTransition));
    }
    let org = org_in(tx, org_id).await?;
    check_references(tx, &org, &record).await?;
    if publish {
        let problems = record.publish_problems(org.primary_lang());
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
    }
    let sort_name = record.sort_name(org.primary_lang());
    Ok(NewSystem {
        system: AiSystem {
            id: SystemId::new(),
            org_id,
            version: 1,
            publication: if publish {
                Publication::Published
            } else {
                Publication::Draft
            },
            record,
            created_at: tx.now,
            updated_at: tx.now,
            first_published_at: publish.then_some(tx.now),
        },
        sort_name,
    })
}

/// Saves checked new records: their rows, index entries, first versions and audited events, a
/// few statements for all of them (an import saves hundreds at a time).
async fn save_new(tx: &mut WriteTx, new: Vec<NewSystem>) -> StoreResult<()> {
    if new.is_empty() {
        return Ok(());
    }
    for chunk in search::shaped(&new, search::ROWS_PER_INSERT) {
        on_tx!(tx, c => {
            let mut q = QueryBuilder::new(
                "INSERT INTO ai_system (id, org_id, version, lifecycle, sort_name, next_review, \
                 created_at, updated_at, publication, first_published_at) ",
            );
            q.push_values(chunk, |mut b, n| {
                let s = &n.system;
                b.push_bind(s.id.to_string())
                    .push_bind(s.org_id.to_string())
                    .push_bind(s.version)
                    .push_bind(s.record.lifecycle.as_str())
                    .push_bind(n.sort_name.clone())
                    .push_bind(s.record.next_review.map(aireg_domain::clock::iso))
                    .push_bind(Ts(s.created_at))
                    .push_bind(Ts(s.updated_at))
                    .push_bind(s.publication.as_str())
                    .push_bind(s.first_published_at.map(Ts));
            });
            q.build().execute(&mut *c).await.map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    let systems: Vec<AiSystem> = new.into_iter().map(|n| n.system).collect();
    search::index_new(tx, &systems).await?;
    // A draft counts in nothing the public sees.
    for s in systems
        .iter()
        .filter(|s| s.publication == Publication::Published)
    {
        search::count_published(tx, s.id, 1).await?;
    }
    let versions: Vec<(&AiSystem, ChangeKind)> =
        systems.iter().map(|s| (s, ChangeKind::Created)).collect();
    record_versions(tx, &versions).await?;
    let events = systems
        .iter()
        .map(|s| {
            NewAuditEvent::new("system.create", "system", s.id)
                .org(Some(s.org_id))
                .after(aireg_domain::audit::record_state(
                    s.version,
                    s.publication,
                    &s.record,
                ))
        })
        .collect();
    crate::audit::append_all(tx, events).await
}

/// A new version (`update_system`), in the transaction given.
async fn update_in(
    tx: &mut WriteTx,
    org_id: OrgId,
    id: SystemId,
    expected_version: i64,
    record: SystemRecord,
) -> StoreResult<AiSystem> {
    let record = record.normalized();
    record.validate().map_err(StoreError::Invalid)?;
    let current = current_in(tx, id, org_id).await?;
    if current.version != expected_version {
        return Err(StoreError::Conflict {
            current: current.version,
        });
    }
    if record.lifecycle != current.record.lifecycle {
        return Err(StoreError::invalid("lifecycle", Problem::UseTransition));
    }
    let org = org_in(tx, org_id).await?;
    check_references(tx, &org, &record).await?;
    if current.publication == Publication::Published {
        // A published record stays publishable: an edit cannot blank what residents read.
        let problems = record.publish_problems(org.primary_lang());
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
    }
    let primary = org.primary_lang();
    let now = tx.now;
    search::count_published(tx, id, -1).await?;
    let done = on_tx!(tx, c => {
        sqlx::query(sql!("system_update"))
            .bind(id.to_string())
            .bind(org_id.to_string())
            .bind(expected_version)
            .bind(record.lifecycle.as_str())
            .bind(record.sort_name(primary))
            .bind(record.next_review.map(aireg_domain::clock::iso))
            .bind(Ts(now))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    if done != 1 {
        // The write lock is held since the read above, so this cannot race; be safe anyway.
        return Err(StoreError::Conflict {
            current: current.version,
        });
    }
    let updated = AiSystem {
        version: current.version + 1,
        record,
        updated_at: now,
        ..current.clone()
    };
    search::index_record(tx, &updated, false).await?;
    search::count_published(tx, id, 1).await?;
    record_version(tx, &updated, ChangeKind::Edited).await?;
    tx.audit(
        NewAuditEvent::new("system.update", "system", id)
            .org(Some(org_id))
            .before(aireg_domain::audit::record_state(
                current.version,
                current.publication,
                &current.record,
            ))
            .after(aireg_domain::audit::record_state(
                updated.version,
                updated.publication,
                &updated.record,
            )),
    )
    .await?;
    Ok(updated)
}

/// Publishes or withdraws (`set_publication`), in the transaction given.
async fn publish_in(
    tx: &mut WriteTx,
    org_id: OrgId,
    id: SystemId,
    expected_version: Option<i64>,
    publication: Publication,
) -> StoreResult<AiSystem> {
    let current = current_in(tx, id, org_id).await?;
    if let Some(v) = expected_version
        && v != current.version
    {
        return Err(StoreError::Conflict {
            current: current.version,
        });
    }
    let change = match publication {
        Publication::Published => ChangeKind::Published,
        Publication::Withdrawn => ChangeKind::Withdrawn,
        Publication::Draft => {
            return Err(StoreError::invalid(
                "publication",
                Problem::InvalidChoice {
                    allowed: vec!["published".into(), "withdrawn".into()],
                },
            ));
        }
    };
    if current.publication == publication {
        return Ok(current);
    }
    if publication == Publication::Published {
        let org = org_in(tx, org_id).await?;
        let problems = current.record.publish_problems(org.primary_lang());
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
    }
    let now = tx.now;
    let first_published = (publication == Publication::Published).then_some(Ts(now));
    search::count_published(tx, id, -1).await?;
    on_tx!(tx, c => {
        sqlx::query(sql!("system_set_publication"))
            .bind(id.to_string())
            .bind(org_id.to_string())
            .bind(current.version)
            .bind(publication.as_str())
            .bind(Ts(now))
            .bind(first_published)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    search::count_published(tx, id, 1).await?;
    let updated = AiSystem {
        version: current.version + 1,
        publication,
        updated_at: now,
        first_published_at: current.first_published_at.or(first_published.map(|t| t.0)),
        ..current.clone()
    };
    record_version(tx, &updated, change).await?;
    let action = match change {
        ChangeKind::Published => "system.publish",
        _ => "system.withdraw",
    };
    tx.audit(
        NewAuditEvent::new(action, "system", id)
            .org(Some(org_id))
            .before(
                serde_json::json!({"version": current.version, "publication": current.publication}),
            )
            .after(
                serde_json::json!({"version": updated.version, "publication": updated.publication}),
            ),
    )
    .await?;
    Ok(updated)
}

/// The current record, if it exists in the permit's organisation.
async fn current_in(tx: &mut WriteTx, id: SystemId, org_id: OrgId) -> StoreResult<AiSystem> {
    let row: Option<SystemRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("system_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
    })
    .map_err(backend)?;
    match row.map(SystemRow::into_domain).transpose()? {
        Some(s) if s.org_id == org_id => Ok(s),
        _ => Err(StoreError::NotFound),
    }
}

async fn org_in(tx: &mut WriteTx, id: OrgId) -> StoreResult<Organisation> {
    if let Some(org) = tx.orgs.get(&id) {
        return Ok(org.clone());
    }
    if let Some(org) = orgs::known_org(tx, id).await? {
        tx.orgs.insert(id, org.clone());
        return Ok(org);
    }
    let row: Option<OrgRow> = on_tx!(tx, c => {
        sqlx::query_as(sql!("org_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
    })
    .map_err(backend)?;
    let org = row
        .map(OrgRow::into_domain)
        .transpose()?
        .ok_or_else(|| StoreError::invalid("organisation", Problem::UnknownReference))?;
    tx.orgs.insert(id, org.clone());
    Ok(org)
}

/// The unit must be below the record's organisation; the owners must hold a role in it (or
/// above or below it); the product must exist.
async fn check_references(
    tx: &mut WriteTx,
    org: &Organisation,
    record: &SystemRecord,
) -> StoreResult<()> {
    let tree = orgs::tree_in(tx).await?;
    let mut e = Errors::new();
    if let Some(unit) = record.unit
        && (unit == org.id || !tree.ancestors_and_self(unit).contains(&org.id))
    {
        e.add("unit", Problem::UnknownReference);
    }
    let mut related = std::collections::BTreeSet::new();
    for (field, person) in [
        ("system_owner", record.system_owner),
        ("process_owner", record.process_owner),
    ] {
        let Some(person) = person else { continue };
        if related.is_empty() {
            // Only when someone is named: most saves name no one new.
            related = tree.descendants_and_self(org.id);
            related.extend(tree.ancestors_and_self(org.id));
        }
        let orgs: Vec<(String,)> = on_tx!(tx, c => {
            sqlx::query_as(sql!("membership_orgs_of_user"))
                .bind(person.to_string())
                .fetch_all(&mut *c)
                .await
        })
        .map_err(backend)?;
        let holds_role = orgs
            .iter()
            .any(|(o,)| o.parse::<OrgId>().is_ok_and(|o| related.contains(&o)));
        if !holds_role {
            e.add(field, Problem::UnknownReference);
        }
    }
    if let Some(product) = record.product {
        let found: Option<(String,)> = on_tx!(tx, c => {
            sqlx::query_as(sql!("product_exists"))
                .bind(product.to_string())
                .fetch_optional(&mut *c)
                .await
        })
        .map_err(backend)?;
        if found.is_none() {
            e.add("product", Problem::UnknownReference);
        }
    }
    e.into_result().map_err(StoreError::Invalid)
}

pub(crate) async fn record_version(
    tx: &mut WriteTx,
    s: &AiSystem,
    change: ChangeKind,
) -> StoreResult<()> {
    record_versions(tx, &[(s, change)]).await
}

/// Keeps the records as they are now as new versions, a few statements for all of them.
async fn record_versions(
    tx: &mut WriteTx,
    versions: &[(&AiSystem, ChangeKind)],
) -> StoreResult<()> {
    let (now, actor_id, actor_name) = (tx.now, tx.actor_id, tx.actor_name.clone());
    let actor_id = actor_id.map(|u| u.to_string());
    for chunk in search::shaped(versions, search::ROWS_PER_INSERT) {
        on_tx!(tx, c => {
            let mut q = QueryBuilder::new(
                "INSERT INTO ai_system_version (system_id, version, change_kind, publication, \
                 record, changed_at, changed_by, changed_by_name) ",
            );
            q.push_values(chunk, |mut b, (s, change)| {
                b.push_bind(s.id.to_string())
                    .push_bind(s.version)
                    .push_bind(change.as_str())
                    .push_bind(s.publication.as_str())
                    .push_bind(Json(crate::stored::write(&s.record)))
                    .push_bind(Ts(now))
                    .push_bind(actor_id.clone())
                    .push_bind(actor_name.clone());
            });
            q.build().execute(&mut *c).await.map(|r| r.rows_affected())
        })
        .map_err(backend)?;
    }
    Ok(())
}

/// The public scope gets the public view of a published record; staff get the whole record of
/// their organisations.
fn as_seen(scope: &ReadScope, mut s: AiSystem) -> Option<AiSystem> {
    if !scope.allows(s.org_id, s.publication == Publication::Published) {
        return None;
    }
    if scope.is_public() {
        s.record = s.record.public_view();
    }
    Some(s)
}

/// How a statement reads a list's records: a page in name order stops after its rows, so it
/// is best walked in that order; a count reads every record the list has; a batch in the order
/// of the ids ([`RecordStore::all_systems`]) has no order to walk but the ids, and turns up
/// only as fast as the records that match do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Page,
    Whole,
    ById,
}

/// The WHERE clause of a list: the scope first (so no filter can widen it), then the filters.
pub(crate) fn push_conditions<DB>(
    qb: &mut QueryBuilder<DB>,
    scope: &ReadScope,
    filter: &SystemFilter,
) where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    push_conditions_as(qb, scope, filter, Reading::Page);
}

/// [`push_conditions`] for a statement that reads the list as `reading` says.
pub(crate) fn push_conditions_as<DB>(
    qb: &mut QueryBuilder<DB>,
    scope: &ReadScope,
    filter: &SystemFilter,
    reading: Reading,
) where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    qb.push(" WHERE 1 = 1");
    if scope.is_public() {
        qb.push(" AND publication = ")
            .push_bind(Publication::Published.as_str().to_string());
    }
    if let Some(orgs) = scope.orgs() {
        push_in(qb, "org_id", orgs.iter().map(ToString::to_string));
    }
    if let Some(orgs) = &filter.orgs {
        push_in(qb, "org_id", orgs.iter().map(ToString::to_string));
    }
    if let Some(l) = filter.lifecycle {
        qb.push(" AND lifecycle = ")
            .push_bind(l.as_str().to_string());
    }
    if let Some(p) = filter.publication {
        qb.push(" AND publication = ")
            .push_bind(p.as_str().to_string());
    }
    if let Some(by) = filter.review_due_by {
        qb.push(" AND next_review <= ")
            .push_bind(aireg_domain::clock::iso(by))
            .push(" AND lifecycle <> ")
            .push_bind(
                aireg_domain::system::Lifecycle::Retired
                    .as_str()
                    .to_string(),
            );
    }
    if let Some(from) = filter.review_due_from {
        qb.push(" AND next_review >= ")
            .push_bind(aireg_domain::clock::iso(from));
    }
    // The text is the search's (see `search::start`); the facets are values of the index.
    search::push_facet_conditions(qb, scope, filter, reading);
}

/// `AND column IN (…)`; an empty set matches nothing.
pub(crate) fn push_in<DB>(
    qb: &mut QueryBuilder<DB>,
    column: &str,
    values: impl Iterator<Item = String>,
) where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let values: Vec<String> = values.collect();
    if values.is_empty() {
        qb.push(" AND 1 = 0");
        return;
    }
    qb.push(" AND ").push(column).push(" IN (");
    let mut list = qb.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    list.push_unseparated(")");
}

/// Makes `%`, `_` and `\` match themselves in a LIKE pattern.
pub(crate) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The facet whose choice `first` has and `without` lacks: what a list counted without one
/// of a page's choices is counted for.
fn dropped_choice(first: &SystemFilter, without: &SystemFilter) -> Option<Facet> {
    [
        (
            Facet::Organisation,
            first.orgs.is_some() && without.orgs.is_none(),
        ),
        (
            Facet::Lifecycle,
            first.lifecycle.is_some() && without.lifecycle.is_none(),
        ),
        (
            Facet::Category,
            first.category.is_some() && without.category.is_none(),
        ),
        (
            Facet::Theme,
            first.theme.is_some() && without.theme.is_none(),
        ),
        (
            Facet::PersonalData,
            first.personal_data.is_some() && without.personal_data.is_none(),
        ),
        (
            Facet::DecisionsOnPersons,
            first.decisions_on_persons.is_some() && without.decisions_on_persons.is_none(),
        ),
    ]
    .into_iter()
    .find_map(|(facet, dropped)| dropped.then_some(facet))
}
