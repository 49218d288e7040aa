//! The assessment templates in `content/assessments/`: they load, are complete in three
//! languages, cover what the law and the seed policies ask, and broken templates are refused
//! with a message naming the place.

use std::collections::BTreeSet;
use std::path::PathBuf;

use aireg_rules::ai_act::Text;
use aireg_rules::assessment::Answers;
use aireg_rules::assessment::{
    Item, QuestionKind, TEMPLATE_FILES, Template, TemplateError, Templates,
};
use serde_json::json;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/assessments")
}

fn templates() -> &'static Templates {
    match Templates::embedded() {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn template(id: &str) -> &'static Template {
    templates()
        .get(id)
        .unwrap_or_else(|| panic!("no template {id}"))
}

/// Loads the templates from disk with one edit applied to one file.
fn load_edited(file: &str, from: &str, to: &str) -> Result<Templates, TemplateError> {
    let dir = content_dir();
    let sources: Vec<(String, String)> = TEMPLATE_FILES
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            if *name == file {
                assert!(text.contains(from), "{file} does not contain {from:?}");
                (name.to_string(), text.replacen(from, to, 1))
            } else {
                (name.to_string(), text)
            }
        })
        .collect();
    Templates::from_sources(sources)
}

fn problems(result: Result<Templates, TemplateError>) -> Vec<String> {
    match result {
        Err(TemplateError::Invalid { problems }) => problems,
        Err(other) => vec![other.to_string()],
        Ok(_) => Vec::new(),
    }
}

fn assert_refused(result: Result<Templates, TemplateError>, expected: &[&str]) {
    let problems = problems(result);
    assert!(!problems.is_empty(), "the edit was accepted");
    assert!(
        problems
            .iter()
            .any(|p| expected.iter().all(|part| p.contains(part))),
        "no problem mentions all of {expected:?}: {problems:#?}"
    );
}

