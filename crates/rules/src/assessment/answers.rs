//! Answers to a template: checking them, conditional questions and prefill.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use serde_json::Value;
use time::Date;
use time::macros::format_description;

use super::template::{Condition, Group, Item, Located, Question, QuestionKind, Template, Test};

/// The answers of one assessment: a JSON object.
///
/// - A question's answer is stored under its id: a string (`text`, `textarea`, `choice`, `date`
///   as `YYYY-MM-DD`), a boolean (`yes_no`), an array of option values (`multi`) or a number
///   (`number`). `null` means "not answered".
/// - A group's entries are stored under the group id as an array of objects, one per entry, each
///   holding the answers to the group's questions under their ids.
pub type Answers = serde_json::Map<String, Value>;

/// One problem with the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    /// Where: a question or group id, `group[index]` for a whole entry or
    /// `group[index].question` for an answer in an entry (indices from 0), e.g. `risks[1].severity`.
    pub path: String,
    /// What: `required`, `too_long`, `invalid_choice`, `invalid_type`, `invalid_date`,
    /// `too_few`, `too_many` or `unknown`.
    pub code: String,
    /// The limit for `too_long` (characters) and `too_many` (entries). For `too_few` the least
    /// number of entries is the group's [`Group::min`].
    pub max: Option<usize>,
}

impl AnswerError {
    /// The question's answer is missing.
    pub const REQUIRED: &'static str = "required";
    /// The text is longer than the question's `max_len`.
    pub const TOO_LONG: &'static str = "too_long";
    /// A value that is not one of the question's options (or a repeated one).
    pub const INVALID_CHOICE: &'static str = "invalid_choice";
    /// A value of the wrong JSON type for the question or group.
    pub const INVALID_TYPE: &'static str = "invalid_type";
    /// A date that is not a valid `YYYY-MM-DD`.
    pub const INVALID_DATE: &'static str = "invalid_date";
    /// Fewer group entries than the group's `min`.
    pub const TOO_FEW: &'static str = "too_few";
    /// More group entries than the group's `max`.
    pub const TOO_MANY: &'static str = "too_many";
    /// A key that is no question or group of the template.
    pub const UNKNOWN: &'static str = "unknown";

    fn new(path: impl Into<String>, code: &str) -> AnswerError {
        AnswerError {
            path: path.into(),
            code: code.to_owned(),
            max: None,
        }
    }

    fn with_max(path: impl Into<String>, code: &str, max: usize) -> AnswerError {
        AnswerError {
            max: Some(max),
            ..AnswerError::new(path, code)
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(max) => write!(f, "{}: {} (max {max})", self.path, self.code),
            None => write!(f, "{}: {}", self.path, self.code),
        }
    }
}

/// Whether an answer counts as not given: absent, `null`, blank text or an empty selection.
pub(crate) fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    }
}

pub(crate) fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

/// Checks one answer against its question. `null` and a blank string (what an empty form field
/// sends) are always accepted as "not answered".
fn check_value(question: &Question, value: &Value, path: &str, errors: &mut Vec<AnswerError>) {
    if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
        return;
    }
    match question.kind {
        QuestionKind::Text | QuestionKind::Textarea => match value.as_str() {
            None => errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE)),
            Some(s) => {
                if let Some(max) = question.max_len
                    && s.chars().count() > max
                {
                    errors.push(AnswerError::with_max(path, AnswerError::TOO_LONG, max));
                }
            }
        },
        QuestionKind::YesNo => {
            if !value.is_boolean() {
                errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE));
            }
        }
        QuestionKind::Choice => match value.as_str() {
            None => errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE)),
            Some(s) => {
                if question.option(s).is_none() {
                    errors.push(AnswerError::new(path, AnswerError::INVALID_CHOICE));
                }
            }
        },
        QuestionKind::Multi => match value.as_array() {
            None => errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE)),
            Some(items) => {
                let mut seen = BTreeSet::new();
                for item in items {
                    match item.as_str() {
                        None => {
                            errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE));
                            return;
                        }
                        Some(s) => {
                            if question.option(s).is_none() || !seen.insert(s) {
                                errors.push(AnswerError::new(path, AnswerError::INVALID_CHOICE));
                                return;
                            }
                        }
                    }
                }
            }
        },
        QuestionKind::Date => match value.as_str() {
            None => errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE)),
            Some(s) => {
                if parse_date(s).is_none() {
                    errors.push(AnswerError::new(path, AnswerError::INVALID_DATE));
                }
            }
        },
        QuestionKind::Number => {
            if !value.is_number() {
                errors.push(AnswerError::new(path, AnswerError::INVALID_TYPE));
            }
        }
    }
}

