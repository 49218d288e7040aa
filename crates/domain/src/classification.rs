//! AI Act classification runs and the obligations they put on an organisation.
//!
//! The law itself lives in the AI Act content pack (`content/ai-act`, `aireg-rules`); the domain
//! keeps what an organisation did with it: each run's answers, justifications, facts and
//! outcome, immutable, and the obligations that follow as items someone is responsible for.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, OffsetDateTime};

use crate::clock::iso_date;
use crate::system::Link;
use crate::validation::{Errors, FieldError, Problem, is_http_url};
use crate::{Localized, OrgId, SystemId, UserId};

/// Identifies a classification run.
pub type RunId = uuid::Uuid;
/// Identifies a tracked obligation.
pub type ObligationItemId = uuid::Uuid;

string_enum! {
    /// How a run came about.
    pub enum RunSource: "run-source" {
        /// A person answered the questionnaire.
        Questionnaire = "questionnaire",
        /// A program sent the facts through the API.
        Api = "api",
        /// An administrator applied a new version of the content pack to the stored facts.
        PackUpdate = "pack_update",
        /// The facts came with imported records (the demo data, an import file).
        Import = "import",
    }
}

string_enum! {
    /// The outcome category of an AI Act classification. "High-risk" is a legal category of the
    /// Act, not a measure of risk; `incomplete` means a fact that would decide it is not known.
    pub enum Category: "category" {
        NotAi = "not_ai",
        Excluded = "excluded",
        Prohibited = "prohibited",
        HighRisk = "high_risk",
        Limited = "limited",
        Minimal = "minimal",
        GpaiModel = "gpai_model",
        Incomplete = "incomplete",
    }
}

impl Category {
    /// Whether the classification reached a category.
    pub fn is_complete(self) -> bool {
        self != Category::Incomplete
    }
}

/// One classification of one record, as it was made. Never changed afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationRun {
    pub id: RunId,
    pub system_id: SystemId,
    pub org_id: OrgId,
    /// The content pack version the outcome was computed with.
    pub pack_version: String,
    /// Questionnaire answers by question id (empty for runs made from facts).
    pub answers: BTreeMap<String, Value>,
    /// The person's justification for each answer, by question id.
    pub justifications: BTreeMap<String, String>,
    /// The facts the outcome was computed from.
    pub facts: Value,
    /// The engine's outcome, as JSON (its format is the content pack engine's).
    pub outcome: Value,
    /// The outcome's category, kept apart for lists and the public register.
    pub category: Category,
    pub source: RunSource,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
}

/// The longest justification kept for one answer.
pub const MAX_JUSTIFICATION: usize = 5000;

/// Checks the lengths of justifications.
pub fn check_justifications(j: &BTreeMap<String, String>) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::new();
    for (q, text) in j {
        e.max_len(format!("justifications.{q}"), text, MAX_JUSTIFICATION);
    }
    e.into_result()
}

/// An obligation as the content pack states it for one record (or the organisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationSpec {
    /// The pack's obligation id, e.g. `deployer-log-retention`.
    pub obligation_id: String,
    /// Article and paragraph, e.g. `26(6)`.
    pub article: String,
    pub title: Localized,
    pub applies_from: Date,
    /// `in_force`, `adopted_not_in_oj` or `proposed`.
    pub date_status: String,
    /// Attaches to the organisation (art. 4 AI literacy) rather than to the record.
    pub organisation_level: bool,
}

string_enum! {
    /// Where the organisation is with an obligation.
    pub enum ObligationStatus: "obligation-status" {
        Todo = "todo",
        InProgress = "in_progress",
        Done = "done",
        NotApplicable = "not_applicable",
    }
}

