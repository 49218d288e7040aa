//! The AI Act questionnaire (one question per page, no JavaScript: the answers so far travel in
//! the form) and the pages that show a record's classifications.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use aireg_domain::classification::{ClassificationRun, RunId, RunSource};
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::system::AiSystem;
use aireg_rules::ai_act::{Answers, Pack, Question, QuestionKind};
use aireg_service::ServiceError;

use super::staff::readable;
use super::{Chrome, LangText, PageLang, render, see_other};
use crate::ai_act::{self, OutcomeView, outcome_view};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::{FormData, StaffForm};
use crate::format;
use crate::i18n::Tr;
use crate::state::AppState;

struct RunRow {
    href: String,
    when: String,
    who: String,
    category: String,
    pack_version: String,
    source: String,
}

#[derive(Template)]
#[template(path = "classification.html")]
struct ClassificationPage {
    c: Chrome,
    id: String,
    name: LangText,
    /// The run shown, with its outcome laid out.
    shown: Option<ShownRun>,
    history: Vec<RunRow>,
    can_classify: bool,
}

struct ShownRun {
    o: OutcomeView,
    when: String,
    who: String,
    source: String,
    answers: Vec<AnswerRow>,
    current: bool,
}

struct AnswerRow {
    question: String,
    answer: String,
    justification: String,
}

async fn system_and_name(
    state: &AppState,
    staff: &Staff,
    id: &str,
    lang: PageLang,
) -> Result<(AiSystem, LangText), AppError> {
    let system = readable(state, staff, id).await?;
    let org = state.store.organisation(system.org_id).await?;
    let preferred = org.map(|o| o.languages).unwrap_or_default();
    let name = LangText::of(&system.record.name, lang.0, &preferred);
    Ok((system, name))
}

fn run_row(t: &Tr, system: &AiSystem, run: &ClassificationRun, lang: PageLang) -> RunRow {
    RunRow {
        href: format!(
            "/{}/staff/systems/{}/classification/{}",
            lang.code(),
            system.id,
            run.id
        ),
        when: format::datetime(run.created_at, t.lang),
        who: run.created_by_name.clone(),
        category: t.get(&run.category.message_id()),
        pack_version: run.pack_version.clone(),
        source: t.get(&run.source.message_id()),
    }
}

fn shown_run(pack: &Pack, t: &Tr, run: &ClassificationRun, current: bool) -> Option<ShownRun> {
    let outcome = ai_act::outcome_of(run)?;
    Some(ShownRun {
        o: outcome_view(pack, &outcome, &run.facts, t),
        when: format::datetime(run.created_at, t.lang),
        who: run.created_by_name.clone(),
        source: t.get(&run.source.message_id()),
        answers: answer_rows(pack, t, &run.answers, &run.justifications),
        current,
    })
}

/// The answers of a run in the order the questionnaire asks them.
fn answer_rows(
    pack: &Pack,
    t: &Tr,
    answers: &BTreeMap<String, Value>,
    justifications: &BTreeMap<String, String>,
) -> Vec<AnswerRow> {
    let mut rows: Vec<AnswerRow> = pack
        .questions()
        .iter()
        .filter_map(|q| {
            let a = answers.get(&q.id)?;
            Some(AnswerRow {
                question: q.text.get(t.code()).to_string(),
                answer: answer_label(q, a, t),
                justification: justifications.get(&q.id).cloned().unwrap_or_default(),
            })
        })
        .collect();
    // Runs made from facts (API, pack updates) carry one justification for all of them.
    if let Some(j) = justifications.get("facts") {
        rows.push(AnswerRow {
            question: t.get("classification-source"),
            answer: String::new(),
            justification: j.clone(),
        });
    }
    rows
}

fn answer_label(q: &Question, a: &Value, t: &Tr) -> String {
    let label = |v: &Value| {
        q.options
            .iter()
            .find(|o| o.value == *v)
            .map(|o| o.label.get(t.code()).to_string())
            .unwrap_or_else(|| v.to_string())
    };
    match a {
        Value::Array(items) if items.is_empty() => q
            .none_label
            .as_ref()
            .map(|l| l.get(t.code()).to_string())
            .unwrap_or_else(|| "—".into()),
        Value::Array(items) => items.iter().map(label).collect::<Vec<_>>().join("; "),
        v => label(v),
    }
}

pub async fn current(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    show(&state, lang, &uri, &staff, &id, None).await
}

pub async fn run(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id, run)): Path<(String, String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let run: RunId = run.parse().map_err(|_| AppError::NotFound)?;
    show(&state, lang, &uri, &staff, &id, Some(run)).await
}

