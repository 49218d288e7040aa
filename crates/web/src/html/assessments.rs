//! Impact assessments of a record: the template's questions as a form (saved as a draft at
//! any time, completed when every required answer is given), comments, and sign-off by the body
//! the policy names. Answers of the record's other assessments prefill empty questions.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use aireg_domain::governance::Assessment;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::{Lang, SystemId};
use aireg_rules::assessment::{
    AnswerError, Answers, Item, Question, QuestionKind, Template as Tpl,
};
use aireg_service::ServiceError;
use aireg_service::assessments::AssessmentCase;

use super::governance::form_version;
use super::public::Opt;
use super::{Chrome, LangText, PageLang, render, see_other, text};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::{FormData, StaffForm};
use crate::format;
use crate::i18n::Tr;
use crate::state::AppState;

struct QuestionView {
    html_id: String,
    name: String,
    kind: &'static str,
    label: String,
    help: String,
    required: bool,
    value: String,
    options: Vec<Opt>,
    condition: String,
    error: String,
    /// The ids of the hint, condition and error texts that describe the input.
    describedby: String,
}

struct EntryView {
    number: usize,
    remove_name: String,
    questions: Vec<QuestionView>,
    error: String,
}

struct GroupView {
    html_id: String,
    title: String,
    help: String,
    entries: Vec<EntryView>,
    error: String,
}

struct ItemView {
    question: Option<QuestionView>,
    group: Option<GroupView>,
}

struct SectionView {
    html_id: String,
    title: String,
    help: String,
    items: Vec<ItemView>,
}

struct CommentView {
    at: String,
    author: String,
    question: String,
    text: String,
}

#[derive(Template)]
#[template(path = "assessment.html")]
struct AssessmentPage {
    c: Chrome,
    system_id: String,
    system_name: LangText,
    template_id: String,
    title: String,
    legal_basis: String,
    description: String,
    template_version: String,
    reason: String,
    sign_off_body: String,
    assessment_id: String,
    version: i64,
    status: String,
    status_code: &'static str,
    updated: String,
    signed: String,
    sections: Vec<SectionView>,
    errors: Vec<String>,
    can_edit: bool,
    can_sign: bool,
    comments: Vec<CommentView>,
    comment_questions: Vec<Opt>,
    /// A refused comment, as it was typed.
    comment_text: String,
    prefilled: bool,
}

/// The message of an answer problem in the reader's language.
fn answer_message(t: &Tr, e: &AnswerError) -> String {
    let id = format!("assessment-error-{}", e.code.replace('_', "-"));
    match e.max {
        Some(max) => t.get1(&id, "max", max),
        None => t.get(&id),
    }
}

/// The form field name of an answer path (`risks[1].severity` → `g.risks.1.severity`).
fn field_name(path: &str) -> String {
    match path.split_once('[') {
        Some((group, rest)) => {
            let (index, question) = rest.split_once(']').unwrap_or((rest, ""));
            let question = question.trim_start_matches('.');
            if question.is_empty() {
                format!("g.{group}.{index}")
            } else {
                format!("g.{group}.{index}.{question}")
            }
        }
        None => format!("q.{path}"),
    }
}

fn html_id(name: &str) -> String {
    name.replace('.', "-")
}

