//! The questionnaire: one question per page, shown conditionally on the facts so far.
//!
//! Answers are keyed by question id. A question either sets one fact (`sets`) or is a helper
//! sub-question (`helper_for`) that a parent question opens with its "unsure" option; the
//! helpers are asked one by one until one of them decides the parent's fact.
//!
//! Answer values:
//! - yes/no questions: `true` / `false`;
//! - single choice: the option's value (a string, `null` for "none", or for `annex_i` the
//!   object `{"section": .., "third_party_conformity": ..}`), or `"unsure"` where offered;
//! - multiple choice: an array of option values (`[]` for "none of these").
//!
//! Answers to questions that are not shown (because an earlier answer hides them) are ignored,
//! so changing an early answer never leaves stale facts behind.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::condition::Condition;
use super::engine::Evaluation;
use super::facts::{Facts, FactsError, vocabulary};
use super::pack::Pack;
use super::text::Text;

/// Answers so far, keyed by question id. See the module documentation for the values.
pub type Answers = BTreeMap<String, Value>;

vocabulary! {
    /// How a question is answered.
    QuestionKind {
        YesNo => "yes_no",
        Single => "single",
        Multi => "multi",
    }
}

/// One possible answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionOption {
    /// The JSON value that goes into [`Answers`].
    pub value: Value,
    pub label: Text,
    pub help: Option<Text>,
    /// Choosing this option opens the helper sub-questions (e.g. "unsure").
    pub opens_helpers: bool,
    /// For helper questions: choosing this option decides the parent fact.
    pub decides: Option<bool>,
}

/// A question of the questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    /// The fact this question sets (`None` for helpers).
    pub sets: Option<String>,
    /// For helper sub-questions: the id of the parent question.
    pub helper_for: Option<String>,
    pub kind: QuestionKind,
    pub text: Text,
    pub help: Text,
    /// A human-readable legal reference.
    pub legal_ref: Text,
    /// Machine-readable article references, e.g. `3(1)`.
    pub articles: Vec<String>,
    /// Glossary term ids used by the question.
    pub terms: Vec<String>,
    pub examples: Vec<Text>,
    pub options: Vec<QuestionOption>,
    /// For multiple choice: the label of choosing nothing.
    pub none_label: Option<Text>,
    #[serde(skip)]
    pub(crate) when: Condition,
}

impl Question {
    /// The option matching a single answer value.
    fn option_for(&self, value: &Value) -> Option<&QuestionOption> {
        self.options.iter().find(|o| o.value == *value)
    }

    /// Checks an answer; returns the chosen option for single answers.
    fn check(&self, value: &Value) -> Result<Option<&QuestionOption>, FactsError> {
        match self.kind {
            QuestionKind::Multi => {
                let Some(items) = value.as_array() else {
                    return Err(FactsError::new(
                        &self.id,
                        "expected a list of option values",
                    ));
                };
                for item in items {
                    if self.option_for(item).is_none() {
                        return Err(FactsError::new(
                            &self.id,
                            format!("{item} is not an option; expected {}", self.option_list()),
                        ));
                    }
                }
                Ok(None)
            }
            QuestionKind::YesNo | QuestionKind::Single => match self.option_for(value) {
                Some(option) => Ok(Some(option)),
                None => Err(FactsError::new(
                    &self.id,
                    format!("{value} is not an option; expected {}", self.option_list()),
                )),
            },
        }
    }

