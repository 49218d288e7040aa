//! Classification scenarios: facts → outcome, checked against the AI Act.

use aireg_rules::ai_act::{Category, DateStatus, HighRiskRoute, Outcome, Pack, Role, Scope};
use serde_json::{Value, json};

fn pack() -> &'static Pack {
    Pack::embedded().expect("embedded pack")
}

fn classify(facts: Value) -> Outcome {
    let facts = aireg_rules::ai_act::Facts::from_json(&facts).expect("valid facts");
    pack().classify(&facts)
}

fn articles(o: &Outcome) -> Vec<&str> {
    o.obligations.iter().map(|x| x.article.as_str()).collect()
}

fn has(o: &Outcome, article: &str) -> bool {
    o.obligations.iter().any(|x| x.article == article)
}

fn has_id(o: &Outcome, id: &str) -> bool {
    o.obligations.iter().any(|x| x.id == id)
}

fn obligation<'a>(o: &'a Outcome, article: &str) -> &'a aireg_rules::ai_act::ObligationItem {
    o.obligations
        .iter()
        .find(|x| x.article == article)
        .unwrap_or_else(|| panic!("no obligation {article} in {:?}", articles(o)))
}

fn explained(o: &Outcome, rule: &str) -> bool {
    o.explanation.iter().any(|s| s.rule == rule)
}

const PROVIDER_HIGH_RISK: &[&str] = &[
    "9", "10", "11", "12", "13", "14", "15", "16(b)", "16(l)", "17", "18", "19", "20", "21", "43",
    "47", "48", "72", "73",
];

fn no_provider_duties(o: &Outcome) {
    for a in PROVIDER_HIGH_RISK
        .iter()
        .chain(["49(1)", "49(2)", "6(4)", "50(1)", "50(2)"].iter())
    {
        assert!(
            !has(o, a),
            "unexpected provider duty {a}: {:?}",
            articles(o)
        );
    }
    assert!(o.obligations.iter().all(|x| x.addressee != Role::Provider));
}

// ---------------------------------------------------------------------------------------------
// The examples of the issue
// ---------------------------------------------------------------------------------------------

#[test]
fn benefit_eligibility_by_a_municipality_is_high_risk_with_fria_and_registration() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
        "public_authority": true, "decisions_on_persons": true, "personal_data": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(o.missing.is_empty());
    assert_eq!(o.high_risk_route, Some(HighRiskRoute::AnnexIii));
    assert!(o.fria_required);
    assert_eq!(
        o.eu_registration,
        vec!["49(3)"],
        "the provider's 49(1) is not the city's"
    );
    assert!(!o.annex_iii_derogated);
    assert!(o.transparency.is_empty());
    for a in [
        "4", "26(1)", "26(2)", "26(4)", "26(5)", "26(6)", "26(8)", "26(9)", "26(11)", "26(12)",
        "27", "49(3)", "86",
    ] {
        assert!(has(&o, a), "missing {a}: {:?}", articles(&o));
    }
    assert!(!has(&o, "26(7)"), "no workplace use");
    assert!(!has(&o, "26(10)"));
    no_provider_duties(&o);
    let literacy = obligation(&o, "4");
    assert_eq!(literacy.scope, Scope::Organisation);
    assert_eq!(literacy.applies_from, "2025-02-02");
    let d = obligation(&o, "26(6)");
    assert_eq!(d.scope, Scope::System);
    assert_eq!(d.addressee, Role::Deployer);
    assert_eq!(d.applies_from, "2027-12-02");
    assert_eq!(d.date_status, DateStatus::InForce);
    assert_eq!(obligation(&o, "27").applies_from, "2027-12-02");
    assert!(explained(&o, "high_risk_annex_iii"));
    assert!(explained(&o, "profiling_override"));
    assert!(explained(&o, "fria_required"));
    assert!(
        explained(&o, "registration_49_1"),
        "the deployer learns the provider must register"
    );
    assert_eq!(o.pack_version, pack().version());
}