/// The answer of a question as the form shows it.
fn shown_value(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Bool(false)) => "no".into(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn selected(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn question_view(
    t: &Tr,
    tpl: &Tpl,
    q: &Question,
    name: String,
    answer: Option<&Value>,
    shown: bool,
    errors: &BTreeMap<String, String>,
    lang: Lang,
) -> QuestionView {
    let chosen = selected(answer);
    let value = shown_value(answer);
    let options = match q.kind {
        QuestionKind::YesNo => vec![
            Opt {
                value: "yes".into(),
                label: t.get("value-yes"),
                selected: value == "yes",
            },
            Opt {
                value: "no".into(),
                label: t.get("value-no"),
                selected: value == "no",
            },
        ],
        _ => q
            .options
            .iter()
            .map(|o| Opt {
                value: o.value.clone(),
                label: text(&o.label, lang),
                selected: chosen.contains(&o.value),
            })
            .collect(),
    };
    let condition = match (shown, q.depends_on().and_then(|d| tpl.question(d))) {
        (false, Some(on)) => t.get1("assessment-conditional", "question", text(&on.label, lang)),
        _ => String::new(),
    };
    let id = html_id(&name);
    let error = errors.get(&name).cloned().unwrap_or_default();
    let help = text(&q.help, lang);
    let describedby = [
        (!help.is_empty(), "hint"),
        (!condition.is_empty(), "cond"),
        (!error.is_empty(), "error"),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, suffix)| format!("{id}-{suffix}"))
    .collect::<Vec<_>>()
    .join(" ");
    QuestionView {
        html_id: id,
        error,
        describedby,
        name,
        kind: q.kind.as_str(),
        label: text(&q.label, lang),
        help,
        required: q.required,
        value,
        options,
        condition,
    }
}

fn sections_view(
    t: &Tr,
    tpl: &Tpl,
    answers: &Answers,
    errors: &BTreeMap<String, String>,
    lang: Lang,
) -> Vec<SectionView> {
    tpl.sections
        .iter()
        .map(|s| SectionView {
            html_id: format!("s-{}", s.id),
            title: text(&s.title, lang),
            help: text(&s.help, lang),
            items: s
                .items
                .iter()
                .map(|item| match item {
                    Item::Question(q) => ItemView {
                        question: Some(question_view(
                            t,
                            tpl,
                            q,
                            format!("q.{}", q.id),
                            answers.get(&q.id),
                            tpl.is_shown(&q.id, answers),
                            errors,
                            lang,
                        )),
                        group: None,
                    },
                    Item::Group(g) => {
                        let stored: Vec<&serde_json::Map<String, Value>> = answers
                            .get(&g.id)
                            .and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(Value::as_object).collect())
                            .unwrap_or_default();
                        // One empty entry to add another, while the group has room.
                        let blank = serde_json::Map::new();
                        let mut rows: Vec<&serde_json::Map<String, Value>> = stored;
                        if rows.len() < g.max {
                            rows.push(&blank);
                        }
                        let entries = rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, entry)| EntryView {
                                number: i + 1,
                                remove_name: format!("g.{}.{i}._remove", g.id),
                                error: errors
                                    .get(&format!("g.{}.{i}", g.id))
                                    .cloned()
                                    .unwrap_or_default(),
                                questions: g
                                    .questions
                                    .iter()
                                    .map(|q| {
                                        question_view(
                                            t,
                                            tpl,
                                            q,
                                            format!("g.{}.{i}.{}", g.id, q.id),
                                            entry.get(&q.id),
                                            true,
                                            errors,
                                            lang,
                                        )
                                    })
                                    .collect(),
                            })
                            .collect();
                        ItemView {
                            question: None,
                            group: Some(GroupView {
                                html_id: format!("g-{}", g.id),
                                title: text(&g.title, lang),
                                help: text(&g.help, lang),
                                entries,
                                error: errors
                                    .get(&format!("q.{}", g.id))
                                    .cloned()
                                    .unwrap_or_default(),
                            }),
                        }
                    }
                })
                .collect(),
        })
        .collect()
}

/// One answer read from the form, typed as the question wants it. A value that does not parse
/// is kept as text, so the check names it and the person sees what they typed.
fn answer_of(q: &Question, form: &FormData, name: &str) -> Option<Value> {
    match q.kind {
        QuestionKind::Multi => {
            let values: Vec<Value> = form
                .all(name)
                .into_iter()
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.to_string()))
                .collect();
            (!values.is_empty()).then_some(Value::Array(values))
        }
        QuestionKind::YesNo => match form.get(name) {
            "yes" => Some(Value::Bool(true)),
            "no" => Some(Value::Bool(false)),
            "" => None,
            other => Some(Value::String(other.to_string())),
        },
        QuestionKind::Number => {
            let raw = form.get(name).trim();
            if raw.is_empty() {
                None
            } else {
                Some(
                    raw.replace(',', ".")
                        .parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(Value::Number)
                        .unwrap_or_else(|| Value::String(raw.to_string())),
                )
            }
        }
        _ => {
            let v = form.get(name).trim();
            (!v.is_empty()).then(|| Value::String(v.to_string()))
        }
    }
}