    fn option_list(&self) -> String {
        self.options
            .iter()
            .map(|o| o.value.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The result of walking through the questionnaire with some answers.
struct Walk<'a> {
    facts: Map<String, Value>,
    next: Option<&'a Question>,
}

#[derive(Default, Clone, Copy)]
struct HelperChain {
    /// The parent chose the option that opens the helpers.
    open: bool,
    /// Every earlier helper was answered without deciding.
    reachable: bool,
    decided: bool,
}

impl Pack {
    fn walk<'a>(&'a self, answers: &Answers, strict: bool) -> Result<Walk<'a>, FactsError> {
        if strict {
            for key in answers.keys() {
                if self.question(key).is_none() {
                    return Err(FactsError::new(key, "unknown question"));
                }
            }
        }
        let mut facts = Map::new();
        let mut next: Option<&Question> = None;
        let mut chains: BTreeMap<&str, HelperChain> = BTreeMap::new();
        // The rules are re-run only when the facts have changed.
        let mut evaluation: Option<Evaluation> = None;
        for question in self.questions() {
            let visible = match &question.helper_for {
                Some(parent) => {
                    let chain = chains.get(parent.as_str()).copied().unwrap_or_default();
                    chain.open && chain.reachable && !chain.decided
                }
                None => {
                    if evaluation.is_none() {
                        let so_far = Facts::from_json(&Value::Object(facts.clone()))?;
                        evaluation = Some(self.evaluate(&so_far));
                    }
                    evaluation
                        .as_ref()
                        .is_some_and(|e| e.env.eval(&question.when).is_true())
                }
            };
            if !visible {
                continue;
            }
            let checked = match answers.get(&question.id) {
                None => None,
                Some(value) => match question.check(value) {
                    Ok(option) => Some((value, option)),
                    Err(error) if strict => return Err(error),
                    Err(_) => None,
                },
            };
            let Some((value, option)) = checked else {
                next.get_or_insert(question);
                if let Some(parent) = &question.helper_for
                    && let Some(chain) = chains.get_mut(parent.as_str())
                {
                    chain.reachable = false;
                }
                continue;
            };
            match (&question.sets, &question.helper_for) {
                (Some(fact), _) => {
                    if option.is_some_and(|o| o.opens_helpers) {
                        chains.insert(
                            question.id.as_str(),
                            HelperChain {
                                open: true,
                                reachable: true,
                                decided: false,
                            },
                        );
                    } else {
                        facts.insert(fact.clone(), value.clone());
                        evaluation = None;
                    }
                }
                (None, Some(parent)) => {
                    if let Some(decided) = option.and_then(|o| o.decides) {
                        if let Some(fact) = self.question(parent).and_then(|p| p.sets.clone()) {
                            facts.insert(fact, Value::Bool(decided));
                            evaluation = None;
                        }
                        if let Some(chain) = chains.get_mut(parent.as_str()) {
                            chain.decided = true;
                        }
                    }
                }
                (None, None) => {}
            }
        }
        Ok(Walk { facts, next })
    }

    /// The next question to ask given the answers so far: the first question that is shown
    /// and not yet (validly) answered. `None` when every relevant question has been answered,
    /// at which point [`Pack::classify`] of [`Pack::facts_from_answers`] is complete.
    pub fn next_question(&self, answers: &Answers) -> Option<&Question> {
        self.walk(answers, false).ok().and_then(|walk| walk.next)
    }

    /// Turns answers into facts. Unknown question ids and invalid answers are rejected with an
    /// error naming the question; answers to questions that are not shown are ignored.
    pub fn facts_from_answers(&self, answers: &Answers) -> Result<Facts, FactsError> {
        let walk = self.walk(answers, true)?;
        Facts::from_json(&Value::Object(walk.facts))
    }

    /// The questions shown for these answers, in order (answered or not). Useful for a
    /// summary page and for "back" navigation.
    pub fn shown_questions(&self, answers: &Answers) -> Vec<&Question> {
        let mut shown = Vec::new();
        let mut partial = Answers::new();
        // Walk question by question, revealing one answer at a time.
        while let Some(question) = self.next_question(&partial) {
            if partial.contains_key(&question.id) {
                break;
            }
            shown.push(question);
            match answers.get(&question.id) {
                Some(value) if question.check(value).is_ok() => {
                    partial.insert(question.id.clone(), value.clone());
                }
                _ => {
                    // Unanswered: the rest depends on it.
                    break;
                }
            }
        }
        shown
    }
}