#[test]
fn gpai_chatbot_of_a_city_is_limited_with_the_providers_50_1() {
    let o = classify(json!({
        "ai_system": true, "gpai": "system", "roles": ["deployer"],
        "transparency": ["interaction"], "public_authority": true
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(1)"]);
    assert_eq!(articles(&o), vec!["4"]);
    assert!(!o.fria_required);
    assert!(o.eu_registration.is_empty());
    assert_eq!(o.high_risk_route, None);
    assert!(explained(&o, "transparency_50_1"));
    assert!(explained(&o, "gpai_system_note"));
}

#[test]
fn plain_deployer_is_minimal_with_only_ai_literacy() {
    let o = classify(json!({"ai_system": true, "roles": ["deployer"], "public_authority": true}));
    assert_eq!(o.category, Category::Minimal);
    assert_eq!(articles(&o), vec!["4"]);
    assert!(o.transparency.is_empty() && o.eu_registration.is_empty() && !o.fria_required);
    assert!(explained(&o, "minimal"));
}

#[test]
fn not_an_ai_system_needs_nothing_else() {
    let o = classify(json!({"ai_system": false}));
    assert_eq!(o.category, Category::NotAi);
    assert!(o.missing.is_empty());
    assert!(o.obligations.is_empty());
    assert!(explained(&o, "not_ai_system"));

    let o = classify(json!({
        "ai_system": false, "roles": ["deployer", "provider"], "annex_iii": "5a",
        "profiling": true, "public_authority": true, "transparency": ["interaction"]
    }));
    assert_eq!(o.category, Category::NotAi);
    assert!(o.obligations.is_empty() && o.transparency.is_empty() && o.eu_registration.is_empty());
    assert!(!o.fria_required);
}

#[test]
fn water_network_control_is_high_risk_without_fria_registration_or_explanation() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "2", "public_authority": true,
        "decisions_on_persons": false, "personal_data": false
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert_eq!(o.high_risk_route, Some(HighRiskRoute::AnnexIii));
    assert!(!o.fria_required);
    assert!(o.eu_registration.is_empty(), "{:?}", o.eu_registration);
    for a in ["27", "49(3)", "86", "26(8)", "26(11)", "26(9)"] {
        assert!(!has(&o, a), "unexpected {a}");
    }
    for a in ["4", "26(1)", "26(2)", "26(5)", "26(6)", "26(12)"] {
        assert!(has(&o, a), "missing {a}");
    }
    assert!(explained(&o, "critical_infrastructure_carve_out"));
}

#[test]
fn water_network_with_decisions_on_persons_still_has_no_art_86() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "2", "public_authority": true,
        "decisions_on_persons": true
    }));
    assert!(!has(&o, "86"));
    assert!(!o.fria_required);
    // Art. 26(11) has no point-2 exception.
    assert!(has(&o, "26(11)"));
}

#[test]
fn critical_infrastructure_provider_registers_nationally() {
    let o = classify(json!({"ai_system": true, "roles": ["provider"], "annex_iii": "2"}));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "49(5)"));
    assert!(!has(&o, "49(1)"));
    assert!(has(&o, "43"));
    assert!(o.eu_registration.is_empty());
}

#[test]
fn cv_screening_for_own_recruitment_informs_workers() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "4a", "profiling": true,
        "employer_use": true, "public_authority": true, "decisions_on_persons": true,
        "personal_data": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "26(7)"));
    assert!(o.fria_required);
    assert!(has(&o, "86"));
    assert!(has(&o, "49(3)"));
    no_provider_duties(&o);
}

// ---------------------------------------------------------------------------------------------
// Prohibited practices, exclusions, open source
// ---------------------------------------------------------------------------------------------

