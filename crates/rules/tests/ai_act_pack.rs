//! Validation of the AI Act content pack: it loads, every reference resolves, every text is
//! in three languages, broken packs are refused, and a date change is a pure content change.

use std::collections::BTreeSet;
use std::path::PathBuf;

use aireg_rules::ai_act::{
    AnnexIiiCode, Category, DateStatus, Facts, PACK_FILES, Pack, PackError, ProhibitedPractice,
};
use serde_json::json;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/ai-act")
}

fn pack() -> &'static Pack {
    match Pack::embedded() {
        Ok(pack) => pack,
        Err(e) => panic!("{e}"),
    }
}

/// Loads the pack from disk with one edit applied to one file.
fn load_edited(file: &str, from: &str, to: &str) -> Result<Pack, PackError> {
    let dir = content_dir();
    Pack::from_sources(|name| {
        let text = std::fs::read_to_string(dir.join(name)).map_err(|e| PackError::Read {
            file: name.to_owned(),
            message: e.to_string(),
        })?;
        if name == file {
            assert!(text.contains(from), "{file} does not contain {from:?}");
            Ok(text.replacen(from, to, 1))
        } else {
            Ok(text)
        }
    })
}

fn problems(result: Result<Pack, PackError>) -> Vec<String> {
    match result {
        Err(PackError::Invalid { problems }) => problems,
        Err(other) => vec![other.to_string()],
        Ok(_) => Vec::new(),
    }
}

fn classify_with(pack: &Pack, v: serde_json::Value) -> aireg_rules::ai_act::Outcome {
    pack.classify(&Facts::from_json(&v).unwrap())
}

#[test]
fn embedded_pack_loads_with_metadata() {
    let pack = pack();
    assert_eq!(pack.meta().id, "ai-act");
    assert!(!pack.version().is_empty());
    assert_eq!(pack.meta().law_as_of, "2026-11-23");
    assert!(
        pack.meta()
            .changelog
            .iter()
            .any(|e| e.version == pack.version())
    );
}

#[test]
fn from_dir_reads_the_same_pack() {
    let from_dir = Pack::from_dir(&content_dir()).unwrap();
    assert_eq!(from_dir.version(), pack().version());
    assert_eq!(from_dir.questions().len(), pack().questions().len());
    assert_eq!(from_dir.obligations().len(), pack().obligations().len());
}

#[test]
fn from_dir_reports_a_missing_file() {
    let err = Pack::from_dir(&content_dir().join("no-such-dir")).unwrap_err();
    assert!(matches!(err, PackError::Read { .. }), "{err}");
    assert_eq!(PACK_FILES.len(), 8);
}

#[test]
fn every_annex_iii_point_has_plain_language_names() {
    let pack = pack();
    for code in AnnexIiiCode::ALL {
        let point = pack.annex_iii_point(code.as_str()).unwrap();
        assert_eq!(point.area, code.area());
        for lang in ["fi", "sv", "en"] {
            assert!(!point.name.get(lang).is_empty());
            assert!(!point.area_name.get(lang).is_empty());
        }
        assert!(point.reference.starts_with("Annex III, point"));
    }
    assert!(pack.annex_iii_point("9z").is_none());
    assert_eq!(pack.annex_iii_areas().len(), 8);
    assert_eq!(
        pack.annex_iii_point("2").unwrap().area_name.en,
        "Critical infrastructure"
    );
}

#[test]
fn milestones_carry_the_digital_omnibus_as_in_force() {
    let pack = pack();
    let annex_iii = pack.milestone("high_risk_annex_iii").unwrap();
    assert_eq!(annex_iii.date_string(), "2027-12-02");
    assert_eq!(annex_iii.status, DateStatus::InForce);
    assert_eq!(
        annex_iii.replaces.map(|d| d.to_string()).as_deref(),
        Some("2026-08-02")
    );
    let annex_i = pack.milestone("high_risk_annex_i").unwrap();
    assert_eq!(annex_i.date_string(), "2028-08-02");
    assert_eq!(
        pack.milestone("general_application").unwrap().date_string(),
        "2026-08-02"
    );
    assert_eq!(
        pack.milestone("chapters_i_ii").unwrap().date_string(),
        "2025-02-02"
    );
    assert_eq!(
        pack.milestone("gpai_obligations").unwrap().date_string(),
        "2025-08-02"
    );
    assert_eq!(
        pack.milestone("new_prohibitions").unwrap().date_string(),
        "2026-12-02"
    );
    for m in pack.milestones() {
        assert!(
            !m.legal_basis.is_empty() && !m.source.is_empty(),
            "{}",
            m.id
        );
    }
}

