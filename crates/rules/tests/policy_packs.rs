//! Validation of the governance policy packs (`content/policies/`): they load, every text is in
//! three languages, every reference resolves, and broken packs are refused with an error that
//! names the file and the place.

use std::collections::BTreeSet;
use std::path::PathBuf;

use aireg_domain::governance::IncidentKind;
use aireg_domain::person::Role;
use aireg_domain::policy::RecordPerson;

use aireg_rules::assessment::Templates;
use aireg_rules::policy::{POLICY_FILES, Policies, PolicyError, PolicyPack};
use serde_json::Value;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/policies")
}

fn policies() -> &'static Policies {
    match Policies::embedded() {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn source(file: &str) -> String {
    std::fs::read_to_string(content_dir().join(file)).unwrap()
}

/// Loads one pack file with one edit applied.
fn load_edited(file: &str, from: &str, to: &str) -> Result<PolicyPack, PolicyError> {
    let text = source(file);
    assert!(text.contains(from), "{file} does not contain {from:?}");
    PolicyPack::from_toml(file, &text.replacen(from, to, 1))
}

/// The problems of an `Invalid` error (panics on any other outcome).
fn problems(result: Result<PolicyPack, PolicyError>) -> Vec<String> {
    match result {
        Err(PolicyError::Invalid { problems, .. }) => problems,
        Err(other) => panic!("expected Invalid, got {other}"),
        Ok(_) => panic!("the broken pack was accepted"),
    }
}

fn assert_problem(result: Result<PolicyPack, PolicyError>, needle: &str) {
    let problems = problems(result);
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "no problem contains {needle:?}: {problems:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The shipped packs
// ---------------------------------------------------------------------------------------------

#[test]
fn the_three_packs_load() {
    let ids: Vec<&str> = policies().all().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["kainuu", "tampere-region", "avesta"]);
    for pack in policies().all() {
        let parts: Vec<&str> = pack.version.split('.').collect();
        assert_eq!(parts.len(), 3, "{}", pack.id);
        assert!(
            parts.iter().all(|p| p.parse::<u32>().is_ok()),
            "{}",
            pack.id
        );
        assert_eq!(pack.changelog[0].version, pack.version, "{}", pack.id);
        assert!(!pack.summary.is_empty(), "{}", pack.id);
        assert!(!pack.adopted.trim().is_empty(), "{}", pack.id);
    }
    assert_eq!(
        policies().get("avesta").unwrap().adopted,
        "KF 2026-02-09 § 8"
    );
}

#[test]
fn from_dir_loads_the_same_packs() {
    let from_disk = Policies::from_dir(&content_dir()).unwrap();
    let mut disk: Vec<&PolicyPack> = from_disk.all().iter().collect();
    disk.sort_by(|a, b| a.id.cmp(&b.id));
    let mut embedded: Vec<&PolicyPack> = policies().all().iter().collect();
    embedded.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(disk, embedded);
}

#[test]
fn every_file_of_the_folder_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir(content_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = POLICY_FILES.iter().map(|s| (*s).to_owned()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
    assert!(content_dir().join("README.md").exists());
}

/// Walks a JSON value and collects every localised text (an object with exactly fi, sv, en).
fn texts<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            let keys: BTreeSet<&str> = map.keys().map(String::as_str).collect();
            // (Word lists per language, such as a forbidden use's, are not texts.)
            if keys == BTreeSet::from(["fi", "sv", "en"]) && map.values().all(Value::is_string) {
                out.push((at, value));
                return;
            }
            for (k, v) in map {
                texts(v, format!("{at}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                texts(v, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_text_is_in_three_languages() {
    for pack in policies().all() {
        let json = serde_json::to_value(pack).unwrap();
        let mut found = Vec::new();
        texts(&json, pack.id.clone(), &mut found);
        assert!(found.len() > 40, "{}: only {} texts", pack.id, found.len());
        for (at, text) in found {
            for lang in ["fi", "sv", "en"] {
                let s = text[lang].as_str().unwrap_or_default();
                assert!(!s.trim().is_empty(), "{at}: blank in {lang}");
            }
            // A translation that is just a copy of another language is suspicious, except for
            // the titles of source documents cited in their own language and the names of
            // products (ChatGPT is ChatGPT in every language).
            let product_name = at.contains(".tools[") && at.ends_with(".name");
            if !at.contains("section") && !at.contains("source") && !product_name {
                assert!(
                    text["fi"] != text["en"] || text["fi"].as_str().is_some_and(|s| s.len() < 12),
                    "{at}: fi and en are identical"
                );
            }
        }
    }
}

#[test]
fn every_reference_resolves() {
    for pack in policies().all() {
        let body_ids: BTreeSet<&str> = pack.bodies.iter().map(|b| b.id.as_str()).collect();
        let routable = |id: &str| pack.body(id).is_some_and(|b| b.has_members());
        for rule in &pack.approval_rules {
            for body in &rule.bodies {
                assert!(routable(body), "{}: approval {} → {body}", pack.id, rule.id);
                assert!(pack.missing_texts.approval.contains_key(body));
            }
        }
        for rule in &pack.assessment_rules {
            assert!(routable(&rule.sign_off), "{}: {}", pack.id, rule.id);
            assert!(
                Templates::embedded()
                    .unwrap()
                    .get(&rule.assessment)
                    .is_some()
            );
            assert!(pack.assessment_type(&rule.assessment).is_some());
        }
        for gate in &pack.gate_rules {
            assert!(gate.to.iter().all(|to| !to.is_exit()), "{}", pack.id);
        }
        for route in &pack.incident_routes {
            for body in &route.recipients {
                assert!(routable(body), "{}: incident → {body}", pack.id);
            }
        }
        for kind in IncidentKind::ALL {
            assert!(
                !pack.incident_recipients(*kind).is_empty(),
                "{}: {kind}",
                pack.id
            );
        }
        assert!(routable(&pack.review.policy_body));
        assert!(
            body_ids.len() == pack.bodies.len(),
            "{}: duplicate body",
            pack.id
        );
    }
}

#[test]
fn every_pack_names_an_approver_group_and_the_record_persons() {
    for pack in policies().all() {
        let approver = pack.body("approver_group").unwrap();
        assert_eq!(approver.roles, [Role::Approver], "{}", pack.id);
        let owner = pack.body("system_owner").unwrap();
        assert_eq!(owner.record_person, Some(RecordPerson::SystemOwner));
        assert!(owner.roles.is_empty());
    }
}

#[test]
fn kainuu_bodies_are_those_of_section_4() {
    let kainuu = policies().get("kainuu").unwrap();
    let ids: Vec<&str> = kainuu.bodies.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ai_working_group",
            "approver_group",
            "system_owner",
            "process_owner",
            "board"
        ]
    );
    assert_eq!(
        kainuu.body("ai_working_group").unwrap().roles,
        [Role::AiWorkingGroup]
    );
    assert_eq!(
        kainuu.body("process_owner").unwrap().record_person,
        Some(RecordPerson::ProcessOwner)
    );
    let board = kainuu.body("board").unwrap();
    assert!(!board.has_members(), "the board is informational");
    assert!(board.name.fi.contains("Kunnanhallitus"));
    assert_eq!(
        kainuu.body("approver_group").unwrap().name.fi,
        "Organisaation tietosuoja-, tietoturva- ja/tai tekninen arkkitehtuuriryhmä"
    );
}

#[test]
fn reviews_and_feedback() {
    let kainuu = policies().get("kainuu").unwrap();
    assert_eq!(kainuu.review.policy_body, "ai_working_group");
    assert_eq!(kainuu.review.policy_interval_months, 12);
    assert_eq!(kainuu.review.system_interval_months, 12);
    assert!(kainuu.review.section.fi.contains("4a ja 10"));
    let tampere = policies().get("tampere-region").unwrap();
    assert_eq!(tampere.review.policy_body, "regional_security_group");
    assert_eq!(
        tampere.body("regional_security_group").unwrap().name.fi,
        "Seudun tietoturvaryhmä"
    );
    let avesta = policies().get("avesta").unwrap();
    assert_eq!(avesta.review.policy_body, "document_owner");
    for pack in policies().all() {
        assert_eq!(pack.feedback_response_days, 14, "{}", pack.id);
    }
}

#[test]
fn summaries_are_faithful_to_the_seeds() {
    let kainuu = policies().get("kainuu").unwrap();
    let fi: String = kainuu.summary.iter().map(|s| s.body.fi.as_str()).collect();
    for phrase in [
        "hyväksytetään tietoturva- ja tietosuojatyöryhmässä",
        "omalla päätöksellään",
        "käsitellään samalla tavalla kuin uuden tekoälyjärjestelmän käyttöönottoa",
        "katselmoi politiikan vuosittain",
        "Päätökset tekee aina ihminen",
    ] {
        assert!(fi.contains(phrase), "Kainuu summary lacks {phrase:?}");
    }
    let tampere = policies().get("tampere-region").unwrap();
    let fi: String = tampere.summary.iter().map(|s| s.body.fi.as_str()).collect();
    for phrase in [
        "Tekoälyratkaisuja ei oteta käyttöön ilman tarvittavia vaikutustenarviointeja",
        "Tekoälyratkaisusta tehdään aina taustaselvitys",
        "Tekoälyratkaisulle täytyy määrittää omistaja ja vastuuhenkilö",
        "tekoälyrekisteri",
        "ChatGPT, Gemini ja Grok",
    ] {
        assert!(fi.contains(phrase), "Tampere summary lacks {phrase:?}");
    }
    let avesta = policies().get("avesta").unwrap();
    let sv: String = avesta.summary.iter().map(|s| s.body.sv.as_str()).collect();
    for phrase in [
        "kompletterar kommunens policy och riktlinjer för informationssäkerhet",
        "Publika AI-system får bara användas för information som är klassad som öppen",
        "kommunens ordinarie kanaler för incidentrapportering för informationssäkerhet och dataskydd",
        "AI-motorn och sökdatum",
        "Policyn anger inte vem som godkänner ett införande",
    ] {
        assert!(sv.contains(phrase), "Avesta summary lacks {phrase:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Broken packs are refused, naming the file and the place
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unknown_fact_is_refused_with_file_and_place() {
    let err = load_edited(
        "kainuu.toml",
        r#"when = { any = [ { fact = "personal_data" }, { fact = "sensitive_data" } ] }
bodies"#,
        r#"when = { any = [ { fact = "personal" }, { fact = "sensitive_data" } ] }
bodies"#,
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("kainuu.toml"), "{message}");
    assert!(
        message
            .contains("approval `personal_or_sensitive_data`.when.any[0]: unknown fact `personal`"),
        "{message}"
    );
}

#[test]
fn an_unknown_category_is_refused() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"when = { fact = "ai_act.fria_required" }"#,
            r#"when = { fact = "ai_act.category", is = "dangerous" }"#,
        ),
        "unknown AI Act category `dangerous`",
    );
}

#[test]
fn an_unknown_body_is_refused() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"bodies = ["approver_group", "process_owner"]"#,
            r#"bodies = ["approver_groop", "process_owner"]"#,
        ),
        "approval `personal_or_sensitive_data`.bodies: unknown body `approver_groop`",
    );
}