#[test]
fn social_scoring_is_prohibited_from_2025() {
    let o =
        classify(json!({"ai_system": true, "roles": ["deployer"], "prohibited_practices": ["c"]}));
    assert_eq!(o.category, Category::Prohibited);
    assert_eq!(articles(&o), vec!["5(1)"]);
    let stop = obligation(&o, "5(1)");
    assert_eq!(stop.applies_from, "2025-02-02");
    assert_eq!(stop.addressee, Role::Deployer);
    assert!(explained(&o, "prohibited_c"));
    assert!(explained(&o, "prohibited_practice"));
    assert!(o.transparency.is_empty() && o.eu_registration.is_empty());
}

#[test]
fn nudification_prohibition_applies_from_december_2026() {
    let o =
        classify(json!({"ai_system": true, "roles": ["provider"], "prohibited_practices": ["ba"]}));
    assert_eq!(o.category, Category::Prohibited);
    let stop = obligation(&o, "5(1)");
    assert_eq!(stop.id, "prohibited-provider-withdraw");
    assert_eq!(stop.applies_from, "2026-12-02");
    assert_eq!(stop.date_status, DateStatus::InForce);
    // With an older prohibition as well, the earlier date governs.
    let o = classify(
        json!({"ai_system": true, "roles": ["provider"], "prohibited_practices": ["bb", "a"]}),
    );
    assert_eq!(obligation(&o, "5(1)").applies_from, "2025-02-02");
}

#[test]
fn prohibited_beats_high_risk_and_open_source() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer", "importer"], "prohibited_practices": ["f"],
        "annex_iii": "1c", "open_source": true, "transparency": ["emotion_or_biometric_categorisation"]
    }));
    assert_eq!(o.category, Category::Prohibited);
    assert_eq!(o.high_risk_route, None);
    assert!(o.transparency.is_empty());
    assert!(has_id(&o, "prohibited-deployer-stop"));
    assert!(has_id(&o, "prohibited-supply-chain-stop"));
    assert!(explained(&o, "open_source_not_excluded"));
}

#[test]
fn exclusions_take_the_system_out_of_the_act() {
    for (ground, rule) in [
        (
            "military_defence_security",
            "excluded_military_defence_security",
        ),
        (
            "third_country_cooperation",
            "excluded_third_country_cooperation",
        ),
        ("scientific_research", "excluded_scientific_research"),
        ("pre_market_research", "excluded_pre_market_research"),
    ] {
        let o = classify(json!({
            "ai_system": true, "roles": ["provider", "deployer"], "exclusion": ground,
            "prohibited_practices": ["c"], "annex_iii": "5a", "profiling": true
        }));
        assert_eq!(o.category, Category::Excluded, "{ground}");
        assert!(o.obligations.is_empty(), "{ground}");
        assert!(explained(&o, rule), "{ground}");
    }
}

#[test]
fn exclusion_does_not_need_roles() {
    let o = classify(json!({"ai_system": true, "exclusion": "scientific_research"}));
    assert_eq!(o.category, Category::Excluded);
    assert!(o.missing.is_empty());
}

#[test]
fn personal_use_frees_only_a_deployer() {
    let o =
        classify(json!({"ai_system": true, "roles": ["deployer"], "exclusion": "personal_use"}));
    assert_eq!(o.category, Category::Excluded);
    assert!(explained(&o, "excluded_personal_use"));
    let o =
        classify(json!({"ai_system": true, "roles": ["provider"], "exclusion": "personal_use"}));
    assert_eq!(o.category, Category::Minimal);
    assert_eq!(articles(&o), vec!["4"]);
    let o = classify(json!({"ai_system": true, "exclusion": "personal_use"}));
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["roles"]);
}

#[test]
fn open_source_minimal_system_is_excluded() {
    let o = classify(
        json!({"ai_system": true, "roles": ["provider", "deployer"], "open_source": true}),
    );
    assert_eq!(o.category, Category::Excluded);
    assert!(o.obligations.is_empty());
    assert!(explained(&o, "excluded_open_source"));
}

#[test]
fn open_source_does_not_free_high_risk_systems() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "open_source": true, "annex_iii": "3b",
        "profiling": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "43") && has(&o, "49(1)"));
    assert!(explained(&o, "open_source_not_excluded"));
}

