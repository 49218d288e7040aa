//! The AI Act content pack: its version and changes, what a new version would change in the
//! stored classifications (a dry run), and applying it.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use aireg_domain::classification::diff_obligations;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::{OrgId, SystemId};
use aireg_rules::ai_act::Outcome;

use super::{Chrome, LangText, PageLang, render, see_other};
use crate::ai_act;
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::StaffForm;
use crate::state::AppState;

struct DryRunRow {
    system: LangText,
    href: String,
    org: String,
    old_version: String,
    category: String,
    changes: Vec<String>,
}

struct ApplyTarget {
    slug: String,
    name: String,
}

#[derive(Template)]
#[template(path = "pack.html")]
struct PackPage {
    c: Chrome,
    title: String,
    version: String,
    law_as_of: String,
    source: String,
    disclaimer: String,
    changelog: Vec<(String, String, String)>,
    rows: Vec<DryRunRow>,
    /// How many records have a run of another version (the rows are the first of them).
    total: i64,
    most_per_apply: usize,
    apply: Vec<ApplyTarget>,
}

fn obligation_dates(o: &Outcome) -> Vec<(String, String)> {
    o.obligations
        .iter()
        .map(|x| (x.id.clone(), x.applies_from.clone()))
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let pack = &state.services.content().ai_act;
    let t = lang.tr();
    let code = t.code();
    let meta = pack.meta();
    let orgs = state.store.organisations().await?;
    let scope = ReadScope::for_actor(&staff.actor);
    let mut rows = Vec::new();
    let (stale, counts) = state
        .services
        .stale_classifications(&staff.actor, i64::from(super::LIST_MAX))
        .await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    // Every organisation with such records, also those beyond the rows shown.
    let targets: Vec<OrgId> = counts
        .iter()
        .map(|(org, _)| *org)
        .filter(|org| can(&staff.actor, Action::ApplyPackUpdate, Resource::Org(*org)))
        .collect();
    let ids: Vec<SystemId> = stale.iter().map(|r| r.run.system_id).collect();
    let systems = state.store.systems_by_id(&scope, &ids).await?;
    for r in stale {
        let Some(system) = systems.get(&r.run.system_id) else {
            continue;
        };
        let org = orgs.iter().find(|o| o.id == system.org_id);
        let old = ai_act::outcome_of(&r.run);
        let Some(outcome) = &r.outcome else {
            rows.push(DryRunRow {
                system: LangText::of(
                    &system.record.name,
                    lang.0,
                    org.map(|o| o.languages.as_slice()).unwrap_or(&[]),
                ),
                href: format!("/{}/staff/systems/{}/classify", lang.code(), system.id),
                org: org
                    .map(|o| o.display_name(lang.0).to_string())
                    .unwrap_or_default(),
                old_version: r.run.pack_version.clone(),
                category: old
                    .map(|o| t.get(&o.category.message_id()))
                    .unwrap_or_default(),
                changes: vec![t.get("pack-reclassify")],
            });
            continue;
        };
        let diff = diff_obligations(
            &old.as_ref().map(obligation_dates).unwrap_or_default(),
            &obligation_dates(outcome),
        );
        let mut changes = Vec::new();
        if !diff.added.is_empty() {
            changes.push(t.get1("pack-added", "list", diff.added.join(", ")));
        }
        if !diff.removed.is_empty() {
            changes.push(t.get1("pack-removed", "list", diff.removed.join(", ")));
        }
        if !diff.redated.is_empty() {
            let list = diff
                .redated
                .iter()
                .map(|(id, from, to)| format!("{id} {from} → {to}"))
                .collect::<Vec<_>>()
                .join(", ");
            changes.push(t.get1("pack-redated", "list", list));
        }
        if changes.is_empty() {
            changes.push(t.get("pack-unchanged"));
        }
        let new_category = t.get(&outcome.category.message_id());
        let category = match old.map(|o| o.category) {
            Some(c) if c != outcome.category => {
                format!("{} → {new_category}", t.get(&c.message_id()))
            }
            _ => new_category,
        };
        rows.push(DryRunRow {
            system: LangText::of(
                &system.record.name,
                lang.0,
                org.map(|o| o.languages.as_slice()).unwrap_or(&[]),
            ),
            href: format!(
                "/{}/staff/systems/{}/classification",
                lang.code(),
                system.id
            ),
            org: org
                .map(|o| o.display_name(lang.0).to_string())
                .unwrap_or_default(),
            old_version: r.run.pack_version.clone(),
            category,
            changes,
        });
    }
    let apply = targets
        .iter()
        .filter_map(|id| orgs.iter().find(|o| o.id == *id))
        .map(|o| ApplyTarget {
            slug: o.slug.clone(),
            name: o.display_name(lang.0).to_string(),
        })
        .collect();
    render(&PackPage {
        c: Chrome::new(lang.0, &uri, "dashboard", Some(&staff)),
        title: meta.title.get(code).to_string(),
        version: meta.version.clone(),
        law_as_of: meta.law_as_of.clone(),
        source: meta.legal_source.get(code).to_string(),
        disclaimer: meta.disclaimer.get(code).to_string(),
        changelog: meta
            .changelog
            .iter()
            .map(|c| {
                (
                    c.version.clone(),
                    c.date.clone(),
                    c.text.get(code).to_string(),
                )
            })
            .collect(),
        rows,
        total,
        most_per_apply: aireg_service::classification::PACK_UPDATE_AT_MOST,
        apply,
    })
}

/// Applies the current pack to one organisation's records classified with another version: a
/// new run each (source `pack_update`), with the stored answers, justifications and facts.
pub async fn apply(
    State(state): State<AppState>,
    lang: PageLang,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = state
        .store
        .organisation_by_slug(form.get("org"))
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .services
        .apply_pack_update(&staff.actor, org.id)
        .await?;
    Ok(see_other(&format!(
        "/{}/staff/ai-act?done=pack-applied",
        lang.code()
    )))
}