/// Whether `answer` satisfies the test.
fn test_holds(test: &Test, answer: Option<&Value>) -> bool {
    let Some(answer) = answer else {
        return false;
    };
    let matches = |wanted: &str| match answer {
        Value::String(s) => s == wanted,
        Value::Array(items) => items.iter().any(|item| item.as_str() == Some(wanted)),
        _ => false,
    };
    match test {
        Test::Is(Value::String(wanted)) => matches(wanted),
        Test::Is(wanted) => answer == wanted,
        Test::AnyOf(values) => values.iter().any(|v| matches(v)),
    }
}

/// The deepest chain of conditions followed; templates are acyclic by validation (a condition
/// refers to an earlier question), this only guards hand-built templates.
const MAX_CONDITION_DEPTH: usize = 64;

impl Template {
    /// Whether a condition holds: the question it refers to is itself shown and its answer
    /// matches.
    fn condition_holds(&self, when: Option<&Condition>, answers: &Answers, depth: usize) -> bool {
        let Some(condition) = when else {
            return true;
        };
        if depth >= MAX_CONDITION_DEPTH {
            return false;
        }
        let referenced = match self.locate(&condition.question) {
            Some(Located::Question(q)) => q,
            _ => return false,
        };
        self.condition_holds(referenced.when.as_ref(), answers, depth + 1)
            && test_holds(&condition.test, answers.get(&condition.question))
    }

    /// Whether a question or group is shown given the answers: its `when` condition holds (the
    /// question the condition refers to is itself shown and answered as the condition says), and
    /// for a question of a group, the group is shown. Unknown ids are not shown.
    ///
    /// Answers to questions that are not shown are kept but never required.
    pub fn is_shown(&self, question_id: &str, answers: &Answers) -> bool {
        match self.locate(question_id) {
            None => false,
            Some(Located::Question(q)) => self.condition_holds(q.when.as_ref(), answers, 0),
            Some(Located::Group(g)) => self.condition_holds(g.when.as_ref(), answers, 0),
            Some(Located::GroupQuestion(g, q)) => {
                self.condition_holds(g.when.as_ref(), answers, 0)
                    && self.condition_holds(q.when.as_ref(), answers, 0)
            }
        }
    }

    /// Checks answers and returns every problem found, in template order (unknown keys last).
    ///
    /// Always checked (drafts too): unknown keys (`unknown`), JSON types (`invalid_type`),
    /// options (`invalid_choice`), dates (`invalid_date`), text lengths (`too_long`) and the
    /// most entries of a group (`too_many`, a length limit like `max_len`). Answers to questions
    /// that are not shown are checked the same way.
    ///
    /// With `complete = true` (completing the assessment) also: every required question that is
    /// shown is answered (`required`; blank text and empty selections count as unanswered; inside
    /// a group for each entry) and every shown group has at least `min` entries (`too_few`).
    pub fn check(&self, answers: &Answers, complete: bool) -> Vec<AnswerError> {
        let mut errors = Vec::new();
        for item in self.items() {
            match item {
                Item::Question(q) => {
                    let value = answers.get(&q.id);
                    if let Some(value) = value {
                        check_value(q, value, &q.id, &mut errors);
                    }
                    if complete
                        && q.required
                        && is_empty(value)
                        && self.condition_holds(q.when.as_ref(), answers, 0)
                    {
                        errors.push(AnswerError::new(&q.id, AnswerError::REQUIRED));
                    }
                }
                Item::Group(g) => self.check_group(g, answers, complete, &mut errors),
            }
        }
        for key in answers.keys() {
            match self.locate(key) {
                Some(Located::Question(_) | Located::Group(_)) => {}
                Some(Located::GroupQuestion(..)) | None => {
                    errors.push(AnswerError::new(key, AnswerError::UNKNOWN));
                }
            }
        }
        errors
    }

