//! The model of an assessment template: sections, questions and repeatable groups.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ai_act::Text;

/// How a question is answered, and so what its answer looks like in [`super::Answers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One line of text: a JSON string.
    Text,
    /// Free text over several lines: a JSON string.
    Textarea,
    /// `true` / `false`.
    YesNo,
    /// One of the options: the option's value as a string.
    Choice,
    /// Any number of the options: an array of option values (no duplicates).
    Multi,
    /// A calendar date: a string `YYYY-MM-DD`.
    Date,
    /// A JSON number.
    Number,
}

impl QuestionKind {
    /// Every kind, in the order of the documentation.
    pub const ALL: [QuestionKind; 7] = [
        QuestionKind::Text,
        QuestionKind::Textarea,
        QuestionKind::YesNo,
        QuestionKind::Choice,
        QuestionKind::Multi,
        QuestionKind::Date,
        QuestionKind::Number,
    ];

    /// The name used in the template files (`yes_no`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Textarea => "textarea",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::Date => "date",
            QuestionKind::Number => "number",
        }
    }

    /// The kind named `name` in a template file.
    pub fn parse(name: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether questions of this kind have options.
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Choice | QuestionKind::Multi)
    }

    /// Whether questions of this kind are free text (and may have a `max_len`).
    pub fn is_text(self) -> bool {
        matches!(self, QuestionKind::Text | QuestionKind::Textarea)
    }
}

/// One option of a `choice` or `multi` question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionChoice {
    /// The value stored in the answers.
    pub value: String,
    pub label: Text,
}

/// A condition on an earlier answer (`when` in the template files): the question is shown only
/// if it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Condition {
    /// The id of an earlier question outside any group.
    pub(crate) question: String,
    #[serde(flatten)]
    pub(crate) test: Test,
}

/// What the referenced answer must be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Test {
    /// `yes_no`: the answer is this boolean. `choice`: the answer is this option.
    /// `multi`: the selection contains this option.
    Is(Value),
    /// `choice`: the answer is one of these options. `multi`: the selection contains at least
    /// one of them.
    AnyOf(Vec<String>),
}

/// A question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Unique within the template; the key of the answer.
    pub id: String,
    pub kind: QuestionKind,
    pub label: Text,
    pub help: Text,
    /// Must be answered (when shown) before the assessment can be completed.
    pub required: bool,
    /// For `text` and `textarea`: the maximum length in characters.
    pub max_len: Option<usize>,
    /// For `choice` and `multi`: the options, in display order. Empty otherwise.
    pub options: Vec<QuestionChoice>,
    /// Sources `"<template>.<question>"` whose answers prefill this question while it is empty,
    /// first answered source first.
    pub prefill: Vec<String>,
    /// Shown only when this holds (see [`super::Template::is_shown`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) when: Option<Condition>,
}

impl Question {
    /// The option with this value.
    pub fn option(&self, value: &str) -> Option<&QuestionChoice> {
        self.options.iter().find(|o| o.value == value)
    }

    /// Whether the question has a `when` condition.
    pub fn is_conditional(&self) -> bool {
        self.when.is_some()
    }

    /// The id of the question that the `when` condition refers to, if any.
    pub fn depends_on(&self) -> Option<&str> {
        self.when.as_ref().map(|c| c.question.as_str())
    }
}

/// A repeatable group of questions (e.g. one entry per risk). Its answer is an array of objects,
/// one per entry, each holding the answers to the group's questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Unique within the template; the key of the entries.
    pub id: String,
    pub title: Text,
    pub help: Text,
    /// The least number of entries for a complete assessment (when the group is shown).
    pub min: usize,
    /// The most entries allowed.
    pub max: usize,
    pub questions: Vec<Question>,
    /// Shown only when this holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) when: Option<Condition>,
}

impl Group {
    /// The group's question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Whether the group has a `when` condition.
    pub fn is_conditional(&self) -> bool {
        self.when.is_some()
    }

    /// The id of the question that the `when` condition refers to, if any.
    pub fn depends_on(&self) -> Option<&str> {
        self.when.as_ref().map(|c| c.question.as_str())
    }
}

/// An item of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    Question(Question),
    Group(Group),
}

impl Item {
    /// The id of the question or group.
    pub fn id(&self) -> &str {
        match self {
            Item::Question(q) => &q.id,
            Item::Group(g) => &g.id,
        }
    }
}

/// A section of a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub help: Text,
    pub items: Vec<Item>,
}

/// An assessment template (one file of `content/assessments/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    /// e.g. `dpia`; the file is `<id>.toml`.
    pub id: String,
    /// Stored with every assessment instance, so that old answers are read against the template
    /// version they were given for.
    pub version: String,
    pub title: Text,
    /// The law or policy that asks for the assessment, e.g. "GDPR art. 35".
    pub legal_basis: Text,
    pub description: Text,
    /// Answers to a choice that mean something is missing (MCC-AI: a clause the contract does
    /// not include); such answers are listed as gaps where the assessment is shown.
    pub gaps: Vec<String>,
    pub sections: Vec<Section>,
}

/// Where an id was found in a template.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Located<'a> {
    /// A question outside groups.
    Question(&'a Question),
    Group(&'a Group),
    /// A question of a group.
    GroupQuestion(&'a Group, &'a Question),
}

impl Template {
    /// The question with this id, whether directly in a section or in a group.
    pub fn question(&self, id: &str) -> Option<&Question> {
        match self.locate(id)? {
            Located::Question(q) | Located::GroupQuestion(_, q) => Some(q),
            Located::Group(_) => None,
        }
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        match self.locate(id)? {
            Located::Group(g) => Some(g),
            _ => None,
        }
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The items of all sections, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// Every question, including those of groups, in template order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.items().flat_map(|item| match item {
            Item::Question(q) => std::slice::from_ref(q).iter(),
            Item::Group(g) => g.questions.iter(),
        })
    }

    /// The shown choice questions whose answer is one of the template's gaps, in order, each
    /// with the option chosen.
    pub fn gaps_in<'t>(
        &'t self,
        answers: &super::Answers,
    ) -> Vec<(&'t Question, &'t QuestionChoice)> {
        if self.gaps.is_empty() {
            return Vec::new();
        }
        self.items()
            .filter_map(|item| match item {
                Item::Question(q) => Some(q),
                Item::Group(_) => None,
            })
            .filter(|q| q.kind == QuestionKind::Choice && self.is_shown(&q.id, answers))
            .filter_map(|q| {
                let chosen = answers.get(&q.id)?.as_str()?;
                let option = q.option(chosen)?;
                self.gaps.iter().any(|g| g == chosen).then_some((q, option))
            })
            .collect()
    }

    pub(crate) fn locate(&self, id: &str) -> Option<Located<'_>> {
        for item in self.items() {
            match item {
                Item::Question(q) if q.id == id => return Some(Located::Question(q)),
                Item::Question(_) => {}
                Item::Group(g) => {
                    if g.id == id {
                        return Some(Located::Group(g));
                    }
                    if let Some(q) = g.question(id) {
                        return Some(Located::GroupQuestion(g, q));
                    }
                }
            }
        }
        None
    }
}