#[test]
fn open_source_does_not_free_art_50_systems() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "open_source": true,
        "transparency": ["synthetic_content"]
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(2)"]);
    assert!(has(&o, "50(2)") && has(&o, "4"));
}

#[test]
fn exclusion_beats_prohibition() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "exclusion": "military_defence_security",
        "prohibited_practices": ["h"]
    }));
    assert_eq!(o.category, Category::Excluded);
}

// ---------------------------------------------------------------------------------------------
// Art. 6(3) derogation and the profiling override
// ---------------------------------------------------------------------------------------------

#[test]
fn derogated_annex_iii_system_is_not_high_risk_but_the_provider_documents_and_registers() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "annex_iii": "5a", "profiling": false,
        "art6_3": "a"
    }));
    assert_eq!(o.category, Category::Minimal);
    assert!(o.annex_iii_derogated);
    assert_eq!(o.high_risk_route, None);
    assert_eq!(o.eu_registration, vec!["49(2)"]);
    assert!(has(&o, "6(4)") && has(&o, "49(2)") && has(&o, "4"));
    assert!(!has(&o, "43") && !has(&o, "49(1)"));
    assert!(explained(&o, "annex_iii_derogated"));
    assert_eq!(obligation(&o, "49(2)").applies_from, "2027-12-02");
}

#[test]
fn derogated_system_gives_a_deployer_only_ai_literacy() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "4b", "profiling": false,
        "art6_3": "d", "public_authority": true, "decisions_on_persons": true
    }));
    assert_eq!(o.category, Category::Minimal);
    assert!(o.annex_iii_derogated);
    assert_eq!(articles(&o), vec!["4"]);
    // The registration under 49(2) is the provider's, not the deployer's.
    assert!(o.eu_registration.is_empty());
    assert!(explained(&o, "annex_iii_derogated"));
    assert!(!o.fria_required);
}

#[test]
fn derogated_system_with_a_chatbot_is_limited() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "annex_iii": "3a", "profiling": false,
        "art6_3": "b", "transparency": ["interaction"]
    }));
    assert_eq!(o.category, Category::Limited);
    assert!(o.annex_iii_derogated);
    assert!(has(&o, "50(1)") && has(&o, "6(4)"));
}

#[test]
fn profiling_overrides_the_derogation() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "5b", "profiling": true,
        "art6_3": "c"
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(!o.annex_iii_derogated);
    assert!(explained(&o, "profiling_override"));
}

#[test]
fn a_derogation_claim_needs_the_profiling_answer() {
    let o = classify(
        json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "art6_3": "d"}),
    );
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["profiling"]);
    assert!(o.obligations.is_empty());
}

#[test]
fn annex_iii_without_a_derogation_claim_is_high_risk_without_asking_about_profiling() {
    let o = classify(json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "3d"}));
    assert_eq!(o.category, Category::HighRisk);
    assert!(o.missing.is_empty());
    assert!(!o.fria_required, "not a public body");
}

// ---------------------------------------------------------------------------------------------
// Annex I
// ---------------------------------------------------------------------------------------------

#[test]
fn annex_i_section_a_with_third_party_assessment_is_high_risk_from_2028() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"],
        "annex_i": {"section": "A", "third_party_conformity": true}
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert_eq!(o.high_risk_route, Some(HighRiskRoute::AnnexI));
    for a in PROVIDER_HIGH_RISK {
        assert!(has(&o, a), "missing {a}");
        assert_eq!(obligation(&o, a).applies_from, "2028-08-02", "{a}");
    }
    assert!(
        !has(&o, "49(1)"),
        "registration in the EU database is for Annex III systems"
    );
    assert!(o.eu_registration.is_empty());
    assert!(!o.fria_required);
    assert_eq!(obligation(&o, "4").applies_from, "2025-02-02");
}