/// The answers a submitted form holds. Entries marked for removal and blank entries are left
/// out; so are answers to questions the template does not have.
fn answers_from_form(tpl: &Tpl, form: &FormData) -> Answers {
    let mut answers = Answers::new();
    for section in &tpl.sections {
        for item in &section.items {
            match item {
                Item::Question(q) => {
                    if let Some(v) = answer_of(q, form, &format!("q.{}", q.id)) {
                        answers.insert(q.id.clone(), v);
                    }
                }
                Item::Group(g) => {
                    let mut entries = Vec::new();
                    for i in 0..=g.max {
                        if form.has(&format!("g.{}.{i}._remove", g.id)) {
                            continue;
                        }
                        let mut entry = serde_json::Map::new();
                        for q in &g.questions {
                            if let Some(v) = answer_of(q, form, &format!("g.{}.{i}.{}", g.id, q.id))
                            {
                                entry.insert(q.id.clone(), v);
                            }
                        }
                        if !entry.is_empty() {
                            entries.push(Value::Object(entry));
                        }
                    }
                    if !entries.is_empty() {
                        answers.insert(g.id.clone(), Value::Array(entries));
                    }
                }
            }
        }
    }
    answers
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    case: &AssessmentCase<'_>,
    answers: Option<Answers>,
    errors: Vec<AnswerError>,
    extra: Vec<String>,
    comment: &str,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let l = lang.0;
    let tpl = case.template;
    let g = &case.governance;
    let system = case.system();
    let current: Option<&Assessment> = case.current();
    // What was typed, after a refused save; else what is stored, with empty questions
    // prefilled from the record's other assessments.
    let (answers, prefilled) = match answers {
        Some(a) => (a, false),
        None => case.answers(),
    };
    let by_field: BTreeMap<String, String> = errors
        .iter()
        .map(|e| (field_name(&e.path), answer_message(&t, e)))
        .collect();
    let mut summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", label_of(tpl, &e.path, l), answer_message(&t, e)))
        .collect();
    summary.extend(extra);
    let body_name = case
        .sign_off_body_name(l)
        .unwrap_or_else(|| t.get("field-system-owner"));
    let reason = g
        .pack
        .and_then(|p| {
            p.assessments_required(&g.situation)
                .into_iter()
                .find(|r| r.assessment == tpl.id)
        })
        .map(|r| format!("{} ({})", text(&r.reason, l), text(&r.section, l)))
        .unwrap_or_else(|| t.get("assessment-voluntary"));
    let comments = match current {
        Some(a) => state
            .store
            .assessment_comments(&ReadScope::for_actor(&staff.actor), a.id)
            .await?
            .into_iter()
            .map(|c| CommentView {
                at: format::datetime(c.at, l),
                author: c.author_name,
                question: c
                    .question
                    .as_deref()
                    .map(|q| label_of(tpl, q, l))
                    .unwrap_or_default(),
                text: c.text,
            })
            .collect(),
        None => Vec::new(),
    };
    let org_langs = state
        .store
        .organisation(system.org_id)
        .await?
        .map(|o| o.languages)
        .unwrap_or_default();
    render(&AssessmentPage {
        c: Chrome::new(l, uri, "systems", Some(staff)),
        system_id: system.id.to_string(),
        system_name: LangText::of(&system.record.name, l, &org_langs),
        template_id: tpl.id.clone(),
        title: text(&tpl.title, l),
        legal_basis: text(&tpl.legal_basis, l),
        description: text(&tpl.description, l),
        template_version: tpl.version.clone(),
        reason,
        sign_off_body: body_name,
        assessment_id: current.map(|a| a.id.to_string()).unwrap_or_default(),
        version: current.map(|a| a.version).unwrap_or(0),
        status: current
            .map(|a| t.get(&a.status.message_id()))
            .unwrap_or_else(|| t.get("assessment-not-started")),
        status_code: current.map(|a| a.status.as_str()).unwrap_or("none"),
        updated: current
            .map(|a| {
                format!(
                    "{} · {}",
                    format::datetime(a.updated_at, l),
                    a.updated_by_name
                )
            })
            .unwrap_or_default(),
        signed: current
            .and_then(|a| a.signed_at.zip(a.signed_by_name.clone()))
            .map(|(at, by)| format!("{} · {by}", format::datetime(at, l)))
            .unwrap_or_default(),
        sections: sections_view(&t, tpl, &answers, &by_field, l),
        errors: summary,
        can_edit: can(&staff.actor, Action::GovernSystem, Resource::system(system)),
        can_sign: case.may_sign(&staff.actor),
        comments,
        comment_questions: tpl
            .questions()
            .map(|q| Opt {
                value: q.id.clone(),
                label: text(&q.label, l),
                selected: false,
            })
            .collect(),
        comment_text: comment.to_string(),
        prefilled,
    })
}

