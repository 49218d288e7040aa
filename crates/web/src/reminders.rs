//! The reminder scan: reviews due soon or overdue, and AI Act obligations coming due, become
//! e-mail jobs to the people responsible. Each reminder has a dedup key naming what it is about
//! and the due date, so it is queued once ever, however often the scan runs and across
//! restarts; a moved date is a new reminder.

use time::{Date, Duration};

use aireg_domain::classification::TrackedObligation;
use aireg_domain::governance::NewJob;
use aireg_domain::person::{Role, User};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::{Lang, OrgId, UserId};
use aireg_store::{ObligationFilter, SystemFilter};

use crate::error::AppError;
use crate::format;
use crate::governance::{all_systems, workflow_scope};
use crate::mail::{Mail, link};
use crate::state::AppState;

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

/// Queues the reminders due on `today`.
pub async fn scan(state: &AppState, today: Date) -> Result<ScanReport, AppError> {
    let scope = workflow_scope();
    let mut jobs: Vec<NewJob> = Vec::new();
    let systems = all_systems(state, &scope, &SystemFilter::default()).await?;
    for s in &systems {
        if matches!(s.record.lifecycle, Lifecycle::Retired) {
            continue;
        }
        let Some(date) = s.record.next_review else {
            continue;
        };
        let kind = if date < today {
            "review-overdue"
        } else if date <= today + REVIEW_NOTICE {
            "review-due"
        } else {
            continue;
        };
        for person in owners(state, s).await? {
            jobs.push(review_mail(state, s, &person, kind, date));
        }
    }
    let obligations = state
        .store
        .obligations(
            &scope,
            &ObligationFilter {
                open_only: true,
                ..ObligationFilter::default()
            },
        )
        .await?;
    for o in obligations
        .iter()
        .filter(|o| o.active && o.applies_from <= today + OBLIGATION_NOTICE)
    {
        let system = o
            .system_id
            .and_then(|id| systems.iter().find(|s| s.id == id));
        for person in answerable(state, o, system).await? {
            jobs.push(obligation_mail(state, o, system, &person));
        }
    }
    let due = jobs.len();
    let queued = state.store.enqueue_jobs(jobs).await?;
    Ok(ScanReport { due, queued })
}

/// The people a record names, with accounts that are in use.
async fn owners(state: &AppState, s: &AiSystem) -> Result<Vec<User>, AppError> {
    let mut people = Vec::new();
    for id in [s.record.system_owner, s.record.process_owner]
        .into_iter()
        .flatten()
    {
        push_user(state, &mut people, id).await?;
    }
    Ok(people)
}

async fn push_user(state: &AppState, people: &mut Vec<User>, id: UserId) -> Result<(), AppError> {
    if !people.iter().any(|p| p.id == id)
        && let Some(u) = state.store.user(id).await?
        && !u.disabled
    {
        people.push(u);
    }
    Ok(())
}

/// Who answers for an obligation: the person responsible for it, else the record's owners,
/// else the organisation's admins.
async fn answerable(
    state: &AppState,
    o: &TrackedObligation,
    system: Option<&AiSystem>,
) -> Result<Vec<User>, AppError> {
    let mut people = Vec::new();
    if let Some(id) = o.responsible {
        push_user(state, &mut people, id).await?;
    }
    if people.is_empty()
        && let Some(s) = system
    {
        people = owners(state, s).await?;
    }
    if people.is_empty() {
        people = admins(state, o.org_id).await?;
    }
    Ok(people)
}

async fn admins(state: &AppState, org: OrgId) -> Result<Vec<User>, AppError> {
    Ok(state
        .store
        .members(&workflow_scope(), org)
        .await?
        .into_iter()
        .filter(|m| m.roles.contains(&Role::OrgAdmin) && !m.user.disabled)
        .map(|m| m.user)
        .collect())
}

fn review_mail(state: &AppState, s: &AiSystem, to: &User, kind: &str, date: Date) -> NewJob {
    let lang = to.language;
    Mail::compose(
        to,
        kind,
        &[
            ("system", s.record.name.text(lang, &[]).to_string()),
            ("date", format::date(date, lang)),
            (
                "link",
                link(
                    &state.config.public_url,
                    &format!("/{}/staff/systems/{}/governance", lang.code(), s.id),
                ),
            ),
        ],
    )
    .job(Some(format!(
        "{kind}:{}:{}:{}",
        s.id,
        aireg_domain::clock::iso(date),
        to.id
    )))
}

fn obligation_mail(
    state: &AppState,
    o: &TrackedObligation,
    system: Option<&AiSystem>,
    to: &User,
) -> NewJob {
    let lang = to.language;
    let subject = match system {
        Some(s) => s.record.name.text(lang, &[]).to_string(),
        None => crate::i18n::Tr::new(lang).get("obligation-organisation-level"),
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
                link(&state.config.public_url, &format!("/{}/staff", lang.code())),
            ),
        ],
    )
    .job(Some(format!(
        "obligation-due:{}:{}:{}",
        o.id,
        aireg_domain::clock::iso(o.applies_from),
        to.id
    )))
}