#[test]
fn every_art_5_point_has_its_date() {
    let def = pack().fact_def("prohibited_practices").unwrap();
    assert_eq!(def.values.len(), ProhibitedPractice::ALL.len());
    for v in &def.values {
        let m = v.milestone.as_deref().unwrap();
        let expected = if v.value == "ba" || v.value == "bb" {
            "new_prohibitions"
        } else {
            "chapters_i_ii"
        };
        assert_eq!(m, expected, "{}", v.value);
    }
}

#[test]
fn glossary_terms_are_complete() {
    let pack = pack();
    assert!(pack.glossary().len() >= 20);
    for term in pack.glossary() {
        for lang in ["fi", "sv", "en"] {
            assert!(!term.term.get(lang).is_empty() && !term.definition.get(lang).is_empty());
        }
    }
    assert!(pack.glossary_entry("deployer").is_some());
}

#[test]
fn references_in_rules_obligations_and_questions_resolve() {
    let pack = pack();
    let terms: BTreeSet<&str> = pack.glossary().iter().map(|t| t.id.as_str()).collect();
    for o in pack.obligations() {
        assert!(pack.milestone(&o.milestone).is_some(), "{}", o.id);
        for t in &o.terms {
            assert!(terms.contains(t.as_str()), "{} → {t}", o.id);
        }
        assert!(!o.addressee.is_empty());
    }
    for q in pack.questions() {
        for t in &q.terms {
            assert!(terms.contains(t.as_str()), "{} → {t}", q.id);
        }
    }
    let rules = pack.rules();
    for r in rules.flags.iter().chain(rules.derive.iter()) {
        for t in &r.terms {
            assert!(terms.contains(t.as_str()), "{} → {t}", r.id);
        }
    }
}

#[test]
fn obligations_itemise_article_26_and_the_provider_duties() {
    let articles: BTreeSet<&str> = pack()
        .obligations()
        .iter()
        .map(|o| o.article.as_str())
        .collect();
    for a in [
        "4", "5(1)", "9", "10", "11", "12", "13", "14", "15", "16(b)", "16(l)", "17", "18", "19",
        "20", "21", "22(3)", "23", "24", "26(1)", "26(2)", "26(4)", "26(5)", "26(6)", "26(7)",
        "26(8)", "26(9)", "26(10)", "26(11)", "26(12)", "27", "43", "47", "48", "49(1)", "49(2)",
        "49(3)", "49(5)", "50(1)", "50(2)", "50(3)", "50(4)", "52(1)", "53(1)(a)", "53(1)(b)",
        "53(1)(c)", "53(1)(d)", "55(1)(a)", "55(1)(b)", "55(1)(c)", "55(1)(d)", "6(4)", "72", "73",
        "86",
    ] {
        assert!(articles.contains(a), "no obligation for article {a}");
    }
}

/// Facts that together reach every obligation of the pack.
fn coverage_scenarios() -> Vec<serde_json::Value> {
    vec![
        json!({"ai_system": true, "roles": ["provider", "deployer"], "annex_iii": "1a",
               "profiling": true, "public_authority": true, "employer_use": true,
               "decisions_on_persons": true, "personal_data": true,
               "transparency": ["interaction", "synthetic_content",
                                "emotion_or_biometric_categorisation", "deep_fake",
                                "public_interest_text"]}),
        json!({"ai_system": true, "roles": ["provider"], "annex_iii": "2"}),
        json!({"ai_system": true, "roles": ["provider"], "annex_iii": "5a", "profiling": false,
               "art6_3": "a"}),
        json!({"ai_system": true, "roles": ["importer", "distributor", "authorised_representative"],
               "annex_iii": "4a"}),
        json!({"ai_system": true, "roles": ["provider", "deployer", "importer"],
               "prohibited_practices": ["a"]}),
        json!({"gpai": "model", "roles": ["provider"], "systemic_risk": true}),
    ]
}

#[test]
fn every_obligation_is_reachable() {
    let pack = pack();
    let mut reached = BTreeSet::new();
    for facts in coverage_scenarios() {
        let o = classify_with(pack, facts);
        assert!(o.missing.is_empty());
        reached.extend(o.obligations.into_iter().map(|x| x.id));
    }
    let all: BTreeSet<String> = pack.obligations().iter().map(|o| o.id.clone()).collect();
    let unreached: Vec<&String> = all.difference(&reached).collect();
    assert!(
        unreached.is_empty(),
        "unreachable obligations: {unreached:?}"
    );
}