#[test]
fn an_informational_body_cannot_be_routed_to() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"policy_body = "ai_working_group""#,
            r#"policy_body = "board""#,
        ),
        "review.policy_body: body `board` has neither roles nor record_person",
    );
}

#[test]
fn an_unknown_role_is_refused() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"roles = ["approver"]"#,
            r#"roles = ["approvers"]"#,
        ),
        "body `approver_group`.roles: unknown role `approvers`",
    );
}

#[test]
fn an_unknown_assessment_is_refused() {
    assert_problem(
        load_edited(
            "tampere-region.toml",
            r#"assessment = "background_check""#,
            r#"assessment = "background_chek""#,
        ),
        "assessment `background_check`.assessment: `background_chek` has no [[assessment_type]] entry naming it",
    );
}

#[test]
fn an_unnamed_assessment_is_refused() {
    // Kainuu names only dpia and fria; requiring change_cost needs an [[assessment_type]].
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"id = "fria_ai_act"
assessment = "fria""#,
            r#"id = "fria_ai_act"
assessment = "change_cost""#,
        ),
        "`change_cost` has no [[assessment_type]] entry naming it",
    );
}

#[test]
fn an_unknown_state_is_refused() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"to = ["procurement", "development"]"#,
            r#"to = ["procurement", "live"]"#,
        ),
        "gate[0].to: unknown state `live`",
    );
}

