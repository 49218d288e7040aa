//! "Which AI tools may I use with which data?": an organisation's catalogue of tools with the
//! question form and its answer, the request for a tool the catalogue lacks, the disclosure
//! statement for a document made with AI, and the explanation for residents. Staff of any
//! role use these; residents too where the policy publishes the catalogue.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::{Lang, clock};
use aireg_rules::usage::{ToolStatus, Verdict};
use aireg_service::ServiceError;
use aireg_service::usage::{Catalogue, Disclosed, Question, Ruling};

use super::staff::field_sentences;
use super::{Chrome, PageLang, render, see_other, text};
use crate::auth::{MaybeStaff, Staff};
use crate::error::AppError;
use crate::form::{FormData, StaffForm};
use crate::state::AppState;

struct ToolRow {
    id: String,
    name: String,
    max_class: String,
    purposes: String,
    responsible: String,
    conditions: Vec<(String, String)>,
    section: String,
    records: Vec<(String, String, String)>,
}

struct Group {
    heading: String,
    rows: Vec<ToolRow>,
}

struct ClassRow {
    id: String,
    name: String,
    description: String,
}

struct AnswerView {
    /// yes, conditional or no (for the style).
    verdict: &'static str,
    headline: String,
    reasons: Vec<(String, String)>,
    /// Offer to ask for the tool (not approved, and the reader signed in).
    may_request: bool,
}

#[derive(Template)]
#[template(path = "ai_tools.html")]
struct ToolsPage {
    c: Chrome,
    org_name: String,
    slug: String,
    policy: String,
    section: String,
    groups: Vec<Group>,
    classes: Vec<ClassRow>,
    classes_source: String,
    unlisted: (String, String),
    request: (String, String),
    responsibility: (String, String),
    deviations: (String, String),
    tool: String,
    data_class: String,
    purpose: String,
    answer: Option<AnswerView>,
    errors: Vec<String>,
}

/// The page, with the answer when the form was sent (a GET: asking changes nothing).
pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let catalogue = state
        .services
        .ai_catalogue(staff.as_ref().map(|s| &s.actor), &slug)
        .await?;
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes()).checked()?;
    let question = Question {
        tool: q.get("tool").to_string(),
        data_class: q.get("data_class").to_string(),
        purpose: q.get("purpose").to_string(),
    };
    let asked = q.has("tool") || q.has("data_class");
    let (answer, errors) = if asked {
        match state.services.may_i_use(&catalogue, &question, lang.0) {
            Ok(r) => (Some(answer_view(&lang, &r, &catalogue)), Vec::new()),
            Err(ServiceError::Invalid(e)) => (None, field_sentences(&lang.tr(), &e)),
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, Vec::new())
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = tools_page(
        &state,
        lang,
        &uri,
        staff.as_ref(),
        &catalogue,
        question,
        answer,
        errors,
    )
    .await?;
    *res.status_mut() = status;
    Ok(res)
}

