//! Governance scenarios: approval routing, required assessments, lifecycle gates and incident
//! routing of the Kainuu, Tampere region and Avesta policy packs.

use std::path::PathBuf;

use aireg_domain::classification::Category;
use aireg_domain::governance::IncidentKind;
use aireg_domain::system::Lifecycle;

use aireg_rules::ai_act::{Facts, Pack};
use aireg_rules::policy::{
    AiActSituation, GateState, Missing, Policies, PolicyPack, Situation, all_situations,
};
use serde_json::json;

fn policies() -> &'static Policies {
    Policies::embedded().expect("embedded policy packs")
}

fn pack(id: &str) -> &'static PolicyPack {
    policies().get(id).expect("pack exists")
}

fn kainuu() -> &'static PolicyPack {
    pack("kainuu")
}

fn tampere() -> &'static PolicyPack {
    pack("tampere-region")
}

fn avesta() -> &'static PolicyPack {
    pack("avesta")
}

fn minimal() -> Option<AiActSituation> {
    Some(AiActSituation {
        category: Category::Minimal,
        fria_required: false,
        eu_registration_required: false,
    })
}

fn high_risk() -> Option<AiActSituation> {
    Some(AiActSituation {
        category: Category::HighRisk,
        fria_required: true,
        eu_registration_required: true,
    })
}

fn personal_data() -> Situation {
    Situation {
        personal_data: true,
        ai_act: minimal(),
        ..Situation::default()
    }
}

fn no_personal_data() -> Situation {
    Situation {
        ai_act: minimal(),
        ..Situation::default()
    }
}

/// A classified system with its system owner named and nothing else done.
fn state(situation: Situation) -> GateState {
    GateState {
        situation,
        system_owner_named: true,
        classified: true,
        ..GateState::default()
    }
}

fn codes(missing: &[Missing]) -> Vec<(String, Option<String>)> {
    missing
        .iter()
        .map(|m| (m.code.clone(), m.item.clone()))
        .collect()
}

fn pair(code: &str, item: Option<&str>) -> (String, Option<String>) {
    (code.to_owned(), item.map(str::to_owned))
}

fn bodies(pack: &PolicyPack, s: &Situation) -> Vec<String> {
    pack.approvals_required(s)
        .into_iter()
        .map(|a| a.body)
        .collect()
}

