//! The Eurocities algorithmic transparency standard v0.3.1 (the "Algorithm Register Metadata
//! Standard" of `Algoritmeregister/standard`, attribute list `_data/schema-v0_3_1.yaml`): one
//! flat object per record, in one language (`lang`).
//!
//! Its enumerations are coarser or different from aireg's: the AI Act category maps to
//! `risk_category` only for the four risk levels, the area of public services to `domain` as
//! listed in [`domain_of`], and a few required attributes (risks, proportionality, connected
//! data sources, objection procedure, the algorithm's `type`) have no field in aireg; they go
//! out empty or are left out, and the report says so.

use serde_json::{Map, Value, json};

use aireg_domain::classification::Category;
use aireg_domain::system::{AiSystem, AiTechnique, Lifecycle, OversightMode, Theme};

use super::{Facts, Report, fit};

/// The `domain` of an area of public services.
pub fn domain_of(t: Theme) -> &'static str {
    match t {
        Theme::GeneralPublicServices => "government",
        Theme::Defence => "defence",
        Theme::PublicOrderAndSafety => "public safety",
        Theme::EconomicAffairs => "economy and entrepreneurship",
        Theme::EnvironmentalProtection => "environment, spacial planning and water",
        Theme::HousingAndCommunityAmenities => "housing, living and living environment",
        Theme::Health => "health and health care",
        Theme::RecreationCultureAndReligion => "culture, sports and leisure",
        Theme::Education => "education and science",
        Theme::SocialProtection => "family, youth and households",
    }
}

/// The standard's `algorithm_type` of a technique: a model learnt from data is self-learning.
pub fn algorithm_type_of(t: AiTechnique) -> &'static str {
    match t {
        AiTechnique::RuleBased => "rule-based",
        AiTechnique::Hybrid => "hybrid",
        _ => "self-learning",
    }
}

/// The standard's `status` of a life-cycle state.
pub fn status_of(l: Lifecycle) -> &'static str {
    match l {
        Lifecycle::Idea => "planned",
        Lifecycle::Planning | Lifecycle::Procurement => "design",
        Lifecycle::Development => "development",
        Lifecycle::Pilot => "pilot",
        Lifecycle::InUse => "operational",
        Lifecycle::Suspended => "evaluation",
        Lifecycle::Retired => "retired",
    }
}

pub fn record(s: &AiSystem, facts: &Facts<'_>, report: &mut Report) -> Value {
    let r = &s.record;
    let lang = facts.lang_of(s);
    let text = |l: &aireg_domain::Localized| l.text(lang, &[]).to_string();
    let org = facts
        .org
        .map(|o| o.display_name(lang).to_string())
        .unwrap_or_default();
    let date = |d: time::Date| aireg_domain::clock::iso(d);
    let mut v = Map::new();
    let mut put = |k: &str, value: Value| {
        v.insert(k.to_string(), value);
    };
    put("name", json!(text(&r.name)));
    put(
        "description_short",
        json!(fit(report, "description_short", &text(&r.summary), 150)),
    );
    put("organization", json!(org));
    put("department", json!(org));
    put(
        "contact_email",
        json!(r.contact.email.clone().unwrap_or_default()),
    );
    if let Some(p) = &r.contact.phone {
        put("contact_phone", json!(p));
    }
    if let Some(n) = &r.contact.name {
        put("contact_name", json!(n));
    }
    put("area", json!(org));
    put(
        "domain",
        json!(match r.theme {
            Some(t) => domain_of(t),
            None => {
                report.note(
                    "domain",
                    "the record names no area of public services: generic",
                );
                "generic"
            }
        }),
    );
    put("website", json!(facts.page_url(s, lang)));
    put("status", json!(status_of(r.lifecycle)));
    put(
        "decision_making_process",
        json!(text(&r.description_public)),
    );
    put("goal", json!(text(&r.purpose)));
    put("impact", json!(text(&r.affected_groups)));
    match facts.category {
        Some(Category::HighRisk) => put("risk_category", json!("high risk")),
        Some(Category::Limited) => put("risk_category", json!("limited risk")),
        Some(Category::Minimal) => put("risk_category", json!("minimal risk")),
        Some(Category::Prohibited) => put("risk_category", json!("unacceptable")),
        _ => report.note(
            "risk_category",
            "no AI Act risk level (not classified, not an AI system, outside the Act or a model); left out",
        ),
    }
    put("lawful_basis", json!(text(&r.legal_basis)));
    put("source_data", json!(text(&r.data_description)));
    if let Some((_, d)) = facts.assessments.iter().find(|(t, _)| t == "dpia") {
        put(
            "DPIA_description",
            json!(format!("DPIA completed on {}", date(*d))),
        );
    }
    if let Some((_, d)) = facts.assessments.iter().find(|(t, _)| t == "fria") {
        put(
            "AIA_description",
            json!(format!(
                "Fundamental rights impact assessment completed on {}",
                date(*d)
            )),
        );
    }
    match r.ai_technique {
        Some(t) => put("algorithm_type", json!(algorithm_type_of(t))),
        None => report.note("algorithm_type", "the record names no technique; left out"),
    }
    put("description", json!(text(&r.description_public)));
    let technical = text(&r.description_technical);
    if !technical.is_empty() {
        put("methods_and_models", json!(technical));
    }
    put("monitoring", json!(text(&r.human_oversight)));
    put(
        "human_intervention",
        json!(match r.human_oversight_mode {
            Some(OversightMode::HumanInTheLoop) => "human in the loop",
            Some(OversightMode::HumanOnTheLoop) => "human on the loop",
            Some(OversightMode::HumanInCommand) => "human in command",
            Some(OversightMode::FullyAutomated) => "fully automated",
            None => "",
        }),
    );
    for key in [
        "risks",
        "proportionality",
        "training_data",
        "connected_data_sources",
        "objection_procedure",
    ] {
        put(key, json!(""));
        report.note(key, "aireg keeps no such field; left empty");
    }
    report.note("type", "aireg keeps no such field; left out");
    put("standard_version", json!("0.3.1"));
    put("uuid", json!(s.id.to_string()));
    put("lang", json!(lang.code()));
    let published = s.first_published_at.unwrap_or(s.updated_at).date();
    put("publication_date", json!(date(published)));
    put("last_change_date", json!(date(s.updated_at.date())));
    put(
        "revision_date",
        json!(date(r.next_review.unwrap_or(s.updated_at.date()))),
    );
    let keywords = r.keywords.get(lang).join(", ");
    if !keywords.is_empty() {
        put("keywords", json!(keywords));
    }
    report.note(
        "other languages",
        "the standard carries one language per record",
    );
    Value::Object(v)
}
