//! The assessment engine: checking drafts and complete answers, conditional questions and
//! prefill from the other assessments of the same system.

use std::collections::BTreeMap;

use aireg_rules::assessment::{
    AnswerError, Answers, Item, Question, QuestionKind, Template, Templates,
};
use serde_json::{Value, json};

fn template(id: &str) -> &'static Template {
    Templates::embedded()
        .unwrap()
        .get(id)
        .unwrap_or_else(|| panic!("no template {id}"))
}

fn answers(value: Value) -> Answers {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// `(path, code)` of each error.
fn codes(errors: &[AnswerError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.path.clone(), e.code.clone()))
        .collect()
}

fn has(errors: &[AnswerError], path: &str, code: &str) -> bool {
    errors.iter().any(|e| e.path == path && e.code == code)
}

/// A valid, non-empty answer for a question.
fn valid_answer(q: &Question) -> Value {
    match q.kind {
        QuestionKind::Text | QuestionKind::Textarea => json!("Vastaus – svar – answer"),
        QuestionKind::YesNo => json!(true),
        QuestionKind::Choice => json!(q.options[0].value),
        QuestionKind::Multi => json!([q.options[0].value]),
        QuestionKind::Date => json!("2026-03-12"),
        QuestionKind::Number => json!(12500.5),
    }
}

/// Answers every question (yes to every yes/no, the first option of every choice), with the
/// least number of entries in each group (at least one).
fn fill_everything(t: &Template) -> Answers {
    let mut out = Answers::new();
    for item in t.items() {
        match item {
            Item::Question(q) => {
                out.insert(q.id.clone(), valid_answer(q));
            }
            Item::Group(g) => {
                let entry: Answers = g
                    .questions
                    .iter()
                    .map(|q| (q.id.clone(), valid_answer(q)))
                    .collect();
                let entries = vec![Value::Object(entry); g.min.max(1)];
                out.insert(g.id.clone(), Value::Array(entries));
            }
        }
    }
    out
}

fn one_risk() -> Value {
    json!({
        "risk_description": "Tietoja päätyy kehotteiden mukana toimittajalle.",
        "likelihood": "medium",
        "severity": "high",
        "mitigation": "Ohjeistus ja tekninen esto.",
        "residual_risk": "low"
    })
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

#[test]
fn every_template_can_be_completed() {
    for t in Templates::embedded().unwrap().all() {
        let full = fill_everything(t);
        assert_eq!(t.check(&full, true), [], "{}", t.id);
        assert_eq!(t.check(&full, false), [], "{}", t.id);
    }
}

#[test]
fn an_empty_draft_is_fine_but_cannot_be_completed() {
    let dpia = template("dpia");
    let empty = Answers::new();
    assert!(dpia.check(&empty, false).is_empty());
    let errors = dpia.check(&empty, true);
    assert!(has(&errors, "purpose", "required"));
    assert!(has(&errors, "data_subjects", "required"));
    assert!(has(&errors, "risks", "too_few"));
    // Conditional questions whose condition does not hold are not required.
    assert!(!errors.iter().any(|e| e.path == "special_categories_list"));
    assert!(!errors.iter().any(|e| e.path == "transfer_details"));
    // Optional questions are never required.
    assert!(!errors.iter().any(|e| e.path == "processors"));
    assert!(errors.iter().all(|e| e.max.is_none()));
}

#[test]
fn errors_come_in_template_order() {
    let dpia = template("dpia");
    let errors = dpia.check(&Answers::new(), true);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    let position = |p: &str| paths.iter().position(|x| *x == p).unwrap();
    assert!(position("purpose") < position("data_subjects"));
    assert!(position("data_subjects") < position("legal_basis"));
    assert!(position("legal_basis") < position("risks"));
    assert!(position("risks") < position("dpo_consulted"));
}

#[test]
fn a_conditional_question_is_required_only_when_shown() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    full.remove("special_categories_list");
    full.remove("special_categories_exception");

    full.insert("special_categories".into(), json!(false));
    assert_eq!(dpia.check(&full, true), []);

    full.insert("special_categories".into(), json!(true));
    assert_eq!(
        codes(&dpia.check(&full, true)),
        [
            ("special_categories_list".to_owned(), "required".to_owned()),
            (
                "special_categories_exception".to_owned(),
                "required".to_owned()
            ),
        ]
    );
    // A draft does not need them.
    assert_eq!(dpia.check(&full, false), []);
}

