//! The year in the register, read as the report prints it.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};
use time::OffsetDateTime;

use aireg_domain::classification::{Category, ObligationStatus};
use aireg_domain::governance::{ApprovalStatus, FeedbackStatus};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, can};
use aireg_domain::system::{AiSystem, Lifecycle, Publication};
use aireg_domain::{Lang, clock};
use aireg_i18n::Tr;
use aireg_service::{ServiceError, Services};
use aireg_store::{ObligationFilter, ReportFilter, SystemFilter};

use crate::ReportError;

/// The labels the template prints, by key (each a message `report-<key>`).
const LABELS: &[&str] = &[
    "system",
    "incident",
    "kind",
    "outcome",
    "inventory",
    "inventory-lead",
    "organisation",
    "total",
    "in-use",
    "high-risk",
    "by-state",
    "by-category",
    "changes",
    "added",
    "retired",
    "changed",
    "none",
    "high-risk-heading",
    "obligations-open",
    "obligations-done",
    "obligations-overdue",
    "governance",
    "approvals-granted",
    "approvals-refused",
    "approvals-returned",
    "assessments-signed",
    "reviews-overdue",
    "incidents",
    "incidents-total",
    "serious",
    "deadline",
    "deadline-met",
    "deadline-missed",
    "deadline-open",
    "feedback",
    "feedback-total",
    "feedback-answered",
    "feedback-overdue",
    "feedback-in-time",
    "feedback-response",
    "incident-response",
    "policy",
    "policy-changes",
    "policy-reviews",
    "chain",
    "chain-lead",
    "generated",
];

fn in_year(t: OffsetDateTime, year: i32) -> bool {
    t.year() == year
}

/// The most records the lists of the year's added and retired records print.
const LIST_AT_MOST: i64 = 200;

/// The first instant of `year` and of the year after it, in UTC, as [`in_year`] counts.
fn year_bounds(year: i32) -> (OffsetDateTime, OffsetDateTime) {
    let start = |y: i32| {
        time::Date::from_calendar_date(y, time::Month::January, 1)
            .map(|d| d.midnight().assume_utc())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    };
    (start(year), start(year + 1))
}

/// The median of durations, in hours; `None` for none.
fn median_hours(durations: impl Iterator<Item = time::Duration>) -> Option<f64> {
    let mut hours: Vec<f64> = durations.map(|d| d.as_seconds_f64() / 3600.0).collect();
    if hours.is_empty() {
        return None;
    }
    hours.sort_by(f64::total_cmp);
    let mid = hours.len() / 2;
    Some(if hours.len().is_multiple_of(2) {
        (hours[mid - 1] + hours[mid]) / 2.0
    } else {
        hours[mid]
    })
}

