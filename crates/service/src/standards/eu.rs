//! What a public-authority deployer registers in the EU database for a high-risk AI system
//! (AI Act art. 49(3), Annex VIII section C), ready to copy into the database's forms. The
//! database has no published exchange format, so the keys name the Annex's points.
//!
//! Only records classified high-risk are exported (Annex III point 2 systems are registered
//! nationally, art. 49(5), and are left out). What aireg cannot fill in (the deployer's postal
//! address, who submits, the findings of the assessments, which stay internal) is left empty
//! and reported.

use serde_json::{Value, json};

use aireg_domain::classification::Category;
use aireg_domain::system::AiSystem;

use super::{Facts, Report};

pub fn record(s: &AiSystem, facts: &Facts<'_>, report: &mut Report) -> Option<Value> {
    if facts.category != Some(Category::HighRisk) {
        return None;
    }
    let r = &s.record;
    let lang = facts.lang_of(s);
    let org = facts.org?;
    report.note(
        "C1 deployer address",
        "aireg keeps no postal address; fill it in",
    );
    report.note(
        "C2 submitted by",
        "the person who submits is chosen at registration; fill it in",
    );
    let provider_entry = r
        .eu_registration
        .clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    if provider_entry.is_none() {
        report.note(
            "C3 provider's entry",
            "the record has no address of the provider's EU database entry",
        );
    }
    let done = |template: &str| {
        facts
            .assessments
            .iter()
            .find(|(t, _)| t == template)
            .map(|(_, d)| aireg_domain::clock::iso(*d))
    };
    let fria = done("fria");
    let dpia = done("dpia");
    if fria.is_none() {
        report.note(
            "C4 FRIA",
            "no completed fundamental rights impact assessment",
        );
    }
    report.note(
        "C4/C5 summaries",
        "the findings of the assessments are internal; write their summaries",
    );
    Some(json!({
        "annex": "VIII, section C (AI Act art. 49(3))",
        "record": s.id.to_string(),
        "record_url": facts.page_url(s, lang),
        "system": r.name.text(lang, &org.languages),
        "c1_deployer": {
            "name": org.display_name(lang),
            "business_id": org.business_id,
            "address": null,
            "contact_email": r.contact.email,
            "contact_phone": r.contact.phone,
            "website": org.website,
        },
        "c2_submitted_by": null,
        "c3_provider_entry_url": provider_entry,
        "c4_fria": {"completed_on": fria, "summary": null},
        "c5_dpia": {
            "applies": r.personal_data,
            "completed_on": dpia,
            "summary": null,
        },
    }))
}
