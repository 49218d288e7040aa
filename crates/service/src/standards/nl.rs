//! The Dutch algorithm register's publication standard 1.0: one object per record, valid
//! against MinBZK's `schema.json` (a copy is in `content/standards/nl-algoritmeregister/`).
//!
//! The standard is written for Dutch: `language` can only be `nld`. A record's texts go out in
//! one language (see [`Facts::lang_of`]) and the report says so. Fields aireg does not keep
//! (themes from the Dutch OWMS list, considerations, risk management) are required by the
//! schema; they go out empty and are reported.

use serde_json::{Value, json};

use aireg_domain::classification::Category;
use aireg_domain::system::{AiSystem, Lifecycle, Theme};

use super::{Facts, Report, fit};

pub fn record(s: &AiSystem, facts: &Facts<'_>, report: &mut Report) -> Value {
    let r = &s.record;
    let lang = facts.lang_of(s);
    let text = |l: &aireg_domain::Localized| l.text(lang, &[]).to_string();
    report.note(
        "language",
        "the standard allows only Dutch (nld); the texts are in the record's own language",
    );
    let status = match r.lifecycle {
        Lifecycle::InUse => "In gebruik",
        Lifecycle::Suspended | Lifecycle::Retired => "Buiten gebruik",
        _ => "In ontwikkeling",
    };
    let category = match facts.category {
        Some(Category::HighRisk) => "Hoog-risico AI-systeem (Categorie A)",
        _ if r.decisions_on_persons == Some(true) => "Impactvolle algoritmes (Categorie B)",
        _ => "Overige algoritmes (Categorie C)",
    };
    let month = |d: time::Date| format!("{:04}-{:02}", d.year(), u8::from(d.month()));
    let start = match (r.start_date, s.first_published_at) {
        (Some(d), _) => month(d),
        (None, Some(t)) => {
            report.note(
                "start_date",
                "no start date; the month of first publication used",
            );
            month(t.date())
        }
        (None, None) => {
            report.note("start_date", "no start date; the month of the export used");
            month(time::OffsetDateTime::now_utc().date())
        }
    };
    let contact = r
        .contact
        .email
        .clone()
        .or_else(|| facts.org.and_then(|o| o.website.clone()))
        .unwrap_or_else(|| facts.page_url(s, lang));
    let supplier = r.vendor.clone().unwrap_or_default();
    if supplier.is_empty() {
        report.note("supplier", "no vendor in the record; left empty");
    }
    // The register's own theme list (its `category`), which the schema's `theme` points to.
    let theme: Vec<&str> = match r.theme {
        Some(t) => vec![theme_of(t)],
        None => {
            report.note(
                "theme",
                "the record names no area of public services; left empty",
            );
            Vec::new()
        }
    };
    for field in ["considerations", "risk_management"] {
        report.note(field, "aireg keeps no such field; left empty");
    }
    report.note(
        "ai_act_category, personal_data, keywords, other languages",
        "the standard has no place for them",
    );
    let purpose = text(&r.purpose);
    if !r.affected_groups.is_empty() {
        report.note(
            "affected_groups",
            "the standard has no place of its own; left out",
        );
    }
    let assessments = facts
        .assessments
        .iter()
        .map(|(id, d)| format!("{} ({})", id.to_uppercase(), aireg_domain::clock::iso(*d)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut v = json!({
        "name": fit(report, "name", &text(&r.name), 99),
        "description_short": fit(report, "description_short", &text(&r.summary), 399),
        "organization": fit(
            report,
            "organization",
            facts.org.map(|o| o.display_name(lang)).unwrap_or(""),
            99,
        ),
        "theme": theme,
        "status": status,
        "start_date": start,
        "contact": contact,
        "link": facts.page_url(s, lang),
        "publication_category": category,
        "purpose_and_impact": fit(report, "purpose_and_impact", &purpose, 2499),
        "considerations": "",
        "human_intervention": fit(report, "human_intervention", &text(&r.human_oversight), 2499),
        "risk_management": "",
        "legal_basis": fit(report, "legal_basis", &text(&r.legal_basis), 2499),
        "impact_assessments": assessments,
        "data": fit(report, "data", &text(&r.data_description), 2499),
        "technical_operation": fit(
            report,
            "technical_operation",
            &text(&r.description_technical),
            4999,
        ),
        "supplier": fit(report, "supplier", &supplier, 199),
        "language": "nld",
        "schema": "1.0.0",
        "source_id": s.id.to_string(),
    });
    if let Some(end) = r.end_date {
        v["end_date"] = json!(month(end));
    }
    v
}

/// The Dutch register's theme (its `category` list) of an area of public services.
pub fn theme_of(t: Theme) -> &'static str {
    match t {
        Theme::GeneralPublicServices => "Organisatie en bedrijfsvoering",
        Theme::Defence | Theme::PublicOrderAndSafety => "Openbare orde en veiligheid",
        Theme::EconomicAffairs => "Economie",
        Theme::EnvironmentalProtection => "Natuur en milieu",
        Theme::HousingAndCommunityAmenities => "Wonen",
        Theme::Health => "Zorg en gezondheid",
        Theme::RecreationCultureAndReligion => "Cultuur en recreatie",
        Theme::Education => "Onderwijs en wetenschap",
        Theme::SocialProtection => "Sociale zekerheid",
    }
}

/// The area of public services of a Dutch theme, where one fits.
pub fn theme_from(s: &str) -> Option<Theme> {
    Some(match s {
        "Organisatie en bedrijfsvoering" | "Overheidsfinanciën" | "Internationaal" => {
            Theme::GeneralPublicServices
        }
        "Openbare orde en veiligheid" | "Recht" => Theme::PublicOrderAndSafety,
        "Economie" | "Verkeer" | "Werk" | "Ruimte en infrastructuur" => Theme::EconomicAffairs,
        "Natuur en milieu" => Theme::EnvironmentalProtection,
        "Wonen" => Theme::HousingAndCommunityAmenities,
        "Zorg en gezondheid" => Theme::Health,
        "Cultuur en recreatie" => Theme::RecreationCultureAndReligion,
        "Onderwijs en wetenschap" => Theme::Education,
        "Sociale zekerheid" | "Migratie en integratie" => Theme::SocialProtection,
        _ => return None,
    })
}
