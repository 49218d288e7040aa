//! What needs a working group's attention in its organisations: reviews overdue or due soon,
//! records in front of users that no longer meet their gate, open approvals, obligations past
//! their date, open incidents and feedback past its deadline.
//!
//! Each list holds the first few, in the order they are to be dealt with, and says how many
//! there are in all, counted in SQL: the overview costs what it shows, however much is due.

use std::collections::HashMap;

use time::{Date, Duration};

use aireg_domain::classification::TrackedObligation;
use aireg_domain::governance::{ApprovalRequest, Feedback, Incident};
use aireg_domain::policy::ReadScope;
use aireg_domain::system::AiSystem;
use aireg_domain::{OrgId, SystemId};
use aireg_rules::policy::Missing;
use aireg_store::{ObligationFilter, ReportFilter, SystemFilter};

use crate::{ServiceResult, Services};

/// How far ahead a review counts as due soon.
pub const DUE_SOON: Duration = Duration::days(30);

/// The first of a list and how many it holds in all.
#[derive(Debug, Clone)]
pub struct Shown<T> {
    pub items: Vec<T>,
    pub total: i64,
}

impl<T> Shown<T> {
    fn new(items: Vec<T>, total: i64) -> Shown<T> {
        Shown { items, total }
    }
}

/// The lists of [`Services::attention`].
#[derive(Debug)]
pub struct Attention {
    /// Earliest review first.
    pub reviews_overdue: Shown<AiSystem>,
    /// Due today or within [`DUE_SOON`], earliest first.
    pub reviews_due: Shown<AiSystem>,
    /// With what each lacks, in the order of the records' ids.
    pub nonconforming: Shown<(AiSystem, Vec<Missing>)>,
    /// Oldest request first.
    pub approvals: Shown<ApprovalRequest>,
    /// Those that applied first, first.
    pub obligations: Shown<TrackedObligation>,
    /// Newest first.
    pub incidents: Shown<Incident>,
    /// The answer due first, first.
    pub feedback: Shown<Feedback>,
    /// The records the approvals, incidents and feedback concern.
    pub systems: HashMap<SystemId, AiSystem>,
}

impl Services {
    /// What needs attention in `orgs` on `today`, as `scope` sees it, at most `shown` of each.
    pub async fn attention(
        &self,
        scope: &ReadScope,
        orgs: &[OrgId],
        today: Date,
        shown: u32,
    ) -> ServiceResult<Attention> {
        let store = self.store();
        let reviews = |from: Option<Date>, by: Date| SystemFilter {
            orgs: Some(orgs.to_vec()),
            review_due_from: from,
            review_due_by: Some(by),
            ..SystemFilter::default()
        };
        let overdue = reviews(None, today - Duration::days(1));
        let soon = reviews(Some(today), today + DUE_SOON);
        let reviews_overdue = self.reviews_shown(scope, &overdue, shown).await?;
        let reviews_due = self.reviews_shown(scope, &soon, shown).await?;

        let open = ReportFilter {
            orgs: Some(orgs.to_vec()),
            open_only: true,
            limit: Some(shown),
            ..ReportFilter::default()
        };
        let late = ReportFilter {
            due_before: Some(today),
            ..open.clone()
        };
        // One count: the due date narrows only the feedback.
        let counts = store.count_reports(scope, &late).await?;
        let approvals = store.approvals(scope, &open).await?;
        let incidents = store.incidents(scope, &open).await?;
        let feedback = store.feedback(scope, &late).await?;

        let past = ObligationFilter {
            orgs: Some(orgs.to_vec()),
            open_only: true,
            applies_before: Some(today),
            limit: Some(shown),
            ..ObligationFilter::default()
        };
        let obligations = Shown::new(
            store.obligations(scope, &past).await?,
            store.count_obligations(scope, &past).await?,
        );

        let ids: Vec<SystemId> = (approvals.iter().map(|a| a.system_id))
            .chain(incidents.iter().map(|i| i.system_id))
            .chain(feedback.iter().map(|f| f.system_id))
            .collect();
        let systems = store.systems_by_id(scope, &ids).await?;
        Ok(Attention {
            reviews_overdue,
            reviews_due,
            nonconforming: self.nonconforming_in(scope, orgs, shown).await?,
            approvals: Shown::new(approvals, counts.approvals),
            obligations,
            incidents: Shown::new(incidents, counts.incidents),
            feedback: Shown::new(feedback, counts.feedback),
            systems,
        })
    }

    async fn reviews_shown(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
        shown: u32,
    ) -> ServiceResult<Shown<AiSystem>> {
        Ok(Shown::new(
            self.store()
                .reviews_due(scope, filter, i64::from(shown))
                .await?,
            self.store().count_systems(scope, filter).await?,
        ))
    }
}
