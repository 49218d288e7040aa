//! An organisation's AI policy as aireg runs it (the pack's text, bodies, rules and version
//! history, its yearly reviews), and the working group's view of governance across the
//! organisations below it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use aireg_domain::governance::add_months;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::{Lang, OrgId, clock};
use aireg_rules::policy::PolicyPack;

use super::figures::Drawn;
use super::governance::parse_date;
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::format;
use aireg_rules::assessment::Templates;
use aireg_service::ServiceError;
use aireg_service::attention::{Attention, Shown};
use aireg_service::reviews::{may_review, pack_owner};

use super::text;
use crate::state::AppState;

async fn org_for(state: &AppState, staff: &Staff, slug: &str) -> Result<Organisation, AppError> {
    let org = state
        .store
        .organisation_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(&staff.actor, Action::ReadSystem, Resource::Org(org.id)) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

pub(super) struct RuleRow {
    pub(super) what: String,
    pub(super) reason: String,
    pub(super) section: String,
}

struct ReviewRow {
    at: String,
    reviewer: String,
    version: String,
    findings: String,
    next: String,
}

#[derive(Template)]
#[template(path = "policy.html")]
struct PolicyPage {
    c: Chrome,
    org_name: String,
    slug: String,
    pack: Option<PackView>,
    reviews: Vec<ReviewRow>,
    next_review: String,
    review_overdue: bool,
    can_review: bool,
    review_default: String,
    errors: Vec<String>,
    findings: String,
}

pub(super) struct PackView {
    pub(super) title: String,
    pub(super) version: String,
    pub(super) source: String,
    pub(super) adopted: String,
    pub(super) owner: String,
    pub(super) summary: Vec<(String, String)>,
    pub(super) bodies: Vec<(String, String)>,
    pub(super) approvals: Vec<RuleRow>,
    pub(super) assessments: Vec<RuleRow>,
    pub(super) review: String,
    pub(super) feedback: String,
    pub(super) changelog: Vec<(String, String)>,
}

pub(super) fn pack_view(
    pack: &PolicyPack,
    templates: &Templates,
    owner: &str,
    lang: Lang,
    t: &crate::i18n::Tr,
) -> PackView {
    let body_name = |id: &str| {
        pack.body(id)
            .map(|b| text(&b.name, lang))
            .unwrap_or_else(|| id.to_string())
    };
    PackView {
        title: text(&pack.title, lang),
        version: pack.version.clone(),
        source: text(&pack.source, lang),
        adopted: pack.adopted.clone(),
        owner: owner.to_string(),
        summary: pack
            .summary
            .iter()
            .map(|s| (text(&s.heading, lang), text(&s.body, lang)))
            .collect(),
        bodies: pack
            .bodies
            .iter()
            .map(|b| {
                let mut who: Vec<String> = b.roles.iter().map(|r| t.get(&r.message_id())).collect();
                // The record's system or process owner, named as the record form names them.
                if let Some(p) = b.record_person {
                    who.push(t.get(&format!("field-{}", p.as_str().replace('_', "-"))));
                }
                (text(&b.name, lang), who.join(", "))
            })
            .collect(),
        approvals: pack
            .approval_rules
            .iter()
            .map(|r| RuleRow {
                what: r
                    .bodies
                    .iter()
                    .map(|b| body_name(b))
                    .collect::<Vec<_>>()
                    .join(", "),
                reason: text(&r.reason, lang),
                section: text(&r.section, lang),
            })
            .collect(),
        assessments: pack
            .assessment_rules
            .iter()
            .map(|r| RuleRow {
                what: format!(
                    "{} ({}: {})",
                    templates
                        .get(&r.assessment)
                        .map(|tp| text(&tp.title, lang))
                        .unwrap_or_else(|| r.assessment.clone()),
                    t.get("assessment-sign-off-body"),
                    body_name(&r.sign_off)
                ),
                reason: text(&r.reason, lang),
                section: text(&r.section, lang),
            })
            .collect(),
        review: t.args(
            "policy-review-rule",
            &[
                ("system", pack.review.system_interval_months.to_string()),
                ("policy", pack.review.policy_interval_months.to_string()),
                ("body", body_name(&pack.review.policy_body)),
            ],
        ),
        feedback: t.get1("policy-feedback-rule", "days", pack.feedback_response_days),
        changelog: pack
            .changelog
            .iter()
            .map(|c| {
                let date = parse_date(&c.date)
                    .map(|d| format::date(d, lang))
                    .unwrap_or_else(|| c.date.clone());
                (format!("{} ({date})", c.version), text(&c.text, lang))
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn policy_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    org: &Organisation,
    errors: Vec<String>,
    findings: String,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let orgs = state.store.organisations().await?;
    let tree = state.store.org_tree().await?;
    let pack = state.services.pack_for(org.id).await?;
    let today = clock::now().date();
    let (view, reviews, can_review, interval) = match pack {
        Some(p) => {
            let owner_id = pack_owner(&orgs, &tree, org.id, p);
            let owner = orgs
                .iter()
                .find(|o| o.id == owner_id)
                .map(|o| o.display_name(l).to_string())
                .unwrap_or_default();
            (
                Some(pack_view(
                    p,
                    &state.services.content().templates,
                    &owner,
                    l,
                    &t,
                )),
                state.store.policy_reviews(&p.id).await?,
                may_review(&staff.actor, owner_id, p),
                p.review.policy_interval_months,
            )
        }
        None => (None, Vec::new(), false, 12),
    };
    let last_next = reviews.last().map(|r| r.next_review);
    render(&PolicyPage {
        c: Chrome::new(l, uri, "dashboard", Some(staff)),
        org_name: org.display_name(l).to_string(),
        slug: org.slug.clone(),
        pack: view,
        next_review: last_next
            .map(|d| format::date(d, l))
            .unwrap_or_else(|| t.get("policy-never-reviewed")),
        review_overdue: last_next.is_some_and(|d| d < today),
        reviews: reviews
            .into_iter()
            .rev()
            .map(|r| ReviewRow {
                at: format::datetime(r.reviewed_at, l),
                reviewer: r.reviewer_name,
                version: r.policy_version,
                findings: r.findings,
                next: format::date(r.next_review, l),
            })
            .collect(),
        can_review,
        review_default: clock::iso(add_months(today, interval)),
        errors,
        findings,
    })
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let org = org_for(&state, &staff, &slug).await?;
    policy_page(&state, lang, &uri, &staff, &org, Vec::new(), String::new()).await
}

/// The working group records its review of the policy.
pub async fn review(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let org = org_for(&state, &staff, &slug).await?;
    let findings = form.get("findings").to_string();
    let page_uri: Uri = format!("/{}/staff/orgs/{}/policy", lang.code(), org.slug)
        .parse()
        .unwrap_or(uri);
    let next = parse_date(form.get("next_review"));
    match state
        .services
        .review_policy(&staff.actor, org.id, &findings, next)
        .await
    {
        Ok(_) => Ok(see_other(&format!("{page_uri}?done=reviewed"))),
        Err(ServiceError::Invalid(e)) => {
            let errors = e
                .iter()
                .map(|e| {
                    let label = match e.field.as_str() {
                        "next_review" => t.get("field-next-review"),
                        _ => t.get("field-findings"),
                    };
                    format!("{label}: {}", crate::error::field_message(&t, &e.problem))
                })
                .collect();
            let mut res =
                policy_page(&state, lang, &page_uri, &staff, &org, errors, findings).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// One organisation's line on the working group's dashboard.
struct OrgSummary {
    name: String,
    slug: String,
    by_state: Vec<(String, usize)>,
    by_category: Vec<(String, usize)>,
    total: usize,
}

struct SystemLine {
    href: String,
    name: LangText,
    org: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "working_group.html")]
struct WorkingGroupPage {
    c: Chrome,
    org_name: String,
    slug: String,
    orgs: Vec<OrgSummary>,
    charts: Vec<super::figures::Chart>,
    report_year: i32,
    nonconforming: AttentionList,
    open_approvals: AttentionList,
    reviews_overdue: AttentionList,
    reviews_due: AttentionList,
    obligations_overdue: AttentionList,
    open_incidents: AttentionList,
    feedback_overdue: AttentionList,
}

/// How many of each list of what needs attention the overview shows; the heading counts
/// them all.
const ATTENTION_SHOWN: u32 = 50;

/// One list of what needs attention: the lines shown and how many there are.
struct AttentionList {
    lines: Vec<SystemLine>,
    total: i64,
}

impl AttentionList {
    fn of<T>(shown: Shown<T>, line: impl FnMut(T) -> Option<SystemLine>) -> AttentionList {
        AttentionList {
            lines: shown.items.into_iter().filter_map(line).collect(),
            total: shown.total,
        }
    }

    /// Whether there are more than the lines shown.
    fn is_cut(&self) -> bool {
        self.total > self.lines.len() as i64
    }
}

/// Systems per organisation by state and AI Act category, and what needs attention: open
/// approvals, reviews overdue or due within 30 days, obligations past their date, open
/// incidents and unanswered feedback past its deadline, for `slug` and the organisations below.
pub async fn dashboard(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let scope = ReadScope::for_actor(&staff.actor);
    let Overview {
        org,
        orgs,
        below,
        figures,
    } = overview(&state, &staff, &slug, l).await?;
    let org_name = |id: OrgId| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.display_name(l).to_string())
            .unwrap_or_default()
    };
    let line = |s: &AiSystem, detail: String| SystemLine {
        href: format!("/{}/staff/systems/{}/governance", l.code(), s.id),
        name: LangText::of(&s.record.name, l, &[]),
        org: org_name(s.org_id),
        detail,
    };
    let summaries = figures
        .orgs
        .iter()
        .map(|o| OrgSummary {
            name: o.name.clone(),
            slug: o.slug.clone(),
            by_state: Lifecycle::ALL
                .iter()
                .zip(&o.by_state)
                .filter(|(_, n)| **n > 0)
                .map(|(st, n)| (t.get(&st.message_id()), *n))
                .collect(),
            by_category: figures
                .categories
                .iter()
                .zip(&o.by_category)
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| {
                    let label =
                        c.map_or_else(|| t.get("classification-none"), |c| t.get(&c.message_id()));
                    (label, *n)
                })
                .collect(),
            total: o.total,
        })
        .collect();
    let charts = figures.charts(&t);
    let today = clock::now().date();
    let Attention {
        reviews_overdue,
        reviews_due,
        nonconforming,
        approvals,
        obligations,
        incidents,
        feedback,
        systems,
    } = state
        .services
        .attention(&scope, &below, today, ATTENTION_SHOWN)
        .await?;
    let review_line = |s: &AiSystem| {
        line(
            s,
            s.record
                .next_review
                .map(|d| format::date(d, l))
                .unwrap_or_default(),
        )
    };
    let reviews_overdue = AttentionList::of(reviews_overdue, |s| Some(review_line(&s)));
    let reviews_due = AttentionList::of(reviews_due, |s| Some(review_line(&s)));
    let mut nonconforming = AttentionList::of(nonconforming, |(s, missing)| {
        Some(line(
            &s,
            super::governance::missing_texts(&missing, l).join("; "),
        ))
    });
    // Read in the order of their ids: shown by name.
    nonconforming
        .lines
        .sort_by_cached_key(|line| line.name.text.to_lowercase());
    let open_approvals = AttentionList::of(approvals, |a| {
        systems.get(&a.system_id).map(|s| {
            line(
                s,
                format!(
                    "{} · {}",
                    LangText::of(&a.body_name, l, &[Lang::En]).text,
                    format::date(a.requested_at.date(), l)
                ),
            )
        })
    });
    let obligations_overdue = AttentionList::of(obligations, |o| {
        Some(SystemLine {
            href: format!(
                "/{}/staff/orgs/{}/obligations?show=overdue",
                l.code(),
                orgs.iter()
                    .find(|x| x.id == o.org_id)
                    .map(|x| x.slug.clone())
                    .unwrap_or_default()
            ),
            name: LangText::plain(format!("{}: {}", o.article, o.title.text(l, &[Lang::En]))),
            org: org_name(o.org_id),
            detail: format::date(o.applies_from, l),
        })
    });
    let open_incidents = AttentionList::of(incidents, |i| {
        systems.get(&i.system_id).map(|s| SystemLine {
            href: format!("/{}/staff/incidents/{}", l.code(), i.id),
            name: LangText::plain(i.title.clone()),
            org: org_name(s.org_id),
            detail: format!(
                "{} · {}{}",
                t.get(&i.kind.message_id()),
                t.get(&i.status.message_id()),
                i.report_deadline
                    .map(|d| format!(
                        " · {} {}",
                        t.get("incident-deadline"),
                        format::datetime(d, l)
                    ))
                    .unwrap_or_default()
            ),
        })
    });
    let feedback_overdue = AttentionList::of(feedback, |f| {
        systems.get(&f.system_id).map(|s| {
            line(
                s,
                format!(
                    "{} · {}",
                    t.get(&f.kind.message_id()),
                    format::date(f.response_due, l)
                ),
            )
        })
    });
    render(&WorkingGroupPage {
        c: Chrome::new(l, &uri, "dashboard", Some(&staff)),
        org_name: org.display_name(l).to_string(),
        slug: org.slug.clone(),
        orgs: summaries,
        charts,
        report_year: clock::now().year(),
        nonconforming,
        open_approvals,
        reviews_overdue,
        reviews_due,
        obligations_overdue,
        open_incidents,
        feedback_overdue,
    })
}

/// What the overview counts: the organisation, every organisation, those below it (itself
/// included) and their figures (records the reader sees, by state and AI Act category).
struct Overview {
    org: Organisation,
    orgs: Vec<Organisation>,
    below: Vec<OrgId>,
    figures: aireg_service::overview::Figures,
}

async fn overview(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    l: Lang,
) -> Result<Overview, AppError> {
    let org = org_for(state, staff, slug).await?;
    let scope = ReadScope::for_actor(&staff.actor);
    let orgs = state.store.organisations().await?;
    let tree = state.store.org_tree().await?;
    let below: Vec<OrgId> = tree.descendants_and_self(org.id).into_iter().collect();
    let figures = state.services.figures(&scope, &orgs, &below, l).await?;
    Ok(Overview {
        org,
        orgs,
        below,
        figures,
    })
}

/// The overview's figures as CSV: one row per organisation below, a column per life-cycle
/// state and AI Act category.
pub async fn dashboard_csv(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let l = lang.0;
    let Overview { org, figures, .. } = overview(&state, &staff, &slug, l).await?;
    // A byte-order mark, so that Excel opens Finnish and Swedish letters right.
    let mut body = b"\xef\xbb\xbf".to_vec();
    body.extend(figures.csv(&lang.tr()));
    let res = download(
        body,
        "text/csv; charset=utf-8",
        &format!("aireg-{}-{}.csv", org.slug, clock::iso(clock::now().date())),
    );
    Ok(res)
}

/// The annual AI report of the organisation (and those below it) as a PDF, for `?year=`
/// (this year when not given), in the page's language, of what the reader may see.
pub async fn annual_report(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let q = crate::form::FormData::parse(uri.query().unwrap_or("").as_bytes());
    let this_year = clock::now().year();
    let year = match q.get("year").trim() {
        "" => this_year,
        y => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year + 1).contains(y))
            .ok_or_else(|| {
                AppError::Invalid(vec![aireg_domain::validation::FieldError::new(
                    "year",
                    aireg_domain::validation::Problem::InvalidDate,
                )])
            })?,
    };
    let org = org_for(&state, &staff, &slug).await?;
    let data = aireg_report::gather(
        &state.services,
        &staff.actor,
        &org.slug,
        year,
        lang.0,
        &state.config.public_url,
    )
    .await
    .map_err(|e| match e {
        aireg_report::ReportError::Service(e) => AppError::from(e),
        other => AppError::Internal(other.to_string()),
    })?;
    // Typesetting is work for a processor, not for the thread that answers requests, and two
    // at a time at most: many downloads at once wait rather than fill the blocking pool.
    static TYPESETTING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
    let _turn = TYPESETTING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let pdf = tokio::task::spawn_blocking(move || aireg_report::pdf(&data))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let res = download(
        pdf,
        "application/pdf",
        &format!("aireg-{}-{year}-{}.pdf", org.slug, lang.code()),
    );
    Ok(res)
}

/// A file to save: its bytes, type and name.
fn download(body: Vec<u8>, content_type: &'static str, file: &str) -> Response {
    let mut res = body.into_response();
    let headers = res.headers_mut();
    headers.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static(content_type),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    res
}
