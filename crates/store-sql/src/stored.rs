//! A record as the database keeps it (`ai_system.record`, `ai_system_version.record`): a type of
//! its own, apart from the domain's record and the API's, with a format number, so that either
//! of those can change without making stored rows unreadable.
//!
//! Reading is lenient where it can be safely: a field the format does not know is ignored (a
//! row written by a newer aireg that added one), a field that is missing takes its default (a
//! row written before it existed). A value that does not read (an unknown state, a date that is
//! not a date) is corruption and says so. Rows written before the format number existed are
//! format 1. A new format is a new struct here, with the upgrade from the one before; rows are
//! read in whatever format they are in and written in the newest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

use aireg_domain::clock::iso_date;
use aireg_domain::system::{
    AiTechnique, Contact, DataClassification, Field, Lifecycle, Link, OversightMode,
    ProcurementRoute, SystemRecord, Theme, Visibility,
};
use aireg_domain::{Localized, LocalizedList, OrgId, ProductId, UserId};
use aireg_store::StoreResult;

use crate::corrupt;

/// The format this version of aireg writes.
pub(crate) const CURRENT_FORMAT: u64 = 1;

/// The stored JSON of a record, in the current format.
pub(crate) fn write(record: &SystemRecord) -> Value {
    let mut value = serde_json::to_value(RecordV1::from(record))
        .unwrap_or_else(|_| Value::Object(Default::default()));
    if let Value::Object(map) = &mut value {
        map.insert("format".into(), Value::from(CURRENT_FORMAT));
    }
    value
}

/// A record from its stored JSON, whatever format it was written in.
pub(crate) fn read(value: Value) -> StoreResult<SystemRecord> {
    let format = match value.get("format") {
        None => 1,
        Some(v) => v.as_u64().ok_or_else(|| corrupt("record format", v))?,
    };
    match format {
        1 => serde_json::from_value::<RecordV1>(value)
            .map(SystemRecord::from)
            .map_err(|e| corrupt("record (format 1)", e)),
        other => Err(corrupt(
            "record format",
            format!(
                "{other} (this aireg reads up to {CURRENT_FORMAT}; it was written by a newer one)"
            ),
        )),
    }
}

/// A record from its stored JSON text. The format this aireg writes is read in one pass,
/// straight into its struct: lists read thousands of records, and going through a JSON tree
/// first doubled the cost. Anything else (a row from before the format number, a newer
/// format, corruption) goes the way of [`read`], which names what it is.
pub(crate) fn read_text(json: &str) -> StoreResult<SystemRecord> {
    match serde_json::from_str::<RecordV1>(json) {
        Ok(r) if r.format == Some(CURRENT_FORMAT) => Ok(SystemRecord::from(r)),
        _ => read(serde_json::from_str(json).map_err(|e| corrupt("record", e))?),
    }
}