#[test]
fn every_category_rule_is_reachable() {
    let pack = pack();
    let mut reached = BTreeSet::new();
    let scenarios = [
        json!({"gpai": "model", "exclusion": "scientific_research"}),
        json!({"gpai": "model", "exclusion": "pre_market_research"}),
        json!({"gpai": "model", "roles": []}),
        json!({"ai_system": false}),
        json!({"ai_system": true, "exclusion": "military_defence_security"}),
        json!({"ai_system": true, "exclusion": "third_country_cooperation"}),
        json!({"ai_system": true, "exclusion": "scientific_research"}),
        json!({"ai_system": true, "exclusion": "pre_market_research"}),
        json!({"ai_system": true, "roles": ["deployer"], "exclusion": "personal_use"}),
        json!({"ai_system": true, "roles": [], "prohibited_practices": ["d"]}),
        json!({"ai_system": true, "roles": [], "open_source": true}),
        json!({"ai_system": true, "roles": [], "annex_i": {"section": "A", "third_party_conformity": true}}),
        json!({"ai_system": true, "roles": [], "annex_iii": "8b"}),
        json!({"ai_system": true, "roles": [], "annex_i": {"section": "B", "third_party_conformity": true}}),
        json!({"ai_system": true, "roles": [], "transparency": ["deep_fake"]}),
        json!({"ai_system": true, "roles": []}),
    ];
    for facts in scenarios {
        let o = classify_with(pack, facts.clone());
        assert_ne!(o.category, Category::Incomplete, "{facts}");
        let rule = pack
            .rules()
            .categories
            .iter()
            .find(|r| o.explanation.iter().any(|s| s.rule == r.id))
            .unwrap();
        reached.insert(rule.id.clone());
    }
    let all: BTreeSet<String> = pack
        .rules()
        .categories
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(reached, all);
}