/// An obligation the organisation tracks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedObligation {
    pub id: ObligationItemId,
    pub org_id: OrgId,
    /// `None` for organisation-level obligations.
    pub system_id: Option<SystemId>,
    pub obligation_id: String,
    pub article: String,
    pub title: Localized,
    /// When the duty applies; the item is due then.
    #[serde(with = "iso_date")]
    pub applies_from: Date,
    pub date_status: String,
    pub status: ObligationStatus,
    /// Why it does not apply (required with `not_applicable`).
    pub reason: Option<String>,
    pub responsible: Option<UserId>,
    pub evidence: Vec<Link>,
    /// False when the latest classification no longer gives this obligation; kept for the
    /// record of what was done.
    pub active: bool,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl TrackedObligation {
    /// Open: active and neither done nor set aside.
    pub fn is_open(&self) -> bool {
        self.active
            && matches!(
                self.status,
                ObligationStatus::Todo | ObligationStatus::InProgress
            )
    }

    /// Open and its date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.applies_from < today
    }
}

/// A change to an obligation's tracking, from a person.
#[derive(Debug, Clone, PartialEq)]
pub struct ObligationUpdate {
    pub status: ObligationStatus,
    pub reason: Option<String>,
    pub responsible: Option<UserId>,
    pub evidence: Vec<Link>,
}

impl ObligationUpdate {
    /// A reason is needed to set an obligation aside; evidence links must be web addresses.
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::new();
        self.reason = self
            .reason
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        if self.status == ObligationStatus::NotApplicable && self.reason.is_none() {
            e.add("reason", Problem::Required);
        }
        if let Some(r) = &self.reason {
            e.max_len("reason", r, 5000);
        }
        self.evidence
            .retain(|l| !(l.title.trim().is_empty() && l.url.trim().is_empty()));
        if self.evidence.len() > crate::system::MAX_LINKS {
            e.add(
                "evidence",
                Problem::TooMany {
                    max: crate::system::MAX_LINKS,
                },
            );
        }
        for (i, l) in self.evidence.iter_mut().enumerate() {
            l.title = l.title.trim().to_string();
            l.url = l.url.trim().to_string();
            if l.title.is_empty() {
                e.add(format!("evidence[{i}].title"), Problem::Required);
            }
            e.max_len(format!("evidence[{i}].title"), &l.title, 200);
            if !is_http_url(&l.url) {
                e.add(format!("evidence[{i}].url"), Problem::InvalidUrl);
            }
        }
        e.into_result().map(|()| self)
    }
}

/// What a new classification changes in the tracked obligations of one subject (a record, or
/// the organisation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    /// Obligations not tracked yet.
    pub add: Vec<ObligationSpec>,
    /// Tracked ones whose date, status or wording changed (item id, new spec).
    pub update: Vec<(ObligationItemId, ObligationSpec)>,
    /// Tracked ones that came back (item id, spec).
    pub reactivate: Vec<(ObligationItemId, ObligationSpec)>,
    /// Tracked ones the new outcome no longer gives.
    pub deactivate: Vec<ObligationItemId>,
}

/// Plans the sync of `current` items with the `wanted` obligations. With `keep_missing` (the
/// organisation's own obligations, which one record's classification cannot end), nothing is
/// deactivated.
pub fn plan_sync(
    current: &[TrackedObligation],
    wanted: &[ObligationSpec],
    keep_missing: bool,
) -> SyncPlan {
    let mut plan = SyncPlan::default();
    let wanted_ids: BTreeSet<&str> = wanted.iter().map(|w| w.obligation_id.as_str()).collect();
    for w in wanted {
        match current.iter().find(|c| c.obligation_id == w.obligation_id) {
            None => plan.add.push(w.clone()),
            Some(c) if !c.active => plan.reactivate.push((c.id, w.clone())),
            Some(c)
                if c.applies_from != w.applies_from
                    || c.date_status != w.date_status
                    || c.article != w.article
                    || c.title != w.title =>
            {
                plan.update.push((c.id, w.clone()))
            }
            Some(_) => {}
        }
    }
    if !keep_missing {
        for c in current {
            if c.active && !wanted_ids.contains(c.obligation_id.as_str()) {
                plan.deactivate.push(c.id);
            }
        }
    }
    plan
}

/// How obligations differ between two outcomes: for the dry run of a pack update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObligationDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (obligation id, old date, new date)
    pub redated: Vec<(String, String, String)>,
}

impl ObligationDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.redated.is_empty()
    }
}