/// The report's data for the organisation `slug` (and those below it) and `year`, in `lang`:
/// what the actor may read of it (`NotFound` when they may read nothing of the organisation).
/// Links point at `public_url`.
pub async fn gather(
    services: &Services,
    actor: &Actor,
    slug: &str,
    year: i32,
    lang: Lang,
    public_url: &str,
) -> Result<Value, ReportError> {
    let store = services.store();
    let org = store
        .organisation_by_slug(slug)
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::NotFound)?;
    if !can(actor, Action::ReadSystem, Resource::Org(org.id)) {
        return Err(ServiceError::NotFound.into());
    }
    let t = Tr::new(lang);
    let l = lang.code();
    let scope = ReadScope::for_actor(actor);
    let today = clock::now().date();
    let orgs = store.organisations().await.map_err(ServiceError::from)?;
    let tree = store.org_tree().await.map_err(ServiceError::from)?;
    let below: Vec<_> = tree.descendants_and_self(org.id).into_iter().collect();
    let org_name = |id| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.display_name(lang).to_string())
            .unwrap_or_default()
    };

    // The inventory (every organisation below by state and category) and the year's changes
    // are counted in SQL; the records added and retired in the year are read up to
    // LIST_AT_MOST each, the report saying how many there are.
    let records_below = SystemFilter {
        orgs: Some(below.clone()),
        ..SystemFilter::default()
    };
    let figures = services.figures(&scope, &orgs, &below, lang).await?;
    let state_index = |s: Lifecycle| Lifecycle::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let category_index = |c: Category| {
        figures
            .categories
            .iter()
            .position(|x| *x == Some(c))
            .unwrap_or(0)
    };
    let inventory: Vec<Value> = figures
        .orgs
        .iter()
        .map(|o| {
            json!({
                "name": o.name,
                "total": o.total,
                "in_use": o.by_state[state_index(Lifecycle::InUse)] + o.by_state[state_index(Lifecycle::Pilot)],
                "high_risk": o.by_category[category_index(Category::HighRisk)],
            })
        })
        .collect();
    let states: Vec<Value> = Lifecycle::ALL
        .iter()
        .zip(figures.state_totals())
        .map(|(s, n)| json!({"label": t.get(&s.message_id()), "n": n}))
        .collect();
    let categories: Vec<Value> = figures
        .categories
        .iter()
        .zip(figures.category_totals())
        .map(|(c, n)| {
            let label = c.map_or_else(
                || t.get("figures-not-classified"),
                |c| t.get(&c.message_id()),
            );
            json!({"label": label, "n": n})
        })
        .collect();

    // The year's changes.
    let link = |s: &AiSystem| match s.publication {
        Publication::Published => format!("{public_url}/{l}/systems/{}", s.id),
        _ => format!("{public_url}/{l}/staff/systems/{}", s.id),
    };
    let line = |s: &AiSystem| {
        json!({
            "name": s.record.name.text(lang, &[Lang::Fi, Lang::Sv, Lang::En]),
            "org": org_name(s.org_id),
            "link": link(s),
        })
    };
    let (year_start, year_end) = year_bounds(year);
    let year_changes = store
        .changes_between(&scope, &records_below, year_start, year_end, LIST_AT_MOST)
        .await
        .map_err(ServiceError::from)?;
    let more = |shown: usize, total: i64| {
        if total > shown as i64 {
            t.args(
                "report-first-of",
                &[("shown", shown.to_string()), ("total", total.to_string())],
            )
        } else {
            String::new()
        }
    };

    // High-risk systems and their obligations.
    let obligations = store
        .obligations(
            &scope,
            &ObligationFilter {
                orgs: Some(below.clone()),
                ..ObligationFilter::default()
            },
        )
        .await
        .map_err(ServiceError::from)?;
    let mut obligations_of: HashMap<_, Vec<_>> = HashMap::new();
    for o in obligations.iter().filter(|o| o.active) {
        if let Some(id) = o.system_id {
            obligations_of.entry(id).or_default().push(o);
        }
    }
    let high_risk_systems = services
        .all_systems(
            &scope,
            &SystemFilter {
                orgs: Some(below.clone()),
                category: Some(Category::HighRisk),
                ..SystemFilter::default()
            },
        )
        .await?;
    let high_risk: Vec<Value> = high_risk_systems
        .iter()
        .map(|s| {
            let mine = obligations_of
                .get(&s.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let done = mine
                .iter()
                .filter(|o| {
                    matches!(
                        o.status,
                        ObligationStatus::Done | ObligationStatus::NotApplicable
                    )
                })
                .count();
            let overdue = mine.iter().filter(|o| o.is_overdue(today)).count();
            let mut v = line(s);
            v["open"] = json!(mine.len() - done);
            v["done"] = json!(done);
            v["overdue"] = json!(overdue);
            v
        })
        .collect();

    // The governance work of the year.
    let filter = ReportFilter {
        orgs: Some(below.clone()),
        ..ReportFilter::default()
    };
    let approvals = store
        .approvals(&scope, &filter)
        .await
        .map_err(ServiceError::from)?;
    let decided = |status: ApprovalStatus| {
        approvals
            .iter()
            .filter(|a| a.status == status && a.decided_at.is_some_and(|d| in_year(d, year)))
            .count()
    };
    let templates = &services.content().templates;
    let mut signed: BTreeMap<String, usize> = BTreeMap::new();
    for a in store
        .assessments_in(&scope, &filter)
        .await
        .map_err(ServiceError::from)?
        .iter()
        .filter(|a| a.signed_at.is_some_and(|d| in_year(d, year)))
    {
        let name = templates
            .get(&a.template_id)
            .map_or_else(|| a.template_id.clone(), |tp| tp.title.get(l).to_string());
        *signed.entry(name).or_default() += 1;
    }
    let reviews_overdue = store
        .count_systems(
            &scope,
            &SystemFilter {
                review_due_by: Some(today - time::Duration::days(1)),
                ..records_below.clone()
            },
        )
        .await
        .map_err(ServiceError::from)?;

    // Incidents of the year, the serious ones with their art. 73 deadline.
    let incidents: Vec<_> = store
        .incidents(&scope, &filter)
        .await
        .map_err(ServiceError::from)?
        .into_iter()
        .filter(|i| in_year(i.created_at, year))
        .collect();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for i in &incidents {
        *by_kind.entry(t.get(&i.kind.message_id())).or_default() += 1;
    }
    let incident_response = median_hours(
        incidents
            .iter()
            .filter_map(|i| i.first_response_at.map(|r| r - i.created_at)),
    );
    let now = clock::now();
    let mut serious = Vec::new();
    // Only the serious ones have a deadline: one look at each one's notices.
    for i in incidents.iter().filter(|i| i.serious.is_some()) {
        let notified = store
            .notifications(&scope, i.id)
            .await
            .map_err(ServiceError::from)?
            .iter()
            .filter(|n| n.channel == "authority")
            .map(|n| n.at)
            .min();
        let deadline = i.report_deadline;
        let verdict = match (notified, deadline) {
            (Some(at), Some(d)) if at <= d => "deadline-met",
            (Some(_), Some(_)) => "deadline-missed",
            (None, Some(d)) if d < now => "deadline-missed",
            _ => "deadline-open",
        };
        serious.push(json!({
            "title": i.title,
            "kind": t.get(&i.kind.message_id()),
            "deadline": deadline.map(|d| aireg_i18n::format::date(d.date(), lang)).unwrap_or_default(),
            "verdict": t.get(&format!("report-{verdict}")),
        }));
    }

    // Residents' feedback of the year.
    let feedback: Vec<_> = store
        .feedback(&scope, &filter)
        .await
        .map_err(ServiceError::from)?
        .into_iter()
        .filter(|f| in_year(f.created_at, year))
        .collect();
    let mut feedback_kinds: BTreeMap<String, usize> = BTreeMap::new();
    for f in &feedback {
        *feedback_kinds
            .entry(t.get(&f.kind.message_id()))
            .or_default() += 1;
    }
    let answered = feedback
        .iter()
        .filter(|f| f.status == FeedbackStatus::Answered)
        .count();
    let feedback_overdue = feedback
        .iter()
        .filter(|f| f.status == FeedbackStatus::Open && f.response_due < today)
        .count();
    let responded = || {
        feedback
            .iter()
            .filter(|f| f.status != FeedbackStatus::Open)
            .filter_map(|f| f.responded_at.map(|r| (f, r)))
    };
    let feedback_in_time = responded()
        .filter(|(f, r)| r.date() <= f.response_due)
        .count();
    let feedback_response =
        median_hours(responded().map(|(f, r)| r - f.created_at)).map(|h| h / 24.0);

    // The policy: its changes and reviews in the year.
    let pack = services.pack_for(org.id).await?;
    let (policy, changes, policy_reviews) = match pack {
        Some(p) => {
            let changes: Vec<Value> = p
                .changelog
                .iter()
                .filter(|c| c.date.starts_with(&year.to_string()))
                .map(|c| json!({"version": c.version, "date": c.date, "text": c.text.get(l)}))
                .collect();
            // The reviews of the organisation that owns the policy for this one (a pack may
            // apply to several, each reviewing its own use).
            let owner = aireg_service::reviews::pack_owner(&orgs, &tree, org.id, p);
            let reviews: Vec<Value> = store
                .policy_reviews(&p.id)
                .await
                .map_err(ServiceError::from)?
                .into_iter()
                .filter(|r| r.org_id == owner && in_year(r.reviewed_at, year))
                .map(|r| {
                    json!({
                        "date": aireg_i18n::format::date(r.reviewed_at.date(), lang),
                        "reviewer": r.reviewer_name,
                        "findings": r.findings,
                    })
                })
                .collect();
            (
                format!("{} {}", p.title.get(l), p.version),
                changes,
                reviews,
            )
        }
        None => (t.get("org-no-policy"), Vec::new(), Vec::new()),
    };
    let head = store.audit_head().await.map_err(ServiceError::from)?;

    let labels: serde_json::Map<String, Value> = LABELS
        .iter()
        // Typst reads `t.in_use` more plainly than `t.in-use`.
        .map(|k| (k.replace('-', "_"), json!(t.get(&format!("report-{k}")))))
        .collect();
    let counts = |m: BTreeMap<String, usize>| -> Vec<Value> {
        m.into_iter()
            .map(|(label, n)| json!({"label": label, "n": n}))
            .collect()
    };
    let name = org.display_name(lang).to_string();
    Ok(json!({
        "lang": l,
        "t": labels,
        "title": t.args("report-title", &[("year", year.to_string()), ("org", name.clone())]),
        "org": name,
        "year": year,
        "generated": aireg_i18n::format::datetime(now, lang),
        "policy": policy,
        "inventory": inventory,
        "states": states,
        "categories": categories,
        "added": year_changes.added.iter().map(line).collect::<Vec<_>>(),
        "added_more": more(year_changes.added.len(), year_changes.added_total),
        "retired": year_changes.retired.iter().map(line).collect::<Vec<_>>(),
        "retired_more": more(year_changes.retired.len(), year_changes.retired_total),
        "changed": year_changes.changed,
        "high_risk": high_risk,
        "approvals_granted": decided(ApprovalStatus::Approved),
        "approvals_refused": decided(ApprovalStatus::Rejected),
        "approvals_returned": decided(ApprovalStatus::Returned),
        "assessments": counts(signed),
        "reviews_overdue": reviews_overdue,
        "incidents_total": incidents.len(),
        "incident_response": incident_response.map(|h| format!("{h:.0}")).unwrap_or_else(|| "–".into()),
        "incidents_by_kind": counts(by_kind),
        "serious": serious,
        "feedback_total": feedback.len(),
        "feedback_by_kind": counts(feedback_kinds),
        "feedback_answered": answered,
        "feedback_overdue": feedback_overdue,
        "feedback_in_time": feedback_in_time,
        "feedback_response": feedback_response.map(|d| format!("{d:.1}")).unwrap_or_else(|| "–".into()),
        "policy_changes": changes,
        "policy_reviews": policy_reviews,
        "chain_seq": head.as_ref().map(|(seq, _)| *seq).unwrap_or(0),
        "chain_hash": head.map(|(_, hash)| hash).unwrap_or_default(),
    }))
}