/// A request for a tool: a draft record for the body that adds tools, then its page.
pub async fn request(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let catalogue = state
        .services
        .ai_catalogue(Some(&staff.actor), &slug)
        .await?;
    let question = Question {
        tool: form.get("tool").to_string(),
        data_class: form.get("data_class").to_string(),
        purpose: form.get("purpose").to_string(),
    };
    match state
        .services
        .request_ai_tool(&staff.actor, &catalogue, &question, lang.0)
        .await
    {
        Ok(system) => Ok(see_other(&format!(
            "/{}/staff/systems/{}?done=ai-tool-requested",
            lang.code(),
            system.id
        ))),
        Err(ServiceError::Invalid(e)) => {
            let errors = field_sentences(&lang.tr(), &e);
            let mut res = tools_page(
                &state,
                lang,
                &uri,
                Some(&staff),
                &catalogue,
                question,
                None,
                errors,
            )
            .await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

fn answer_view(lang: &PageLang, r: &Ruling, catalogue: &Catalogue<'_>) -> AnswerView {
    let t = lang.tr();
    let status = r
        .tool_id
        .as_deref()
        .and_then(|id| catalogue.staff.tool(id))
        .map(|tool| tool.status);
    let id = match (r.verdict, status) {
        (_, Some(ToolStatus::Blocked)) => "usage-answer-blocked",
        (Verdict::Yes, _) => "usage-answer-yes",
        (Verdict::Conditional, _) => "usage-answer-conditional",
        (Verdict::No, _) => "usage-answer-no",
    };
    AnswerView {
        verdict: r.verdict.as_str(),
        headline: t.args(
            id,
            &[
                ("tool", r.tool_name.clone()),
                ("class", r.class_name.clone()),
            ],
        ),
        reasons: r
            .reasons
            .iter()
            .map(|s| (s.text.clone(), s.source.clone()))
            .collect(),
        // Someone of the organisation may ask for a tool it has not approved.
        may_request: catalogue.member && matches!(status, None | Some(ToolStatus::NotApproved)),
    }
}

#[allow(clippy::too_many_arguments)]
async fn tools_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: Option<&Staff>,
    catalogue: &Catalogue<'_>,
    question: Question,
    answer: Option<AnswerView>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let l = lang.0;
    let t = lang.tr();
    let staff_use = catalogue.staff;
    let orgs = state.store.organisations().await?;
    let records = state.services.tool_records(catalogue).await?;
    let row = |tool: &aireg_rules::usage::Tool| ToolRow {
        id: tool.id.clone(),
        name: text(&tool.name, l),
        max_class: tool
            .max_class
            .as_deref()
            .and_then(|c| catalogue.classes.get(c))
            .map(|c| text(&c.name, l))
            .unwrap_or_else(|| t.get("usage-no-data")),
        purposes: text(&tool.purposes, l),
        responsible: tool
            .responsible
            .as_deref()
            .and_then(|b| catalogue.pack.body(b))
            .map(|b| text(&b.name, l))
            .unwrap_or_default(),
        conditions: tool
            .conditions
            .iter()
            .map(|c| c.in_lang(l.code()))
            .collect(),
        section: text(&tool.section, l),
        records: records
            .get(&tool.id)
            .into_iter()
            .flatten()
            .map(|d| {
                let href = match staff {
                    Some(_) => format!("/{}/staff/systems/{}", lang.code(), d.id),
                    None => format!("/{}/systems/{}", lang.code(), d.id),
                };
                let org = orgs
                    .iter()
                    .find(|o| o.id == d.org_id)
                    .map(|o| o.display_name(l).to_string())
                    .unwrap_or_default();
                (href, d.name_in(&orgs, l), org)
            })
            .collect(),
    };
    let groups = [
        (ToolStatus::Approved, "usage-group-approved"),
        (ToolStatus::NotApproved, "usage-group-not-approved"),
        (ToolStatus::Blocked, "usage-group-blocked"),
    ]
    .into_iter()
    .map(|(status, heading)| Group {
        heading: t.get(heading),
        rows: staff_use
            .tools
            .iter()
            .filter(|tool| tool.status == status)
            .map(row)
            .collect(),
    })
    .filter(|g| !g.rows.is_empty())
    .collect();
    let cited = |c: &aireg_rules::usage::Cited| c.in_lang(l.code());
    render(&ToolsPage {
        c: Chrome::new(l, uri, nav(staff), staff),
        org_name: catalogue.org.display_name(l).to_string(),
        slug: catalogue.org.slug.clone(),
        policy: text(&catalogue.pack.title, l),
        section: text(&staff_use.section, l),
        groups,
        classes: catalogue
            .classes
            .classes
            .iter()
            .map(|c| ClassRow {
                id: c.id.clone(),
                name: text(&c.name, l),
                description: text(&c.description, l),
            })
            .collect(),
        classes_source: text(&catalogue.classes.source, l),
        unlisted: (
            text(&staff_use.unlisted.text, l),
            text(&staff_use.unlisted.section, l),
        ),
        request: cited(&staff_use.request),
        responsibility: cited(&staff_use.responsibility),
        deviations: cited(&staff_use.deviations),
        tool: question.tool,
        data_class: question.data_class,
        purpose: question.purpose,
        answer,
        errors,
    })
}

fn nav(staff: Option<&Staff>) -> &'static str {
    if staff.is_some() {
        "ai-tools"
    } else {
        "register"
    }
}

#[derive(Template)]
#[template(path = "ai_disclosure.html")]
struct DisclosurePage {
    c: Chrome,
    org_name: String,
    slug: String,
    tools: Vec<(String, String)>,
    tool: String,
    date: String,
    what: String,
    person: String,
    statement_lang: String,
    langs: Vec<(String, String)>,
    section: String,
    statement: Option<String>,
    /// The statement as HTML to paste into a web page.
    snippet: String,
    errors: Vec<String>,
    /// Whether the organisation's statement says what was done, and who answers for it.
    asks_what: bool,
    asks_person: bool,
}

/// The disclosure statement for a document or image made with AI, written from the form (a
/// GET: nothing is saved).
pub async fn disclosure(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let catalogue = state
        .services
        .ai_catalogue(staff.as_ref().map(|s| &s.actor), &slug)
        .await?;
    let l = lang.0;
    let t = lang.tr();
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes()).checked()?;
    let statement_lang = Lang::parse(q.get("statement_lang")).unwrap_or(l);
    let today = clock::iso(clock::now().date());
    let date_typed = if q.has("date") {
        q.get("date").to_string()
    } else {
        today
    };
    let person = if q.has("person") {
        q.get("person").to_string()
    } else {
        staff
            .as_ref()
            .map(|s| s.user.name.clone())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut statement = None;
    if q.has("tool") {
        match super::governance::parse_date(&date_typed) {
            None => errors.push(format!(
                "{}: {}",
                t.get("field-date"),
                crate::error::field_message(&t, &aireg_domain::validation::Problem::InvalidDate)
            )),
            Some(date) => {
                let disclosed = Disclosed {
                    tool: q.get("tool").to_string(),
                    date,
                    what: q.get("what").to_string(),
                    person: person.clone(),
                };
                match state
                    .services
                    .disclosure(&catalogue, &disclosed, statement_lang)
                {
                    Ok(s) => statement = Some(s),
                    Err(ServiceError::Invalid(e)) => errors = field_sentences(&t, &e),
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let used = aireg_rules::usage::placeholders(
        catalogue.staff.disclosure.text.get(statement_lang.code()),
    );
    let mut res = render(&DisclosurePage {
        asks_what: used.contains(&"what"),
        asks_person: used.contains(&"person"),
        c: Chrome::new(l, &uri, nav(staff.as_ref()), staff.as_ref()),
        org_name: catalogue.org.display_name(l).to_string(),
        slug: catalogue.org.slug.clone(),
        tools: catalogue
            .staff
            .tools
            .iter()
            .filter(|tool| tool.status != ToolStatus::Blocked)
            .map(|tool| (tool.id.clone(), text(&tool.name, l)))
            .collect(),
        tool: q.get("tool").to_string(),
        date: date_typed,
        what: q.get("what").to_string(),
        person,
        statement_lang: statement_lang.code().to_string(),
        langs: Lang::ALL
            .iter()
            .map(|x| {
                (
                    x.code().to_string(),
                    t.get(&format!("language-name-{}", x.code())),
                )
            })
            .collect(),
        section: text(&catalogue.staff.disclosure.section, l),
        snippet: statement.as_deref().map_or_else(String::new, |s| {
            format!(
                "<p class=\"ai-disclosure\" lang=\"{}\">{}</p>",
                statement_lang.code(),
                crate::api::opendata::escape(s)
            )
        }),
        statement,
        errors,
    })?;
    *res.status_mut() = status;
    // Today's date is the form's default: a kept copy would go stale.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "ai_use_public.html")]
struct ExplanationPage {
    c: Chrome,
    org_name: String,
    slug: String,
    explanation: String,
    responsibility: (String, String),
    disclosure_section: String,
    published: bool,
}

/// How the organisation's staff use AI, for residents: always public where the policy has
/// staff rules.
pub async fn explanation(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, slug)): Path<(String, String)>,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let l = lang.0;
    let (org, pack) = state.services.staff_rules_of(&slug).await?;
    let staff_use = pack.staff_use.as_ref().ok_or(AppError::NotFound)?;
    render(&ExplanationPage {
        c: Chrome::new(l, &uri, "register", staff.as_ref()),
        org_name: org.display_name(l).to_string(),
        slug: org.slug.clone(),
        explanation: text(&staff_use.public_explanation, l),
        responsibility: (
            text(&staff_use.responsibility.text, l),
            text(&staff_use.responsibility.section, l),
        ),
        disclosure_section: text(&staff_use.disclosure.section, l),
        published: staff_use.publish,
    })
}

#[derive(Template)]
#[template(path = "ai_tools_choose.html")]
struct ChoosePage {
    c: Chrome,
    orgs: Vec<(String, String)>,
}

/// The staff's way in: their organisation's catalogue, or a choice when they hold roles in
/// several.
pub async fn mine(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let l = lang.0;
    let mut orgs: Vec<_> = state
        .store
        .organisations()
        .await?
        .into_iter()
        .filter(|o| staff.actor.roles_in(o.id).next().is_some())
        .collect();
    orgs.sort_by(|a, b| a.display_name(l).cmp(b.display_name(l)));
    if let [only] = orgs.as_slice() {
        return Ok(see_other(&format!(
            "/{}/orgs/{}/ai-tools",
            lang.code(),
            only.slug
        )));
    }
    render(&ChoosePage {
        c: Chrome::new(l, &uri, "ai-tools", Some(&staff)),
        orgs: orgs
            .iter()
            .map(|o| {
                (
                    format!("/{}/orgs/{}/ai-tools", lang.code(), o.slug),
                    o.display_name(l).to_string(),
                )
            })
            .collect(),
    })
}