fn assessments(pack: &PolicyPack, s: &Situation) -> Vec<String> {
    pack.assessments_required(s)
        .into_iter()
        .map(|a| a.assessment)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Kainuu (seed 000)
// ---------------------------------------------------------------------------------------------

#[test]
fn kainuu_personal_data_routes_to_the_approver_group_and_the_process_owner() {
    let approvals = kainuu().approvals_required(&personal_data());
    let routed: Vec<(&str, bool)> = approvals
        .iter()
        .map(|a| (a.body.as_str(), a.own_decision))
        .collect();
    assert_eq!(
        routed,
        [("approver_group", false), ("process_owner", false)]
    );
    assert!(
        approvals
            .iter()
            .all(|a| a.rule == "personal_or_sensitive_data")
    );
    assert!(approvals[0].section.fi.contains("7a"));
    assert!(approvals[0].reason.en.contains("personal data"));
}

#[test]
fn kainuu_personal_data_cannot_go_live_and_each_refusal_names_what_is_missing() {
    let missing = kainuu().gate(Lifecycle::InUse, &state(personal_data()));
    assert_eq!(
        codes(&missing),
        [
            pair("assessment", Some("dpia")),
            pair("approval", Some("approver_group")),
            pair("approval", Some("process_owner")),
            pair("process_owner", None),
        ]
    );
    let en: Vec<&str> = missing.iter().map(|m| m.text.en.as_str()).collect();
    assert_eq!(
        en,
        [
            "The signed data protection impact assessment (DPIA) is missing",
            "Approval of the privacy, security and architecture group is missing",
            "Approval of the process owner is missing",
            "No process owner has been named",
        ]
    );
    assert_eq!(
        missing[1].text.fi,
        "Tietosuoja-, tietoturva- ja arkkitehtuuriryhmän hyväksyntä puuttuu"
    );
    assert_eq!(
        missing[0].text.get("sv"),
        "Den undertecknade konsekvensbedömningen avseende dataskydd (DPIA) saknas"
    );
}

#[test]
fn kainuu_personal_data_goes_live_once_everything_is_in_place() {
    let mut st = state(personal_data());
    st.process_owner_named = true;
    st.assessments_signed = vec!["dpia".into()];
    st.approvals_granted = vec!["approver_group".into()];
    assert_eq!(
        codes(&kainuu().gate(Lifecycle::InUse, &st)),
        [pair("approval", Some("process_owner"))],
        "the group alone is not enough"
    );
    st.approvals_granted = vec!["process_owner".into()];
    assert_eq!(
        codes(&kainuu().gate(Lifecycle::InUse, &st)),
        [pair("approval", Some("approver_group"))],
        "the process owner alone is not enough"
    );
    st.approvals_granted = vec!["approver_group".into(), "process_owner".into()];
    st.assessments_signed.clear();
    assert_eq!(
        codes(&kainuu().gate(Lifecycle::InUse, &st)),
        [pair("assessment", Some("dpia"))]
    );
    st.assessments_signed = vec!["dpia".into()];
    assert!(kainuu().gate(Lifecycle::InUse, &st).is_empty());
    assert!(kainuu().gate(Lifecycle::Pilot, &st).is_empty());
}

#[test]
fn kainuu_system_owners_decision_is_not_enough_with_personal_data() {
    let mut st = state(personal_data());
    st.process_owner_named = true;
    st.assessments_signed = vec!["dpia".into()];
    st.approvals_granted = vec!["system_owner".into()];
    assert_eq!(
        codes(&kainuu().gate(Lifecycle::InUse, &st)),
        [
            pair("approval", Some("approver_group")),
            pair("approval", Some("process_owner"))
        ]
    );
}

#[test]
fn kainuu_without_personal_data_goes_live_on_the_system_owners_decision_alone() {
    let approvals = kainuu().approvals_required(&no_personal_data());
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0].body, "system_owner");
    assert!(approvals[0].own_decision);
    assert!(approvals[0].section.fi.contains("7b"));
    assert!(
        kainuu()
            .assessments_required(&no_personal_data())
            .is_empty()
    );

    let mut st = state(no_personal_data());
    let missing = kainuu().gate(Lifecycle::InUse, &st);
    assert_eq!(codes(&missing), [pair("approval", Some("system_owner"))]);
    assert_eq!(
        missing[0].text.en,
        "The system owner's deployment decision is missing"
    );
    assert_eq!(
        missing[0].text.fi,
        "Järjestelmän omistajan käyttöönottopäätös puuttuu"
    );
    st.approvals_granted = vec!["system_owner".into()];
    assert!(
        kainuu().gate(Lifecycle::InUse, &st).is_empty(),
        "no process owner needed"
    );
}

#[test]
fn kainuu_other_sensitive_data_counts_like_personal_data() {
    let s = Situation {
        sensitive_data: true,
        ai_act: minimal(),
        ..Situation::default()
    };
    assert_eq!(bodies(kainuu(), &s), ["approver_group", "process_owner"]);
    assert_eq!(assessments(kainuu(), &s), ["dpia"]);
}

#[test]
fn kainuu_adding_ai_features_is_a_new_deployment_under_the_same_rules() {
    for base in [personal_data(), no_personal_data()] {
        let added = Situation {
            ai_features_added: true,
            ..base.clone()
        };
        assert_eq!(
            kainuu().approvals_required(&added),
            kainuu().approvals_required(&base)
        );
        assert_eq!(
            kainuu().assessments_required(&added),
            kainuu().assessments_required(&base)
        );
        assert_eq!(
            kainuu().gate(Lifecycle::InUse, &state(added)),
            kainuu().gate(Lifecycle::InUse, &state(base))
        );
    }
    let reason = &kainuu().approvals_required(&no_personal_data())[0].reason;
    assert!(reason.fi.contains("7c"));
    assert!(reason.en.contains("AI features are added"));
}