async fn show(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    id: &str,
    run: Option<RunId>,
) -> Result<Response, AppError> {
    let (system, name) = system_and_name(state, staff, id, lang).await?;
    let scope = ReadScope::for_actor(&staff.actor);
    let runs = state.store.classification_runs(&scope, system.id).await?;
    let pack = &state.services.content().ai_act;
    let t = lang.tr();
    let shown = match run {
        None => runs.first().and_then(|r| shown_run(pack, &t, r, true)),
        Some(id) => {
            let r = runs.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
            shown_run(pack, &t, r, runs.first().is_some_and(|f| f.id == id))
        }
    };
    render(&ClassificationPage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        id: system.id.to_string(),
        name,
        shown,
        history: runs.iter().map(|r| run_row(&t, &system, r, lang)).collect(),
        can_classify: can(&staff.actor, Action::EditSystem, Resource::system(&system)),
    })
}

struct OptionView {
    index: usize,
    label: String,
    help: String,
    checked: bool,
}

struct QuestionView {
    id: String,
    multi: bool,
    text: String,
    help: String,
    legal_ref: String,
    examples: Vec<String>,
    terms: Vec<(String, String)>,
    options: Vec<OptionView>,
    none_label: String,
    justification: String,
    previous: String,
}

#[derive(Template)]
#[template(path = "questionnaire.html")]
struct QuestionnairePage {
    c: Chrome,
    id: String,
    name: LangText,
    step: usize,
    question: Option<QuestionView>,
    /// When every relevant question is answered: the outcome to check before saving.
    summary: Option<OutcomeView>,
    answers_table: Vec<AnswerRow>,
    answers_json: String,
    justifications_json: String,
    error: Option<String>,
    can_go_back: bool,
}

/// The questionnaire's state as it travels in the form.
struct Progress {
    answers: Answers,
    justifications: BTreeMap<String, String>,
}

