//! The questionnaire: next question, answers → facts, and walks through every path.

use std::collections::{BTreeMap, BTreeSet};

use aireg_rules::ai_act::{Answers, Category, Pack, Question, QuestionKind};
use serde_json::{Value, json};

fn pack() -> &'static Pack {
    Pack::embedded().expect("embedded pack")
}

fn answers(v: Value) -> Answers {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn next_id(a: &Answers) -> Option<String> {
    pack().next_question(a).map(|q| q.id.clone())
}

#[test]
fn the_first_question_is_about_general_purpose_ai() {
    assert_eq!(next_id(&Answers::new()).as_deref(), Some("gpai"));
    let q = pack().question("gpai").unwrap();
    assert_eq!(q.kind, QuestionKind::Single);
    assert_eq!(q.options.len(), 3);
}

#[test]
fn the_benefit_example_walks_to_a_complete_outcome() {
    let mut a = Answers::new();
    let script = [
        ("gpai", json!("none")),
        ("ai_system", json!(true)),
        ("roles", json!(["deployer"])),
        ("exclusion", Value::Null),
        ("prohibited_practices", json!([])),
        ("annex_i", Value::Null),
        ("annex_iii", json!("5a")),
        ("profiling", json!(true)),
        ("transparency", json!([])),
        ("role_shift", json!([])),
        ("public_authority", json!(true)),
        ("employer_use", json!(false)),
        ("decisions_on_persons", json!(true)),
        ("personal_data", json!(true)),
    ];
    for (id, value) in script {
        assert_eq!(next_id(&a).as_deref(), Some(id), "after {a:?}");
        a.insert(id.to_owned(), value);
    }
    assert_eq!(next_id(&a), None);
    let facts = pack().facts_from_answers(&a).unwrap();
    let o = pack().classify(&facts);
    assert_eq!(o.category, Category::HighRisk);
    assert!(o.fria_required);
    assert!(o.obligations.iter().any(|x| x.article == "86"));
    assert_eq!(
        facts.public_service, None,
        "not asked of a public authority"
    );
}

#[test]
fn not_an_ai_system_ends_the_questionnaire() {
    let a = answers(json!({"gpai": "none", "ai_system": false}));
    assert_eq!(next_id(&a), None);
    let facts = pack().facts_from_answers(&a).unwrap();
    assert_eq!(pack().classify(&facts).category, Category::NotAi);
}

#[test]
fn a_gpai_system_skips_the_ai_system_question() {
    let a = answers(json!({"gpai": "system"}));
    assert_eq!(next_id(&a).as_deref(), Some("roles"));
}

#[test]
fn unsure_opens_the_helper_questions_one_by_one() {
    let mut a = answers(json!({"gpai": "none", "ai_system": "unsure"}));
    assert_eq!(next_id(&a).as_deref(), Some("ai_def_human_rules_only"));
    let helper = pack().question("ai_def_human_rules_only").unwrap();
    assert_eq!(helper.helper_for.as_deref(), Some("ai_system"));
    assert!(helper.sets.is_none());

    // Human-written rules only: not an AI system, decided at once.
    a.insert("ai_def_human_rules_only".into(), json!(true));
    assert_eq!(next_id(&a), None);
    assert_eq!(
        pack().facts_from_answers(&a).unwrap().ai_system,
        Some(false)
    );

    // Learned rules, infers, autonomous, influences: an AI system.
    a.insert("ai_def_human_rules_only".into(), json!(false));
    assert_eq!(next_id(&a).as_deref(), Some("ai_def_infers"));
    assert_eq!(pack().facts_from_answers(&a).unwrap().ai_system, None);
    a.insert("ai_def_infers".into(), json!(true));
    assert_eq!(next_id(&a).as_deref(), Some("ai_def_autonomy"));
    a.insert("ai_def_autonomy".into(), json!(true));
    assert_eq!(next_id(&a).as_deref(), Some("ai_def_influence"));
    a.insert("ai_def_influence".into(), json!(true));
    assert_eq!(pack().facts_from_answers(&a).unwrap().ai_system, Some(true));
    assert_eq!(next_id(&a).as_deref(), Some("roles"));

    // Does not infer: not an AI system, the later helpers are ignored.
    a.insert("ai_def_infers".into(), json!(false));
    assert_eq!(
        pack().facts_from_answers(&a).unwrap().ai_system,
        Some(false)
    );
    assert_eq!(next_id(&a), None);

    // Answering the parent directly drops the helper answers.
    a.insert("ai_system".into(), json!(true));
    assert_eq!(pack().facts_from_answers(&a).unwrap().ai_system, Some(true));
}

#[test]
fn a_helper_chain_is_not_skipped() {
    // A later helper answered without the earlier one: the earlier one is asked.
    let a = answers(json!({"gpai": "none", "ai_system": "unsure", "ai_def_influence": true}));
    assert_eq!(next_id(&a).as_deref(), Some("ai_def_human_rules_only"));
    assert_eq!(pack().facts_from_answers(&a).unwrap().ai_system, None);
}

#[test]
fn stale_answers_of_hidden_questions_are_ignored() {
    let a = answers(json!({
        "gpai": "model", "ai_system": true, "roles": ["provider"], "annex_iii": "5a",
        "profiling": true, "exclusion": null
    }));
    let facts = pack().facts_from_answers(&a).unwrap();
    assert_eq!(facts.annex_iii, None);
    assert_eq!(facts.profiling, None);
    assert_eq!(facts.ai_system, None);
    assert_eq!(next_id(&a).as_deref(), Some("systemic_risk"));
}

#[test]
fn changing_an_answer_hides_what_depended_on_it() {
    let mut a = answers(json!({
        "gpai": "none", "ai_system": true, "roles": ["deployer"], "exclusion": null,
        "prohibited_practices": [], "annex_i": null, "annex_iii": "5a", "profiling": false,
        "art6_3": "a"
    }));
    assert!(pack().facts_from_answers(&a).unwrap().art6_3.is_some());
    a.insert("profiling".into(), json!(true));
    assert_eq!(pack().facts_from_answers(&a).unwrap().art6_3, None);
    a.insert("annex_iii".into(), Value::Null);
    let facts = pack().facts_from_answers(&a).unwrap();
    assert_eq!(facts.profiling, None);
    assert_eq!(facts.annex_iii, None);
}

#[test]
fn invalid_answers_are_rejected_with_the_question_named() {
    let a = answers(json!({"gpai": "none", "ai_system": "maybe"}));
    let err = pack().facts_from_answers(&a).unwrap_err();
    assert_eq!(err.key, "ai_system");
    assert!(err.to_string().contains("ai_system"));
    // The question is asked again.
    assert_eq!(next_id(&a).as_deref(), Some("ai_system"));

    let a = answers(json!({"gpai": "none", "ai_system": true, "roles": ["mayor"]}));
    assert_eq!(pack().facts_from_answers(&a).unwrap_err().key, "roles");
    let a = answers(json!({"gpai": "none", "ai_system": true, "roles": "deployer"}));
    assert_eq!(pack().facts_from_answers(&a).unwrap_err().key, "roles");

    let a = answers(json!({"gpai": "none", "favourite_colour": "blue"}));
    let err = pack().facts_from_answers(&a).unwrap_err();
    assert_eq!(err.key, "favourite_colour");
}

#[test]
fn annex_i_options_are_objects_and_none() {
    let q = pack().question("annex_i").unwrap();
    assert_eq!(q.options.len(), 5);
    assert!(q.options.iter().any(|o| o.value.is_null()));
    let a = answers(json!({
        "gpai": "none", "ai_system": true, "roles": ["provider"], "exclusion": null,
        "prohibited_practices": [], "annex_i": {"section": "B", "third_party_conformity": true}
    }));
    let facts = pack().facts_from_answers(&a).unwrap();
    assert!(facts.annex_i.is_some_and(|x| x.third_party_conformity));
}

#[test]
fn annex_iii_options_use_the_plain_language_names() {
    let q = pack().question("annex_iii").unwrap();
    assert_eq!(q.options.len(), 26, "25 points and none");
    let point = q.options.iter().find(|o| o.value == json!("5a")).unwrap();
    assert_eq!(point.label, pack().annex_iii_point("5a").unwrap().name);
}

#[test]
fn shown_questions_follow_the_answers() {
    let a = answers(json!({"gpai": "none", "ai_system": true, "roles": ["deployer"]}));
    let shown: Vec<&str> = pack()
        .shown_questions(&a)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(shown, vec!["gpai", "ai_system", "roles", "exclusion"]);
}

#[test]
fn every_question_has_texts_examples_and_references() {
    for q in pack().questions() {
        for lang in ["fi", "sv", "en"] {
            assert!(!q.text.get(lang).is_empty(), "{}", q.id);
            assert!(!q.help.get(lang).is_empty(), "{}", q.id);
            assert!(!q.legal_ref.get(lang).is_empty(), "{}", q.id);
            for option in &q.options {
                assert!(!option.label.get(lang).is_empty(), "{}", q.id);
            }
        }
        assert!(!q.articles.is_empty(), "{}", q.id);
        if q.sets.is_some() {
            assert!(!q.examples.is_empty(), "{}", q.id);
        }
    }
}

/// A small deterministic pseudo-random generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_answer(q: &Question, rng: &mut Lcg) -> Value {
    match q.kind {
        QuestionKind::Multi => {
            // Mostly none or one value, sometimes several.
            let mut chosen = Vec::new();
            match rng.below(4) {
                0 | 1 => {}
                2 => chosen.push(q.options[rng.below(q.options.len())].value.clone()),
                _ => {
                    for o in &q.options {
                        if rng.below(3) == 0 {
                            chosen.push(o.value.clone());
                        }
                    }
                }
            }
            Value::Array(chosen)
        }
        _ => q.options[rng.below(q.options.len())].value.clone(),
    }
}

