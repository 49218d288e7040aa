//! The condition language of the content pack and its three-valued evaluation.
//!
//! A condition is a small, side-effect-free tree written as TOML inline tables:
//!
//! ```toml
//! when = { all = [
//!   { fact = "roles", has = "deployer" },
//!   { not = { fact = "annex_iii", is = "2" } },
//!   { any = [ { fact = "public_authority", is = true }, { flag = "credit_or_insurance" } ] },
//!   { category = ["high_risk"] },
//! ] }
//! ```
//!
//! Evaluation is three-valued: a fact that is absent and required (see `facts.toml`) is
//! *unknown*, and the unknown keys travel up the tree so the engine can say which facts are
//! still missing. `all` is false as soon as one member is false, `any` is true as soon as one
//! member is true, so facts that cannot change the result are never demanded.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::engine::Category;
use super::facts::FactKind;

/// A condition as written in the pack, before validation.
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
    has: Option<String>,
    has_any: Option<Vec<String>>,
    within: Option<Vec<String>>,
    present: Option<bool>,
    flag: Option<String>,
    category: Option<Vec<String>>,
}

/// A validated condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Always(bool),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// A yes/no fact equals the value.
    IsBool {
        fact: String,
        value: bool,
    },
    /// A choice fact equals the value (false when the fact is null).
    IsValue {
        fact: String,
        value: String,
    },
    /// A choice fact is one of the values (false when null).
    In {
        fact: String,
        values: Vec<String>,
    },
    /// A list fact contains the value.
    Has {
        fact: String,
        value: String,
    },
    /// A list fact contains at least one of the values.
    HasAny {
        fact: String,
        values: Vec<String>,
    },
    /// Every member of a list fact is one of the values (true for an empty list).
    Within {
        fact: String,
        values: Vec<String>,
    },
    /// A nullable fact is set / a list fact is non-empty (or, with `false`, the opposite).
    Present {
        fact: String,
        present: bool,
    },
    /// A flag derived by an earlier rule holds.
    Flag(String),
    /// The category is one of these.
    Category(Vec<Category>),
}

/// What the validator knows while compiling a condition.
pub(crate) struct Scope<'a> {
    /// Flags defined so far (a condition may only use flags defined before it).
    pub flags: &'a BTreeSet<String>,
    /// Whether the category is known at this point (false inside category rules and the rules
    /// before them).
    pub category_known: bool,
}