/// The label of an answer path, for the error summary and comments.
fn label_of(tpl: &Tpl, path: &str, lang: Lang) -> String {
    let (head, tail) = match path.split_once('[') {
        Some((g, rest)) => (g, rest.split_once("].").map(|(_, q)| q)),
        None => (path, None),
    };
    let group_label = tpl.group(head).map(|g| text(&g.title, lang));
    let question_label = match tail {
        Some(q) => tpl
            .group(head)
            .and_then(|g| g.question(q))
            .map(|q| text(&q.label, lang)),
        None => tpl.question(head).map(|q| text(&q.label, lang)),
    };
    match (group_label, question_label) {
        (Some(g), Some(q)) if tail.is_some() => format!("{g}: {q}"),
        (_, Some(q)) => q,
        (Some(g), None) => g,
        _ => path.to_string(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id, template)): Path<(String, String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let case = case(&state, &staff, &id, &template).await?;
    page(
        &state,
        lang,
        &uri,
        &staff,
        &case,
        None,
        Vec::new(),
        Vec::new(),
        "",
    )
    .await
}

async fn case<'a>(
    state: &'a AppState,
    staff: &Staff,
    id: &str,
    template: &str,
) -> Result<AssessmentCase<'a>, AppError> {
    let id: SystemId = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(state
        .services
        .assessment_case(&staff.actor, id, template)
        .await?)
}