/// Every text of a template with a description of where it is.
fn texts(t: &Template) -> Vec<(String, &Text)> {
    let mut out = vec![
        (format!("{} title", t.id), &t.title),
        (format!("{} legal_basis", t.id), &t.legal_basis),
        (format!("{} description", t.id), &t.description),
    ];
    for s in &t.sections {
        out.push((format!("{}.{} title", t.id, s.id), &s.title));
        out.push((format!("{}.{} help", t.id, s.id), &s.help));
        for item in &s.items {
            let questions = match item {
                Item::Question(q) => std::slice::from_ref(q),
                Item::Group(g) => {
                    out.push((format!("{}.{} title", t.id, g.id), &g.title));
                    out.push((format!("{}.{} help", t.id, g.id), &g.help));
                    &g.questions[..]
                }
            };
            for q in questions {
                out.push((format!("{}.{} label", t.id, q.id), &q.label));
                out.push((format!("{}.{} help", t.id, q.id), &q.help));
                for o in &q.options {
                    out.push((format!("{}.{}={}", t.id, q.id, o.value), &o.label));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The shipped templates
// ---------------------------------------------------------------------------------------------

#[test]
fn the_seven_templates_load_ordered_by_id() {
    let ids: Vec<&str> = templates().all().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "background_check",
            "change_cost",
            "dpia",
            "fria",
            "mcc_ai_high_risk",
            "mcc_ai_light",
            "security_privacy"
        ]
    );
    for t in templates().all() {
        assert_eq!(t.version, "1.0.0", "{}", t.id);
        assert!(templates().get(&t.id).is_some());
    }
    assert!(templates().get("iama").is_none());
}

#[test]
fn from_dir_loads_the_same_templates_as_embedded() {
    let from_dir = Templates::from_dir(&content_dir()).unwrap();
    assert_eq!(&from_dir, templates());
    assert_eq!(TEMPLATE_FILES.len(), from_dir.all().len());
}

#[test]
fn every_text_is_present_and_translated_in_three_languages() {
    for t in templates().all() {
        for (at, text) in texts(t) {
            for (lang, s) in [("fi", &text.fi), ("sv", &text.sv), ("en", &text.en)] {
                assert!(!s.trim().is_empty(), "{at}: blank in {lang}");
                assert_eq!(s.trim(), s, "{at}: stray whitespace in {lang}");
            }
        }
        // Labels and help texts are translations, not copies of the English text.
        for q in t.questions() {
            assert_ne!(q.label.fi, q.label.en, "{}.{} label fi", t.id, q.id);
            assert_ne!(q.label.sv, q.label.en, "{}.{} label sv", t.id, q.id);
            assert_ne!(q.help.fi, q.help.sv, "{}.{} help", t.id, q.id);
        }
    }
}

#[test]
fn sections_have_a_manageable_number_of_questions() {
    for t in templates().all() {
        assert!(t.sections.len() >= 4, "{}", t.id);
        for s in &t.sections {
            assert!(
                (1..=11).contains(&s.items.len()),
                "{}.{} has {} items",
                t.id,
                s.id,
                s.items.len()
            );
        }
        assert!(
            t.questions().filter(|q| q.required).count() >= 10,
            "{} asks too little",
            t.id
        );
    }
}

#[test]
fn every_question_kind_is_used_and_text_answers_are_bounded() {
    let mut kinds = BTreeSet::new();
    for t in templates().all() {
        for q in t.questions() {
            kinds.insert(q.kind.as_str());
            if q.kind.is_text() {
                assert!(q.max_len.is_some(), "{}.{} has no max_len", t.id, q.id);
            }
            if q.kind.has_options() {
                assert!(q.options.len() >= 2, "{}.{}", t.id, q.id);
            }
        }
    }
    let all: BTreeSet<&str> = QuestionKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(kinds, all);
}

#[test]
fn dpia_covers_gdpr_article_35() {
    let dpia = template("dpia");
    let sections: Vec<&str> = dpia.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        [
            "processing",
            "data",
            "lawfulness",
            "retention_transfers",
            "necessity",
            "risks",
            "measures",
            "consultation"
        ]
    );
    for (section, point) in [
        ("processing", "35(7)(a)"),
        ("necessity", "35(7)(b)"),
        ("risks", "35(7)(c)"),
        ("measures", "35(7)(d)"),
        ("consultation", "35(2)"),
    ] {
        let help = &dpia.section(section).unwrap().help.en;
        assert!(help.contains(point), "{section}: {help}");
    }
    for id in [
        "purpose",
        "data_subjects",
        "legal_basis",
        "special_categories",
        "special_categories_list",
        "retention_period",
        "transfers",
        "transfer_mechanisms",
        "dpo_consulted",
        "dpo_advice",
        "prior_consultation",
    ] {
        assert!(dpia.question(id).is_some(), "dpia.{id}");
    }
    let risks = dpia.group("risks").unwrap();
    assert_eq!((risks.min, risks.max), (1, 40));
    let ids: Vec<&str> = risks.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "risk_description",
            "likelihood",
            "severity",
            "mitigation",
            "residual_risk",
            "risk_owner"
        ]
    );
    // Six art. 6(1) grounds, eight art. 9(1) categories.
    assert_eq!(dpia.question("legal_basis").unwrap().options.len(), 6);
    assert_eq!(
        dpia.question("special_categories_list")
            .unwrap()
            .options
            .len(),
        8
    );
}