#[test]
fn a_gate_on_leaving_is_refused() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"to = ["procurement", "development"]"#,
            r#"to = ["procurement", "retired"]"#,
        ),
        "gate[0].to: `retired` cannot have a gate",
    );
}

#[test]
fn an_unknown_check_is_refused() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"checks = ["system_owner"]"#,
            r#"checks = ["system_owners"]"#,
        ),
        "gate[0].checks: unknown check `system_owners`",
    );
}

#[test]
fn a_blank_translation_is_refused() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"sv = "Systemägare", en = "System owner""#,
            r#"sv = " ", en = "System owner""#,
        ),
        "body `system_owner`.name: text missing in `sv`",
    );
}

#[test]
fn a_missing_language_is_a_parse_error_naming_the_file() {
    let err = load_edited(
        "kainuu.toml",
        r#", sv = "Systemägare", en = "System owner" }"#,
        r#", en = "System owner" }"#,
    )
    .unwrap_err();
    assert!(matches!(err, PolicyError::Parse { .. }), "{err}");
    assert!(err.to_string().contains("kainuu.toml"), "{err}");
    assert!(err.to_string().contains("sv"), "{err}");
}

#[test]
fn an_unknown_key_is_refused() {
    let err = load_edited("avesta.toml", "own_decision = true", "own_desicion = true").unwrap_err();
    assert!(matches!(err, PolicyError::Parse { .. }), "{err}");
    assert!(err.to_string().contains("own_desicion"), "{err}");
}