#[test]
fn annex_i_without_third_party_assessment_is_not_high_risk() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"],
        "annex_i": {"section": "A", "third_party_conformity": false}
    }));
    assert_eq!(o.category, Category::Minimal);
    assert!(explained(&o, "annex_i_without_third_party"));
}

#[test]
fn annex_i_section_b_is_high_risk_with_limited_applicability() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider", "deployer"],
        "annex_i": {"section": "B", "third_party_conformity": true},
        "transparency": ["interaction"]
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert_eq!(o.high_risk_route, Some(HighRiskRoute::AnnexI));
    assert!(o.obligations.is_empty(), "{:?}", articles(&o));
    assert!(o.transparency.is_empty());
    assert!(explained(&o, "section_b_limited_applicability"));
    assert!(explained(&o, "high_risk_annex_i_section_b"));
}

#[test]
fn annex_i_section_b_product_that_is_also_annex_iii_follows_annex_iii() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"],
        "annex_i": {"section": "B", "third_party_conformity": true}, "annex_iii": "5d",
        "public_authority": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert_eq!(o.high_risk_route, Some(HighRiskRoute::AnnexIii));
    assert!(has(&o, "26(1)") && has(&o, "27"));
}

#[test]
fn product_manufacturer_of_section_a_product_is_the_provider() {
    let o = classify(json!({
        "ai_system": true, "roles": ["product_manufacturer"],
        "annex_i": {"section": "A", "third_party_conformity": true}
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "43") && has(&o, "9"));
    assert_eq!(obligation(&o, "43").addressee, Role::Provider);
    assert!(explained(&o, "manufacturer_is_provider"));
}

// ---------------------------------------------------------------------------------------------
// Art. 27 reach
// ---------------------------------------------------------------------------------------------

#[test]
fn fria_for_private_entities_providing_public_services() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "3b", "public_service": true
    }));
    assert!(o.fria_required);
    assert!(has(&o, "27"));
    assert!(!has(&o, "49(3)"), "49(3) is for public authorities");
    assert!(!o.eu_registration.contains(&"49(3)".to_string()));
}

#[test]
fn fria_for_credit_scoring_and_insurance_even_when_private() {
    for point in ["5b", "5c"] {
        let o = classify(json!({
            "ai_system": true, "roles": ["deployer"], "annex_iii": point, "profiling": true
        }));
        assert_eq!(o.category, Category::HighRisk, "{point}");
        assert!(o.fria_required, "{point}");
        assert!(has(&o, "27"), "{point}");
        assert!(!has(&o, "49(3)"), "{point}");
    }
}

#[test]
fn no_fria_for_a_private_company_outside_5b_5c() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "4a", "profiling": true,
        "employer_use": true, "decisions_on_persons": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(!o.fria_required);
    assert!(!has(&o, "27"));
    assert!(has(&o, "86") && has(&o, "26(11)") && has(&o, "26(7)"));
}

#[test]
fn no_fria_for_a_provider_that_does_not_deploy() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "annex_iii": "5a", "profiling": true,
        "public_authority": true
    }));
    assert!(!o.fria_required);
    assert!(!has(&o, "27") && !has(&o, "26(1)"));
    assert!(has(&o, "49(1)"));
    assert_eq!(o.eu_registration, vec!["49(1)"]);
}

#[test]
fn no_fria_for_annex_i_systems() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "public_authority": true,
        "annex_i": {"section": "A", "third_party_conformity": true}
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(!o.fria_required);
    assert!(has(&o, "26(1)"));
    assert_eq!(obligation(&o, "26(1)").applies_from, "2028-08-02");
    assert!(!has(&o, "49(3)") && !has(&o, "86"));
}

// ---------------------------------------------------------------------------------------------
// Art. 25 role shifts
// ---------------------------------------------------------------------------------------------