#[test]
fn fria_follows_article_27_points_a_to_f() {
    let fria = template("fria");
    let sections: Vec<&str> = fria.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        [
            "use",
            "period",
            "affected",
            "risks",
            "oversight",
            "measures",
            "notification"
        ]
    );
    for (section, point) in [
        ("use", "27(1)(a)"),
        ("period", "27(1)(b)"),
        ("affected", "27(1)(c)"),
        ("risks", "27(1)(d)"),
        ("oversight", "27(1)(e)"),
        ("measures", "27(1)(f)"),
        ("notification", "27(2)"),
    ] {
        let help = &fria.section(section).unwrap().help.en;
        assert!(help.contains(point), "{section}: {help}");
    }
    // (d) takes the provider's art. 13 information into account; (f) names governance and
    // complaints; 27(3) notification and 27(4) the DPIA link.
    assert!(fria.question("provider_information").is_some());
    assert!(fria.question("governance").is_some());
    assert!(fria.question("complaints").is_some());
    assert!(fria.question("msa_notified").is_some());
    assert!(fria.question("dpia_status").is_some());
    assert_eq!(fria.group("risks").unwrap().min, 1);
    assert_eq!(fria.group("measures").unwrap().min, 1);
}

#[test]
fn the_seed_policies_are_reflected() {
    // Tampere region ch. 11: logs reported without identifying users.
    let sp = template("security_privacy");
    let q = sp.question("log_reporting_without_identification").unwrap();
    assert_eq!(q.kind, QuestionKind::YesNo);
    assert!(q.required);
    assert_eq!(q.depends_on(), Some("logging"));
    assert!(sp.question("vendor_training").is_some());
    assert!(sp.question("evidence").is_some());
    // Ch. 10: background check of suitability, digital security and legal requirements; an owner
    // and a responsible person.
    let bc = template("background_check");
    for section in ["terms", "suitability", "digital_security", "legal"] {
        assert!(bc.section(section).is_some(), "background_check.{section}");
    }
    for id in [
        "owner",
        "responsible_person",
        "it_consulted",
        "terms_conflict",
    ] {
        assert!(bc.question(id).unwrap().required, "background_check.{id}");
    }
    // Change and cost: AI literacy (art. 4), costs once and yearly, exit and rollback; Kainuu:
    // adding AI to an existing system is a new deployment.
    let cc = template("change_cost");
    for id in [
        "ai_literacy",
        "one_off_costs",
        "recurring_costs",
        "licence_terms",
        "exit_plan",
        "rollback",
        "existing_system",
    ] {
        assert!(cc.question(id).is_some(), "change_cost.{id}");
    }
    assert_eq!(
        cc.question("one_off_costs").unwrap().kind,
        QuestionKind::Number
    );
}

#[test]
fn prefill_links_are_the_documented_ones() {
    let mut links = Vec::new();
    for t in templates().all() {
        for q in t.questions() {
            for source in &q.prefill {
                links.push(format!("{}.{} <- {source}", t.id, q.id));
            }
        }
    }
    links.sort();
    assert_eq!(
        links,
        [
            "background_check.licence_conditions <- change_cost.licence_terms",
            "background_check.personal_data <- security_privacy.personal_data",
            "background_check.responsible_person <- security_privacy.responsible_person",
            "background_check.storage_locations <- dpia.storage_locations",
            "background_check.storage_locations <- security_privacy.storage_locations",
            "background_check.vendor_training <- security_privacy.vendor_training",
            "fria.affected_categories <- dpia.data_subjects",
            "fria.affected_count <- dpia.data_subject_count",
            "fria.affected_description <- dpia.data_subjects_description",
            "fria.process_description <- dpia.processing_description",
            "fria.start_date <- change_cost.deployment_date",
            "fria.start_date <- dpia.processing_start",
            "mcc_ai_high_risk.responsible_person <- background_check.responsible_person",
            "mcc_ai_high_risk.responsible_person <- security_privacy.responsible_person",
            "mcc_ai_high_risk.supplier_name <- background_check.vendor_name",
            "mcc_ai_high_risk.system_name <- background_check.solution_name",
            "mcc_ai_light.responsible_person <- background_check.responsible_person",
            "mcc_ai_light.responsible_person <- security_privacy.responsible_person",
            "mcc_ai_light.supplier_name <- background_check.vendor_name",
            "mcc_ai_light.system_name <- background_check.solution_name",
            "security_privacy.storage_locations <- dpia.storage_locations",
            "security_privacy.transfers <- dpia.transfers",
        ]
    );
}