#[test]
fn own_decision_needs_a_named_person() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"bodies = ["system_owner"]
own_decision = true"#,
            r#"bodies = ["approver_group"]
own_decision = true"#,
        ),
        "own_decision needs bodies that are a person named on the record",
    );
}

#[test]
fn every_pack_must_require_a_dpia_for_personal_data() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"assessment = "dpia"
when = { any = [ { fact = "personal_data" }, { fact = "sensitive_data" } ] }"#,
            r#"assessment = "dpia"
when = { fact = "sensitive_data" }"#,
        ),
        "a DPIA (GDPR art. 35) is not required when personal_data=true",
    );
}

#[test]
fn every_pack_must_require_a_fria_where_the_ai_act_does() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"when = { fact = "ai_act.fria_required" }"#,
            r#"when = { fact = "ai_act.high_risk" }"#,
        ),
        "a FRIA (AI Act art. 27) is not required when",
    );
}

#[test]
fn every_deployment_must_be_routed_to_someone() {
    assert_problem(
        load_edited(
            "kainuu.toml",
            r#"when = { not = { any = [ { fact = "personal_data" }, { fact = "sensitive_data" } ] } }"#,
            r#"when = { not = { any = [ { fact = "personal_data" }, { fact = "ai_features_added" } ] } }"#,
        ),
        "approval: no rule routes a deployment when",
    );
}

#[test]
fn a_deployment_gate_must_check_approvals() {
    assert_problem(
        load_edited(
            "tampere-region.toml",
            r#""assessments", "approvals", "eu_registration"]"#,
            r#""assessments", "eu_registration"]"#,
        ),
        "gate: a move to `pilot` does not check `approvals`",
    );
}

