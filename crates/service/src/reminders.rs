//! The reminder scan: reviews due soon or overdue, and AI Act obligations coming due, become
//! e-mail jobs to the people responsible. Each reminder has a dedup key naming what it is about
//! and the due date, so it is queued once ever, however often the scan runs and across
//! restarts; a moved date is a new reminder.

use time::{Date, Duration};

use aireg_domain::classification::TrackedObligation;
use aireg_domain::clock::iso;
use aireg_domain::governance::NewJob;
use aireg_domain::person::User;
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, SystemId};
use aireg_i18n::{Tr, format};
use aireg_store::{ObligationFilter, SystemFilter};

use crate::approvals::governance_path;
use crate::governance::workflow_scope;
use crate::outbox::Mail;
use crate::{ServiceResult, Services};

/// How long before a review's date its reminder goes out.
pub const REVIEW_NOTICE: Duration = Duration::days(14);
/// How long before an obligation applies its reminder goes out.
pub const OBLIGATION_NOTICE: Duration = Duration::days(30);

/// What a scan did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanReport {
    /// Reminders found due (before removing those already sent).
    pub due: usize,
    /// Reminders newly queued.
    pub queued: u64,
}

/// Which reminder of a review.
#[derive(Debug, Clone, Copy)]
enum ReviewReminder {
    Due,
    Overdue,
}

impl ReviewReminder {
    /// The mail kind, also the start of the dedup key.
    fn kind(self) -> &'static str {
        match self {
            ReviewReminder::Due => "review-due",
            ReviewReminder::Overdue => "review-overdue",
        }
    }
}

impl Services {
    /// Queues the reminders due on `today`.
    pub async fn scan_reminders(&self, today: Date) -> ServiceResult<ScanReport> {
        let scope = workflow_scope();
        let mut jobs: Vec<NewJob> = Vec::new();
        // Only the records due for review are read: the scan costs what is due, not the
        // register.
        let due_by = SystemFilter {
            review_due_by: Some(today + REVIEW_NOTICE),
            ..SystemFilter::default()
        };
        let systems = self.all_systems(&scope, &due_by).await?;
        for s in &systems {
            let Some(date) = s.record.next_review else {
                continue;
            };
            let which = if date < today {
                ReviewReminder::Overdue
            } else if date <= today + REVIEW_NOTICE {
                ReviewReminder::Due
            } else {
                continue;
            };
            for person in self.named_people(s).await? {
                jobs.push(self.review_mail(s, &person, which, date));
            }
        }
        let obligations = self
            .store()
            .obligations(
                &scope,
                &ObligationFilter {
                    open_only: true,
                    ..ObligationFilter::default()
                },
            )
            .await?;
        let due: Vec<&TrackedObligation> = obligations
            .iter()
            .filter(|o| o.active && o.applies_from <= today + OBLIGATION_NOTICE)
            .collect();
        let ids: Vec<SystemId> = due.iter().filter_map(|o| o.system_id).collect();
        let systems = self.store().systems_by_id(&scope, &ids).await?;
        for o in due {
            let system = o.system_id.and_then(|id| systems.get(&id));
            for person in self.answerable(o, system).await? {
                jobs.push(self.obligation_mail(o, system, &person));
            }
        }
        let due = jobs.len();
        let queued = self.store().enqueue_jobs(jobs).await?;
        Ok(ScanReport { due, queued })
    }

    /// Who answers for an obligation: the person responsible for it, else the record's owners,
    /// else the organisation's admins.
    async fn answerable(
        &self,
        o: &TrackedObligation,
        system: Option<&AiSystem>,
    ) -> ServiceResult<Vec<User>> {
        if let Some(id) = o.responsible
            && let Some(u) = self.store().user(id).await?
            && !u.disabled
        {
            return Ok(vec![u]);
        }
        if let Some(s) = system {
            let people = self.named_people(s).await?;
            if !people.is_empty() {
                return Ok(people);
            }
        }
        self.admins(o.org_id).await
    }

    fn review_mail(&self, s: &AiSystem, to: &User, which: ReviewReminder, date: Date) -> NewJob {
        let lang = to.language;
        Mail::compose(
            to,
            which.kind(),
            &[
                ("system", s.record.name.text(lang, &[]).to_string()),
                ("date", format::date(date, lang)),
                ("link", self.outbox().link(&governance_path(lang, s.id))),
            ],
        )
        .job_at(
            Some(format!("{}:{}:{}:{}", which.kind(), s.id, iso(date), to.id)),
            self.now(),
        )
    }

    fn obligation_mail(
        &self,
        o: &TrackedObligation,
        system: Option<&AiSystem>,
        to: &User,
    ) -> NewJob {
        let lang = to.language;
        let subject = match system {
            Some(s) => s.record.name.text(lang, &[]).to_string(),
            None => Tr::new(lang).get("obligation-organisation-level"),
        };
        Mail::compose(
            to,
            "obligation-due",
            &[
                ("obligation", o.title.text(lang, &[Lang::En]).to_string()),
                ("article", o.article.clone()),
                ("subject", subject),
                ("date", format::date(o.applies_from, lang)),
                (
                    "link",
                    self.outbox().link(&format!("/{}/staff", lang.code())),
                ),
            ],
        )
        .job_at(
            Some(format!(
                "obligation-due:{}:{}:{}",
                o.id,
                iso(o.applies_from),
                to.id
            )),
            self.now(),
        )
    }
}
