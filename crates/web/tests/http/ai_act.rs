//! The AI Act: the stateless classifier, stored runs, the questionnaire, obligations, pack
//! updates and what the public register shows.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde_json::{Value, json};

use aireg_domain::classification::RunSource;
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_rules::ai_act::{Pack, QuestionKind};
use aireg_store::NewClassificationRun;

use crate::harness::{Reply, World};

fn articles(outcome: &Value) -> Vec<String> {
    outcome["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["article"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_classifier_gets_the_issues_examples_right() {
    let w = World::new().await;
    let classify = |facts: Value| {
        let w = &w;
        async move {
            let r = w.json("POST", "/api/v1/classify", None, &facts).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            r.json()
        }
    };
    // Social-assistance scoring with profiling, deployed by a municipality.
    let o = classify(
        json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
        "public_authority": true, "decisions_on_persons": true, "personal_data": true}),
    )
    .await;
    assert_eq!(o["category"], "high_risk");
    assert_eq!(o["fria_required"], true);
    assert_eq!(o["eu_registration"], json!(["49(3)"]));
    let a = articles(&o);
    for expected in ["4", "27", "86"] {
        assert!(a.contains(&expected.to_string()), "{expected} in {a:?}");
    }
    assert!(a.iter().any(|x| x.starts_with("26(")));
    assert!(
        !a.iter().any(|x| x == "43" || x == "49(1)"),
        "no provider duties: {a:?}"
    );
    // A vendor chatbot on the city website.
    let o = classify(
        json!({"ai_system": true, "gpai": "system", "roles": ["deployer"],
        "transparency": ["interaction"], "public_authority": true}),
    )
    .await;
    assert_eq!(o["category"], "limited");
    assert_eq!(o["transparency"], json!(["50(1)"]));
    assert_eq!(articles(&o), ["4"]);
    // A spam filter.
    let o =
        classify(json!({"ai_system": true, "roles": ["deployer"], "public_authority": true})).await;
    assert_eq!(o["category"], "minimal");
    assert_eq!(articles(&o), ["4"]);
    // A fee calculator of human-written rules.
    let o = classify(json!({"ai_system": false, "roles": ["deployer"]})).await;
    assert_eq!(o["category"], "not_ai");
    assert!(articles(&o).is_empty());
    // Water-network control.
    let o = classify(json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "2", "public_authority": true})).await;
    assert_eq!(o["category"], "high_risk");
    assert_eq!(o["fria_required"], false);
    let a = articles(&o);
    assert!(
        !a.contains(&"49(3)".to_string()) && !a.contains(&"86".to_string()),
        "{a:?}"
    );
    // CV screening for the municipality's own recruitment.
    let o = classify(
        json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "4a", "employer_use": true,
        "public_authority": true, "decisions_on_persons": true, "personal_data": true}),
    )
    .await;
    assert_eq!(o["category"], "high_risk");
    assert!(articles(&o).contains(&"26(7)".to_string()));

    // Unknown keys and values are refused naming the key.
    w.json(
        "POST",
        "/api/v1/classify",
        None,
        &json!({"ai_system": true, "colour": 1}),
    )
    .await
    .assert_problem(422, Some("colour"));
    w.json(
        "POST",
        "/api/v1/classify",
        None,
        &json!({"ai_system": true, "roles": ["deployr"]}),
    )
    .await
    .assert_problem(422, Some("roles"));
}