#[test]
fn kainuu_procurement_needs_a_system_owner() {
    assert!(
        kainuu()
            .gate(Lifecycle::Idea, &GateState::default())
            .is_empty()
    );
    assert!(
        kainuu()
            .gate(Lifecycle::Planning, &GateState::default())
            .is_empty()
    );
    let missing = kainuu().gate(Lifecycle::Procurement, &GateState::default());
    assert_eq!(codes(&missing), [pair("system_owner", None)]);
    assert_eq!(missing[0].text.fi, "Järjestelmän omistajaa ei ole nimetty");
}

// ---------------------------------------------------------------------------------------------
// Tampere region (seed 002, chapter 10)
// ---------------------------------------------------------------------------------------------

#[test]
fn tampere_needs_the_four_assessments_and_the_dpia_for_the_same_system() {
    assert_eq!(
        assessments(tampere(), &personal_data()),
        [
            "change_cost",
            "security_privacy",
            "fria",
            "background_check",
            "dpia"
        ]
    );
    assert_eq!(bodies(tampere(), &personal_data()), ["approver_group"]);

    let missing = tampere().gate(Lifecycle::InUse, &state(personal_data()));
    assert_eq!(
        codes(&missing),
        [
            pair("process_owner", None),
            pair("assessment", Some("change_cost")),
            pair("assessment", Some("security_privacy")),
            pair("assessment", Some("fria")),
            pair("assessment", Some("background_check")),
            pair("assessment", Some("dpia")),
            pair("approval", Some("approver_group")),
        ]
    );
    let fi: Vec<&str> = missing.iter().map(|m| m.text.fi.as_str()).collect();
    assert_eq!(
        fi,
        [
            "Tekoälyratkaisulle ei ole määritetty vastuuhenkilöä",
            "Allekirjoitettu muutos- ja kustannusvaikutusten arviointi puuttuu",
            "Allekirjoitettu tietoturvan ja tietosuojan vaikutusten arviointi puuttuu",
            "Allekirjoitettu perusoikeusvaikutusten arviointi (FRIA) puuttuu",
            "Allekirjoitettu taustaselvitys puuttuu",
            "Allekirjoitettu tietosuojan vaikutustenarviointi (DPIA) puuttuu",
            "Kunnan tietohallinnon asiantuntijoiden hyväksyntä puuttuu",
        ]
    );
}

#[test]
fn tampere_needs_the_four_assessments_even_without_personal_data() {
    assert_eq!(
        assessments(tampere(), &no_personal_data()),
        [
            "change_cost",
            "security_privacy",
            "fria",
            "background_check"
        ]
    );
    let fria = tampere()
        .assessments_required(&no_personal_data())
        .into_iter()
        .find(|a| a.assessment == "fria")
        .unwrap();
    assert_eq!(fria.rule, "impact_fria");
    assert!(fria.reason.fi.contains("perusoikeusvaikutusten arviointi"));
}

#[test]
fn tampere_needs_an_owner_and_a_responsible_person() {
    let st = GateState {
        situation: no_personal_data(),
        classified: true,
        approvals_granted: vec!["approver_group".into()],
        assessments_signed: vec![
            "change_cost".into(),
            "security_privacy".into(),
            "fria".into(),
            "background_check".into(),
        ],
        ..GateState::default()
    };
    let missing = tampere().gate(Lifecycle::InUse, &st);
    assert_eq!(
        codes(&missing),
        [pair("system_owner", None), pair("process_owner", None)]
    );
    assert_eq!(
        missing[0].text.en,
        "No owner has been named for the AI solution"
    );
    assert_eq!(
        missing[1].text.en,
        "No responsible person has been named for the AI solution"
    );
    let named = GateState {
        system_owner_named: true,
        process_owner_named: true,
        ..st
    };
    assert!(tampere().gate(Lifecycle::InUse, &named).is_empty());
    // Already at procurement both must be named.
    assert_eq!(
        codes(&tampere().gate(Lifecycle::Procurement, &GateState::default())),
        [pair("system_owner", None), pair("process_owner", None)]
    );
}