impl RawCondition {
    /// Validates the condition; problems are pushed to `problems`, prefixed with `at`.
    pub(crate) fn compile(
        &self,
        scope: &Scope<'_>,
        at: &str,
        problems: &mut Vec<String>,
    ) -> Condition {
        let forms = [
            self.always.is_some(),
            self.all.is_some(),
            self.any.is_some(),
            self.not.is_some(),
            self.fact.is_some(),
            self.flag.is_some(),
            self.category.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if forms != 1 {
            problems.push(format!(
                "{at}: a condition needs exactly one of always, all, any, not, fact, flag, category"
            ));
            return Condition::Always(false);
        }
        if let Some(value) = self.always {
            return Condition::Always(value);
        }
        if let Some(members) = &self.all {
            if members.is_empty() {
                problems.push(format!("{at}: `all` is empty"));
            }
            return Condition::All(
                members
                    .iter()
                    .map(|m| m.compile(scope, at, problems))
                    .collect(),
            );
        }
        if let Some(members) = &self.any {
            if members.is_empty() {
                problems.push(format!("{at}: `any` is empty"));
            }
            return Condition::Any(
                members
                    .iter()
                    .map(|m| m.compile(scope, at, problems))
                    .collect(),
            );
        }
        if let Some(inner) = &self.not {
            return Condition::Not(Box::new(inner.compile(scope, at, problems)));
        }
        if let Some(flag) = &self.flag {
            if !scope.flags.contains(flag) {
                problems.push(format!(
                    "{at}: flag `{flag}` is not defined by an earlier rule"
                ));
            }
            return Condition::Flag(flag.clone());
        }
        if let Some(names) = &self.category {
            if !scope.category_known {
                problems.push(format!(
                    "{at}: `category` cannot be used before the category is decided"
                ));
            }
            let mut categories = Vec::new();
            for name in names {
                match Category::parse(name) {
                    Some(Category::Incomplete) | None => {
                        problems.push(format!("{at}: unknown category `{name}`"))
                    }
                    Some(category) => categories.push(category),
                }
            }
            return Condition::Category(categories);
        }
        let fact = self.fact.clone().unwrap_or_default();
        self.compile_fact(fact, at, problems)
    }

    fn compile_fact(&self, fact: String, at: &str, problems: &mut Vec<String>) -> Condition {
        let operators = [
            self.is.is_some(),
            self.in_.is_some(),
            self.has.is_some(),
            self.has_any.is_some(),
            self.within.is_some(),
            self.present.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if operators != 1 {
            problems.push(format!(
                "{at}: fact `{fact}` needs exactly one of is, in, has, has_any, within, present"
            ));
            return Condition::Always(false);
        }
        let Some((_, kind)) = super::facts::fact_kind(&fact) else {
            problems.push(format!("{at}: unknown fact `{fact}`"));
            return Condition::Always(false);
        };
        let fact_name = fact.clone();
        let check_values = |values: &[String], allowed: &[&str], problems: &mut Vec<String>| {
            for value in values {
                if !allowed.contains(&value.as_str()) {
                    problems.push(format!(
                        "{at}: `{value}` is not a value of fact `{fact_name}` (expected one of {})",
                        allowed.join(", ")
                    ));
                }
            }
        };
        let wrong = |op: &str| format!("{at}: operator `{op}` does not fit fact `{fact_name}`");
        if let Some(value) = &self.is {
            return match (kind, value) {
                (FactKind::Bool, toml::Value::Boolean(b)) => Condition::IsBool { fact, value: *b },
                (
                    FactKind::Enum(allowed, _) | FactKind::NullableEnum(allowed),
                    toml::Value::String(s),
                ) => {
                    check_values(std::slice::from_ref(s), allowed, problems);
                    Condition::IsValue {
                        fact,
                        value: s.clone(),
                    }
                }
                _ => {
                    problems.push(wrong("is"));
                    Condition::Always(false)
                }
            };
        }
        if let Some(values) = &self.in_ {
            return match kind {
                FactKind::Enum(allowed, _) | FactKind::NullableEnum(allowed) => {
                    check_values(values, allowed, problems);
                    Condition::In {
                        fact,
                        values: values.clone(),
                    }
                }
                _ => {
                    problems.push(wrong("in"));
                    Condition::Always(false)
                }
            };
        }
        if let Some(present) = self.present {
            return match kind {
                FactKind::NullableEnum(_) | FactKind::Set(_) | FactKind::AnnexI => {
                    Condition::Present { fact, present }
                }
                _ => {
                    problems.push(wrong("present"));
                    Condition::Always(false)
                }
            };
        }
        let FactKind::Set(allowed) = kind else {
            problems.push(wrong("has/has_any/within"));
            return Condition::Always(false);
        };
        if let Some(value) = &self.has {
            check_values(std::slice::from_ref(value), allowed, problems);
            return Condition::Has {
                fact,
                value: value.clone(),
            };
        }
        if let Some(values) = &self.has_any {
            check_values(values, allowed, problems);
            return Condition::HasAny {
                fact,
                values: values.clone(),
            };
        }
        let values = self.within.clone().unwrap_or_default();
        check_values(&values, allowed, problems);
        Condition::Within { fact, values }
    }
}

/// A fact value as the evaluator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    Bool(bool),
    Str(String),
    Null,
    Set(BTreeSet<String>),
}

/// A three-valued truth value; `Unknown` carries the fact keys that would decide it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tri {
    True,
    False,
    Unknown(BTreeSet<String>),
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }

    pub(crate) fn is_true(&self) -> bool {
        matches!(self, Tri::True)
    }

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            unknown => unknown,
        }
    }
}

/// The state a condition is evaluated against: facts (absent = unknown), flags, category.
#[derive(Debug, Clone, Default)]
pub(crate) struct Env {
    pub facts: BTreeMap<String, Val>,
    pub flags: BTreeMap<String, Tri>,
    /// `Ok` once the category is decided, `Err(missing)` while it is blocked by unknown facts.
    pub category: Option<Result<Category, BTreeSet<String>>>,
}

impl Env {
    fn lookup(&self, path: &str) -> Result<&Val, BTreeSet<String>> {
        self.facts.get(path).ok_or_else(|| {
            let root = path.split('.').next().unwrap_or(path);
            BTreeSet::from([root.to_owned()])
        })
    }

    pub(crate) fn eval(&self, condition: &Condition) -> Tri {
        match condition {
            Condition::Always(b) => Tri::from_bool(*b),
            Condition::All(members) => {
                let mut missing = BTreeSet::new();
                for member in members {
                    match self.eval(member) {
                        Tri::False => return Tri::False,
                        Tri::True => {}
                        Tri::Unknown(m) => missing.extend(m),
                    }
                }
                if missing.is_empty() {
                    Tri::True
                } else {
                    Tri::Unknown(missing)
                }
            }
            Condition::Any(members) => {
                let mut missing = BTreeSet::new();
                for member in members {
                    match self.eval(member) {
                        Tri::True => return Tri::True,
                        Tri::False => {}
                        Tri::Unknown(m) => missing.extend(m),
                    }
                }
                if missing.is_empty() {
                    Tri::False
                } else {
                    Tri::Unknown(missing)
                }
            }
            Condition::Not(inner) => self.eval(inner).not(),
            Condition::Flag(flag) => self
                .flags
                .get(flag)
                .cloned()
                .unwrap_or(Tri::Unknown(BTreeSet::new())),
            Condition::Category(categories) => match &self.category {
                Some(Ok(category)) => Tri::from_bool(categories.contains(category)),
                Some(Err(missing)) => Tri::Unknown(missing.clone()),
                None => Tri::Unknown(BTreeSet::new()),
            },
            Condition::IsBool { fact, value } => self.test(fact, |v| match v {
                Val::Bool(b) => b == value,
                _ => false,
            }),
            Condition::IsValue { fact, value } => self.test(fact, |v| match v {
                Val::Str(s) => s == value,
                _ => false,
            }),
            Condition::In { fact, values } => self.test(fact, |v| match v {
                Val::Str(s) => values.contains(s),
                _ => false,
            }),
            Condition::Has { fact, value } => self.test(fact, |v| match v {
                Val::Set(set) => set.contains(value),
                _ => false,
            }),
            Condition::HasAny { fact, values } => self.test(fact, |v| match v {
                Val::Set(set) => values.iter().any(|value| set.contains(value)),
                _ => false,
            }),
            Condition::Within { fact, values } => self.test(fact, |v| match v {
                Val::Set(set) => set.iter().all(|member| values.contains(member)),
                _ => false,
            }),
            Condition::Present { fact, present } => self.test(fact, |v| {
                let is_present = match v {
                    Val::Null => false,
                    Val::Set(set) => !set.is_empty(),
                    Val::Bool(_) | Val::Str(_) => true,
                };
                is_present == *present
            }),
        }
    }