/// Compares two lists of (obligation id, applies from).
pub fn diff_obligations(old: &[(String, String)], new: &[(String, String)]) -> ObligationDiff {
    let mut d = ObligationDiff::default();
    for (id, date) in new {
        match old.iter().find(|(o, _)| o == id) {
            None => d.added.push(id.clone()),
            Some((_, old_date)) if old_date != date => {
                d.redated.push((id.clone(), old_date.clone(), date.clone()))
            }
            Some(_) => {}
        }
    }
    for (id, _) in old {
        if !new.iter().any(|(n, _)| n == id) {
            d.removed.push(id.clone());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use time::macros::date;

    fn spec(id: &str, d: Date) -> ObligationSpec {
        ObligationSpec {
            obligation_id: id.into(),
            article: "26(1)".into(),
            title: Localized::one(Lang::En, id),
            applies_from: d,
            date_status: "in_force".into(),
            organisation_level: false,
        }
    }

    fn tracked(id: &str, d: Date, active: bool) -> TrackedObligation {
        TrackedObligation {
            id: uuid::Uuid::now_v7(),
            org_id: OrgId::new(),
            system_id: Some(SystemId::new()),
            obligation_id: id.into(),
            article: "26(1)".into(),
            title: Localized::one(Lang::En, id),
            applies_from: d,
            date_status: "in_force".into(),
            status: ObligationStatus::Todo,
            reason: None,
            responsible: None,
            evidence: Vec::new(),
            active,
            version: 1,
            updated_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn sync_adds_updates_reactivates_and_deactivates() {
        let d1 = date!(2026 - 08 - 02);
        let d2 = date!(2027 - 12 - 02);
        let current = vec![
            tracked("same", d1, true),
            tracked("moved", d1, true),
            tracked("gone", d1, true),
            tracked("back", d1, false),
        ];
        let wanted = vec![
            spec("same", d1),
            spec("moved", d2),
            spec("back", d1),
            spec("new", d2),
        ];
        let plan = plan_sync(&current, &wanted, false);
        assert_eq!(plan.add, vec![spec("new", d2)]);
        assert_eq!(plan.update, vec![(current[1].id, spec("moved", d2))]);
        assert_eq!(plan.reactivate, vec![(current[3].id, spec("back", d1))]);
        assert_eq!(plan.deactivate, vec![current[2].id]);
        let kept = plan_sync(&current, &wanted, true);
        assert!(kept.deactivate.is_empty());
    }

    #[test]
    fn overdue_means_open_and_past_its_date() {
        let mut t = tracked("x", date!(2026 - 01 - 01), true);
        assert!(t.is_overdue(date!(2026 - 11 - 23)));
        assert!(!t.is_overdue(date!(2025 - 11 - 23)));
        t.status = ObligationStatus::Done;
        assert!(!t.is_overdue(date!(2026 - 11 - 23)));
    }

    #[test]
    fn setting_aside_needs_a_reason_and_evidence_needs_addresses() {
        let u = ObligationUpdate {
            status: ObligationStatus::NotApplicable,
            reason: Some("  ".into()),
            responsible: None,
            evidence: vec![Link {
                title: "DPIA".into(),
                url: "intranet/dpia".into(),
            }],
        };
        let fields: Vec<String> = u
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["reason", "evidence[0].url"]);
    }

    #[test]
    fn obligation_diffs() {
        let old = vec![
            ("a".to_string(), "2026-08-02".to_string()),
            ("b".to_string(), "2026-08-02".to_string()),
        ];
        let new = vec![
            ("a".to_string(), "2027-12-02".to_string()),
            ("c".to_string(), "2025-02-02".to_string()),
        ];
        let d = diff_obligations(&old, &new);
        assert_eq!(d.added, ["c"]);
        assert_eq!(d.removed, ["b"]);
        assert_eq!(
            d.redated,
            [(
                "a".to_string(),
                "2026-08-02".to_string(),
                "2027-12-02".to_string()
            )]
        );
        assert!(diff_obligations(&old, &old).is_empty());
    }
}