#[test]
fn every_walk_ends_complete_and_every_question_is_reachable() {
    let pack = pack();
    let mut rng = Lcg(20261123);
    let mut asked: BTreeSet<String> = BTreeSet::new();
    let mut categories: BTreeSet<Category> = BTreeSet::new();
    let mut obligation_ids: BTreeSet<String> = BTreeSet::new();
    let mut option_use: BTreeMap<(String, String), usize> = BTreeMap::new();
    for _ in 0..3000 {
        let mut a = Answers::new();
        let mut steps = 0;
        while let Some(q) = pack.next_question(&a) {
            steps += 1;
            assert!(
                steps <= pack.questions().len(),
                "the walk does not terminate"
            );
            assert!(!a.contains_key(&q.id), "{} asked twice", q.id);
            asked.insert(q.id.clone());
            let value = random_answer(q, &mut rng);
            *option_use
                .entry((q.id.clone(), value.to_string()))
                .or_default() += 1;
            a.insert(q.id.clone(), value);
        }
        let facts = pack.facts_from_answers(&a).unwrap();
        let outcome = pack.classify(&facts);
        assert_ne!(
            outcome.category,
            Category::Incomplete,
            "walk ended incomplete: {a:?} → missing {:?}",
            outcome.missing
        );
        categories.insert(outcome.category);
        obligation_ids.extend(outcome.obligations.iter().map(|o| o.id.clone()));
    }
    let all: BTreeSet<String> = pack.questions().iter().map(|q| q.id.clone()).collect();
    let unreached: Vec<&String> = all.difference(&asked).collect();
    assert!(unreached.is_empty(), "questions never asked: {unreached:?}");
    for category in [
        Category::NotAi,
        Category::Excluded,
        Category::Prohibited,
        Category::HighRisk,
        Category::Limited,
        Category::Minimal,
        Category::GpaiModel,
    ] {
        assert!(categories.contains(&category), "{category} never reached");
    }
    // Every single-choice option is chosen in some walk where its question is shown.
    for q in pack.questions() {
        if q.kind != QuestionKind::Multi {
            for o in &q.options {
                assert!(
                    option_use.contains_key(&(q.id.clone(), o.value.to_string())),
                    "{} option {} never chosen",
                    q.id,
                    o.value
                );
            }
        }
    }
    assert!(obligation_ids.len() > 40, "{}", obligation_ids.len());
}

#[test]
fn answers_from_a_complete_walk_reproduce_the_outcome_from_facts_json() {
    let a = answers(json!({
        "gpai": "system", "roles": ["deployer"], "exclusion": null, "prohibited_practices": [],
        "annex_i": null, "annex_iii": null, "transparency": ["interaction"]
    }));
    assert_eq!(next_id(&a), None);
    let facts = pack().facts_from_answers(&a).unwrap();
    let json = serde_json::to_value(&facts).unwrap();
    let again: aireg_rules::ai_act::Facts = serde_json::from_value(json).unwrap();
    assert_eq!(pack().classify(&again), pack().classify(&facts));
    assert_eq!(pack().classify(&facts).category, Category::Limited);
}