#[test]
fn every_explaining_rule_can_fire() {
    let pack = pack();
    let mut fired = BTreeSet::new();
    let mut scenarios = coverage_scenarios();
    scenarios.extend([
        json!({"ai_system": true, "roles": ["deployer"], "prohibited_practices":
               ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"], "open_source": true}),
        json!({"gpai": "system", "roles": ["deployer"], "role_shift": ["own_name"],
               "annex_iii": "5b", "profiling": true}),
        json!({"ai_system": true, "roles": ["product_manufacturer"],
               "annex_i": {"section": "A", "third_party_conformity": true}}),
        json!({"ai_system": true, "roles": [],
               "annex_i": {"section": "B", "third_party_conformity": true}}),
        json!({"ai_system": true, "roles": [],
               "annex_i": {"section": "A", "third_party_conformity": false}}),
        json!({"ai_system": true, "roles": ["deployer"], "transparency": ["public_interest_text"],
               "human_editorial_control": true}),
        json!({"gpai": "model", "roles": ["provider"], "systemic_risk": false, "open_source": true}),
    ]);
    for facts in scenarios {
        let o = classify_with(pack, facts);
        fired.extend(o.explanation.into_iter().map(|s| s.rule));
    }
    let rules = pack.rules();
    for r in rules.flags.iter().chain(rules.derive.iter()) {
        if r.explain.is_some() {
            assert!(
                fired.contains(&r.id),
                "rule {} never explains anything",
                r.id
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Broken packs are refused
// ---------------------------------------------------------------------------------------------

#[test]
fn a_missing_translation_is_refused() {
    let p = problems(load_edited(
        "obligations.toml",
        "title.sv = \"Spara de automatiskt genererade loggar som du har kontroll över i minst sex månader\"",
        "title.sv = \" \"",
    ));
    assert!(
        p.iter()
            .any(|p| p.contains("provider-log-keeping") && p.contains("`sv`")),
        "{p:?}"
    );
}

#[test]
fn an_unknown_milestone_is_refused() {
    let p = problems(load_edited(
        "obligations.toml",
        "milestone = \"general_application\"",
        "milestone = \"some_day\"",
    ));
    assert!(p.iter().any(|p| p.contains("some_day")), "{p:?}");
}

#[test]
fn an_unknown_flag_is_refused() {
    let p = problems(load_edited(
        "obligations.toml",
        "when = { flag = \"fria_required\" }",
        "when = { flag = \"fria_needed\" }",
    ));
    assert!(p.iter().any(|p| p.contains("fria_needed")), "{p:?}");
}

#[test]
fn an_unknown_fact_value_is_refused() {
    let p = problems(load_edited(
        "rules.toml",
        "{ fact = \"annex_iii\", in = [\"5b\", \"5c\"] }",
        "{ fact = \"annex_iii\", in = [\"5b\", \"5x\"] }",
    ));
    assert!(p.iter().any(|p| p.contains("5x")), "{p:?}");
}

#[test]
fn an_unknown_glossary_term_is_refused() {
    let p = problems(load_edited(
        "obligations.toml",
        "terms = [\"ai_literacy\"]",
        "terms = [\"ai_literacy_2\"]",
    ));
    assert!(p.iter().any(|p| p.contains("ai_literacy_2")), "{p:?}");
}

#[test]
fn a_flag_used_before_it_is_defined_is_refused() {
    let p = problems(load_edited(
        "rules.toml",
        "when = { any = [ { fact = \"ai_system\", is = true }, { fact = \"gpai\", is = \"system\" } ] }",
        "when = { flag = \"high_risk\" }",
    ));
    assert!(
        p.iter()
            .any(|p| p.contains("high_risk") && p.contains("earlier")),
        "{p:?}"
    );
}

#[test]
fn a_missing_annex_iii_point_is_refused() {
    let p = problems(load_edited(
        "annex_iii.toml",
        "code = \"8b\"",
        "code = \"8c\"",
    ));
    assert!(p.iter().any(|p| p.contains("annex_iii.toml")), "{p:?}");
}

#[test]
fn a_bad_date_or_status_is_refused() {
    let p = problems(load_edited(
        "milestones.toml",
        "date = \"2027-12-02\"",
        "date = \"2027-13-02\"",
    ));
    assert!(p.iter().any(|p| p.contains("2027-13-02")), "{p:?}");
    let p = problems(load_edited(
        "milestones.toml",
        "status = \"in_force\"",
        "status = \"rumoured\"",
    ));
    assert!(p.iter().any(|p| p.contains("rumoured")), "{p:?}");
}

#[test]
fn an_unknown_key_in_a_file_is_refused() {
    let p = problems(load_edited(
        "pack.toml",
        "id = \"ai-act\"",
        "id = \"ai-act\"\ncolour = \"red\"",
    ));
    assert!(p.iter().any(|p| p.contains("colour")), "{p:?}");
}

#[test]
fn a_fact_set_by_no_question_is_refused() {
    let p = problems(load_edited(
        "questions.toml",
        "sets = \"personal_data\"",
        "sets = \"open_source\"",
    ));
    assert!(p.iter().any(|p| p.contains("personal_data")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("already set")), "{p:?}");
}

#[test]
fn category_rules_must_end_with_a_catch_all() {
    let p = problems(load_edited(
        "rules.toml",
        "category = \"minimal\"\nwhen = { always = true }",
        "category = \"minimal\"\nwhen = { flag = \"is_ai_system\" }",
    ));
    assert!(p.iter().any(|p| p.contains("last category rule")), "{p:?}");
}

// ---------------------------------------------------------------------------------------------
// A date change is a content change
// ---------------------------------------------------------------------------------------------

#[test]
fn moving_a_date_is_a_pure_content_change() {
    let example = json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
        "public_authority": true, "decisions_on_persons": true, "personal_data": true
    });
    let before = classify_with(pack(), example.clone());
    let item = before
        .obligations
        .iter()
        .find(|o| o.article == "26(1)")
        .unwrap();
    assert_eq!(item.applies_from, "2027-12-02");

    // Suppose a new amending act were only proposed and would move Annex III to 2028.
    let edited = load_edited(
        "milestones.toml",
        "id = \"high_risk_annex_iii\"\ndate = \"2027-12-02\"\nstatus = \"in_force\"",
        "id = \"high_risk_annex_iii\"\ndate = \"2028-06-01\"\nstatus = \"proposed\"",
    )
    .unwrap();
    let after = classify_with(&edited, example);
    assert_eq!(after.category, before.category);
    for o in &after.obligations {
        if o.article.starts_with("26(") || o.article == "27" || o.article == "86" {
            assert_eq!(o.applies_from, "2028-06-01", "{}", o.article);
            assert_eq!(o.date_status, DateStatus::Proposed);
        }
    }
    let literacy = after.obligations.iter().find(|o| o.article == "4").unwrap();
    assert_eq!(literacy.applies_from, "2025-02-02");
}
