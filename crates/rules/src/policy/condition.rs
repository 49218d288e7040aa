//! The condition language of the policy packs.
//!
//! A condition is a small, data-only tree written as a TOML inline table over a fixed
//! situation vocabulary ([`Fact`]):
//!
//! ```toml
//! when = { any = [ { fact = "personal_data" }, { fact = "sensitive_data" } ] }
//! when = { not = { fact = "personal_data" } }
//! when = { all = [ { fact = "ai_act.fria_required" }, { fact = "sensitive_data", is = false } ] }
//! when = { fact = "ai_act.category", is = "high_risk" }
//! when = { fact = "ai_act.category", in = ["high_risk", "limited"] }
//! when = { always = true }
//! ```
//!
//! A yes/no fact stands alone (`{ fact = "personal_data" }` means "is true") or takes
//! `is = true | false`. The one text fact, `ai_act.category`, takes `is = "<category>"` or
//! `in = [...]` with the category names of the AI Act pack; when there is no AI Act outcome it
//! matches nothing. Evaluation is two-valued and total: every fact has a value in every
//! [`Situation`](super::Situation).

use serde::{Deserialize, Serialize};

use super::engine::Situation;
use crate::ai_act::Category;

/// A fact of the situation vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    /// The system processes personal data.
    PersonalData,
    /// The system processes sensitive data: special categories of personal data or other
    /// confidential or otherwise protected information.
    SensitiveData,
    /// AI features are being added to a system that did not have them before.
    AiFeaturesAdded,
    /// A complete AI Act classification exists.
    AiActClassified,
    /// The AI Act outcome requires a fundamental-rights impact assessment (art. 27).
    AiActFriaRequired,
    /// The AI Act outcome requires the organisation to register in the EU database (art. 49).
    AiActEuRegistrationRequired,
    /// The AI Act category is `high_risk`.
    AiActHighRisk,
    /// The AI Act category (a text fact, compared with `is` / `in`).
    AiActCategory,
}

impl Fact {
    /// Every fact, in vocabulary order.
    pub const ALL: &'static [Fact] = &[
        Fact::PersonalData,
        Fact::SensitiveData,
        Fact::AiFeaturesAdded,
        Fact::AiActClassified,
        Fact::AiActFriaRequired,
        Fact::AiActEuRegistrationRequired,
        Fact::AiActHighRisk,
        Fact::AiActCategory,
    ];

    /// The name used in the packs.
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::PersonalData => "personal_data",
            Fact::SensitiveData => "sensitive_data",
            Fact::AiFeaturesAdded => "ai_features_added",
            Fact::AiActClassified => "ai_act.classified",
            Fact::AiActFriaRequired => "ai_act.fria_required",
            Fact::AiActEuRegistrationRequired => "ai_act.eu_registration_required",
            Fact::AiActHighRisk => "ai_act.high_risk",
            Fact::AiActCategory => "ai_act.category",
        }
    }

    /// The fact with this name.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: &str) -> Option<Fact> {
        Fact::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// Whether the fact is yes/no (all but `ai_act.category`).
    pub fn is_bool(self) -> bool {
        self != Fact::AiActCategory
    }

    /// The value of a yes/no fact in a situation (false for `ai_act.category`).
    pub fn holds(self, s: &Situation) -> bool {
        let ai = s.ai_act.as_ref();
        match self {
            Fact::PersonalData => s.personal_data,
            Fact::SensitiveData => s.sensitive_data,
            Fact::AiFeaturesAdded => s.ai_features_added,
            Fact::AiActClassified => ai.is_some_and(|a| a.category.is_complete()),
            Fact::AiActFriaRequired => ai.is_some_and(|a| a.fria_required),
            Fact::AiActEuRegistrationRequired => ai.is_some_and(|a| a.eu_registration_required),
            Fact::AiActHighRisk => ai.is_some_and(|a| a.category == Category::HighRisk),
            Fact::AiActCategory => false,
        }
    }
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Fact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A validated condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Constant.
    Always(bool),
    /// Every member holds (true when empty; empty lists are refused on load).
    All(Vec<Condition>),
    /// At least one member holds.
    Any(Vec<Condition>),
    /// The member does not hold.
    Not(Box<Condition>),
    /// A yes/no fact has this value.
    Is { fact: Fact, value: bool },
    /// The AI Act category is one of these (false when there is no AI Act outcome).
    CategoryIn(Vec<Category>),
}