/// Format 1: the record as aireg 0.1 wrote it.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct RecordV1 {
    /// Read to tell this format from a newer one; [`write`] adds it.
    #[serde(skip_serializing)]
    format: Option<u64>,
    name: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    summary: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    description_public: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    description_technical: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    purpose: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    affected_groups: Localized,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    legal_basis: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    human_oversight_mode: Option<OversightMode>,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    human_oversight: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions_on_persons: Option<bool>,
    #[serde(skip_serializing_if = "Localized::is_empty")]
    data_description: Localized,
    #[serde(skip_serializing_if = "Option::is_none")]
    personal_data: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sensitive_data: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_classification: Option<DataClassification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    procurement_route: Option<ProcurementRoute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ai_technique: Option<AiTechnique>,
    /// Since 0.2: older records have none (an optional field keeps format 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    theme: Option<Theme>,
    lifecycle: Option<Lifecycle>,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    next_review: Option<Date>,
    #[serde(skip_serializing_if = "LocalizedList::is_empty")]
    keywords: LocalizedList,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkV1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<ContactV1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<OrgId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_owner: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    process_owner: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<ProductId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eu_registration: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    visibility: BTreeMap<Field, Visibility>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct LinkV1 {
    title: String,
    url: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct ContactV1 {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl From<&SystemRecord> for RecordV1 {
    fn from(r: &SystemRecord) -> Self {
        RecordV1 {
            format: None,
            name: r.name.clone(),
            summary: r.summary.clone(),
            description_public: r.description_public.clone(),
            description_technical: r.description_technical.clone(),
            purpose: r.purpose.clone(),
            affected_groups: r.affected_groups.clone(),
            legal_basis: r.legal_basis.clone(),
            human_oversight_mode: r.human_oversight_mode,
            human_oversight: r.human_oversight.clone(),
            decisions_on_persons: r.decisions_on_persons,
            data_description: r.data_description.clone(),
            personal_data: r.personal_data,
            sensitive_data: r.sensitive_data,
            data_classification: r.data_classification,
            vendor: r.vendor.clone(),
            procurement_route: r.procurement_route,
            ai_technique: r.ai_technique,
            theme: r.theme,
            lifecycle: Some(r.lifecycle),
            start_date: r.start_date,
            end_date: r.end_date,
            next_review: r.next_review,
            keywords: r.keywords.clone(),
            links: r
                .links
                .iter()
                .map(|l| LinkV1 {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            contact: (!r.contact.is_empty()).then(|| ContactV1 {
                email: r.contact.email.clone(),
                phone: r.contact.phone.clone(),
                name: r.contact.name.clone(),
            }),
            unit: r.unit,
            system_owner: r.system_owner,
            process_owner: r.process_owner,
            product: r.product,
            eu_registration: r.eu_registration.clone(),
            visibility: r.visibility.clone(),
        }
    }
}

impl From<RecordV1> for SystemRecord {
    fn from(r: RecordV1) -> Self {
        let contact = r.contact.unwrap_or_default();
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
            lifecycle: r.lifecycle.unwrap_or(Lifecycle::Idea),
            start_date: r.start_date,
            end_date: r.end_date,
            next_review: r.next_review,
            keywords: r.keywords,
            links: r
                .links
                .into_iter()
                .map(|l| Link {
                    title: l.title,
                    url: l.url,
                })
                .collect(),
            contact: Contact {
                email: contact.email,
                phone: contact.phone,
                name: contact.name,
            },
            unit: r.unit,
            system_owner: r.system_owner,
            process_owner: r.process_owner,
            product: r.product,
            eu_registration: r.eu_registration,
            visibility: r.visibility,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aireg_domain::Lang;
    use serde_json::json;

    fn record() -> SystemRecord {
        let mut r = SystemRecord {
            name: Localized::one(Lang::Fi, "Neuvontabotti"),
            lifecycle: Lifecycle::Pilot,
            next_review: Some(time::macros::date!(2027 - 01 - 31)),
            personal_data: Some(true),
            ..SystemRecord::default()
        };
        r.contact.email = Some("neuvonta@kajaani.example".into());
        r.links.push(Link {
            title: "Ohje".into(),
            url: "https://kajaani.example/ohje".into(),
        });
        r.visibility.insert(Field::Vendor, Visibility::Internal);
        r
    }

    /// Reads stored JSON both ways (as a tree and as the text a row gives), which must agree.
    fn read_both(value: Value) -> StoreResult<SystemRecord> {
        let from_text = read_text(&value.to_string());
        let from_tree = read(value);
        match (&from_text, &from_tree) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("the two ways disagree: {from_text:?} / {from_tree:?}"),
        }
        from_text
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let r = record();
        let stored = write(&r);
        assert_eq!(stored["format"], json!(CURRENT_FORMAT));
        assert_eq!(read_both(stored).unwrap(), r);
    }

    #[test]
    fn rows_of_other_times_read_as_well_as_they_can() {
        // Before the format number: format 1.
        let old = json!({"name": {"fi": "Vanha"}, "lifecycle": "in_use"});
        assert_eq!(read_both(old).unwrap().lifecycle, Lifecycle::InUse);
        // A field a newer aireg added is left alone; one not written yet takes its default.
        let newer = json!({"format": 1, "name": {"fi": "Uusi"}, "lifecycle": "idea",
            "risk_owner": "someone", "contact": {"email": "a@b.example", "fax": "1"}});
        let r = read_both(newer).unwrap();
        assert_eq!(r.contact.email.as_deref(), Some("a@b.example"));
        assert!(r.links.is_empty());
        // A value that does not read is corruption, named; so is a format from the future,
        // and a format number that is not one.
        let bad = read_both(json!({"name": {"fi": "x"}, "lifecycle": "live"})).unwrap_err();
        assert!(aireg_store::error_chain(&bad).contains("live"), "{bad}");
        let future = read_both(json!({"format": 9, "name": {"fi": "x"}})).unwrap_err();
        assert!(
            aireg_store::error_chain(&future).contains("newer"),
            "{future}"
        );
        for odd in [json!("one"), json!(null)] {
            let odd = read_both(json!({"format": odd, "name": {"fi": "x"}})).unwrap_err();
            assert!(aireg_store::error_chain(&odd).contains("format"), "{odd}");
        }
        assert!(read_text("{not json").is_err());
    }
}