    fn check_group(
        &self,
        group: &Group,
        answers: &Answers,
        complete: bool,
        errors: &mut Vec<AnswerError>,
    ) {
        let entries: &[Value] = match answers.get(&group.id) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(entries)) => entries,
            Some(_) => {
                errors.push(AnswerError::new(&group.id, AnswerError::INVALID_TYPE));
                return;
            }
        };
        if entries.len() > group.max {
            errors.push(AnswerError::with_max(
                &group.id,
                AnswerError::TOO_MANY,
                group.max,
            ));
        }
        let shown = complete && self.condition_holds(group.when.as_ref(), answers, 0);
        if shown && entries.len() < group.min {
            errors.push(AnswerError::new(&group.id, AnswerError::TOO_FEW));
        }
        for (index, entry) in entries.iter().enumerate() {
            let at = format!("{}[{index}]", group.id);
            let Some(entry) = entry.as_object() else {
                errors.push(AnswerError::new(at, AnswerError::INVALID_TYPE));
                continue;
            };
            for q in &group.questions {
                let path = format!("{at}.{}", q.id);
                let value = entry.get(&q.id);
                if let Some(value) = value {
                    check_value(q, value, &path, errors);
                }
                if shown
                    && q.required
                    && is_empty(value)
                    && self.condition_holds(q.when.as_ref(), answers, 0)
                {
                    errors.push(AnswerError::new(path, AnswerError::REQUIRED));
                }
            }
            for key in entry.keys() {
                if group.question(key).is_none() {
                    errors.push(AnswerError::new(
                        format!("{at}.{key}"),
                        AnswerError::UNKNOWN,
                    ));
                }
            }
        }
    }

    /// Answers for questions that are still empty, taken from other assessments of the same
    /// system through the questions' `prefill` sources (`"<template>.<question>"`).
    ///
    /// `others` maps a template id to that assessment's answers. For each question with sources,
    /// in template order, that is shown and not yet answered (absent, `null`, blank or an empty
    /// selection), the first source with a usable answer is taken: the value must fit the
    /// question (its type, options and `max_len`; a `choice` answer fills a `multi` question as
    /// a one-element selection, options the question lacks are dropped from a selection).
    /// Prefilled answers count when deciding whether later questions are shown.
    ///
    /// Returns only the prefilled entries; an answer already given is never overwritten.
    pub fn prefill(&self, answers: &Answers, others: &BTreeMap<String, Answers>) -> Answers {
        let mut merged = answers.clone();
        let mut prefilled = Answers::new();
        for item in self.items() {
            let Item::Question(q) = item else {
                continue;
            };
            if q.prefill.is_empty()
                || !is_empty(merged.get(&q.id))
                || !self.condition_holds(q.when.as_ref(), &merged, 0)
            {
                continue;
            }
            let found = q.prefill.iter().find_map(|source| {
                let (template, question) = source.split_once('.')?;
                let value = others.get(template)?.get(question)?;
                if is_empty(Some(value)) {
                    return None;
                }
                adapt(q, value)
            });
            if let Some(value) = found {
                merged.insert(q.id.clone(), value.clone());
                prefilled.insert(q.id.clone(), value);
            }
        }
        prefilled
    }
}

/// `value` as an answer to `question`, if it fits.
fn adapt(question: &Question, value: &Value) -> Option<Value> {
    match question.kind {
        QuestionKind::Multi => {
            let wanted: Vec<&str> = match value {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                _ => return None,
            };
            let mut seen = BTreeSet::new();
            let kept: Vec<Value> = wanted
                .into_iter()
                .filter(|v| question.option(v).is_some() && seen.insert(*v))
                .map(|v| Value::String(v.to_owned()))
                .collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        _ => {
            let mut errors = Vec::new();
            check_value(question, value, &question.id, &mut errors);
            errors.is_empty().then(|| value.clone())
        }
    }
}