#[test]
fn conditions_chain_through_hidden_questions() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    // prior_consultation is shown for a high residual risk, its date when consulted.
    full.insert("overall_residual_risk".into(), json!("high"));
    full.insert("prior_consultation".into(), json!(true));
    full.remove("prior_consultation_date");
    assert!(has(
        &dpia.check(&full, true),
        "prior_consultation_date",
        "required"
    ));
    // With a low residual risk prior_consultation is hidden, so its stale answer no longer
    // shows the date question either.
    full.insert("overall_residual_risk".into(), json!("low"));
    assert!(!dpia.is_shown("prior_consultation", &full));
    assert!(!dpia.is_shown("prior_consultation_date", &full));
    assert_eq!(dpia.check(&full, true), []);
}

#[test]
fn any_of_and_multi_conditions() {
    let dpia = template("dpia");
    let mut a = answers(json!({"dpo_consulted": true, "dpo_advice_followed": "followed"}));
    assert!(!dpia.is_shown("dpo_deviation_reasons", &a));
    a.insert("dpo_advice_followed".into(), json!("partly"));
    assert!(dpia.is_shown("dpo_deviation_reasons", &a));
    a.insert("dpo_advice_followed".into(), json!("not_followed"));
    assert!(dpia.is_shown("dpo_deviation_reasons", &a));

    let sp = template("security_privacy");
    let mut a = answers(json!({"information_classes": ["public", "internal"]}));
    assert!(!sp.is_shown("classification_basis", &a));
    assert!(!sp.is_shown("security_classified_approval", &a));
    a.insert(
        "information_classes".into(),
        json!(["internal", "confidential"]),
    );
    assert!(sp.is_shown("classification_basis", &a));
    assert!(!sp.is_shown("security_classified_approval", &a));
    a.insert("information_classes".into(), json!(["security_classified"]));
    assert!(sp.is_shown("classification_basis", &a));
    assert!(sp.is_shown("security_classified_approval", &a));
}

#[test]
fn is_shown_for_plain_group_and_unknown_ids() {
    let dpia = template("dpia");
    let empty = Answers::new();
    assert!(dpia.is_shown("purpose", &empty));
    assert!(dpia.is_shown("risks", &empty));
    assert!(dpia.is_shown("severity", &empty));
    assert!(!dpia.is_shown("special_categories_list", &empty));
    assert!(!dpia.is_shown("no_such_question", &empty));
    // A wrongly typed answer does not satisfy a condition.
    let a = answers(json!({"special_categories": "true"}));
    assert!(!dpia.is_shown("special_categories_list", &a));
}

#[test]
fn groups_need_min_entries_when_completing() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    full.insert("risks".into(), json!([]));
    assert_eq!(
        codes(&dpia.check(&full, true)),
        [("risks".to_owned(), "too_few".to_owned())]
    );
    assert_eq!(dpia.check(&full, false), []);
    full.remove("risks");
    assert!(has(&dpia.check(&full, true), "risks", "too_few"));
    full.insert("risks".into(), Value::Null);
    assert!(has(&dpia.check(&full, true), "risks", "too_few"));
}

#[test]
fn groups_never_take_more_than_max_entries() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    full.insert("risks".into(), Value::Array(vec![one_risk(); 41]));
    for complete in [false, true] {
        let errors = dpia.check(&full, complete);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "risks");
        assert_eq!(errors[0].code, "too_many");
        assert_eq!(errors[0].max, Some(40));
    }
    full.insert("risks".into(), Value::Array(vec![one_risk(); 40]));
    assert_eq!(dpia.check(&full, true), []);
}