#[test]
fn templates_serialise_for_the_api() {
    let fria = template("fria");
    let json = serde_json::to_value(fria).unwrap();
    assert_eq!(json["id"], "fria");
    let items = &json["sections"][2]["items"];
    assert_eq!(items[0]["item"], "question");
    assert_eq!(items[0]["id"], "affected_categories");
    assert_eq!(items[0]["kind"], "multi");
    assert_eq!(items[0]["prefill"][0], "dpia.data_subjects");
    let vulnerable_description = &items[4];
    assert_eq!(vulnerable_description["id"], "vulnerable_description");
    assert_eq!(
        vulnerable_description["when"],
        serde_json::json!({"question": "vulnerable", "is": true})
    );
    let risks = &json["sections"][3]["items"][3];
    assert_eq!(risks["item"], "group");
    assert_eq!(risks["questions"][1]["kind"], "choice");
}

// ---------------------------------------------------------------------------------------------
// Broken templates are refused, naming the place
// ---------------------------------------------------------------------------------------------

#[test]
fn a_missing_translation_is_refused() {
    assert_refused(
        load_edited(
            "dpia.toml",
            "label.sv = \"Kategorier av registrerade\"",
            "label.sv = \" \"",
        ),
        &["dpia.toml", "section `data`", "`data_subjects`", "`sv`"],
    );
    assert_refused(
        load_edited(
            "fria.toml",
            "title.en = \"Risk of harm\"",
            "title.en = \"\"",
        ),
        &["fria.toml", "section `risks`", "group `risks`", "`en`"],
    );
}