#[test]
fn deployer_that_puts_its_name_on_a_high_risk_system_becomes_its_provider() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "role_shift": ["own_name"], "annex_iii": "5a",
        "profiling": true, "public_authority": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    for a in PROVIDER_HIGH_RISK {
        assert!(has(&o, a), "missing provider duty {a}");
    }
    assert!(has(&o, "49(1)"));
    assert!(has(&o, "26(1)") && has(&o, "27") && has(&o, "49(3)"));
    assert_eq!(obligation(&o, "43").addressee, Role::Provider);
    assert!(explained(&o, "role_shift_to_provider"));
}

#[test]
fn repurposing_a_gpai_system_for_benefit_decisions_makes_the_city_a_provider() {
    let o = classify(json!({
        "gpai": "system", "roles": ["deployer"], "role_shift": ["repurposed_high_risk"],
        "annex_iii": "5a", "profiling": true, "public_authority": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "43") && has(&o, "49(1)") && has(&o, "17"));
}

#[test]
fn role_shift_matters_only_for_high_risk_systems() {
    let o = classify(json!({
        "ai_system": true, "roles": ["distributor"], "role_shift": ["substantial_modification"]
    }));
    assert_eq!(o.category, Category::Minimal);
    assert!(o.obligations.is_empty(), "{:?}", articles(&o));
}

#[test]
fn importer_distributor_and_representative_duties() {
    let o = classify(json!({
        "ai_system": true, "roles": ["importer", "distributor", "authorised_representative"],
        "annex_iii": "4a"
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "23") && has(&o, "24") && has(&o, "22(3)"));
    assert!(!has(&o, "4"), "art. 4 binds providers and deployers");
    no_provider_duties(&o);
}

// ---------------------------------------------------------------------------------------------
// Art. 50
// ---------------------------------------------------------------------------------------------

#[test]
fn public_interest_text_with_editorial_control_has_no_duty() {
    let o = classify(json!({
        "ai_system": true, "gpai": "system", "roles": ["deployer"],
        "transparency": ["public_interest_text"], "human_editorial_control": true
    }));
    assert_eq!(o.category, Category::Minimal);
    assert!(o.transparency.is_empty());
    assert_eq!(articles(&o), vec!["4"]);
    assert!(explained(&o, "transparency_50_4_text_edited"));
}

#[test]
fn public_interest_text_without_editorial_control_is_the_deployers_50_4() {
    let o = classify(json!({
        "ai_system": true, "gpai": "system", "roles": ["deployer"],
        "transparency": ["public_interest_text", "synthetic_content"]
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(2)", "50(4)"]);
    assert!(has_id(&o, "deployer-disclose-ai-text"));
    assert_eq!(obligation(&o, "50(4)").applies_from, "2026-08-02");
    assert!(!has(&o, "50(2)"), "50(2) is the provider's duty");
}

#[test]
fn deep_fakes_are_disclosed_by_the_deployer_even_with_editorial_control() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "transparency": ["deep_fake"],
        "human_editorial_control": true
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(4)"]);
    assert!(has_id(&o, "deployer-disclose-deep-fake"));
}

#[test]
fn emotion_recognition_disclosure_is_the_deployers() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"],
        "transparency": ["emotion_or_biometric_categorisation"]
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(3)"]);
    assert_eq!(obligation(&o, "50(3)").addressee, Role::Deployer);
}

#[test]
fn chatbot_provider_has_50_1_and_50_2() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider", "deployer"],
        "transparency": ["interaction", "synthetic_content"]
    }));
    assert_eq!(o.category, Category::Limited);
    assert_eq!(o.transparency, vec!["50(1)", "50(2)"]);
    assert!(has(&o, "50(1)") && has(&o, "50(2)") && has(&o, "4"));
    assert_eq!(obligation(&o, "4").addressee, Role::Deployer);
    assert_eq!(obligation(&o, "50(1)").applies_from, "2026-08-02");
}

#[test]
fn high_risk_systems_carry_art_50_too() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider"], "annex_iii": "4a",
        "transparency": ["interaction"]
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert_eq!(o.transparency, vec!["50(1)"]);
    assert!(has(&o, "50(1)") && has(&o, "43"));
}

// ---------------------------------------------------------------------------------------------
// GPAI models
// ---------------------------------------------------------------------------------------------

