//! What the API sends and receives.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use utoipa::ToSchema;

use aireg_domain::diff::record_changes;
use aireg_domain::org::Organisation;
use aireg_domain::system::{AiSystem, ChangeKind, Field, Publication, SystemRecord, SystemVersion};
use aireg_domain::{Lang, Localized, OrgId, SystemId, UserId};

pub use super::record::RecordDto;
use crate::error::MissingItem;
use aireg_rules::policy::Missing;
use aireg_service::governance::RecordGovernance;

/// The organisation a record belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationRef {
    pub id: OrgId,
    pub slug: String,
    pub name: Localized,
}

impl OrganisationRef {
    pub fn of(o: &Organisation) -> Self {
        OrganisationRef {
            id: o.id,
            slug: o.slug.clone(),
            name: o.name.clone(),
        }
    }
}

/// An AI system use record.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemDto {
    pub id: SystemId,
    pub organisation: OrganisationRef,
    /// Grows by one with every save, publication and withdrawal; send it back when updating.
    pub version: i64,
    pub publication: Publication,
    pub record: RecordDto,
    /// In the public API: fields that hold a value but are not public.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<Field>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub first_published_at: Option<OffsetDateTime>,
    /// The record's current EU AI Act classification, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<crate::ai_act::PublicClassification>,
    /// For a record piloted or in use: whether it still has what its policy's gate asks of
    /// that state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Compliance>,
}

/// Whether a record in front of users still meets its state's gate, judged on its facts now.
#[derive(Debug, Serialize, ToSchema)]
pub struct Compliance {
    /// False when a change after the move (personal data, the people named, the
    /// classification, a rejected approval, a reopened assessment) left something missing.
    /// The approvals it lacks are requested when a record edit causes it.
    pub compliant: bool,
    /// What is missing, in the caller's language.
    pub missing: Vec<MissingItem>,
}

impl SystemDto {
    /// With its compliance, for a record piloted or in use (`g` governs it as it is now).
    pub fn with_compliance(self, g: &RecordGovernance<'_>, lang: Lang) -> Self {
        let deployed = g.system.record.lifecycle.is_deployment();
        self.with_missing(deployed, &g.nonconformities(), lang)
    }

    /// With its compliance when `deployed`: `missing` is what its state's gate lacks now.
    pub fn with_missing(mut self, deployed: bool, missing: &[Missing], lang: Lang) -> Self {
        self.compliance = deployed.then(|| Compliance {
            compliant: missing.is_empty(),
            missing: missing.iter().map(|m| MissingItem::of(m, lang)).collect(),
        });
        self
    }
}

impl SystemDto {
    /// With the current classification from `runs` (one query for a whole page of records).
    pub fn with_classification(
        mut self,
        pack: &aireg_rules::ai_act::Pack,
        runs: &[aireg_domain::classification::ClassificationRun],
    ) -> Self {
        self.classification = runs
            .iter()
            .find(|r| r.system_id == self.id)
            .and_then(|r| crate::ai_act::public_classification(pack, r));
        self
    }

    /// For staff: the whole record.
    pub fn full(s: AiSystem, org: &Organisation) -> Self {
        SystemDto {
            id: s.id,
            organisation: OrganisationRef::of(org),
            version: s.version,
            publication: s.publication,
            record: s.record.into(),
            withheld: Vec::new(),
            created_at: s.created_at,
            updated_at: s.updated_at,
            first_published_at: s.first_published_at,
            classification: None,
            compliance: None,
        }
    }

    /// For the public: the public view (which the store already made), its withheld fields
    /// listed, texts reduced to one language when one was asked for.
    pub fn public(s: AiSystem, org: &Organisation, lang: Option<Lang>) -> Self {
        let withheld: Vec<Field> = s.record.visibility.keys().copied().collect();
        let mut record = s.record.clone();
        record.visibility.clear();
        if let Some(l) = lang {
            record = record.in_language(l, &org.languages);
        }
        SystemDto {
            withheld,
            record: record.into(),
            ..SystemDto::full(s, org)
        }
    }
}

/// One page of records.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemList {
    pub items: Vec<SystemDto>,
    /// Records matching the query, on all pages.
    pub total: i64,
    /// The page number; absent when the page was read by `cursor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub per_page: u32,
    /// Give this as `cursor` for the next page (which stays in place when records are added,
    /// unlike page numbers); absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A new record, created as a draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSystem {
    /// The organisation's slug (e.g. `kajaani`) or id.
    pub organisation: String,
    pub record: RecordDto,
}

/// A new version of a record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSystem {
    /// The version this edit is based on; if someone saved a newer one, the update is refused
    /// with 409 and nothing changes.
    pub version: i64,
    /// The whole record. A field left out of `record.visibility` keeps its current visibility
    /// (send `"public"` to make an internal field public again). A new `lifecycle` state is a
    /// move through the organisation's policy gate, as with
    /// `POST /api/v1/systems/{id}/transitions`: refused with 409 and a `missing` list (and
    /// nothing saved) until the policy's requirements are met.
    pub record: RecordDto,
}

/// Publishing or withdrawing; the body may be left out.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationChange {
    /// When given, the change happens only if this is still the current version.
    pub version: Option<i64>,
}

/// A lifecycle move of a record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// The state to move to: idea, planning, procurement, development, pilot, in_use,
    /// suspended or retired.
    pub to: String,
    /// When given, the move happens only if this is still the current version.
    pub version: Option<i64>,
}

/// One changed field between two versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeDto {
    pub field: String,
    pub lang: Option<Lang>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One version in a record's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionDto {
    pub version: i64,
    pub change: ChangeKind,
    pub publication: Publication,
    #[serde(with = "time::serde::rfc3339")]
    pub changed_at: OffsetDateTime,
    pub changed_by: Option<UserId>,
    pub changed_by_name: String,
    /// What this version changed compared with the one before.
    pub changes: Vec<ChangeDto>,
    pub record: RecordDto,
}

/// `versions` in order, each with what it changed compared with the one before it: for the
/// first, `base` (the version before it), or nothing when it is the first of all.
pub fn history(base: Option<SystemVersion>, versions: Vec<SystemVersion>) -> Vec<VersionDto> {
    let empty = SystemRecord::default();
    let base = base.map_or(empty, |v| v.record);
    let mut out = Vec::with_capacity(versions.len());
    for (i, v) in versions.iter().enumerate() {
        let before = if i == 0 {
            &base
        } else {
            &versions[i - 1].record
        };
        let changes = record_changes(before, &v.record)
            .into_iter()
            .map(|c| ChangeDto {
                field: c.field,
                lang: c.lang,
                before: c.before,
                after: c.after,
            })
            .collect();
        out.push(VersionDto {
            version: v.version,
            change: v.change,
            publication: v.publication,
            changed_at: v.changed_at,
            changed_by: v.changed_by,
            changed_by_name: v.changed_by_name.clone(),
            changes,
            record: v.record.clone().into(),
        });
    }
    out
}

/// The service's state.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}
