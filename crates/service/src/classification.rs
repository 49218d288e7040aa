//! AI Act classification of a record: facts (from the questionnaire's answers or sent by a
//! program) go through the content pack's engine; the run is stored with the pack version it
//! used, and the obligations of the outcome become items the organisation tracks. A new pack
//! version is applied to the stored facts of an organisation's records.

use std::collections::BTreeMap;

use serde_json::Value;
use time::Date;

use aireg_domain::classification::{ClassificationRun, ObligationSpec, RunSource};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::validation::{FieldError, Problem};
use aireg_domain::{OrgId, SystemId};
use aireg_rules::ai_act::{Facts, Outcome, Pack, Scope};
use aireg_store::{Classification, NewClassificationRun};

use crate::approvals::localized;
use crate::{ServiceError, ServiceResult, Services};

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(
        s,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// The obligations of an outcome, as items to track.
pub fn specs(outcome: &Outcome) -> Vec<ObligationSpec> {
    outcome
        .obligations
        .iter()
        .filter_map(|o| {
            Some(ObligationSpec {
                obligation_id: o.id.clone(),
                article: o.article.clone(),
                title: localized(&o.title),
                applies_from: parse_date(&o.applies_from)?,
                date_status: o.date_status.as_str().to_string(),
                organisation_level: o.scope == Scope::Organisation,
            })
        })
        .collect()
}

/// A run to store: the facts' outcome with `pack`, and the outcome.
pub fn new_run(
    pack: &Pack,
    system: SystemId,
    facts: &Facts,
    answers: BTreeMap<String, Value>,
    justifications: BTreeMap<String, String>,
    source: RunSource,
) -> ServiceResult<(NewClassificationRun, Outcome)> {
    let outcome = pack.classify(facts);
    let run = NewClassificationRun {
        system_id: system,
        pack_version: pack.version().to_string(),
        answers,
        justifications,
        facts: facts.to_json(),
        outcome: serde_json::to_value(&outcome)
            .map_err(|e| ServiceError::Internal(format!("an outcome as JSON: {e}")))?,
        category: outcome.category,
        source,
    };
    Ok((run, outcome))
}

/// A stored run re-classified with the current pack. `None`: its facts no longer read under
/// this pack, or they no longer suffice (the pack asks for more): the record needs a new
/// classification by a person, and applying the pack leaves it as it is.
pub struct Rerun {
    pub run: ClassificationRun,
    pub outcome: Option<Outcome>,
}

impl Services {
    /// Classifies a record from `facts` and stores the run; its obligations follow. An
    /// outcome that is still incomplete is refused naming the facts it needs (`facts.<key>`).
    pub async fn classify_record(
        &self,
        actor: &Actor,
        system: SystemId,
        facts: &Facts,
        answers: BTreeMap<String, Value>,
        justifications: BTreeMap<String, String>,
        source: RunSource,
    ) -> ServiceResult<ClassificationRun> {
        let system = self.readable(actor, system).await?;
        let permit = authorize(actor, Action::EditSystem, Resource::system(&system))?;
        let pack = &self.content().ai_act;
        let (new, outcome) = new_run(pack, system.id, facts, answers, justifications, source)?;
        if !outcome.category.is_complete() {
            return Err(ServiceError::Invalid(
                outcome
                    .missing
                    .iter()
                    .map(|k| FieldError::new(format!("facts.{k}"), Problem::Required))
                    .collect(),
            ));
        }
        let run = self
            .store()
            .save_classification(&permit, new, specs(&outcome))
            .await?;
        // A new category can ask more of a system already in use.
        self.ask_what_an_edit_made_missing(actor, &permit, system)
            .await;
        Ok(run)
    }

    /// The current runs the actor may read that were made with another pack version,
    /// re-classified from their facts: what applying the current pack would change. At most
    /// `limit` (by record id), with how many records of each organisation have one.
    pub async fn stale_classifications(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> ServiceResult<(Vec<Rerun>, Vec<(OrgId, i64)>)> {
        let pack = &self.content().ai_act;
        let scope = ReadScope::for_actor(actor);
        let store = self.store();
        let runs = store
            .runs_of_other_versions(&scope, pack.version(), None, None, limit)
            .await?;
        let counts = store
            .count_runs_of_other_versions(&scope, pack.version())
            .await?;
        Ok((
            runs.into_iter().map(|run| rerun(pack, run)).collect(),
            counts,
        ))
    }

    /// Applies the current pack to the records of `org` (and those below it) classified with
    /// another version: a new run each (source `pack_update`) with the stored answers,
    /// justifications and facts, saved [`PACK_UPDATE_BATCH`] to a transaction. Runs the pack
    /// cannot re-classify wait for a person. One request does at most about
    /// [`PACK_UPDATE_AT_MOST`] (a request has 30 seconds); returns how many records were
    /// classified again and how many of the organisation's still have a run of another
    /// version (left for another round, or for a person).
    pub async fn apply_pack_update(
        &self,
        actor: &Actor,
        org: OrgId,
    ) -> ServiceResult<(usize, usize)> {
        authorize(actor, Action::ApplyPackUpdate, Resource::Org(org))?;
        let store = self.store();
        let tree = store.org_tree().await?;
        let within: Vec<OrgId> = tree.descendants_and_self(org).into_iter().collect();
        let scope = ReadScope::for_actor(actor);
        let pack = &self.content().ai_act;
        let (mut applied, mut after) = (0, None);
        while applied < PACK_UPDATE_AT_MOST {
            let page = store
                .runs_of_other_versions(
                    &scope,
                    pack.version(),
                    Some(&within),
                    after,
                    PACK_UPDATE_BATCH,
                )
                .await?;
            let Some(last) = page.last() else { break };
            after = Some(last.system_id);
            let ids: Vec<SystemId> = page.iter().map(|r| r.system_id).collect();
            let systems = store.systems_by_id(&scope, &ids).await?;
            let mut batch = Vec::with_capacity(page.len());
            for r in page {
                let Some(system) = systems.get(&r.system_id) else {
                    continue;
                };
                let Rerun {
                    run,
                    outcome: Some(outcome),
                } = rerun(pack, r)
                else {
                    continue;
                };
                let permit = authorize(actor, Action::EditSystem, Resource::system(system))?;
                let facts = Facts::from_json(&run.facts)
                    .map_err(|e| ServiceError::Internal(format!("stored facts: {e}")))?;
                let (new, _) = new_run(
                    pack,
                    run.system_id,
                    &facts,
                    run.answers,
                    run.justifications,
                    RunSource::PackUpdate,
                )?;
                batch.push(Classification {
                    permit,
                    run: new,
                    obligations: specs(&outcome),
                });
            }
            applied += store.save_classifications(batch).await?.len();
        }
        let left = store
            .count_runs_of_other_versions(&scope, pack.version())
            .await?
            .into_iter()
            .filter(|(o, _)| within.contains(o))
            .map(|(_, n)| usize::try_from(n).unwrap_or(0))
            .sum();
        Ok((applied, left))
    }
}

/// How many runs a pack update saves in one transaction (each moves the public counts of its
/// record, and PostgreSQL slows down on a row updated many times in one transaction).
pub const PACK_UPDATE_BATCH: i64 = 100;

/// How many records one request of a pack update classifies again, at most.
pub const PACK_UPDATE_AT_MOST: usize = 5_000;

/// A current run with what the current pack makes of its facts (`None`: it cannot decide).
fn rerun(pack: &Pack, run: ClassificationRun) -> Rerun {
    let outcome = Facts::from_json(&run.facts)
        .ok()
        .map(|facts| pack.classify(&facts))
        .filter(|o| o.category.is_complete());
    Rerun { run, outcome }
}