#[test]
fn group_entries_are_checked_one_by_one() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    full.insert(
        "risks".into(),
        json!([
            one_risk(),
            {"risk_description": "Virheellinen yhteenveto asiakkaasta.", "likelihood": "extreme", "colour": "red"},
            "not an entry"
        ]),
    );
    assert_eq!(
        codes(&dpia.check(&full, false)),
        [
            (
                "risks[1].likelihood".to_owned(),
                "invalid_choice".to_owned()
            ),
            ("risks[1].colour".to_owned(), "unknown".to_owned()),
            ("risks[2]".to_owned(), "invalid_type".to_owned()),
        ]
    );
    let complete = codes(&dpia.check(&full, true));
    assert_eq!(
        complete,
        [
            (
                "risks[1].likelihood".to_owned(),
                "invalid_choice".to_owned()
            ),
            ("risks[1].severity".to_owned(), "required".to_owned()),
            ("risks[1].mitigation".to_owned(), "required".to_owned()),
            ("risks[1].residual_risk".to_owned(), "required".to_owned()),
            ("risks[1].colour".to_owned(), "unknown".to_owned()),
            ("risks[2]".to_owned(), "invalid_type".to_owned()),
        ]
    );
    // The optional owner is never required.
    assert!(!complete.iter().any(|(p, _)| p.ends_with("risk_owner")));
}

#[test]
fn a_group_must_be_a_list() {
    let dpia = template("dpia");
    let a = answers(json!({"risks": {"risk_description": "x"}}));
    assert_eq!(
        codes(&dpia.check(&a, false)),
        [("risks".to_owned(), "invalid_type".to_owned())]
    );
}

#[test]
fn wrong_types_are_reported_in_drafts() {
    let dpia = template("dpia");
    let a = answers(json!({
        "purpose": 42,
        "special_categories": "yes",
        "data_subjects": "residents",
        "legal_basis": ["public_task"],
        "processing_start": 20260312,
        "privacy_notice_url": true,
    }));
    let errors = dpia.check(&a, false);
    for path in [
        "purpose",
        "special_categories",
        "data_subjects",
        "legal_basis",
        "processing_start",
        "privacy_notice_url",
    ] {
        assert!(has(&errors, path, "invalid_type"), "{path}: {errors:?}");
    }
    assert_eq!(errors.len(), 6);

    let cc = template("change_cost");
    let a = answers(json!({"one_off_costs": "12 000 €", "recurring_costs": 3000}));
    assert_eq!(
        codes(&cc.check(&a, false)),
        [("one_off_costs".to_owned(), "invalid_type".to_owned())]
    );
}

#[test]
fn invalid_choices_are_reported() {
    let dpia = template("dpia");
    let a = answers(json!({
        "legal_basis": "legitimate_interest",
        "data_subjects": ["residents", "tourists"],
        "storage_locations": ["eu_eea", "eu_eea"],
        "transfer_mechanisms": [1],
    }));
    assert_eq!(
        codes(&dpia.check(&a, false)),
        [
            ("data_subjects".to_owned(), "invalid_choice".to_owned()),
            ("legal_basis".to_owned(), "invalid_choice".to_owned()),
            ("storage_locations".to_owned(), "invalid_choice".to_owned()),
            ("transfer_mechanisms".to_owned(), "invalid_type".to_owned()),
        ]
    );
}