#[test]
fn a_text_without_a_language_is_a_parse_error_naming_the_file() {
    let result = load_edited("change_cost.toml", "label.en = \"Currency\"\n", "");
    match result {
        Err(TemplateError::Parse { file, message }) => {
            assert_eq!(file, "change_cost.toml");
            assert!(message.contains("en"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn unknown_fields_are_refused() {
    let result = load_edited(
        "dpia.toml",
        "id = \"purpose\"\n",
        "id = \"purpose\"\nmandatory = true\n",
    );
    assert!(
        matches!(&result, Err(TemplateError::Parse { file, message })
            if file == "dpia.toml" && message.contains("mandatory")),
        "{result:?}"
    );
}

#[test]
fn a_condition_on_an_unknown_or_later_question_is_refused() {
    assert_refused(
        load_edited(
            "dpia.toml",
            "when = { question = \"special_categories\", is = true }",
            "when = { question = \"special_category\", is = true }",
        ),
        &[
            "dpia.toml",
            "section `data`",
            "`special_categories_list`",
            "`special_category`",
        ],
    );
    // `review_date` comes last in the DPIA.
    assert_refused(
        load_edited(
            "dpia.toml",
            "when = { question = \"transfers\", is = true }",
            "when = { question = \"review_date\", is = true }",
        ),
        &["`transfer_mechanisms`", "not an earlier question"],
    );
}

#[test]
fn a_condition_with_an_impossible_value_is_refused() {
    assert_refused(
        load_edited(
            "dpia.toml",
            "when = { question = \"special_categories\", is = true }",
            "when = { question = \"special_categories\", is = \"yes\" }",
        ),
        &["`special_categories_list`", "yes_no", "true or false"],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "when = { question = \"overall_residual_risk\", is = \"high\" }",
            "when = { question = \"overall_residual_risk\", is = \"very_high\" }",
        ),
        &["`prior_consultation`", "`very_high` is not an option"],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "any_of = [\"partly\", \"not_followed\"]",
            "any_of = [\"partly\", \"never\"]",
        ),
        &["`dpo_deviation_reasons`", "`never` is not an option"],
    );
    // Text answers cannot be tested.
    assert_refused(
        load_edited(
            "dpia.toml",
            "when = { question = \"transfers\", is = true }",
            "when = { question = \"purpose\", is = true }",
        ),
        &["`transfer_mechanisms`", "textarea"],
    );
}

#[test]
fn a_condition_inside_a_group_may_not_refer_to_the_group() {
    assert_refused(
        load_edited(
            "dpia.toml",
            "id = \"risk_owner\"\nkind = \"text\"\n",
            "id = \"risk_owner\"\nkind = \"text\"\nwhen = { question = \"severity\", is = \"high\" }\n",
        ),
        &["group `risks`", "`risk_owner`", "outside groups"],
    );
}

#[test]
fn broken_prefill_sources_are_refused() {
    let from = "prefill = [\"dpia.data_subjects\"]";
    assert_refused(
        load_edited("fria.toml", from, "prefill = [\"dpia.data_subject\"]"),
        &[
            "fria.toml",
            "section `affected`",
            "`affected_categories`",
            "no question `data_subject`",
        ],
    );
    assert_refused(
        load_edited("fria.toml", from, "prefill = [\"gdpr.data_subjects\"]"),
        &["`affected_categories`", "no template `gdpr`"],
    );
    assert_refused(
        load_edited("fria.toml", from, "prefill = [\"data_subjects\"]"),
        &["`affected_categories`", "`<template>.<question>`"],
    );
    assert_refused(
        load_edited("fria.toml", from, "prefill = [\"fria.vulnerable\"]"),
        &["`affected_categories`", "the template itself"],
    );
    // A textarea cannot fill a multiple choice question.
    assert_refused(
        load_edited(
            "fria.toml",
            from,
            "prefill = [\"dpia.data_subjects_description\"]",
        ),
        &["`affected_categories`", "multi", "textarea"],
    );
    // Group questions are no sources.
    assert_refused(
        load_edited("fria.toml", from, "prefill = [\"dpia.risk_description\"]"),
        &["`affected_categories`", "in a group"],
    );
}

#[test]
fn prefill_needs_compatible_options_and_lengths() {
    // The DPIA's data subjects gain an option the FRIA lacks.
    assert_refused(
        load_edited(
            "dpia.toml",
            "{ value = \"elected_officials\",",
            "{ value = \"councillors\",",
        ),
        &["`affected_categories`", "councillors"],
    );
    // The FRIA's description becomes shorter than the DPIA's.
    assert_refused(
        load_edited(
            "fria.toml",
            "max_len = 4000\nprefill = [\"dpia.data_subjects_description\"]",
            "max_len = 1000\nprefill = [\"dpia.data_subjects_description\"]",
        ),
        &["`affected_description`", "max_len 1000"],
    );
}

#[test]
fn choice_questions_need_options() {
    let text = std::fs::read_to_string(content_dir().join("change_cost.toml")).unwrap();
    let start = text.find("options = [\n  { value = \"eur\"").unwrap();
    let end = start + text[start..].find("]\n").unwrap() + 2;
    let mut edited = text.clone();
    edited.replace_range(start..end, "");
    let sources: Vec<(String, String)> = TEMPLATE_FILES
        .iter()
        .map(|name| {
            let t = if *name == "change_cost.toml" {
                edited.clone()
            } else {
                std::fs::read_to_string(content_dir().join(name)).unwrap()
            };
            (name.to_string(), t)
        })
        .collect();
    assert_refused(
        Templates::from_sources(sources),
        &["change_cost.toml", "`currency`", "needs `options`"],
    );
    assert_refused(
        load_edited(
            "change_cost.toml",
            "id = \"staff_count\"\nkind = \"number\"\n",
            "id = \"staff_count\"\nkind = \"number\"\noptions = [{ value = \"a\", label = { fi = \"a\", sv = \"a\", en = \"a\" } }]\n",
        ),
        &["`staff_count`", "only choice and multi"],
    );
}

#[test]
fn duplicate_ids_and_bad_kinds_are_refused() {
    assert_refused(
        load_edited("dpia.toml", "id = \"recipients\"", "id = \"purpose\""),
        &[
            "dpia.toml",
            "section `processing`",
            "`purpose`",
            "duplicate id",
        ],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "{ value = \"100_999\",",
            "{ value = \"under_100\",",
        ),
        &["`data_subject_count`", "duplicate option value"],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "id = \"recipients\"\nkind = \"textarea\"",
            "id = \"recipients\"\nkind = \"essay\"",
        ),
        &["`recipients`", "unknown kind `essay`"],
    );
    assert_refused(
        load_edited("dpia.toml", "id = \"recipients\"", "id = \"Recipients\""),
        &["`Recipients`", "lowercase"],
    );
}

#[test]
fn bad_groups_are_refused() {
    assert_refused(
        load_edited("fria.toml", "min = 1\nmax = 40", "min = 5\nmax = 2"),
        &["fria.toml", "group `risks`", "min 5, max 2"],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "id = \"risk_owner\"\nkind = \"text\"\n",
            "id = \"risk_owner\"\nkind = \"text\"\nprefill = [\"fria.responsible\"]\n",
        ),
        &["`risk_owner`", "cannot be prefilled"],
    );
    assert_refused(
        load_edited(
            "dpia.toml",
            "id = \"risk_owner\"\nkind = \"text\"\n",
            "id = \"risk_owner\"\nkind = \"group\"\n",
        ),
        &["`risk_owner`", "cannot be nested"],
    );
}