/// Saves the answers: as a draft (`action=save`) or completed (`action=complete`), which needs
/// every required answer. A saved change to a signed assessment needs a new sign-off.
pub async fn save(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id, template)): Path<(String, String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let current = case(&state, &staff, &id, &template).await?;
    super::governance::may_govern(&staff, current.system())?;
    let version = form_version(&t, form.get("version"))?;
    let complete = form.get("action") == "complete";
    let answers = answers_from_form(current.template, &form);
    let (errors, extra, status) = match state
        .services
        .save_assessment(
            &staff.actor,
            current.system().id,
            &template,
            version,
            answers.clone(),
            complete,
        )
        .await
    {
        Ok(_) => {
            return Ok(see_other(&format!(
                "{}?done={}",
                uri.path(),
                if complete {
                    "assessment-completed"
                } else {
                    "saved"
                }
            )));
        }
        Err(ServiceError::InvalidAnswers(errors)) => {
            (errors, Vec::new(), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(ServiceError::Conflict { current }) => (
            Vec::new(),
            vec![t.get1("conflict-reload", "version", current)],
            StatusCode::CONFLICT,
        ),
        Err(e) => return Err(e.into()),
    };
    // The page again with what was typed, on the assessment as it is now.
    let fresh = case(&state, &staff, &id, &template).await?;
    let mut res = page(
        &state,
        lang,
        &uri,
        &staff,
        &fresh,
        Some(answers),
        errors,
        extra,
        "",
    )
    .await?;
    *res.status_mut() = status;
    Ok(res)
}

fn assessment_path(lang: PageLang, case: &AssessmentCase<'_>) -> String {
    format!(
        "/{}/staff/systems/{}/assessments/{}",
        lang.code(),
        case.system().id,
        case.template.id
    )
}

/// Signs a completed assessment off, by a member of the body the policy names.
pub async fn sign(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, assessment)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let aid: uuid::Uuid = assessment.parse().map_err(|_| AppError::NotFound)?;
    let version = form_version(&t, form.get("version"))?;
    let msg = match state
        .services
        .sign_assessment(&staff.actor, aid, version)
        .await
    {
        Ok(_) => None,
        Err(ServiceError::Conflict { current }) => {
            Some(t.get1("conflict-reload", "version", current))
        }
        Err(ServiceError::Refused(r)) => Some(t.get(r.message_id())),
        Err(e) => return Err(e.into()),
    };
    let (case, _) = state.services.assessment_case_of(&staff.actor, aid).await?;
    let path = assessment_path(lang, &case);
    let Some(msg) = msg else {
        return Ok(see_other(&format!("{path}?done=assessment-signed")));
    };
    let uri: Uri = path.parse().unwrap_or_default();
    let mut res = page(
        &state,
        lang,
        &uri,
        &staff,
        &case,
        None,
        Vec::new(),
        vec![msg],
        "",
    )
    .await?;
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

/// A comment on the assessment, by anyone who may read the record.
pub async fn comment(
    State(state): State<AppState>,
    lang: PageLang,
    Path((_, assessment)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let aid: uuid::Uuid = assessment.parse().map_err(|_| AppError::NotFound)?;
    let result = state
        .services
        .comment_assessment(
            &staff.actor,
            aid,
            Some(form.get("question")),
            form.get("comment"),
        )
        .await;
    let (case, _) = state.services.assessment_case_of(&staff.actor, aid).await?;
    let path = assessment_path(lang, &case);
    match result {
        Ok(_) => Ok(see_other(&format!("{path}?done=commented#comments"))),
        Err(ServiceError::Invalid(e)) => {
            let uri: Uri = path.parse().unwrap_or_default();
            let msgs = e
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        t.get("field-comment"),
                        crate::error::field_message(&t, &e.problem)
                    )
                })
                .collect();
            let mut res = page(
                &state,
                lang,
                &uri,
                &staff,
                &case,
                None,
                Vec::new(),
                msgs,
                form.get("comment"),
            )
            .await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_paths_name_form_fields() {
        assert_eq!(field_name("purpose"), "q.purpose");
        assert_eq!(field_name("risks[1].severity"), "g.risks.1.severity");
        assert_eq!(field_name("risks[0]"), "g.risks.0");
    }

    #[test]
    fn a_form_round_trips_through_the_answers() {
        let templates = aireg_rules::assessment::Templates::embedded().unwrap();
        let tpl = templates.get("dpia").unwrap();
        let form = FormData::parse(
            "q.special_categories=yes&q.special_categories_list=health&g.risks.0.likelihood=high\
             &g.risks.1.likelihood=&g.risks.2.likelihood=low&g.risks.2._remove=1"
                .as_bytes(),
        );
        let answers = answers_from_form(tpl, &form);
        assert_eq!(answers["special_categories"], Value::Bool(true));
        assert_eq!(
            answers["special_categories_list"],
            serde_json::json!(["health"])
        );
        assert_eq!(
            answers["risks"],
            serde_json::json!([{"likelihood": "high"}]),
            "blank and removed entries are left out"
        );
    }
}