impl Progress {
    fn from_form(form: &FormData) -> Result<Progress, AppError> {
        let bad = |what: &str| AppError::BadRequest {
            field: Some(what.into()),
            detail: format!("{what}: the questionnaire's state is damaged; start again"),
        };
        let answers = match form.get("answers") {
            "" => Answers::new(),
            s => serde_json::from_str(s).map_err(|_| bad("answers"))?,
        };
        let justifications = match form.get("justifications") {
            "" => BTreeMap::new(),
            s => serde_json::from_str(s).map_err(|_| bad("justifications"))?,
        };
        Ok(Progress {
            answers,
            justifications,
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn questionnaire_page(
    pack: &Pack,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    system: &AiSystem,
    name: LangText,
    progress: &Progress,
    previous: Option<&ClassificationRun>,
    preselect: Option<&Value>,
    error: Option<String>,
) -> QuestionnairePage {
    let t = lang.tr();
    let code = t.code();
    let shown = pack.shown_questions(&progress.answers);
    let answered = shown
        .iter()
        .filter(|q| progress.answers.contains_key(&q.id))
        .count();
    let next = pack.next_question(&progress.answers);
    let question = next.map(|q| {
        let default = preselect
            .or_else(|| progress.answers.get(&q.id))
            .or_else(|| previous.and_then(|p| p.answers.get(&q.id)));
        let chosen = |v: &Value| match default {
            Some(Value::Array(items)) => items.contains(v),
            Some(d) => d == v,
            None => false,
        };
        QuestionView {
            id: q.id.clone(),
            multi: q.kind == QuestionKind::Multi,
            text: q.text.get(code).to_string(),
            help: q.help.get(code).to_string(),
            legal_ref: q.legal_ref.get(code).to_string(),
            examples: q.examples.iter().map(|e| e.get(code).to_string()).collect(),
            terms: q
                .terms
                .iter()
                .filter_map(|id| pack.glossary_entry(id))
                .map(|g| {
                    (
                        g.term.get(code).to_string(),
                        g.definition.get(code).to_string(),
                    )
                })
                .collect(),
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(index, o)| OptionView {
                    index,
                    label: o.label.get(code).to_string(),
                    help: o
                        .help
                        .as_ref()
                        .map(|h| h.get(code).to_string())
                        .unwrap_or_default(),
                    checked: chosen(&o.value),
                })
                .collect(),
            none_label: q
                .none_label
                .as_ref()
                .map(|l| l.get(code).to_string())
                .unwrap_or_default(),
            justification: progress
                .justifications
                .get(&q.id)
                .or_else(|| previous.and_then(|p| p.justifications.get(&q.id)))
                .cloned()
                .unwrap_or_default(),
            previous: previous
                .and_then(|p| p.answers.get(&q.id))
                .map(|a| answer_label(q, a, &t))
                .unwrap_or_default(),
        }
    });
    let summary = match next {
        Some(_) => None,
        None => pack
            .facts_from_answers(&progress.answers)
            .ok()
            .map(|facts| outcome_view(pack, &pack.classify(&facts), &facts.to_json(), &t)),
    };
    QuestionnairePage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        id: system.id.to_string(),
        name,
        step: answered + 1,
        question,
        summary,
        answers_table: answer_rows(pack, &t, &progress.answers, &progress.justifications),
        answers_json: serde_json::to_string(&progress.answers).unwrap_or_default(),
        justifications_json: serde_json::to_string(&progress.justifications).unwrap_or_default(),
        error,
        can_go_back: answered > 0,
    }
}

async fn editable(
    state: &AppState,
    staff: &Staff,
    id: &str,
    lang: PageLang,
) -> Result<(AiSystem, LangText, Option<ClassificationRun>), AppError> {
    let (system, name) = system_and_name(state, staff, id, lang).await?;
    if !can(&staff.actor, Action::EditSystem, Resource::system(&system)) {
        return Err(AppError::Forbidden);
    }
    let previous = state
        .store
        .classification_runs(&ReadScope::for_actor(&staff.actor), system.id)
        .await?
        .into_iter()
        .next();
    Ok((system, name, previous))
}

pub async fn start(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let (system, name, previous) = editable(&state, &staff, &id, lang).await?;
    let progress = Progress {
        answers: Answers::new(),
        justifications: BTreeMap::new(),
    };
    let pack = &state.services.content().ai_act;
    render(&questionnaire_page(
        pack,
        lang,
        &uri,
        &staff,
        &system,
        name,
        &progress,
        previous.as_ref(),
        None,
        None,
    ))
}

pub async fn step(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let (system, name, previous) = editable(&state, &staff, &id, lang).await?;
    let pack = &state.services.content().ai_act;
    let t = lang.tr();
    let mut progress = Progress::from_form(&form)?;
    let page = |progress: &Progress, preselect: Option<&Value>, error: Option<String>| {
        questionnaire_page(
            pack,
            lang,
            &uri,
            &staff,
            &system,
            name.clone(),
            progress,
            previous.as_ref(),
            preselect,
            error,
        )
    };
    match form.get("action") {
        "back" => {
            let last = pack
                .shown_questions(&progress.answers)
                .into_iter()
                .rev()
                .find(|q| progress.answers.contains_key(&q.id))
                .map(|q| q.id.clone());
            let removed = last.and_then(|id| progress.answers.remove(&id));
            render(&page(&progress, removed.as_ref(), None))
        }
        "save" => {
            let facts = match pack.facts_from_answers(&progress.answers) {
                Ok(f) => f,
                Err(e) => {
                    let msg = t.get1("questionnaire-invalid", "detail", e);
                    let mut res = render(&page(&progress, None, Some(msg)))?;
                    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    return Ok(res);
                }
            };
            // Answers and justifications of questions no longer on the path are not kept.
            let shown: Vec<String> = pack
                .shown_questions(&progress.answers)
                .iter()
                .map(|q| q.id.clone())
                .collect();
            progress.answers.retain(|k, _| shown.contains(k));
            progress
                .justifications
                .retain(|k, v| shown.contains(k) && !v.trim().is_empty());
            if pack.next_question(&progress.answers).is_some()
                || !pack.classify(&facts).category.is_complete()
            {
                return render(&page(&progress, None, None));
            }
            let saved = state
                .services
                .classify_record(
                    &staff.actor,
                    system.id,
                    &facts,
                    progress.answers.clone(),
                    progress.justifications.clone(),
                    RunSource::Questionnaire,
                )
                .await;
            match saved {
                Ok(_) => Ok(see_other(&format!(
                    "/{}/staff/systems/{}/classification?done=classified",
                    lang.code(),
                    system.id
                ))),
                Err(ServiceError::Invalid(errors)) => {
                    let msg = errors
                        .iter()
                        .map(|e| crate::error::field_message(&t, &e.problem))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let mut res = render(&page(&progress, None, Some(msg)))?;
                    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    Ok(res)
                }
                Err(e) => Err(e.into()),
            }
        }
        _ => {
            // An answer to the question that was shown.
            let Some(q) = pack.question(form.get("question")) else {
                return render(&page(&progress, None, None));
            };
            let justification = form.get("justification").trim().to_string();
            if justification.chars().count() > aireg_domain::classification::MAX_JUSTIFICATION {
                let msg = crate::error::field_message(
                    &t,
                    &aireg_domain::validation::Problem::TooLong {
                        max: aireg_domain::classification::MAX_JUSTIFICATION,
                    },
                );
                let mut res = render(&page(&progress, None, Some(msg)))?;
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(res);
            }
            progress.justifications.insert(q.id.clone(), justification);
            let picked: Vec<&aireg_rules::ai_act::QuestionOption> = form
                .all("answer")
                .into_iter()
                .filter_map(|i| i.parse::<usize>().ok())
                .filter_map(|i| q.options.get(i))
                .collect();
            let value = match q.kind {
                QuestionKind::Multi => Some(Value::Array(
                    picked.iter().map(|o| o.value.clone()).collect(),
                )),
                _ => picked.first().map(|o| o.value.clone()),
            };
            let Some(value) = value else {
                let mut res = render(&page(&progress, None, Some(t.get("questionnaire-choose"))))?;
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(res);
            };
            progress.answers.insert(q.id.clone(), value);
            render(&page(&progress, None, None))
        }
    }
}