#[test]
fn tampere_assessment_sign_off_bodies() {
    let signers: Vec<(String, String)> = tampere()
        .assessments_required(&personal_data())
        .into_iter()
        .map(|a| (a.assessment, a.sign_off_body))
        .collect();
    for (assessment, body) in &signers {
        assert!(
            tampere().body(body).is_some_and(|b| b.has_members()),
            "{assessment}"
        );
    }
    assert!(signers.contains(&("security_privacy".into(), "approver_group".into())));
    assert!(signers.contains(&("background_check".into(), "approver_group".into())));
}

// ---------------------------------------------------------------------------------------------
// Avesta (seed 004)
// ---------------------------------------------------------------------------------------------

#[test]
fn avesta_system_owner_decides_after_the_security_and_privacy_check() {
    let approvals = avesta().approvals_required(&no_personal_data());
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0].body, "system_owner");
    assert!(approvals[0].own_decision);
    assert_eq!(
        assessments(avesta(), &no_personal_data()),
        ["security_privacy"]
    );
    assert_eq!(
        assessments(avesta(), &personal_data()),
        ["security_privacy", "dpia"]
    );
    let mut st = state(no_personal_data());
    st.approvals_granted = vec!["system_owner".into()];
    let missing = avesta().gate(Lifecycle::InUse, &st);
    assert_eq!(
        codes(&missing),
        [pair("assessment", Some("security_privacy"))]
    );
    assert_eq!(
        missing[0].text.sv,
        "Den undertecknade bedömningen av konsekvenser för informationssäkerhet och dataskydd saknas"
    );
    st.assessments_signed = vec!["security_privacy".into()];
    assert!(avesta().gate(Lifecycle::InUse, &st).is_empty());
}