#[test]
fn dates_must_be_real_calendar_dates() {
    let dpia = template("dpia");
    for bad in [
        "2026-02-30",
        "12.3.2026",
        "2026-3-12",
        "2026-03-12T10:00:00",
    ] {
        let a = answers(json!({ "processing_start": bad }));
        assert_eq!(
            codes(&dpia.check(&a, false)),
            [("processing_start".to_owned(), "invalid_date".to_owned())],
            "{bad:?}"
        );
    }
    let a = answers(json!({ "processing_start": "2028-02-29" }));
    assert_eq!(dpia.check(&a, false), []);
    // An empty form field is "not answered", for dates and choices too.
    let a = answers(json!({ "processing_start": "", "legal_basis": " " }));
    assert_eq!(dpia.check(&a, false), []);
    assert!(has(&dpia.check(&a, true), "legal_basis", "required"));
}

#[test]
fn text_length_is_counted_in_characters() {
    let dpia = template("dpia");
    let max = dpia.question("controller").unwrap().max_len.unwrap();
    assert_eq!(max, 300);
    // 'ä' is two bytes in UTF-8 but one character.
    let at_limit = "ä".repeat(max);
    let a = answers(json!({ "controller": at_limit }));
    assert_eq!(dpia.check(&a, false), []);
    let over = "ä".repeat(max + 1);
    let a = answers(json!({ "controller": over }));
    let errors = dpia.check(&a, false);
    assert_eq!(
        errors,
        [AnswerError {
            path: "controller".into(),
            code: "too_long".into(),
            max: Some(300),
        }]
    );
    assert_eq!(errors[0].to_string(), "controller: too_long (max 300)");
}

#[test]
fn unknown_keys_are_errors() {
    let dpia = template("dpia");
    let a = answers(json!({
        "purpose": "Neuvonta",
        "purpose_2": "x",
        // A question of a group is not an answer on its own.
        "severity": "high",
    }));
    assert_eq!(
        codes(&dpia.check(&a, false)),
        [
            ("purpose_2".to_owned(), "unknown".to_owned()),
            ("severity".to_owned(), "unknown".to_owned()),
        ]
    );
}

#[test]
fn null_blank_and_empty_count_as_unanswered() {
    let dpia = template("dpia");
    let a = answers(json!({
        "purpose": null,
        "processing_description": "   ",
        "data_subjects": [],
    }));
    let draft = dpia.check(&a, false);
    assert_eq!(draft, []);
    let complete = dpia.check(&a, true);
    for path in ["purpose", "processing_description", "data_subjects"] {
        assert!(has(&complete, path, "required"), "{path}");
    }
    // `false` is an answer.
    let a = answers(json!({ "special_categories": false }));
    assert!(!has(
        &dpia.check(&a, true),
        "special_categories",
        "required"
    ));
}

#[test]
fn answers_to_hidden_questions_are_kept_and_type_checked_but_not_required() {
    let dpia = template("dpia");
    let mut full = fill_everything(dpia);
    full.insert("transfers".into(), json!(false));
    // Stale answers from when transfers was "yes".
    full.insert("transfer_mechanisms".into(), json!(["scc"]));
    full.remove("transfer_details");
    assert_eq!(dpia.check(&full, true), []);
    full.insert("transfer_mechanisms".into(), json!(["teleport"]));
    assert!(has(
        &dpia.check(&full, true),
        "transfer_mechanisms",
        "invalid_choice"
    ));
}