#[test]
fn gpai_model_provider_without_systemic_risk() {
    let o = classify(json!({"gpai": "model", "roles": ["provider"], "systemic_risk": false}));
    assert_eq!(o.category, Category::GpaiModel);
    assert_eq!(
        articles(&o),
        vec!["53(1)(a)", "53(1)(b)", "53(1)(c)", "53(1)(d)"]
    );
    assert!(o.obligations.iter().all(|x| x.applies_from == "2025-08-02"));
}

#[test]
fn gpai_model_with_systemic_risk_adds_52_and_55() {
    let o = classify(json!({"gpai": "model", "roles": ["provider"], "systemic_risk": true}));
    for a in [
        "53(1)(a)", "53(1)(b)", "53(1)(c)", "53(1)(d)", "52(1)", "55(1)(a)", "55(1)(b)",
        "55(1)(c)", "55(1)(d)",
    ] {
        assert!(has(&o, a), "missing {a}");
    }
    assert!(explained(&o, "gpai_systemic_risk"));
}

#[test]
fn open_source_gpai_model_is_partly_exempt() {
    let o = classify(json!({
        "gpai": "model", "roles": ["provider"], "systemic_risk": false, "open_source": true
    }));
    assert_eq!(articles(&o), vec!["53(1)(c)", "53(1)(d)"]);
    assert!(explained(&o, "gpai_open_source_waiver"));
}

#[test]
fn open_source_exemption_does_not_cover_systemic_risk_models() {
    let o = classify(json!({
        "gpai": "model", "roles": ["provider"], "systemic_risk": true, "open_source": true
    }));
    assert!(has(&o, "53(1)(a)") && has(&o, "53(1)(b)") && has(&o, "55(1)(a)"));
    assert!(!explained(&o, "gpai_open_source_waiver"));
}

#[test]
fn gpai_model_provider_must_say_whether_there_is_systemic_risk() {
    let o = classify(json!({"gpai": "model", "roles": ["provider"]}));
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["systemic_risk"]);
}

#[test]
fn gpai_model_for_a_non_provider_needs_no_more_facts() {
    let o = classify(json!({"gpai": "model", "roles": ["deployer"]}));
    assert_eq!(o.category, Category::GpaiModel);
    assert!(o.obligations.is_empty());
    assert!(o.missing.is_empty());
}

#[test]
fn gpai_model_research_exclusion() {
    let o = classify(
        json!({"gpai": "model", "roles": ["provider"], "exclusion": "scientific_research"}),
    );
    assert_eq!(o.category, Category::Excluded);
    assert!(explained(&o, "excluded_model_scientific_research"));
    // The military exclusion of art. 2(3) is written for AI systems, not models.
    let o = classify(json!({
        "gpai": "model", "roles": ["provider"], "exclusion": "military_defence_security",
        "systemic_risk": false
    }));
    assert_eq!(o.category, Category::GpaiModel);
}

// ---------------------------------------------------------------------------------------------
// Incomplete facts
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_facts_ask_whether_it_is_an_ai_system() {
    let o = classify(json!({}));
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["ai_system"]);
    assert!(o.obligations.is_empty() && o.explanation.is_empty());
}

#[test]
fn roles_are_needed_for_the_obligations() {
    let o = classify(json!({"ai_system": true}));
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["roles"]);
    let o = classify(json!({"gpai": "system", "annex_iii": "5a"}));
    assert_eq!(o.category, Category::Incomplete);
    assert_eq!(o.missing, vec!["roles"], "a GPAI system is an AI system");
    let o = classify(json!({"ai_system": true, "prohibited_practices": ["e"]}));
    assert_eq!(o.missing, vec!["roles"]);
}