    fn test(&self, fact: &str, predicate: impl Fn(&Val) -> bool) -> Tri {
        match self.lookup(fact) {
            Ok(value) => Tri::from_bool(predicate(value)),
            Err(missing) => Tri::Unknown(missing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(src: &str, flags: &[&str]) -> (Condition, Vec<String>) {
        #[derive(Deserialize)]
        struct W {
            when: RawCondition,
        }
        let w: W = toml::from_str(src).unwrap();
        let flags: BTreeSet<String> = flags.iter().map(|f| f.to_string()).collect();
        let scope = Scope {
            flags: &flags,
            category_known: true,
        };
        let mut problems = Vec::new();
        let c = w.when.compile(&scope, "test", &mut problems);
        (c, problems)
    }

    #[test]
    fn multi_line_inline_tables_parse() {
        let (c, problems) = compile(
            "when = { all = [\n  { fact = \"roles\", has = \"deployer\" },\n  { not = { fact = \"annex_iii\", is = \"2\" } },\n] }",
            &[],
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(matches!(c, Condition::All(ref m) if m.len() == 2));
    }

    #[test]
    fn validation_catches_mistakes() {
        for (src, needle) in [
            (
                "when = { fact = \"roles\", has = \"mayor\" }",
                "not a value",
            ),
            ("when = { fact = \"nope\", is = true }", "unknown fact"),
            ("when = { fact = \"roles\", is = true }", "does not fit"),
            (
                "when = { fact = \"ai_system\", present = true }",
                "does not fit",
            ),
            ("when = { flag = \"x\" }", "not defined"),
            ("when = { category = [\"huge\"] }", "unknown category"),
            ("when = { fact = \"roles\" }", "exactly one"),
            ("when = { all = [] }", "empty"),
            ("when = { flag = \"x\", always = true }", "exactly one"),
            (
                "when = { fact = \"annex_iii\", in = [\"5z\"] }",
                "not a value",
            ),
        ] {
            let (_, problems) = compile(src, &[]);
            assert!(
                problems.iter().any(|p| p.contains(needle)),
                "{src}: {problems:?}"
            );
        }
        let (_, problems) = compile("when = { flag = \"x\" }", &["x"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn three_valued_logic() {
        let mut env = Env::default();
        env.facts.insert("ai_system".into(), Val::Bool(true));
        let (c, _) = compile(
            "when = { all = [ { fact = \"ai_system\", is = true }, { fact = \"roles\", has = \"deployer\" } ] }",
            &[],
        );
        assert_eq!(
            env.eval(&c),
            Tri::Unknown(BTreeSet::from(["roles".to_string()]))
        );
        // false wins in `all` even with unknown members
        let (c, _) = compile(
            "when = { all = [ { fact = \"roles\", has = \"deployer\" }, { fact = \"ai_system\", is = false } ] }",
            &[],
        );
        assert_eq!(env.eval(&c), Tri::False);
        // true wins in `any`
        let (c, _) = compile(
            "when = { any = [ { fact = \"roles\", has = \"deployer\" }, { fact = \"ai_system\", is = true } ] }",
            &[],
        );
        assert_eq!(env.eval(&c), Tri::True);
        let (c, _) = compile("when = { not = { fact = \"profiling\", is = true } }", &[]);
        assert!(matches!(env.eval(&c), Tri::Unknown(_)));
        env.facts.insert(
            "roles".into(),
            Val::Set(BTreeSet::from(["deployer".to_string()])),
        );
        let (c, _) = compile(
            "when = { fact = \"roles\", within = [\"deployer\", \"importer\"] }",
            &[],
        );
        assert_eq!(env.eval(&c), Tri::True);
        env.facts.insert("annex_iii".into(), Val::Null);
        let (c, _) = compile("when = { fact = \"annex_iii\", is = \"2\" }", &[]);
        assert_eq!(env.eval(&c), Tri::False);
        let (c, _) = compile("when = { fact = \"annex_iii\", present = false }", &[]);
        assert_eq!(env.eval(&c), Tri::True);
    }
}
