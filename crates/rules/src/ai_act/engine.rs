//! The classifier: facts → outcome, by interpreting the rules of the content pack.
//!
//! The pipeline (all of it data in `rules.toml` and `obligations.toml`):
//! 1. the facts are read; an absent key reads as "no / none" or stays *unknown* (`facts.toml`);
//! 2. the `flag` rules derive named flags, in order;
//! 3. the `category` rules are tried in order; the first that holds decides the category (and
//!    the high-risk route); one that cannot be decided yet stops the run as `incomplete`;
//! 4. the `derive` rules derive flags that may depend on the category;
//! 5. the outputs (art. 50 paragraphs, EU database registrations, FRIA, derogation) and the
//!    obligations addressed to the organisation's own roles are read off the flags.
//!
//! Whenever a conclusion depends on an unknown fact, the outcome is `incomplete` and `missing`
//! lists the facts that would decide it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::condition::{Env, Tri, Val};
use super::facts::{FactKind, Facts, Role, VOCABULARY, vocabulary};
use super::pack::{Absent, Pack};
use super::text::Text;

/// The outcome category: the domain's vocabulary, shared with the register and the store.
pub use aireg_domain::classification::Category;

vocabulary! {
    /// How a high-risk system is high-risk: art. 6(1) with Annex I, or art. 6(2) with Annex III.
    HighRiskRoute {
        AnnexI => "annex_i",
        AnnexIii => "annex_iii",
    }
}

vocabulary! {
    /// The legal status of a date in the milestone table.
    DateStatus {
        /// The date is in a legal act published in the Official Journal and in force.
        InForce => "in_force",
        /// Adopted by the co-legislators, not yet published in the Official Journal.
        AdoptedNotInOj => "adopted_not_in_oj",
        /// Proposed only.
        Proposed => "proposed",
    }
}

vocabulary! {
    /// Whether an obligation attaches to the system or to the organisation as a whole.
    Scope {
        System => "system",
        Organisation => "organisation",
    }
}

/// One obligation that falls on the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationItem {
    pub id: String,
    /// Article (and paragraph, point) of Regulation (EU) 2024/1689, e.g. `26(6)`, `27`, `4`.
    pub article: String,
    /// The organisation's role the obligation is addressed to.
    pub addressee: Role,
    pub scope: Scope,
    /// `YYYY-MM-DD`.
    pub applies_from: String,
    pub date_status: DateStatus,
    pub title: Text,
}

/// One step of the explanation: which rule concluded what, on which legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplanationStep {
    pub rule: String,
    pub article: String,
    pub text: Text,
}

/// The result of a classification. Field names are part of the stable JSON format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub category: Category,
    /// Fact keys still needed when `category` is `incomplete` (empty otherwise).
    pub missing: Vec<String>,
    pub high_risk_route: Option<HighRiskRoute>,
    /// An Annex III system that is not high-risk by the art. 6(3) derogation.
    pub annex_iii_derogated: bool,
    /// The paragraphs of art. 50 that apply to the system (whoever's duty they are).
    pub transparency: Vec<String>,
    /// The organisation must perform a fundamental-rights impact assessment (art. 27).
    pub fria_required: bool,
    /// The registrations in the EU database the organisation itself must make: `49(1)` and
    /// `49(2)` as provider, `49(3)` as a public-authority deployer.
    pub eu_registration: Vec<String>,
    /// The obligations addressed to the organisation's own roles.
    pub obligations: Vec<ObligationItem>,
    pub explanation: Vec<ExplanationStep>,
    pub pack_version: String,
}

/// The state after the rules have run: flags, category and the explanation so far.
pub(crate) struct Evaluation {
    pub env: Env,
    pub steps: Vec<ExplanationStep>,
    pub decided: Result<(Category, Option<HighRiskRoute>), BTreeSet<String>>,
}

fn json_to_val(value: &serde_json::Value) -> Val {
    match value {
        serde_json::Value::Bool(b) => Val::Bool(*b),
        serde_json::Value::String(s) => Val::Str(s.clone()),
        serde_json::Value::Array(items) => Val::Set(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        ),
        serde_json::Value::Null => Val::Null,
        // Only `annex_i` is an object; conditions test it with `present` or through its paths.
        serde_json::Value::Object(_) | serde_json::Value::Number(_) => Val::Str("set".to_owned()),
    }
}

fn negative(kind: FactKind) -> Val {
    match kind {
        FactKind::Bool => Val::Bool(false),
        FactKind::Enum(_, none) => Val::Str(none.to_owned()),
        FactKind::NullableEnum(_) | FactKind::AnnexI => Val::Null,
        FactKind::Set(_) => Val::Set(BTreeSet::new()),
    }
}

/// Sorts fact keys in vocabulary (questionnaire) order.
pub(crate) fn in_vocabulary_order(keys: BTreeSet<String>) -> Vec<String> {
    let mut keys: Vec<String> = keys.into_iter().collect();
    keys.sort_by_key(|k| {
        VOCABULARY
            .iter()
            .position(|(key, _)| key == k)
            .unwrap_or(usize::MAX)
    });
    keys
}