#[test]
fn a_hidden_group_needs_no_entries() {
    // Built from a small template: a group shown only when there are transfers.
    let toml = r#"
id = "mini"
version = "0.1.0"
title = { fi = "Mini", sv = "Mini", en = "Mini" }
legal_basis = { fi = "Laki", sv = "Lag", en = "Law" }
description = { fi = "Kuvaus", sv = "Beskrivning", en = "Description" }
[[section]]
id = "s"
title = { fi = "Osa", sv = "Del", en = "Part" }
help = { fi = "Apu", sv = "Hjälp", en = "Help" }
[[section.item]]
id = "transfers"
kind = "yes_no"
required = true
label = { fi = "Siirrot?", sv = "Överföringar?", en = "Transfers?" }
help = { fi = "Apu", sv = "Hjälp", en = "Help" }
[[section.item]]
id = "destinations"
kind = "group"
min = 1
max = 3
when = { question = "transfers", is = true }
title = { fi = "Kohde", sv = "Mål", en = "Destination" }
help = { fi = "Apu", sv = "Hjälp", en = "Help" }
[[section.item.question]]
id = "country"
kind = "text"
required = true
max_len = 100
label = { fi = "Maa", sv = "Land", en = "Country" }
help = { fi = "Apu", sv = "Hjälp", en = "Help" }
"#;
    let templates = Templates::from_sources([("mini.toml", toml)]).unwrap();
    let mini = templates.get("mini").unwrap();
    let no = answers(json!({"transfers": false}));
    assert!(!mini.is_shown("destinations", &no));
    assert!(!mini.is_shown("country", &no));
    assert_eq!(mini.check(&no, true), []);
    let yes = answers(json!({"transfers": true}));
    assert!(mini.is_shown("country", &yes));
    assert_eq!(
        codes(&mini.check(&yes, true)),
        [("destinations".to_owned(), "too_few".to_owned())]
    );
    let entry_missing = answers(json!({"transfers": true, "destinations": [{}]}));
    assert_eq!(
        codes(&mini.check(&entry_missing, true)),
        [("destinations[0].country".to_owned(), "required".to_owned())]
    );
    let done = answers(json!({"transfers": true, "destinations": [{"country": "USA"}]}));
    assert_eq!(mini.check(&done, true), []);
    assert_eq!(
        mini.group("destinations").unwrap().depends_on(),
        Some("transfers")
    );
}

#[test]
fn question_finds_questions_in_sections_and_groups() {
    let fria = template("fria");
    assert_eq!(
        fria.question("vulnerable").unwrap().kind,
        QuestionKind::YesNo
    );
    assert_eq!(fria.question("right").unwrap().kind, QuestionKind::Choice);
    assert_eq!(fria.question("deadline").unwrap().kind, QuestionKind::Date);
    // A group is not a question.
    assert!(fria.question("risks").is_none());
    assert!(fria.group("risks").is_some());
    assert!(fria.question("nothing").is_none());
    assert!(
        fria.question("vulnerable_description")
            .unwrap()
            .is_conditional()
    );
    assert!(!fria.question("vulnerable").unwrap().is_conditional());
}

// ---------------------------------------------------------------------------------------------
// prefill
// ---------------------------------------------------------------------------------------------

fn dpia_answers() -> Answers {
    answers(json!({
        "processing_description": "Kielimalli tiivistää asiakkaan yhteydenotot käsittelijälle.",
        "processing_start": "2026-09-01",
        "data_subjects": ["residents", "social_welfare_clients", "children"],
        "data_subjects_description": "Sosiaalipalvelujen asiakkaat ja heidän lapsensa.",
        "data_subject_count": "1000_9999",
        "storage_locations": ["own_country", "eu_eea"],
        "transfers": false,
    }))
}

fn others(entries: &[(&str, Answers)]) -> BTreeMap<String, Answers> {
    entries
        .iter()
        .map(|(id, a)| ((*id).to_owned(), a.clone()))
        .collect()
}

#[test]
fn the_fria_takes_the_affected_persons_from_the_dpia() {
    let fria = template("fria");
    let prefilled = fria.prefill(&Answers::new(), &others(&[("dpia", dpia_answers())]));
    assert_eq!(
        Value::Object(prefilled.clone()),
        json!({
            "process_description": "Kielimalli tiivistää asiakkaan yhteydenotot käsittelijälle.",
            "start_date": "2026-09-01",
            "affected_categories": ["residents", "social_welfare_clients", "children"],
            "affected_description": "Sosiaalipalvelujen asiakkaat ja heidän lapsensa.",
            "affected_count": "1000_9999",
        })
    );
    // What is prefilled is a valid draft.
    assert_eq!(fria.check(&prefilled, false), []);
}