#[test]
fn an_organisation_without_roles_has_no_obligations() {
    let o = classify(json!({"ai_system": true, "roles": [], "annex_iii": "5a", "profiling": true}));
    assert_eq!(o.category, Category::HighRisk);
    assert!(o.obligations.is_empty());
    assert!(o.eu_registration.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Other details
// ---------------------------------------------------------------------------------------------

#[test]
fn remote_biometric_identification_by_a_public_authority_lists_26_10() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "1a", "public_authority": true
    }));
    assert_eq!(o.category, Category::HighRisk);
    assert!(has(&o, "26(10)"));
    assert!(o.fria_required);
}

#[test]
fn art_26_is_itemised_by_paragraph() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "1a", "profiling": true,
        "public_authority": true, "employer_use": true, "decisions_on_persons": true,
        "personal_data": true
    }));
    let paragraphs: Vec<&str> = articles(&o)
        .into_iter()
        .filter(|a| a.starts_with("26("))
        .collect();
    assert_eq!(
        paragraphs,
        vec![
            "26(1)", "26(2)", "26(4)", "26(5)", "26(6)", "26(7)", "26(8)", "26(9)", "26(10)",
            "26(11)", "26(12)"
        ]
    );
}

#[test]
fn provider_and_deployer_get_both_sets() {
    let o = classify(json!({
        "ai_system": true, "roles": ["provider", "deployer"], "annex_iii": "3a",
        "profiling": true, "public_authority": true
    }));
    assert!(has(&o, "43") && has(&o, "49(1)") && has(&o, "26(1)") && has(&o, "49(3)"));
    assert_eq!(
        o.obligations.iter().filter(|x| x.article == "4").count(),
        1,
        "art. 4 is listed once"
    );
    assert_eq!(o.eu_registration, vec!["49(1)", "49(3)"]);
}

#[test]
fn outcome_json_has_the_stable_field_names() {
    let o = classify(json!({
        "ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
        "public_authority": true
    }));
    let v = serde_json::to_value(&o).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "category",
        "missing",
        "high_risk_route",
        "annex_iii_derogated",
        "transparency",
        "fria_required",
        "eu_registration",
        "obligations",
        "explanation",
        "pack_version",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    assert_eq!(v["category"], "high_risk");
    assert_eq!(v["high_risk_route"], "annex_iii");
    let first = &v["obligations"][0];
    for key in [
        "id",
        "article",
        "addressee",
        "scope",
        "applies_from",
        "date_status",
        "title",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(first["date_status"], "in_force");
    assert!(first["title"]["fi"].as_str().is_some());
    assert!(first["title"]["sv"].as_str().is_some());
    assert!(first["title"]["en"].as_str().is_some());
    let step = &v["explanation"][0];
    for key in ["rule", "article", "text"] {
        assert!(step.get(key).is_some(), "{key}");
    }
    // Round trip.
    let back: Outcome = serde_json::from_value(v).unwrap();
    assert_eq!(back, o);

    let incomplete = serde_json::to_value(classify(json!({}))).unwrap();
    assert_eq!(incomplete["category"], "incomplete");
    assert_eq!(incomplete["missing"], json!(["ai_system"]));
    assert_eq!(incomplete["high_risk_route"], Value::Null);
}

#[test]
fn explanations_are_complete_in_three_languages() {
    let o = classify(json!({
        "ai_system": true, "gpai": "system", "roles": ["deployer"], "role_shift": ["own_name"],
        "annex_iii": "5b", "profiling": true, "transparency": ["interaction", "deep_fake"],
        "decisions_on_persons": true, "open_source": true
    }));
    assert!(o.explanation.len() >= 8, "{:?}", o.explanation);
    for step in &o.explanation {
        assert!(!step.rule.is_empty() && !step.article.is_empty());
        for lang in ["fi", "sv", "en"] {
            assert!(!step.text.get(lang).trim().is_empty());
        }
    }
}

#[test]
fn classification_is_deterministic() {
    let facts = json!({
        "ai_system": true, "roles": ["deployer", "provider"], "annex_iii": "5a",
        "profiling": true, "public_authority": true, "transparency": ["interaction"]
    });
    assert_eq!(classify(facts.clone()), classify(facts));
}
