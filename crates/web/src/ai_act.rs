//! The AI Act content pack as the pages and the API show it: an outcome laid out for
//! reading, and what the public register shows of a classification.

use serde::Serialize;
use serde_json::Value;
use time::Date;

use aireg_domain::classification::ClassificationRun;
use aireg_domain::{Lang, Localized};
use aireg_rules::ai_act::{Category, Outcome, Pack, Scope};

use crate::error::AppError;
use crate::format;
use crate::i18n::Tr;

pub use aireg_service::approvals::localized;

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(
        s,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// The current classification runs of a page of records, in one query.
pub async fn current_runs(
    state: &crate::state::AppState,
    scope: &aireg_domain::policy::ReadScope,
    systems: &[aireg_domain::system::AiSystem],
) -> Result<Vec<ClassificationRun>, AppError> {
    let ids: Vec<aireg_domain::SystemId> = systems.iter().map(|s| s.id).collect();
    Ok(state
        .store
        .current_classifications(scope, Some(&ids))
        .await?)
}

pub use aireg_service::governance::outcome_of;

/// The Annex III point of a run's facts, if any.
pub fn annex_iii_code(facts: &Value) -> Option<String> {
    facts
        .get("annex_iii")
        .and_then(Value::as_str)
        .map(String::from)
}

/// An obligation for reading.
pub struct ObligationView {
    pub article: String,
    pub title: String,
    pub applies_from: String,
    pub date_status: String,
    pub addressee: String,
    pub organisation_level: bool,
}

/// An outcome for reading.
pub struct OutcomeView {
    pub category_code: &'static str,
    pub category: String,
    pub category_lead: String,
    pub high_risk: bool,
    pub route: Option<String>,
    pub annex_iii: Option<String>,
    pub derogated: bool,
    pub transparency: Vec<String>,
    pub fria: bool,
    pub registrations: Vec<String>,
    pub missing: Vec<String>,
    pub obligations: Vec<ObligationView>,
    pub explanation: Vec<(String, String)>,
    pub pack_version: String,
    pub disclaimer: String,
}

/// The plain-language name of an Annex III point: "Area: point (reference)", the reference
/// cited as the page's language cites law.
pub fn annex_iii_name(pack: &Pack, code: &str, lang: Lang) -> Option<String> {
    let p = pack.annex_iii_point(code)?;
    Some(format!(
        "{}: {} ({})",
        p.area_name.get(lang.code()),
        p.name.get(lang.code()),
        annex_iii_reference(&Tr::new(lang), &p.code)
    ))
}

/// "Annex III, point 5(a)" in the reader's language, from the point's code (`5a`, `2`).
pub fn annex_iii_reference(t: &Tr, code: &str) -> String {
    let number: String = code.chars().take_while(char::is_ascii_digit).collect();
    let letter: String = code.chars().skip(number.len()).collect();
    if letter.is_empty() {
        t.get1("annex-iii-point", "number", number)
    } else {
        t.get2("annex-iii-point-letter", "number", number, "letter", letter)
    }
}

pub fn transparency_label(t: &Tr, paragraph: &str) -> String {
    let id = format!(
        "transparency-{}",
        paragraph
            .replace(['(', ')'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
    );
    t.get(&id)
}

pub fn outcome_view(pack: &Pack, outcome: &Outcome, facts: &Value, t: &Tr) -> OutcomeView {
    let lang = t.lang.code();
    let fact_label = |key: &str| {
        pack.fact_def(key)
            .map(|d| d.label.get(lang).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    OutcomeView {
        category_code: outcome.category.as_str(),
        category: t.get(&outcome.category.message_id()),
        category_lead: t.get(&format!("{}-lead", outcome.category.message_id())),
        high_risk: outcome.category == Category::HighRisk,
        route: outcome
            .high_risk_route
            .map(|r| t.get(&format!("route-{}", r.as_str().replace('_', "-")))),
        annex_iii: annex_iii_code(facts).and_then(|c| annex_iii_name(pack, &c, t.lang)),
        derogated: outcome.annex_iii_derogated,
        transparency: outcome
            .transparency
            .iter()
            .map(|p| transparency_label(t, p))
            .collect(),
        fria: outcome.fria_required,
        registrations: outcome.eu_registration.clone(),
        missing: outcome.missing.iter().map(|k| fact_label(k)).collect(),
        obligations: outcome
            .obligations
            .iter()
            .map(|o| ObligationView {
                article: o.article.clone(),
                title: o.title.get(lang).to_string(),
                applies_from: parse_date(&o.applies_from)
                    .map(|d| format::date(d, t.lang))
                    .unwrap_or_else(|| o.applies_from.clone()),
                date_status: t.get(&format!(
                    "date-status-{}",
                    o.date_status.as_str().replace('_', "-")
                )),
                addressee: t.get(&format!(
                    "ai-role-{}",
                    o.addressee.as_str().replace('_', "-")
                )),
                organisation_level: o.scope == Scope::Organisation,
            })
            .collect(),
        explanation: outcome
            .explanation
            .iter()
            .map(|s| (s.article.clone(), s.text.get(lang).to_string()))
            .collect(),
        pack_version: outcome.pack_version.clone(),
        disclaimer: pack.meta().disclaimer.get(lang).to_string(),
    }
}

/// What the public register shows of a record's classification.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicClassification {
    /// `not_ai`, `excluded`, `prohibited`, `high_risk`, `limited`, `minimal`, `gpai_model` or
    /// `incomplete`. "High-risk" is a legal category of the AI Act, not a measure of risk.
    pub category: String,
    /// `annex_i` or `annex_iii` for a high-risk system.
    pub high_risk_route: Option<String>,
    /// The Annex III point, e.g. `5a`, with its area and name in plain language.
    pub annex_iii: Option<AnnexIiiRef>,
    /// The paragraphs of art. 50 (transparency) that apply, e.g. `50(1)`.
    pub transparency: Vec<String>,
    pub pack_version: String,
    #[serde(with = "time::serde::rfc3339")]
    pub classified_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnnexIiiRef {
    pub code: String,
    pub reference: String,
    pub area: Localized,
    pub name: Localized,
}

pub fn public_classification(pack: &Pack, run: &ClassificationRun) -> Option<PublicClassification> {
    let outcome = outcome_of(run)?;
    Some(PublicClassification {
        category: outcome.category.as_str().to_string(),
        high_risk_route: outcome.high_risk_route.map(|r| r.as_str().to_string()),
        annex_iii: annex_iii_code(&run.facts).and_then(|c| {
            let p = pack.annex_iii_point(&c)?;
            Some(AnnexIiiRef {
                code: p.code.clone(),
                reference: p.reference.clone(),
                area: localized(&p.area_name),
                name: localized(&p.name),
            })
        }),
        transparency: outcome.transparency.clone(),
        pack_version: run.pack_version.clone(),
        classified_at: run.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obligations_become_specs_and_every_label_exists() {
        let pack = Pack::embedded().unwrap();
        let facts = aireg_rules::ai_act::Facts::from_json(&serde_json::json!({
            "ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
            "public_authority": true, "decisions_on_persons": true, "personal_data": true,
            "transparency": ["interaction"]
        }))
        .unwrap();
        let outcome = pack.classify(&facts);
        let s = aireg_service::classification::specs(&outcome);
        assert_eq!(s.len(), outcome.obligations.len());
        assert!(s.iter().any(|o| o.article == "4" && o.organisation_level));
        assert!(s.iter().any(|o| o.article == "27" && !o.organisation_level));
        for lang in Lang::ALL {
            let t = Tr::new(lang);
            let v = outcome_view(pack, &outcome, &facts.to_json(), &t);
            assert!(v.high_risk);
            assert!(v.annex_iii.is_some());
            for text in [&v.category, &v.category_lead]
                .into_iter()
                .chain(v.transparency.iter())
                .chain(v.obligations.iter().map(|o| &o.date_status))
                .chain(v.obligations.iter().map(|o| &o.addressee))
            {
                assert!(
                    !text.starts_with("category-")
                        && !text.starts_with("transparency-")
                        && !text.starts_with("date-status-")
                        && !text.starts_with("ai-role-"),
                    "{lang}: missing message {text}"
                );
            }
        }
    }
}