#[test]
fn prefill_never_overwrites_an_answer() {
    let fria = template("fria");
    let own = answers(json!({
        "affected_categories": ["pupils"],
        "affected_description": "Oppilaat.",
        "start_date": "2027-01-01",
    }));
    let prefilled = fria.prefill(&own, &others(&[("dpia", dpia_answers())]));
    assert!(!prefilled.contains_key("affected_categories"));
    assert!(!prefilled.contains_key("affected_description"));
    assert!(!prefilled.contains_key("start_date"));
    assert!(prefilled.contains_key("affected_count"));
    // Own answers are untouched.
    assert_eq!(own["affected_categories"], json!(["pupils"]));
}

#[test]
fn prefill_fills_null_blank_and_empty_answers() {
    let fria = template("fria");
    let own = answers(json!({
        "affected_categories": [],
        "affected_description": "  ",
        "affected_count": null,
    }));
    let prefilled = fria.prefill(&own, &others(&[("dpia", dpia_answers())]));
    assert_eq!(
        prefilled["affected_categories"],
        json!(["residents", "social_welfare_clients", "children"])
    );
    assert_eq!(
        prefilled["affected_description"],
        json!("Sosiaalipalvelujen asiakkaat ja heidän lapsensa.")
    );
    assert_eq!(prefilled["affected_count"], json!("1000_9999"));
}

#[test]
fn prefill_takes_the_first_answered_source() {
    let fria = template("fria");
    // start_date: change_cost.deployment_date first, then dpia.processing_start.
    let change_cost = answers(json!({"deployment_date": "2026-10-15"}));
    let both = others(&[("dpia", dpia_answers()), ("change_cost", change_cost)]);
    assert_eq!(
        fria.prefill(&Answers::new(), &both)["start_date"],
        json!("2026-10-15")
    );
    let blank_first = others(&[
        ("dpia", dpia_answers()),
        ("change_cost", answers(json!({"deployment_date": null}))),
    ]);
    assert_eq!(
        fria.prefill(&Answers::new(), &blank_first)["start_date"],
        json!("2026-09-01")
    );
}

#[test]
fn prefill_without_other_assessments_is_empty() {
    let fria = template("fria");
    assert!(fria.prefill(&Answers::new(), &BTreeMap::new()).is_empty());
    // A DPIA with no overlapping answers gives nothing either.
    let unrelated = others(&[("dpia", answers(json!({"purpose": "Neuvonta"})))]);
    assert!(fria.prefill(&Answers::new(), &unrelated).is_empty());
    // The DPIA itself has no prefill sources.
    let dpia = template("dpia");
    let all = others(&[("fria", fill_everything(template("fria")))]);
    assert!(dpia.prefill(&Answers::new(), &all).is_empty());
}

#[test]
fn prefill_skips_values_that_do_not_fit() {
    let fria = template("fria");
    // Answers stored under an older DPIA version: an option the FRIA does not know is dropped,
    // a wrongly typed or too long value is not used.
    let old_dpia = answers(json!({
        "data_subjects": ["residents", "tourists"],
        "data_subjects_description": "x".repeat(4001),
        "data_subject_count": 5000,
        "processing_start": "1.9.2026",
    }));
    let prefilled = fria.prefill(&Answers::new(), &others(&[("dpia", old_dpia)]));
    assert_eq!(
        Value::Object(prefilled),
        json!({"affected_categories": ["residents"]})
    );
    let nothing_fits = answers(json!({"data_subjects": ["tourists"]}));
    assert!(
        fria.prefill(&Answers::new(), &others(&[("dpia", nothing_fits)]))
            .is_empty()
    );
}