#[tokio::test]
async fn stored_runs_update_obligations_and_the_public_register() {
    let w = World::new().await;
    let token = Some(w.kajaani_editor.token.as_str());
    let id = w.published.id;
    let path = format!("/api/v1/systems/{id}/classifications");
    // Incomplete facts are refused with what is missing.
    w.json("POST", &path, token, &json!({"facts": {"ai_system": true}}))
        .await
        .assert_problem(422, Some("facts.roles"));
    w.json(
        "POST",
        &path,
        token,
        &json!({"facts": {"ai_system": true, "bad": 1}}),
    )
    .await
    .assert_problem(422, Some("facts.bad"));
    // A viewer may not classify.
    w.json(
        "POST",
        &path,
        Some(&w.kajaani_viewer.token),
        &json!({"facts": {"ai_system": false}}),
    )
    .await
    .assert_problem(403, None);
    let r = w
        .json(
            "POST",
            &path,
            token,
            &json!({"facts": {"ai_system": true, "gpai": "system", "roles": ["deployer"],
                "transparency": ["interaction"], "public_authority": true},
                "justification": "Vendor chatbot; it says it is an AI."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["outcome"]["category"], "limited");
    assert_eq!(r.json()["source"], "api");
    let runs = w.get_with(&path, &w.kajaani_editor.token).await.json();
    assert_eq!(runs.as_array().unwrap().len(), 1);

    // The public register shows the category and the transparency duty.
    let public = w.get(&format!("/api/v1/public/systems/{id}")).await.json();
    assert_eq!(public["classification"]["category"], "limited");
    assert_eq!(public["classification"]["transparency"], json!(["50(1)"]));
    let page = w.get(&format!("/en/systems/{id}")).await;
    assert!(page.text.contains("Transparency obligations"));
    assert!(page.text.contains("Art. 50(1)"));
    let list = w.get("/fi/").await;
    assert!(list.text.contains("Läpinäkyvyysvelvoitteet"));

    // The organisation now tracks AI literacy (art. 4).
    let s = w.sign_in("editor@kajaani.example").await;
    let obligations = w
        .page("/en/staff/orgs/kajaani/obligations", &s.cookie)
        .await;
    assert_eq!(obligations.status, StatusCode::OK);
    assert!(obligations.text.contains("4: "), "{}", obligations.text);

    // High-risk: the record's own obligations appear, with the FRIA.
    w.json(
        "POST",
        &path,
        token,
        &json!({"facts": {"ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
            "public_authority": true, "decisions_on_persons": true, "personal_data": true}}),
    )
    .await;
    let obligations = w
        .page("/en/staff/orgs/kajaani/obligations", &s.cookie)
        .await;
    assert!(obligations.text.contains("27: "));
    let public = w.get(&format!("/api/v1/public/systems/{id}")).await.json();
    assert_eq!(public["classification"]["category"], "high_risk");
    assert_eq!(public["classification"]["annex_iii"]["code"], "5a");
    let page = w.get(&format!("/fi/systems/{id}")).await;
    assert!(page.text.contains("Suuririskinen tekoälyjärjestelmä"));
    assert!(
        page.text.contains("ei kerro riskin suuruudesta"),
        "high-risk is explained as a legal category"
    );
}

/// Answers the questionnaire in the browser's way (one form post per question), choosing the
/// options that give `facts`, and saves.
async fn answer_questionnaire(
    w: &World,
    s: &crate::harness::Session,
    id: &str,
    facts: &Value,
) -> Reply {
    let pack = Pack::embedded().unwrap();
    let path = format!("/en/staff/systems/{id}/classify");
    let mut page = w.page(&path, &s.cookie).await;
    for _ in 0..40 {
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let field = |name: &str| -> String {
            page.text
                .split(&format!("name=\"{name}\" value=\""))
                .nth(1)
                .and_then(|x| x.split('"').next())
                .unwrap_or("")
                .replace("&quot;", "\"")
                .replace("&#34;", "\"")
        };
        let answers = field("answers");
        let justifications = field("justifications");
        let question = field("question");
        if question.is_empty() {
            // The summary: save.
            return w
                .post_form(
                    &path,
                    s,
                    &[
                        ("action", "save"),
                        ("answers", &answers),
                        ("justifications", &justifications),
                    ],
                )
                .await;
        }
        let q = pack.question(&question).expect("a pack question");
        let wanted = q.sets.as_ref().and_then(|f| facts.get(f));
        let mut picks: Vec<String> = Vec::new();
        for (i, o) in q.options.iter().enumerate() {
            let pick = match (q.kind, wanted) {
                (QuestionKind::Multi, Some(Value::Array(items))) => items.contains(&o.value),
                (QuestionKind::Multi, _) => false,
                (_, Some(v)) => o.value == *v,
                // Facts not given: the "no"/none answer.
                (_, None) => {
                    o.value == Value::Bool(false)
                        || o.value == Value::Null
                        || o.value == json!("none")
                }
            };
            if pick {
                picks.push(i.to_string());
            }
        }
        if q.kind != QuestionKind::Multi {
            picks.truncate(1);
            assert!(!picks.is_empty(), "no option for {question} in {facts}");
        }
        let mut fields: Vec<(&str, &str)> = vec![
            ("action", "next"),
            ("question", &question),
            ("answers", &answers),
            ("justifications", &justifications),
            (
                "justification",
                "Checked against the vendor's documentation.",
            ),
        ];
        for p in &picks {
            fields.push(("answer", p));
        }
        page = w.post_form(&path, s, &fields).await;
    }
    panic!("the questionnaire did not end");
}

#[tokio::test]
async fn the_questionnaire_classifies_a_record_without_javascript() {
    let w = World::new().await;
    let s = w.sign_in("editor@kajaani.example").await;
    let id = w.draft.id.to_string();
    // Going back removes the last answer.
    let start = w
        .page(&format!("/en/staff/systems/{id}/classify"), &s.cookie)
        .await;
    assert!(start.text.contains("Question 1"));
    // An answer must be chosen.
    let r = w
        .post_form(
            &format!("/en/staff/systems/{id}/classify"),
            &s,
            &[
                ("action", "next"),
                ("question", "gpai"),
                ("answers", "{}"),
                ("justifications", "{}"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Choose an answer."));

    let facts = json!({"gpai": "none", "ai_system": true, "roles": ["deployer"], "annex_iii": "4a",
        "employer_use": true, "public_authority": true, "decisions_on_persons": true, "personal_data": true});
    let saved = answer_questionnaire(&w, &s, &id, &facts).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = w.page(&saved.header("location"), &s.cookie).await;
    assert!(page.text.contains("The classification was saved"));
    assert!(page.text.contains("High-risk AI system"));
    assert!(
        page.text.contains("26(7)"),
        "workers are informed: {}",
        page.text
    );
    assert!(
        page.text.contains("Checked against the vendor"),
        "justifications are kept"
    );
    // The record's page shows it, the obligations page lists its duties.
    let record = w.page(&format!("/en/staff/systems/{id}"), &s.cookie).await;
    assert!(record.text.contains("High-risk AI system"));
    let obligations = w
        .page("/en/staff/orgs/kajaani/obligations", &s.cookie)
        .await;
    assert!(obligations.text.contains("26(7): "));
}

#[tokio::test]
async fn obligations_are_tracked_with_reasons_and_evidence() {
    let w = World::new().await;
    let token = Some(w.kajaani_editor.token.as_str());
    w.json(
        "POST",
        &format!("/api/v1/systems/{}/classifications", w.published.id),
        token,
        &json!({"facts": {"ai_system": true, "roles": ["deployer"], "public_authority": true}}),
    )
    .await;
    let scope = aireg_domain::policy::ReadScope::for_actor(&Actor::command_line("test"));
    let items = w
        .store()
        .obligations(&scope, &aireg_store::ObligationFilter::default())
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    let item = &items[0];
    let s = w.sign_in("editor@kajaani.example").await;
    let path = format!("/en/staff/orgs/kajaani/obligations/{}", item.id);
    // Setting it aside needs a reason: the page comes back naming it, input kept.
    let r = w
        .post_form(
            &path,
            &s,
            &[
                ("version", &item.version.to_string()),
                ("status", "not_applicable"),
                ("reason", ""),
                ("evidence.title", "Plan"),
                ("evidence.url", "https://intra.example/plan"),
                ("show", "open"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Reason: Enter a value."), "{}", r.text);
    assert!(r.text.contains("https://intra.example/plan"));
    let r = w
        .post_form(
            &path,
            &s,
            &[
                ("version", &item.version.to_string()),
                ("status", "done"),
                ("reason", ""),
                ("responsible", &w.kajaani_editor.user.id.to_string()),
                ("evidence.title", "Training plan"),
                ("evidence.url", "https://intra.example/plan"),
                ("show", "open"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let all = w
        .page("/en/staff/orgs/kajaani/obligations?show=all", &s.cookie)
        .await;
    assert!(all.text.contains("Training plan"));
    let open = w
        .page("/en/staff/orgs/kajaani/obligations", &s.cookie)
        .await;
    assert!(open.text.contains("No obligations here."));
    // A viewer sees but cannot change.
    let viewer = w.sign_in("viewer@kajaani.example").await;
    let page = w
        .page(
            "/en/staff/orgs/kajaani/obligations?show=all",
            &viewer.cookie,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("name=\"status\""));
    let r = w
        .post_form(&path, &viewer, &[("version", "2"), ("status", "todo")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_new_pack_version_is_shown_as_a_dry_run_and_applied_by_an_admin() {
    let w = World::new().await;
    // A run made with an older pack version that gave no obligations.
    let cli = Actor::command_line("test");
    let permit = authorize(&cli, Action::EditSystem, Resource::system(&w.published)).unwrap();
    w.store()
        .save_classification(
            &permit,
            NewClassificationRun {
                system_id: w.published.id,
                pack_version: "0.9.0".into(),
                answers: BTreeMap::new(),
                justifications: BTreeMap::new(),
                facts: json!({"ai_system": true, "roles": ["deployer"], "public_authority": true}),
                outcome: json!({"category": "minimal", "missing": [], "high_risk_route": null,
                    "annex_iii_derogated": false, "transparency": [], "fria_required": false,
                    "eu_registration": [], "obligations": [], "explanation": [], "pack_version": "0.9.0"}),
                category: aireg_domain::classification::Category::Minimal,
                source: RunSource::Questionnaire,
            },
            vec![],
        )
        .await
        .unwrap();
    // And one whose stored facts the current pack no longer reads (a vocabulary change).
    let permit = authorize(&cli, Action::EditSystem, Resource::system(&w.draft)).unwrap();
    w.store()
        .save_classification(
            &permit,
            NewClassificationRun {
                system_id: w.draft.id,
                pack_version: "0.9.0".into(),
                answers: BTreeMap::new(),
                justifications: BTreeMap::new(),
                facts: json!({"ai_system": true, "roles": ["deployer"], "retired_fact": true}),
                outcome: json!({"category": "minimal"}),
                category: aireg_domain::classification::Category::Minimal,
                source: RunSource::Questionnaire,
            },
            vec![],
        )
        .await
        .unwrap();
    let editor = w.sign_in("editor@kajaani.example").await;
    let dry = w.page("/en/staff/ai-act", &editor.cookie).await;
    assert!(
        dry.text.contains("to be classified again"),
        "a run the pack cannot read is listed, not dropped"
    );
    assert_eq!(dry.status, StatusCode::OK);
    assert!(dry.text.contains("0.9.0"));
    assert!(
        dry.text.contains("added: ai-literacy") || dry.text.contains("added: "),
        "{}",
        dry.text
    );
    assert!(!dry.text.contains("Apply to"), "an editor may not apply");
    assert!(
        dry.text
            .contains("Records classified with another version: 2."),
        "counted in SQL"
    );
    let refused = w
        .post_form("/en/staff/ai-act/apply", &editor, &[("org", "kajaani")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let admin = w.sign_in("admin@kajaani.example").await;
    let page = w.page("/en/staff/ai-act", &admin.cookie).await;
    assert!(page.text.contains("Apply to"));
    let applied = w
        .post_form("/en/staff/ai-act/apply", &admin, &[("org", "kajaani")])
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER);
    let after = w.page("/en/staff/ai-act", &admin.cookie).await;
    assert!(
        after.text.contains("to be classified again"),
        "applying leaves the unreadable run for a person"
    );
    assert!(
        after
            .text
            .contains("Records classified with another version: 1."),
        "{}",
        after.text
    );
    let draft_runs = w
        .get_with(
            &format!("/api/v1/systems/{}/classifications", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(
        draft_runs.as_array().unwrap().len(),
        1,
        "no run was made for it"
    );
    let runs = w
        .get_with(
            &format!("/api/v1/systems/{}/classifications", w.published.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(runs[0]["source"], "pack_update");
    assert_eq!(runs[0]["pack_version"], Pack::embedded().unwrap().version());
    assert_eq!(runs.as_array().unwrap().len(), 2, "the old run is kept");
}