#[test]
fn the_template_id_must_match_the_file_and_be_unique() {
    assert_refused(
        load_edited("fria.toml", "id = \"fria\"", "id = \"frai\""),
        &["fria.toml", "`frai`", "file name"],
    );
    let dpia = std::fs::read_to_string(content_dir().join("dpia.toml")).unwrap();
    let result =
        Templates::from_sources([("dpia.toml", dpia.as_str()), ("copy.toml", dpia.as_str())]);
    assert_refused(result, &["copy.toml", "does not match the file name"]);
}

#[test]
fn max_len_belongs_to_text_questions() {
    assert_refused(
        load_edited(
            "dpia.toml",
            "id = \"transfers\"\nkind = \"yes_no\"\n",
            "id = \"transfers\"\nkind = \"yes_no\"\nmax_len = 10\n",
        ),
        &["`transfers`", "`max_len` is only for text"],
    );
}

#[test]
fn reading_a_missing_directory_fails_with_the_path() {
    let missing = content_dir().join("no-such-folder");
    match Templates::from_dir(&missing) {
        Err(TemplateError::Read { file, .. }) => assert!(file.contains("no-such-folder")),
        other => panic!("expected a read error, got {other:?}"),
    }
    assert!(matches!(
        Templates::from_sources(Vec::<(String, String)>::new()),
        Err(TemplateError::Invalid { .. })
    ));
}

#[test]
fn all_problems_are_reported_at_once() {
    let problems = problems(load_edited(
        "dpia.toml",
        "label.fi = \"Rekisterinpitäjä ja vastuuyksikkö\"\nlabel.sv = \"Personuppgiftsansvarig och ansvarig enhet\"",
        "label.fi = \"\"\nlabel.sv = \"\"",
    ));
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn a_clause_the_contract_lacks_is_a_gap() {
    let t = template("mcc_ai_high_risk");
    let mut answers = Answers::new();
    assert!(t.gaps_in(&answers).is_empty());
    answers.insert("risk_management".into(), json!("not_included"));
    answers.insert("data_governance".into(), json!("included"));
    let gaps: Vec<&str> = t
        .gaps_in(&answers)
        .iter()
        .map(|(q, _)| q.id.as_str())
        .collect();
    assert_eq!(gaps, ["risk_management"]);
    // A gap value must be an option somewhere.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/assessments/mcc_ai_light.toml"
    ))
    .unwrap()
    .replacen("\"partly_completed\"]", "\"missing_entirely\"]", 1);
    let err = Templates::from_sources([("mcc_ai_light.toml", text.as_str())]).unwrap_err();
    assert!(
        err.to_string()
            .contains("`missing_entirely` is not an option"),
        "{err}"
    );
}
