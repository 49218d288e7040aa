//! The record as the API sends and receives it: a type of its own, so that the API's contract
//! (documented in the OpenAPI document, strict about unknown fields) and the domain's record
//! can change apart. The conversions are field by field, so a field added to either side is a
//! compile error here until it is decided what the API says of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use aireg_domain::clock::iso_date;
use aireg_domain::system::{
    AiTechnique, Contact, DataClassification, Field, Lifecycle, Link, OversightMode,
    ProcurementRoute, SystemRecord, Theme, Visibility,
};
use aireg_domain::{Localized, LocalizedList, OrgId, ProductId, UserId};

/// The content of an AI system use record as the API sends and receives it. Everything but the
/// name may stay empty while the record is a draft; publishing needs the texts residents read
/// (name, summary, public description, purpose) in the organisation's primary language and a
/// public contact e-mail address. Unknown fields are refused, naming them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = SystemRecord)]
pub struct RecordDto {
    pub name: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub summary: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub description_public: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub description_technical: Localized,
    /// Purpose and goal.
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub purpose: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub affected_groups: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub legal_basis: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub human_oversight_mode: Option<OversightMode>,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub human_oversight: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisions_on_persons: Option<bool>,
    /// The data the system uses.
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub data_description: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_data: Option<bool>,
    /// Special categories (GDPR art. 9) or otherwise sensitive data, such as social welfare.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitive_data: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_classification: Option<DataClassification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procurement_route: Option<ProcurementRoute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_technique: Option<AiTechnique>,
    /// The area of public services (a COFOG division).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    pub lifecycle: Lifecycle,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    pub next_review: Option<Date>,
    #[serde(skip_serializing_if = "LocalizedList::is_empty")]
    pub keywords: LocalizedList,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
    /// A unit of the owning organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<OrgId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_owner: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_owner: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductId>,
    /// The registration in the EU database for high-risk AI systems (AI Act art. 49, 71), when
    /// the organisation has made it: its identifier or address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu_registration: Option<String>,
    /// Fields whose visibility differs from [`Field::default_visibility`].
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub visibility: BTreeMap<Field, Visibility>,
}

impl Default for RecordDto {
    fn default() -> Self {
        SystemRecord::default().into()
    }
}

impl From<SystemRecord> for RecordDto {
    fn from(r: SystemRecord) -> Self {
        RecordDto {
            name: r.name,
            summary: r.summary,
            description_public: r.description_public,
            description_technical: r.description_technical,
            purpose: r.purpose,
            affected_groups: r.affected_groups,
            legal_basis: r.legal_basis,
            human_oversight_mode: r.human_oversight_mode,
            human_oversight: r.human_oversight,
            decisions_on_persons: r.decisions_on_persons,
            data_description: r.data_description,
            personal_data: r.personal_data,
            sensitive_data: r.sensitive_data,
            data_classification: r.data_classification,
            vendor: r.vendor,
            procurement_route: r.procurement_route,
            ai_technique: r.ai_technique,
            theme: r.theme,
            lifecycle: r.lifecycle,
            start_date: r.start_date,
            end_date: r.end_date,
            next_review: r.next_review,
            keywords: r.keywords,
            links: r.links,
            contact: r.contact,
            unit: r.unit,
            system_owner: r.system_owner,
            process_owner: r.process_owner,
            product: r.product,
            eu_registration: r.eu_registration,
            visibility: r.visibility,
        }
    }
}

impl From<RecordDto> for SystemRecord {
    fn from(r: RecordDto) -> Self {
        SystemRecord {
            name: r.name,
            summary: r.summary,
            description_public: r.description_public,
            description_technical: r.description_technical,
            purpose: r.purpose,
            affected_groups: r.affected_groups,
            legal_basis: r.legal_basis,
            human_oversight_mode: r.human_oversight_mode,
            human_oversight: r.human_oversight,
            decisions_on_persons: r.decisions_on_persons,
            data_description: r.data_description,
            personal_data: r.personal_data,
            sensitive_data: r.sensitive_data,
            data_classification: r.data_classification,
            vendor: r.vendor,
            procurement_route: r.procurement_route,
            ai_technique: r.ai_technique,
            theme: r.theme,
            lifecycle: r.lifecycle,
            start_date: r.start_date,
            end_date: r.end_date,
            next_review: r.next_review,
            keywords: r.keywords,
            links: r.links,
            contact: r.contact,
            unit: r.unit,
            system_owner: r.system_owner,
            process_owner: r.process_owner,
            product: r.product,
            eu_registration: r.eu_registration,
            visibility: r.visibility,
        }
    }
}