impl Condition {
    /// Evaluates the condition in a situation.
    pub fn holds(&self, s: &Situation) -> bool {
        match self {
            Condition::Always(value) => *value,
            Condition::All(members) => members.iter().all(|m| m.holds(s)),
            Condition::Any(members) => members.iter().any(|m| m.holds(s)),
            Condition::Not(inner) => !inner.holds(s),
            Condition::Is { fact, value } => fact.holds(s) == *value,
            Condition::CategoryIn(values) => s
                .ai_act
                .as_ref()
                .is_some_and(|a| values.contains(&a.category)),
        }
    }

    /// The facts the condition reads, for documentation and tests.
    pub fn facts(&self) -> Vec<Fact> {
        let mut out = Vec::new();
        self.collect_facts(&mut out);
        out.sort();
        out.dedup();
        out
    }

    fn collect_facts(&self, out: &mut Vec<Fact>) {
        match self {
            Condition::Always(_) => {}
            Condition::All(members) | Condition::Any(members) => {
                for m in members {
                    m.collect_facts(out);
                }
            }
            Condition::Not(inner) => inner.collect_facts(out),
            Condition::Is { fact, .. } => out.push(*fact),
            Condition::CategoryIn(_) => out.push(Fact::AiActCategory),
        }
    }
}

/// A condition as written in a pack, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    always: Option<bool>,
    all: Option<Vec<RawCondition>>,
    any: Option<Vec<RawCondition>>,
    not: Option<Box<RawCondition>>,
    fact: Option<String>,
    is: Option<toml::Value>,
    #[serde(rename = "in")]
    in_: Option<Vec<String>>,
}