#[test]
fn prefill_chains_across_templates() {
    // The background check takes where data is kept from the security and privacy assessment,
    // or else from the DPIA, and the personal-data answer and the training answer from the
    // security and privacy assessment.
    let bc = template("background_check");
    let sp = answers(json!({
        "storage_locations": ["eu_eea"],
        "vendor_training": "excluded_by_contract",
        "personal_data": true,
        "responsible_person": "Tietohallintopäällikkö",
    }));
    let prefilled = bc.prefill(
        &Answers::new(),
        &others(&[("dpia", dpia_answers()), ("security_privacy", sp)]),
    );
    assert_eq!(prefilled["storage_locations"], json!(["eu_eea"]));
    assert_eq!(prefilled["vendor_training"], json!("excluded_by_contract"));
    assert_eq!(prefilled["personal_data"], json!(true));
    assert_eq!(
        prefilled["responsible_person"],
        json!("Tietohallintopäällikkö")
    );
    // The prefilled yes reveals the DPIA status question.
    let mut merged = prefilled.clone();
    assert!(bc.is_shown("dpia_status", &merged));
    merged.insert("dpia_status".into(), json!("done"));
    assert_eq!(bc.check(&merged, false), []);

    let only_dpia = bc.prefill(&Answers::new(), &others(&[("dpia", dpia_answers())]));
    assert_eq!(
        only_dpia["storage_locations"],
        json!(["own_country", "eu_eea"])
    );
}

#[test]
fn prefill_respects_conditions_and_fills_only_shown_questions() {
    // `detail` is shown only when `flag` is yes; both are prefilled from `source`.
    let source = r#"
id = "source"
version = "1"
title = { fi = "L", sv = "K", en = "S" }
legal_basis = { fi = "L", sv = "K", en = "S" }
description = { fi = "L", sv = "K", en = "S" }
[[section]]
id = "s"
title = { fi = "O", sv = "D", en = "P" }
help = { fi = "O", sv = "D", en = "P" }
[[section.item]]
id = "flag"
kind = "yes_no"
label = { fi = "K", sv = "F", en = "Q" }
help = { fi = "K", sv = "F", en = "Q" }
[[section.item]]
id = "detail"
kind = "text"
max_len = 50
label = { fi = "K", sv = "F", en = "Q" }
help = { fi = "K", sv = "F", en = "Q" }
"#;
    let target = r#"
id = "target"
version = "1"
title = { fi = "K", sv = "M", en = "T" }
legal_basis = { fi = "K", sv = "M", en = "T" }
description = { fi = "K", sv = "M", en = "T" }
[[section]]
id = "s"
title = { fi = "O", sv = "D", en = "P" }
help = { fi = "O", sv = "D", en = "P" }
[[section.item]]
id = "flag"
kind = "yes_no"
prefill = ["source.flag"]
label = { fi = "K", sv = "F", en = "Q" }
help = { fi = "K", sv = "F", en = "Q" }
[[section.item]]
id = "detail"
kind = "textarea"
max_len = 100
prefill = ["source.detail"]
when = { question = "flag", is = true }
label = { fi = "K", sv = "F", en = "Q" }
help = { fi = "K", sv = "F", en = "Q" }
"#;
    let templates =
        Templates::from_sources([("source.toml", source), ("target.toml", target)]).unwrap();
    let target = templates.get("target").unwrap();
    let given = |flag: bool| {
        others(&[(
            "source",
            answers(json!({"flag": flag, "detail": "Tarkennus"})),
        )])
    };

    // The prefilled yes shows `detail`, which is then prefilled too.
    let prefilled = target.prefill(&Answers::new(), &given(true));
    assert_eq!(
        Value::Object(prefilled),
        json!({"flag": true, "detail": "Tarkennus"})
    );
    // A prefilled no keeps `detail` hidden and empty.
    let prefilled = target.prefill(&Answers::new(), &given(false));
    assert_eq!(Value::Object(prefilled), json!({"flag": false}));
    // The user's own no wins over the source's yes.
    let own = answers(json!({"flag": false}));
    assert!(target.prefill(&own, &given(true)).is_empty());
}