#[test]
fn avesta_sends_every_deviation_to_the_security_and_privacy_channel() {
    for kind in IncidentKind::ALL {
        assert_eq!(
            avesta().incident_recipients(*kind),
            ["system_owner", "approver_group"],
            "{kind}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Across all packs
// ---------------------------------------------------------------------------------------------

#[test]
fn a_high_risk_system_needs_a_signed_fria_in_every_pack() {
    for pack in policies().all() {
        let s = Situation {
            personal_data: true,
            ai_act: high_risk(),
            ..Situation::default()
        };
        let fria = pack
            .assessments_required(&s)
            .into_iter()
            .find(|a| a.assessment == "fria")
            .unwrap_or_else(|| panic!("{}: no FRIA", pack.id));
        assert_eq!(fria.rule, "fria_ai_act", "{}", pack.id);
        assert!(fria.section.en.contains("art. 27"), "{}", pack.id);

        // Everything but the FRIA in place.
        let mut st = GateState {
            situation: s.clone(),
            approvals_granted: pack
                .approvals_required(&s)
                .into_iter()
                .map(|a| a.body)
                .collect(),
            assessments_signed: pack
                .assessments_required(&s)
                .into_iter()
                .map(|a| a.assessment)
                .filter(|a| a != "fria")
                .collect(),
            system_owner_named: true,
            process_owner_named: true,
            classified: true,
            eu_registered: true,
        };
        let missing = pack.gate(Lifecycle::InUse, &st);
        assert_eq!(
            codes(&missing),
            [pair("assessment", Some("fria"))],
            "{}",
            pack.id
        );
        assert_eq!(
            missing[0].text.en,
            "The signed fundamental rights impact assessment (FRIA) is missing"
        );
        st.assessments_signed.push("fria".into());
        assert!(pack.gate(Lifecycle::InUse, &st).is_empty(), "{}", pack.id);
    }
}

#[test]
fn eu_registration_is_checked_where_the_ai_act_requires_it() {
    for pack in policies().all() {
        let s = Situation {
            ai_act: high_risk(),
            ..Situation::default()
        };
        let mut st = GateState {
            situation: s.clone(),
            approvals_granted: pack
                .approvals_required(&s)
                .into_iter()
                .map(|a| a.body)
                .collect(),
            assessments_signed: assessments(pack, &s),
            system_owner_named: true,
            process_owner_named: true,
            classified: true,
            eu_registered: false,
        };
        let missing = pack.gate(Lifecycle::Pilot, &st);
        assert_eq!(
            codes(&missing),
            [pair("eu_registration", None)],
            "{}",
            pack.id
        );
        assert!(missing[0].text.en.contains("EU database"));
        st.eu_registered = true;
        assert!(pack.gate(Lifecycle::Pilot, &st).is_empty(), "{}", pack.id);
        // Not required: not asked.
        st.eu_registered = false;
        st.situation.ai_act = Some(AiActSituation {
            eu_registration_required: false,
            ..high_risk().unwrap()
        });
        assert!(pack.gate(Lifecycle::Pilot, &st).is_empty(), "{}", pack.id);
    }
}

#[test]
fn a_deployment_needs_a_complete_classification_in_every_pack() {
    for pack in policies().all() {
        let mut st = state(no_personal_data());
        st.classified = false;
        st.situation.ai_act = None;
        let missing = pack.gate(Lifecycle::Pilot, &st);
        assert!(
            missing.iter().any(|m| m.code == "ai_act_classification"
                && m.text.en == "The AI Act classification is missing or incomplete"),
            "{}: {missing:?}",
            pack.id
        );
    }
}

#[test]
fn a_prohibited_system_never_goes_to_pilot_or_use() {
    for pack in policies().all() {
        let s = Situation {
            ai_act: Some(AiActSituation {
                category: Category::Prohibited,
                fria_required: false,
                eu_registration_required: false,
            }),
            ..Situation::default()
        };
        let everything = GateState {
            situation: s.clone(),
            approvals_granted: pack.bodies.iter().map(|b| b.id.clone()).collect(),
            assessments_signed: aireg_rules::assessment::Templates::embedded()
                .unwrap()
                .all()
                .iter()
                .map(|t| t.id.clone())
                .collect(),
            system_owner_named: true,
            process_owner_named: true,
            classified: true,
            eu_registered: true,
        };
        for to in [Lifecycle::Pilot, Lifecycle::InUse] {
            let missing = pack.gate(to, &everything);
            assert_eq!(codes(&missing), [pair("prohibited", None)], "{}", pack.id);
            assert!(missing[0].text.en.contains("art. 5"));
        }
        for to in [
            Lifecycle::Idea,
            Lifecycle::Planning,
            Lifecycle::Suspended,
            Lifecycle::Retired,
        ] {
            assert!(pack.gate(to, &everything).is_empty(), "{} {to}", pack.id);
        }
    }
}

#[test]
fn suspending_or_retiring_is_always_allowed() {
    for pack in policies().all() {
        for s in all_situations() {
            let st = GateState {
                situation: s,
                ..GateState::default()
            };
            assert!(
                pack.gate(Lifecycle::Suspended, &st).is_empty(),
                "{}",
                pack.id
            );
            assert!(pack.gate(Lifecycle::Retired, &st).is_empty(), "{}", pack.id);
        }
    }
}

#[test]
fn a_pack_naming_an_unknown_state_role_or_kind_does_not_load() {
    let kainuu = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/policies/kainuu.toml"),
    )
    .unwrap();
    for (from, to, problem) in [
        (
            "to = [\"pilot\", \"in_use\"]",
            "to = [\"pilot\", \"live\"]",
            "unknown state `live`",
        ),
        (
            "kinds = [\"error\"",
            "kinds = [\"rumour\"",
            "unknown incident kind `rumour`",
        ),
    ] {
        assert!(kainuu.contains(from), "{from}");
        let broken = kainuu.replacen(from, to, 1);
        let err = PolicyPack::from_toml("kainuu.toml", &broken).unwrap_err();
        assert!(err.to_string().contains(problem), "{err}");
    }
}

#[test]
fn every_refusal_is_specific_and_translated() {
    for pack in policies().all() {
        for s in all_situations() {
            let st = GateState {
                situation: s,
                ..GateState::default()
            };
            for to in Lifecycle::ALL {
                let missing = pack.gate(*to, &st);
                let mut seen = std::collections::BTreeSet::new();
                for m in &missing {
                    assert!(
                        seen.insert((&m.code, &m.item)),
                        "{}: duplicate {m:?}",
                        pack.id
                    );
                    for lang in ["fi", "sv", "en"] {
                        assert!(!m.text.get(lang).trim().is_empty());
                    }
                    match m.code.as_str() {
                        "approval" => {
                            let body = pack.body(m.item.as_deref().unwrap()).unwrap();
                            assert!(body.has_members());
                            assert!(!m.text.en.starts_with("Approval missing:"), "generic text");
                        }
                        "assessment" => {
                            let id = m.item.as_deref().unwrap();
                            let t = pack.assessment_type(id).unwrap();
                            assert_eq!(m.text, t.missing);
                        }
                        "system_owner"
                        | "process_owner"
                        | "ai_act_classification"
                        | "eu_registration"
                        | "prohibited" => assert!(m.item.is_none()),
                        other => panic!("unexpected code {other}"),
                    }
                }
            }
        }
    }
}

#[test]
fn every_deployment_is_routed_and_every_required_assessment_has_a_signer() {
    for pack in policies().all() {
        for s in all_situations() {
            assert!(!pack.approvals_required(&s).is_empty(), "{}", pack.id);
            for a in pack.assessments_required(&s) {
                assert!(pack.body(&a.sign_off_body).is_some_and(|b| b.has_members()));
            }
            if s.personal_data {
                assert!(assessments(pack, &s).contains(&"dpia".to_owned()));
            }
        }
    }
}

#[test]
fn granting_everything_required_opens_every_gate_of_a_non_prohibited_system() {
    for pack in policies().all() {
        for s in all_situations() {
            if s.ai_act
                .as_ref()
                .is_some_and(|a| a.category == Category::Prohibited)
            {
                continue;
            }
            let st = GateState {
                situation: s.clone(),
                approvals_granted: pack
                    .approvals_required(&s)
                    .into_iter()
                    .map(|a| a.body)
                    .collect(),
                assessments_signed: assessments(pack, &s),
                system_owner_named: true,
                process_owner_named: true,
                classified: true,
                eu_registered: true,
            };
            for to in Lifecycle::ALL {
                assert!(pack.gate(*to, &st).is_empty(), "{} {to} {s:?}", pack.id);
            }
        }
    }
}

#[test]
fn security_incidents_reach_the_approver_group_in_every_pack() {
    for pack in policies().all() {
        for kind in [IncidentKind::Security, IncidentKind::Privacy] {
            let to = pack.incident_recipients(kind);
            assert!(
                to.contains(&"approver_group".to_owned()),
                "{} {kind}",
                pack.id
            );
            assert!(
                to.contains(&"system_owner".to_owned()),
                "{} {kind}",
                pack.id
            );
        }
    }
    assert_eq!(
        kainuu().incident_recipients(IncidentKind::Error),
        ["system_owner"]
    );
    assert_eq!(
        kainuu().incident_recipients(IncidentKind::Security),
        ["system_owner", "approver_group"]
    );
    assert_eq!(
        kainuu().incident_recipients(IncidentKind::Misuse),
        ["system_owner", "process_owner"]
    );
    // Tampere: primarily the responsible person of the solution.
    assert_eq!(
        tampere().incident_recipients(IncidentKind::HarmfulOutput),
        ["process_owner", "system_owner"]
    );
    assert_eq!(
        tampere().incident_recipients(IncidentKind::Privacy),
        ["process_owner", "system_owner", "approver_group"]
    );
}

#[test]
fn for_org_picks_the_nearest_pack() {
    let p = policies();
    let id = |slugs: &[&str]| p.for_org(slugs).map(|pack| pack.id.as_str());
    assert_eq!(id(&["kajaani", "kainuu"]), Some("kainuu"));
    assert_eq!(
        id(&["kajaani-sivistys", "kajaani", "kainuu"]),
        Some("kainuu")
    );
    assert_eq!(id(&["kainuun-liitto", "kainuu"]), Some("kainuu"));
    assert_eq!(id(&["kainuu"]), Some("kainuu"));
    assert_eq!(id(&["nokia", "tampereen-seutu"]), Some("tampere-region"));
    assert_eq!(
        id(&["tampere-sivistys", "tampere", "tampereen-seutu"]),
        Some("tampere-region")
    );
    assert_eq!(id(&["avesta"]), Some("avesta"));
    assert_eq!(id(&["avesta-omsorg", "avesta"]), Some("avesta"));
    assert_eq!(id(&["helsinki-sote", "helsinki"]), None);
    assert_eq!(id(&[]), None);
    assert_eq!(
        id(&["kajaani"]),
        None,
        "a slug alone does not imply its region"
    );
}

#[test]
fn a_municipality_pack_overrides_its_regions() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/policies");
    let kainuu = std::fs::read_to_string(dir.join("kainuu.toml")).unwrap();
    let kajaani = std::fs::read_to_string(dir.join("avesta.toml"))
        .unwrap()
        .replace(r#"id = "avesta""#, r#"id = "kajaani""#)
        .replace(r#"applies_to = ["avesta"]"#, r#"applies_to = ["kajaani"]"#);
    let p = Policies::from_sources([
        ("kainuu.toml", kainuu.as_str()),
        ("kajaani.toml", kajaani.as_str()),
    ])
    .unwrap();
    assert_eq!(
        p.for_org(&["kajaani-sivistys", "kajaani", "kainuu"])
            .unwrap()
            .id,
        "kajaani"
    );
    assert_eq!(p.for_org(&["sotkamo", "kainuu"]).unwrap().id, "kainuu");
}

#[test]
fn the_ai_act_outcome_feeds_the_situation() {
    let ai_act = Pack::embedded().unwrap();
    let facts = Facts::from_json(&json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
        "public_authority": true, "decisions_on_persons": true, "personal_data": true
    }))
    .unwrap();
    let outcome = ai_act.classify(&facts);
    let ai = AiActSituation::from_outcome(&outcome);
    assert_eq!(ai.category, Category::HighRisk);
    assert!(ai.fria_required && ai.eu_registration_required && ai.is_complete());
    let s = Situation {
        personal_data: true,
        ai_act: Some(ai),
        ..Situation::default()
    };
    for pack in policies().all() {
        assert!(
            assessments(pack, &s).contains(&"fria".to_owned()),
            "{}",
            pack.id
        );
    }

    let incomplete = ai_act.classify(&Facts::from_json(&json!({"ai_system": true})).unwrap());
    let ai = AiActSituation::from_outcome(&incomplete);
    assert!(!ai.is_complete(), "{ai:?}");
}

#[test]
fn requirements_and_refusals_serialise_for_the_api() {
    let missing = kainuu().gate(Lifecycle::InUse, &state(personal_data()));
    let json = serde_json::to_value(&missing).unwrap();
    assert_eq!(json[0]["code"], "assessment");
    assert_eq!(json[0]["item"], "dpia");
    assert_eq!(
        json[0]["text"]["en"],
        "The signed data protection impact assessment (DPIA) is missing"
    );
    let back: Vec<Missing> = serde_json::from_value(json).unwrap();
    assert_eq!(back, missing);
    let approvals = serde_json::to_value(kainuu().approvals_required(&no_personal_data())).unwrap();
    assert_eq!(approvals[0]["own_decision"], true);
    let s: Situation = serde_json::from_value(json!({
        "personal_data": true, "sensitive_data": false, "ai_features_added": false,
        "ai_act": {"category": "limited", "fria_required": false, "eu_registration_required": false}
    }))
    .unwrap();
    assert_eq!(bodies(kainuu(), &s), ["approver_group", "process_owner"]);
}