impl RawCondition {
    /// Validates the condition; problems are pushed to `problems`, each naming its place `at`.
    pub(crate) fn compile(&self, at: &str, problems: &mut Vec<String>) -> Condition {
        let forms = [
            self.always.is_some(),
            self.all.is_some(),
            self.any.is_some(),
            self.not.is_some(),
            self.fact.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if forms != 1 {
            problems.push(format!(
                "{at}: a condition needs exactly one of always, all, any, not, fact"
            ));
            return Condition::Always(false);
        }
        if self.fact.is_none() && (self.is.is_some() || self.in_.is_some()) {
            problems.push(format!("{at}: `is` and `in` belong to a `fact` condition"));
        }
        if let Some(value) = self.always {
            return Condition::Always(value);
        }
        if let Some(members) = &self.all {
            return Condition::All(compile_list("all", members, at, problems));
        }
        if let Some(members) = &self.any {
            return Condition::Any(compile_list("any", members, at, problems));
        }
        if let Some(inner) = &self.not {
            return Condition::Not(Box::new(inner.compile(&format!("{at}.not"), problems)));
        }
        let name = self.fact.as_deref().unwrap_or_default();
        let Some(fact) = Fact::from_str(name) else {
            problems.push(format!(
                "{at}: unknown fact `{name}` (known: {})",
                Fact::ALL
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            return Condition::Always(false);
        };
        if fact.is_bool() {
            if self.in_.is_some() {
                problems.push(format!(
                    "{at}: fact `{name}` is yes/no; use `is = true` or `is = false`, not `in`"
                ));
            }
            let value = match &self.is {
                None => true,
                Some(toml::Value::Boolean(b)) => *b,
                Some(other) => {
                    problems.push(format!(
                        "{at}: fact `{name}` is yes/no; `is` must be true or false, not a {}",
                        other.type_str()
                    ));
                    true
                }
            };
            return Condition::Is { fact, value };
        }
        // ai_act.category
        let values: Vec<String> = match (&self.is, &self.in_) {
            (Some(toml::Value::String(v)), None) => vec![v.clone()],
            (None, Some(values)) if !values.is_empty() => values.clone(),
            (None, Some(_)) => {
                problems.push(format!("{at}: `in` is empty"));
                Vec::new()
            }
            _ => {
                problems.push(format!(
                    "{at}: fact `{name}` needs exactly one of `is = \"<category>\"` or `in = [...]`"
                ));
                Vec::new()
            }
        };
        let mut categories = Vec::new();
        for value in &values {
            match Category::parse(value) {
                Some(c) => categories.push(c),
                None => problems.push(format!(
                    "{at}: unknown AI Act category `{value}` (known: {})",
                    Category::allowed().join(", ")
                )),
            }
        }
        Condition::CategoryIn(categories)
    }
}

fn compile_list(
    form: &str,
    members: &[RawCondition],
    at: &str,
    problems: &mut Vec<String>,
) -> Vec<Condition> {
    if members.is_empty() {
        problems.push(format!("{at}: `{form}` is empty"));
    }
    members
        .iter()
        .enumerate()
        .map(|(i, m)| m.compile(&format!("{at}.{form}[{i}]"), problems))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::engine::AiActSituation;
    use super::*;

    fn compile(source: &str) -> (Condition, Vec<String>) {
        #[derive(Deserialize)]
        struct Wrapper {
            when: RawCondition,
        }
        let wrapper: Wrapper = toml::from_str(source).unwrap();
        let mut problems = Vec::new();
        let condition = wrapper.when.compile("when", &mut problems);
        (condition, problems)
    }

    fn situation(personal: bool, category: Option<Category>) -> Situation {
        Situation {
            personal_data: personal,
            ai_act: category.map(|c| AiActSituation {
                category: c,
                fria_required: c == Category::HighRisk,
                eu_registration_required: false,
            }),
            ..Situation::default()
        }
    }

    #[test]
    fn bare_fact_means_true() {
        let (c, p) = compile(r#"when = { fact = "personal_data" }"#);
        assert!(p.is_empty(), "{p:?}");
        assert!(c.holds(&situation(true, None)));
        assert!(!c.holds(&situation(false, None)));
    }

    #[test]
    fn is_false_and_not() {
        let (c, p) = compile(
            r#"when = { all = [ { fact = "personal_data", is = false }, { not = { fact = "ai_act.high_risk" } } ] }"#,
        );
        assert!(p.is_empty(), "{p:?}");
        assert!(c.holds(&situation(false, Some(Category::Minimal))));
        assert!(!c.holds(&situation(true, Some(Category::Minimal))));
        assert!(!c.holds(&situation(false, Some(Category::HighRisk))));
    }

    #[test]
    fn category_compare() {
        let (c, p) =
            compile(r#"when = { fact = "ai_act.category", in = ["prohibited", "high_risk"] }"#);
        assert!(p.is_empty(), "{p:?}");
        assert!(c.holds(&situation(false, Some(Category::Prohibited))));
        assert!(!c.holds(&situation(false, Some(Category::Minimal))));
        assert!(!c.holds(&situation(false, None)));
        let (c, p) = compile(r#"when = { fact = "ai_act.category", is = "limited" }"#);
        assert!(p.is_empty(), "{p:?}");
        assert!(c.holds(&situation(false, Some(Category::Limited))));
    }

    #[test]
    fn classified_excludes_incomplete() {
        let (c, _) = compile(r#"when = { fact = "ai_act.classified" }"#);
        assert!(c.holds(&situation(false, Some(Category::Minimal))));
        assert!(!c.holds(&situation(false, Some(Category::Incomplete))));
        assert!(!c.holds(&situation(false, None)));
    }

    #[test]
    fn problems_name_the_place() {
        let (_, p) = compile(r#"when = { any = [ { fact = "personal" } ] }"#);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("when.any[0]: unknown fact `personal`"),
            "{p:?}"
        );

        let (_, p) = compile(r#"when = { fact = "ai_act.category", is = "scary" }"#);
        assert!(p[0].contains("unknown AI Act category `scary`"), "{p:?}");

        let (_, p) = compile(r#"when = { fact = "personal_data", is = "yes" }"#);
        assert!(p[0].contains("must be true or false"), "{p:?}");

        let (_, p) = compile(r#"when = { fact = "personal_data", in = ["a"] }"#);
        assert!(p[0].contains("not `in`"), "{p:?}");

        let (_, p) = compile(r#"when = { all = [] }"#);
        assert!(p[0].contains("`all` is empty"), "{p:?}");

        let (_, p) = compile(r#"when = { always = true, fact = "personal_data" }"#);
        assert!(p[0].contains("exactly one of"), "{p:?}");

        let (_, p) = compile(r#"when = { fact = "ai_act.category" }"#);
        assert!(p[0].contains("needs exactly one of"), "{p:?}");
    }

    #[test]
    fn unknown_keys_are_refused_by_the_parser() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Wrapper {
            when: RawCondition,
        }
        let r: Result<Wrapper, _> = toml::from_str(r#"when = { fakt = "personal_data" }"#);
        assert!(r.is_err());
    }

    #[test]
    fn facts_lists_the_facts_read() {
        let (c, _) = compile(
            r#"when = { any = [ { fact = "sensitive_data" }, { fact = "personal_data" }, { fact = "ai_act.category", is = "limited" } ] }"#,
        );
        assert_eq!(
            c.facts(),
            vec![Fact::PersonalData, Fact::SensitiveData, Fact::AiActCategory]
        );
    }
}