impl Pack {
    /// Reads the facts into the evaluator, applying the absent-key policy of `facts.toml`.
    fn environment(&self, facts: &Facts) -> Env {
        let json = facts.to_json();
        let mut env = Env::default();
        for (key, kind) in VOCABULARY {
            let value = match json.get(*key) {
                Some(value) => json_to_val(value),
                None => match self.fact_absent(key) {
                    Absent::No => negative(*kind),
                    Absent::Required => continue,
                },
            };
            env.facts.insert((*key).to_owned(), value);
        }
        if env.facts.contains_key("annex_i") {
            let (section, tpc) = match facts.annex_i {
                Some(a) => (
                    Val::Str(a.section.as_str().to_owned()),
                    Val::Bool(a.third_party_conformity),
                ),
                None => (Val::Null, Val::Null),
            };
            env.facts.insert("annex_i.section".to_owned(), section);
            env.facts
                .insert("annex_i.third_party_conformity".to_owned(), tpc);
        }
        if env.facts.contains_key("annex_iii") {
            let area = match facts.annex_iii {
                Some(code) => Val::Str(code.area().to_owned()),
                None => Val::Null,
            };
            env.facts.insert("annex_iii.area".to_owned(), area);
        }
        env
    }

    /// Runs the flag, category and derive rules.
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let rules = self.rules();
        let mut env = self.environment(facts);
        let mut steps = Vec::new();
        for rule in &rules.flags {
            let value = env.eval(&rule.when);
            if value.is_true() {
                rule.push_step(&mut steps);
            }
            env.flags.insert(rule.id.clone(), value);
        }
        let mut decided = Err(BTreeSet::new());
        for rule in &rules.categories {
            match env.eval(&rule.when) {
                Tri::True => {
                    steps.push(ExplanationStep {
                        rule: rule.id.clone(),
                        article: rule.article.clone(),
                        text: rule.explain.clone(),
                    });
                    decided = Ok((rule.category, rule.route));
                    break;
                }
                Tri::False => {}
                Tri::Unknown(missing) => {
                    decided = Err(missing);
                    break;
                }
            }
        }
        env.category = Some(decided.clone().map(|(category, _)| category));
        for rule in &rules.derive {
            let value = env.eval(&rule.when);
            if value.is_true() {
                rule.push_step(&mut steps);
            }
            env.flags.insert(rule.id.clone(), value);
        }
        Evaluation {
            env,
            steps,
            decided,
        }
    }

    /// Classifies one AI system (or GPAI model) from its facts.
    pub fn classify(&self, facts: &Facts) -> Outcome {
        let Evaluation {
            env,
            steps,
            decided,
        } = self.evaluate(facts);
        let mut outcome = Outcome {
            category: Category::Incomplete,
            missing: Vec::new(),
            high_risk_route: None,
            annex_iii_derogated: false,
            transparency: Vec::new(),
            fria_required: false,
            eu_registration: Vec::new(),
            obligations: Vec::new(),
            explanation: steps,
            pack_version: self.version().to_owned(),
        };
        let (category, route) = match decided {
            Ok(decided) => decided,
            Err(missing) => {
                outcome.missing = in_vocabulary_order(missing);
                return outcome;
            }
        };
        let rules = self.rules();
        let mut missing = BTreeSet::new();
        let mut flag = |name: &str| match env.flags.get(name) {
            Some(Tri::True) => true,
            Some(Tri::Unknown(m)) => {
                missing.extend(m.iter().cloned());
                false
            }
            _ => false,
        };
        let transparency: Vec<String> = rules
            .transparency
            .iter()
            .filter(|(_, f)| flag(f))
            .map(|(code, _)| code.clone())
            .collect();
        let eu_registration: Vec<String> = rules
            .eu_registration
            .iter()
            .filter(|(_, f)| flag(f))
            .map(|(code, _)| code.clone())
            .collect();
        let fria_required = flag(&rules.fria_flag);
        let annex_iii_derogated = flag(&rules.derogated_flag);

        let mut obligations = Vec::new();
        for obligation in self.obligations() {
            let mut addressee = None;
            let mut role_missing = BTreeSet::new();
            for role in &obligation.addressee {
                match env.flags.get(rules.role_flag(*role)) {
                    Some(Tri::True) => {
                        addressee = Some(*role);
                        break;
                    }
                    Some(Tri::Unknown(m)) => role_missing.extend(m.iter().cloned()),
                    _ => {}
                }
            }
            let applies = env.eval(&obligation.when);
            let Some(addressee) = addressee else {
                if !role_missing.is_empty() {
                    match applies {
                        Tri::False => {}
                        Tri::True => missing.extend(role_missing),
                        Tri::Unknown(m) => {
                            missing.extend(role_missing);
                            missing.extend(m);
                        }
                    }
                }
                continue;
            };
            match applies {
                Tri::False => continue,
                Tri::Unknown(m) => {
                    missing.extend(m);
                    continue;
                }
                Tri::True => {}
            }
            let mut milestone_id = &obligation.milestone;
            for (when, id) in &obligation.milestone_if {
                match env.eval(when) {
                    Tri::True => {
                        milestone_id = id;
                        break;
                    }
                    Tri::False => {}
                    Tri::Unknown(m) => {
                        missing.extend(m);
                        break;
                    }
                }
            }
            let Some(milestone) = self.milestone(milestone_id) else {
                // Validated when the pack is loaded.
                continue;
            };
            obligations.push(ObligationItem {
                id: obligation.id.clone(),
                article: obligation.article.clone(),
                addressee,
                scope: obligation.scope,
                applies_from: milestone.date_string(),
                date_status: milestone.status,
                title: obligation.title.clone(),
            });
        }

        if !missing.is_empty() {
            outcome.missing = in_vocabulary_order(missing);
            return outcome;
        }
        outcome.category = category;
        outcome.high_risk_route = if category == Category::HighRisk {
            route
        } else {
            None
        };
        outcome.annex_iii_derogated = annex_iii_derogated;
        outcome.transparency = transparency;
        outcome.fria_required = fria_required;
        outcome.eu_registration = eu_registration;
        outcome.obligations = obligations;
        outcome
    }
}