#[test]
fn every_incident_kind_must_be_routed() {
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"kinds = ["error", "harmful_output", "misuse", "security", "privacy"]"#,
            r#"kinds = ["error", "harmful_output", "security", "privacy"]"#,
        ),
        "incident: no route for the kind `misuse`",
    );
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"kinds = ["error", "harmful_output", "misuse", "security", "privacy"]"#,
            r#"kinds = ["error", "harmful_output", "misuse", "security", "privacy", "rumour"]"#,
        ),
        "incident[0].kinds: unknown incident kind `rumour`",
    );
}

#[test]
fn the_version_must_be_semver_and_in_the_changelog() {
    assert_problem(
        load_edited("avesta.toml", r#"version = "1.1.0""#, r#"version = "1.1""#),
        "version: `1.1` is not a semantic version",
    );
    assert_problem(
        load_edited(
            "avesta.toml",
            r#"version = "1.1.0""#,
            r#"version = "1.1.1""#,
        ),
        "changelog[0]: version `1.1.0` is not the pack version `1.1.1`",
    );
}

#[test]
fn the_id_must_match_the_file_name() {
    assert_problem(
        load_edited("avesta.toml", r#"id = "avesta""#, r#"id = "avesta-kommun""#),
        "id: `avesta-kommun` does not match the file name `avesta.toml`",
    );
}

#[test]
fn bad_limits_are_refused() {
    assert_problem(
        load_edited("kainuu.toml", "response_days = 14", "response_days = 0"),
        "feedback.response_days: 0 is not between 1 and 90",
    );
    assert_problem(
        load_edited(
            "kainuu.toml",
            "system_interval_months = 12",
            "system_interval_months = 0",
        ),
        "review.system_interval_months: 0 is not between 1 and 60",
    );
}

#[test]
fn an_organisation_may_be_claimed_by_one_pack_only() {
    let kainuu = source("kainuu.toml");
    let avesta = source("avesta.toml").replace(
        r#"applies_to = ["avesta"]"#,
        r#"applies_to = ["avesta", "kainuu"]"#,
    );
    let err = Policies::from_sources([
        ("kainuu.toml", kainuu.as_str()),
        ("avesta.toml", avesta.as_str()),
    ])
    .unwrap_err();
    assert!(
        matches!(&err, PolicyError::Conflict { problems } if problems[0].contains("organisation `kainuu` is in applies_to of both `kainuu` and `avesta`")),
        "{err}"
    );
}

#[test]
fn two_packs_may_not_share_an_id() {
    let avesta = source("avesta.toml");
    let err = Policies::from_sources([
        ("a/avesta.toml", avesta.as_str()),
        ("b/avesta.toml", avesta.as_str()),
    ])
    .unwrap_err();
    assert!(
        err.to_string().contains("two packs have the id `avesta`"),
        "{err}"
    );
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = std::env::temp_dir().join(format!("aireg-policy-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let err = Policies::from_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(err, PolicyError::Empty { .. }), "{err}");
    let missing = Policies::from_dir(&dir).unwrap_err();
    assert!(matches!(missing, PolicyError::Read { .. }), "{missing}");
}

#[test]
fn a_folder_with_a_broken_pack_names_the_path() {
    let dir = std::env::temp_dir().join(format!("aireg-policy-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "not a pack").unwrap();
    std::fs::write(
        dir.join("avesta.toml"),
        source("avesta.toml").replace(
            r#"policy_body = "document_owner""#,
            r#"policy_body = "nobody""#,
        ),
    )
    .unwrap();
    let err = Policies::from_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    let message = err.to_string();
    assert!(message.contains("avesta.toml"), "{message}");
    assert!(
        message.contains("review.policy_body: unknown body `nobody`"),
        "{message}"
    );
}

#[test]
fn several_problems_are_reported_together() {
    let text = source("kainuu.toml")
        .replace(r#"roles = ["approver"]"#, r#"roles = ["boss"]"#)
        .replace("response_days = 14", "response_days = 365");
    let problems = problems(PolicyPack::from_toml("kainuu.toml", &text));
    assert!(problems.len() >= 2, "{problems:#?}");
}
