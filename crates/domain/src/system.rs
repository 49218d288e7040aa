//! AI system use records: one record per use of a system by one organisation.
//!
//! The record follows the unified record of the research notes (standards.md §7) as far as a
//! register needs it now. Every field is public or internal; the public register and the public
//! API only ever see [`SystemRecord::public_view`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::clock::iso_date;
use crate::validation::{Errors, FieldError, Problem, is_email, is_http_url};
use crate::{Lang, Localized, LocalizedList, OrgId, ProductId, SystemId, UserId};

string_enum! {
    /// Whether residents see the record.
    pub enum Publication: "publication" {
        Draft = "draft",
        Published = "published",
        Withdrawn = "withdrawn",
    }
}

string_enum! {
    /// Where the system is in its life.
    pub enum Lifecycle: "lifecycle" {
        Idea = "idea",
        Planning = "planning",
        Procurement = "procurement",
        Development = "development",
        Pilot = "pilot",
        InUse = "in_use",
        Suspended = "suspended",
        Retired = "retired",
    }
}

impl Lifecycle {
    /// The states a record may start in. Reaching the others goes through the lifecycle gates
    /// of the organisation's policy.
    pub fn is_initial(self) -> bool {
        matches!(
            self,
            Lifecycle::Idea | Lifecycle::Planning | Lifecycle::Procurement | Lifecycle::Development
        )
    }

    /// The states that put a system in front of real users: a move to one is a deployment.
    pub fn is_deployment(self) -> bool {
        matches!(self, Lifecycle::Pilot | Lifecycle::InUse)
    }

    /// The states a system may always be moved to: stopping a use never waits for a gate.
    pub fn is_exit(self) -> bool {
        matches!(self, Lifecycle::Suspended | Lifecycle::Retired)
    }
}

string_enum! {
    /// How people oversee the system's output.
    pub enum OversightMode: "oversight" {
        HumanInTheLoop = "human_in_the_loop",
        HumanOnTheLoop = "human_on_the_loop",
        HumanInCommand = "human_in_command",
        FullyAutomated = "fully_automated",
    }
}

string_enum! {
    /// The organisation's classification of the data the system handles.
    pub enum DataClassification: "classification" {
        Public = "public",
        Internal = "internal",
        Confidential = "confidential",
        Secret = "secret",
    }
}

string_enum! {
    /// How the system came into use: procured centrally, or taken into use on the system owner's
    /// own decision (Kainuu policy 7a and 7b).
    pub enum ProcurementRoute: "procurement" {
        Central = "central",
        OwnDecision = "own_decision",
    }
}

string_enum! {
    /// The kind of technique behind the system.
    pub enum AiTechnique: "technique" {
        RuleBased = "rule_based",
        Statistical = "statistical",
        MachineLearning = "machine_learning",
        DeepLearning = "deep_learning",
        GenerativeAi = "generative_ai",
        Hybrid = "hybrid",
    }
}

string_enum! {
    /// The area of public services a system is used in: the ten divisions of the UN
    /// Classification of the Functions of Government (COFOG), which the UK's ATRS `function` and
    /// the EU's government statistics use too.
    pub enum Theme: "theme" {
        GeneralPublicServices = "general_public_services",
        Defence = "defence",
        PublicOrderAndSafety = "public_order_and_safety",
        EconomicAffairs = "economic_affairs",
        EnvironmentalProtection = "environmental_protection",
        HousingAndCommunityAmenities = "housing_and_community_amenities",
        Health = "health",
        RecreationCultureAndReligion = "recreation_culture_and_religion",
        Education = "education",
        SocialProtection = "social_protection",
    }
}

string_enum! {
    /// Who may see a field.
    pub enum Visibility: "visibility" {
        Public = "public",
        Internal = "internal",
    }
}

string_enum! {
    /// The fields of a record, by their JSON keys.
    pub enum Field: "field" {
        Name = "name",
        Summary = "summary",
        DescriptionPublic = "description_public",
        DescriptionTechnical = "description_technical",
        Purpose = "purpose",
        AffectedGroups = "affected_groups",
        LegalBasis = "legal_basis",
        HumanOversightMode = "human_oversight_mode",
        HumanOversight = "human_oversight",
        DecisionsOnPersons = "decisions_on_persons",
        DataDescription = "data_description",
        PersonalData = "personal_data",
        SensitiveData = "sensitive_data",
        DataClassification = "data_classification",
        Vendor = "vendor",
        ProcurementRoute = "procurement_route",
        AiTechnique = "ai_technique",
        Theme = "theme",
        Lifecycle = "lifecycle",
        StartDate = "start_date",
        EndDate = "end_date",
        NextReview = "next_review",
        Keywords = "keywords",
        Links = "links",
        Contact = "contact",
        Unit = "unit",
        SystemOwner = "system_owner",
        ProcessOwner = "process_owner",
        Product = "product",
        EuRegistration = "eu_registration",
    }
}

impl Field {
    /// Fields every published record shows: a register entry without them says nothing.
    pub fn always_public(self) -> bool {
        matches!(self, Field::Name | Field::Lifecycle)
    }

    /// The visibility a field has until someone changes it. Named persons and internal
    /// governance details start internal; everything a resident needs starts public.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Field::SystemOwner
            | Field::ProcessOwner
            | Field::DataClassification
            | Field::ProcurementRoute => Visibility::Internal,
            _ => Visibility::Public,
        }
    }

    /// The longest text allowed in the field (per language), for text fields.
    pub fn max_len(self) -> Option<usize> {
        Some(match self {
            Field::Name => 120,
            Field::Summary => 300,
            Field::DescriptionTechnical => 10_000,
            Field::DescriptionPublic
            | Field::Purpose
            | Field::AffectedGroups
            | Field::LegalBasis
            | Field::HumanOversight
            | Field::DataDescription => 5000,
            Field::Vendor | Field::EuRegistration => 200,
            _ => return None,
        })
    }
}

/// A link shown with the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The public contact for questions about the use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A person's or a unit's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none() && self.name.is_none()
    }
}

/// The content of an AI system use record: what an editor writes. Everything but the name may
/// stay empty while the record is a draft; [`SystemRecord::publish_problems`] says what a
/// published record needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SystemRecord {
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
    /// The area of public services it is used in.
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

impl Default for SystemRecord {
    fn default() -> Self {
        Self {
            name: Localized::new(),
            summary: Localized::new(),
            description_public: Localized::new(),
            description_technical: Localized::new(),
            purpose: Localized::new(),
            affected_groups: Localized::new(),
            legal_basis: Localized::new(),
            human_oversight_mode: None,
            human_oversight: Localized::new(),
            decisions_on_persons: None,
            data_description: Localized::new(),
            personal_data: None,
            sensitive_data: None,
            data_classification: None,
            vendor: None,
            procurement_route: None,
            ai_technique: None,
            theme: None,
            lifecycle: Lifecycle::Idea,
            start_date: None,
            end_date: None,
            next_review: None,
            keywords: LocalizedList::new(),
            links: Vec::new(),
            contact: Contact::default(),
            unit: None,
            system_owner: None,
            process_owner: None,
            product: None,
            eu_registration: None,
            visibility: BTreeMap::new(),
        }
    }
}

/// Limits on lists, so one record cannot grow without bound.
pub const MAX_LINKS: usize = 20;
pub const MAX_KEYWORDS: usize = 30;
pub const MAX_KEYWORD_LEN: usize = 60;
pub const MAX_URL_LEN: usize = 2000;

impl SystemRecord {
    /// Trims texts and drops blank values, so that an untouched form field is not a value.
    pub fn normalized(mut self) -> Self {
        for field in Field::ALL {
            if let Some(t) = self.localized_mut(*field) {
                *t = std::mem::take(t).normalized();
            }
        }
        self.keywords = std::mem::take(&mut self.keywords).normalized();
        self.vendor = clean(self.vendor.take());
        self.eu_registration = clean(self.eu_registration.take());
        self.contact.email = clean(self.contact.email.take());
        self.contact.phone = clean(self.contact.phone.take());
        self.contact.name = clean(self.contact.name.take());
        for l in &mut self.links {
            l.title = l.title.trim().to_string();
            l.url = l.url.trim().to_string();
        }
        self.links
            .retain(|l| !(l.title.is_empty() && l.url.is_empty()));
        self.visibility.retain(|f, v| *v != f.default_visibility());
        self
    }

    /// The localised text of a text field.
    pub fn localized(&self, field: Field) -> Option<&Localized> {
        Some(match field {
            Field::Name => &self.name,
            Field::Summary => &self.summary,
            Field::DescriptionPublic => &self.description_public,
            Field::DescriptionTechnical => &self.description_technical,
            Field::Purpose => &self.purpose,
            Field::AffectedGroups => &self.affected_groups,
            Field::LegalBasis => &self.legal_basis,
            Field::HumanOversight => &self.human_oversight,
            Field::DataDescription => &self.data_description,
            _ => return None,
        })
    }

    fn localized_mut(&mut self, field: Field) -> Option<&mut Localized> {
        Some(match field {
            Field::Name => &mut self.name,
            Field::Summary => &mut self.summary,
            Field::DescriptionPublic => &mut self.description_public,
            Field::DescriptionTechnical => &mut self.description_technical,
            Field::Purpose => &mut self.purpose,
            Field::AffectedGroups => &mut self.affected_groups,
            Field::LegalBasis => &mut self.legal_basis,
            Field::HumanOversight => &mut self.human_oversight,
            Field::DataDescription => &mut self.data_description,
            _ => return None,
        })
    }

    /// The text fields that are localised, in form order.
    pub fn localized_fields() -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(|f| {
            matches!(
                f,
                Field::Name
                    | Field::Summary
                    | Field::DescriptionPublic
                    | Field::DescriptionTechnical
                    | Field::Purpose
                    | Field::AffectedGroups
                    | Field::LegalBasis
                    | Field::HumanOversight
                    | Field::DataDescription
            )
        })
    }

    /// The visibility of a field in this record.
    pub fn visibility_of(&self, field: Field) -> Visibility {
        if field.always_public() {
            return Visibility::Public;
        }
        self.visibility
            .get(&field)
            .copied()
            .unwrap_or_else(|| field.default_visibility())
    }

    pub fn is_public(&self, field: Field) -> bool {
        self.visibility_of(field) == Visibility::Public
    }

    /// Checks what every saved record must satisfy: lengths, formats, date order. A draft may
    /// leave most fields empty.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new();
        if self.name.is_empty() {
            e.add("name", Problem::Required);
        }
        for field in Self::localized_fields() {
            if let (Some(text), Some(max)) = (self.localized(field), field.max_len()) {
                for (lang, t) in text.iter() {
                    e.max_len(format!("{}.{lang}", field.as_str()), t, max);
                }
            }
        }
        for (lang, t) in self.name.iter() {
            e.one_line(format!("name.{lang}"), t);
        }
        if let Some(v) = &self.vendor {
            e.max_len("vendor", v, Field::Vendor.max_len().unwrap_or(200));
            e.one_line("vendor", v);
        }
        if let Some(v) = &self.eu_registration {
            e.max_len("eu_registration", v, 200);
            e.one_line("eu_registration", v);
        }
        if let (Some(s), Some(end)) = (self.start_date, self.end_date)
            && end < s
        {
            e.add("end_date", Problem::EndBeforeStart);
        }
        for (lang, words) in self.keywords.iter() {
            if words.len() > MAX_KEYWORDS {
                e.add(
                    format!("keywords.{lang}"),
                    Problem::TooMany { max: MAX_KEYWORDS },
                );
            }
            for (i, w) in words.iter().enumerate() {
                e.max_len(format!("keywords.{lang}[{i}]"), w, MAX_KEYWORD_LEN);
                e.one_line(format!("keywords.{lang}[{i}]"), w);
            }
        }
        if self.links.len() > MAX_LINKS {
            e.add("links", Problem::TooMany { max: MAX_LINKS });
        }
        for (i, l) in self.links.iter().enumerate() {
            if l.title.is_empty() {
                e.add(format!("links[{i}].title"), Problem::Required);
            }
            e.max_len(format!("links[{i}].title"), &l.title, 200);
            e.one_line(format!("links[{i}].title"), &l.title);
            if l.url.chars().count() > MAX_URL_LEN {
                e.add(
                    format!("links[{i}].url"),
                    Problem::TooLong { max: MAX_URL_LEN },
                );
            } else if !is_http_url(&l.url) {
                e.add(format!("links[{i}].url"), Problem::InvalidUrl);
            }
        }
        if let Some(m) = &self.contact.email
            && !is_email(m)
        {
            e.add("contact.email", Problem::InvalidEmail);
        }
        if let Some(p) = &self.contact.phone {
            e.max_len("contact.phone", p, 40);
            e.one_line("contact.phone", p);
        }
        if let Some(n) = &self.contact.name {
            e.max_len("contact.name", n, 200);
            e.one_line("contact.name", n);
        }
        for (field, vis) in &self.visibility {
            if field.always_public() && *vis != Visibility::Public {
                e.add(
                    format!("visibility.{}", field.as_str()),
                    Problem::InvalidChoice {
                        allowed: vec![Visibility::Public.as_str().into()],
                    },
                );
            }
        }
        e.into_result()
    }

    /// What a record needs before residents can see it: the texts a register entry is read for,
    /// in the organisation's primary language, and a way to ask about it.
    pub fn publish_problems(&self, primary: Lang) -> Vec<FieldError> {
        let mut e = Errors::new();
        for field in [
            Field::Name,
            Field::Summary,
            Field::DescriptionPublic,
            Field::Purpose,
        ] {
            let text = self.localized(field);
            match text {
                Some(t) if t.get(primary).is_some() => {}
                Some(t) if !t.is_empty() => e.add(
                    format!("{}.{primary}", field.as_str()),
                    Problem::MissingPrimaryLanguage {
                        lang: primary.code().into(),
                    },
                ),
                _ => e.add(field.as_str(), Problem::Required),
            }
            if !self.is_public(field) {
                e.add(
                    format!("visibility.{}", field.as_str()),
                    Problem::InvalidChoice {
                        allowed: vec![Visibility::Public.as_str().into()],
                    },
                );
            }
        }
        if self.contact.email.is_none() {
            e.add("contact.email", Problem::Required);
        }
        // Residents must be able to reach someone about a published use.
        if !self.is_public(Field::Contact) {
            e.add(
                "visibility.contact",
                Problem::InvalidChoice {
                    allowed: vec![Visibility::Public.as_str().into()],
                },
            );
        }
        e.into_vec()
    }

    /// The record as the public may see it: internal fields emptied, and the visibility map
    /// reduced to the fields that were withheld (that a field is withheld is public; its value
    /// is not).
    pub fn public_view(&self) -> SystemRecord {
        let mut r = self.clone();
        for field in Field::ALL {
            if !self.is_public(*field) {
                r.clear(*field);
            }
        }
        r.visibility = self
            .withheld()
            .into_iter()
            .map(|f| (f, Visibility::Internal))
            .collect();
        r
    }

    /// The internal fields that hold a value (what the public view withholds).
    pub fn withheld(&self) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| !self.is_public(*f))
            .filter(|f| {
                let mut probe = self.clone();
                probe.clear(*f);
                probe != *self
            })
            .collect()
    }

    fn clear(&mut self, field: Field) {
        match field {
            Field::Name => {}
            Field::Lifecycle => {}
            Field::HumanOversightMode => self.human_oversight_mode = None,
            Field::DecisionsOnPersons => self.decisions_on_persons = None,
            Field::PersonalData => self.personal_data = None,
            Field::SensitiveData => self.sensitive_data = None,
            Field::DataClassification => self.data_classification = None,
            Field::Vendor => self.vendor = None,
            Field::ProcurementRoute => self.procurement_route = None,
            Field::AiTechnique => self.ai_technique = None,
            Field::Theme => self.theme = None,
            Field::StartDate => self.start_date = None,
            Field::EndDate => self.end_date = None,
            Field::NextReview => self.next_review = None,
            Field::Keywords => self.keywords = LocalizedList::new(),
            Field::Links => self.links.clear(),
            Field::Contact => self.contact = Contact::default(),
            Field::Unit => self.unit = None,
            Field::SystemOwner => self.system_owner = None,
            Field::ProcessOwner => self.process_owner = None,
            Field::Product => self.product = None,
            Field::EuRegistration => self.eu_registration = None,
            text => {
                if let Some(t) = self.localized_mut(text) {
                    *t = Localized::new();
                }
            }
        }
    }

    /// The record with each text reduced to the one best value for `lang` (keeping the language
    /// it is in), for readers who asked for one language.
    pub fn in_language(&self, lang: Lang, preferred: &[Lang]) -> SystemRecord {
        let mut r = self.clone();
        for field in Self::localized_fields() {
            if let Some(t) = r.localized_mut(field) {
                *t = t.only(lang, preferred);
            }
        }
        r.keywords = r.keywords.only(lang, preferred);
        r
    }

    /// Lower-cased names and summaries in every language, for the staff list's text filter.
    /// Lower-casing happens here, in Rust, because SQLite's `lower()` folds ASCII only.
    pub fn search_text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(self.name.iter().map(|(_, t)| t));
        parts.extend(self.summary.iter().map(|(_, t)| t));
        if let Some(v) = &self.vendor {
            parts.push(v);
        }
        for (_, words) in self.keywords.iter() {
            parts.extend(words.iter().map(String::as_str));
        }
        parts.join(" \u{1f} ").to_lowercase()
    }

    /// The key the register sorts by: the name in the primary language, lower-cased.
    pub fn sort_name(&self, primary: Lang) -> String {
        self.name.text(primary, &[]).to_lowercase()
    }
}

fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A stored record with its register metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiSystem {
    pub id: SystemId,
    pub org_id: OrgId,
    /// Starts at 1 and grows by one with every save, publication or withdrawal.
    pub version: i64,
    pub publication: Publication,
    pub record: SystemRecord,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub first_published_at: Option<OffsetDateTime>,
}

string_enum! {
    /// What a version of a record changed.
    pub enum ChangeKind: "change" {
        Created = "created",
        Edited = "edited",
        Published = "published",
        Withdrawn = "withdrawn",
        /// Moved to another lifecycle state through its gate.
        Transitioned = "transitioned",
        /// Reviewed; the next review date moved.
        Reviewed = "reviewed",
    }
}

/// One version in a record's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemVersion {
    pub system_id: SystemId,
    pub version: i64,
    pub change: ChangeKind,
    pub publication: Publication,
    pub record: SystemRecord,
    #[serde(with = "time::serde::rfc3339")]
    pub changed_at: OffsetDateTime,
    pub changed_by: Option<UserId>,
    /// The actor's name at the time (kept, so history stays readable if the account goes).
    pub changed_by_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SystemRecord {
        let mut r = SystemRecord {
            name: Localized::one(Lang::Fi, "Asiakaspalvelun chatbot"),
            summary: Localized::one(Lang::Fi, "Vastaa kuntalaisten kysymyksiin."),
            description_public: Localized::one(Lang::Fi, "Kuvaus"),
            purpose: Localized::one(Lang::Fi, "Tarkoitus"),
            ..SystemRecord::default()
        };
        r.contact.email = Some("neuvonta@kajaani.example".into());
        r.system_owner = Some(UserId::new());
        r.data_classification = Some(DataClassification::Internal);
        r.vendor = Some("Vendor Oy".into());
        r
    }

    #[test]
    fn json_round_trip_and_unknown_fields_rejected() {
        let r = record();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["lifecycle"], "idea");
        let back: SystemRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
        let err = serde_json::from_str::<SystemRecord>(r#"{"name":{"fi":"x"},"colour":"red"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
        let err = serde_json::from_str::<SystemRecord>(r#"{"lifecycle":"live"}"#).unwrap_err();
        assert!(err.to_string().contains("live"), "{err}");
    }

    #[test]
    fn public_view_withholds_internal_fields() {
        let mut r = record();
        r.visibility.insert(Field::Vendor, Visibility::Internal);
        let p = r.public_view();
        assert_eq!(p.system_owner, None);
        assert_eq!(p.data_classification, None);
        assert_eq!(p.vendor, None);
        assert_eq!(p.name, r.name);
        let withheld: Vec<Field> = p.visibility.keys().copied().collect();
        assert_eq!(withheld, r.withheld());
        assert_eq!(
            r.withheld(),
            vec![Field::DataClassification, Field::Vendor, Field::SystemOwner]
        );
    }

    #[test]
    fn name_and_lifecycle_cannot_be_hidden() {
        let mut r = record();
        r.visibility.insert(Field::Name, Visibility::Internal);
        assert!(r.is_public(Field::Name));
        let errs = r.validate().unwrap_err();
        assert_eq!(errs[0].field, "visibility.name");
    }

    #[test]
    fn validation_names_each_field() {
        let mut r = record();
        r.name = Localized::new();
        r.summary.set(Lang::Sv, "x".repeat(301));
        r.start_date = Some(time::macros::date!(2026 - 05 - 01));
        r.end_date = Some(time::macros::date!(2026 - 04 - 01));
        r.links.push(Link {
            title: "".into(),
            url: "javascript:alert(1)".into(),
        });
        r.contact.email = Some("nobody".into());
        let fields: Vec<String> = r
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "summary.sv",
                "end_date",
                "links[0].title",
                "links[0].url",
                "contact.email"
            ]
        );
    }

    #[test]
    fn names_and_other_one_line_values_hold_no_line_breaks() {
        let mut r = record();
        r.name.set(Lang::Fi, "Chatbot\r\nBcc: someone@example.com");
        r.vendor = Some("Vendor\nOy".into());
        r.contact.name = Some("Maija\u{2028}Meikäläinen".into());
        let errs = r.validate().unwrap_err();
        let got: Vec<(&str, &Problem)> = errs
            .iter()
            .map(|e| (e.field.as_str(), &e.problem))
            .collect();
        assert_eq!(
            got,
            [
                ("name.fi", &Problem::LineBreak),
                ("vendor", &Problem::LineBreak),
                ("contact.name", &Problem::LineBreak)
            ]
        );
        // Longer texts keep their paragraphs.
        let mut ok = record();
        ok.description_public
            .set(Lang::Fi, "Kappale.\n\nToinen kappale.");
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn publishing_needs_primary_language_texts_and_a_contact() {
        let r = record();
        assert!(r.publish_problems(Lang::Fi).is_empty());
        let problems = r.publish_problems(Lang::Sv);
        assert_eq!(problems.len(), 4);
        assert_eq!(problems[0].field, "name.sv");
        let mut r2 = r.clone();
        r2.contact.email = None;
        r2.summary = Localized::new();
        let fields: Vec<_> = r2
            .publish_problems(Lang::Fi)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["summary", "contact.email"]);
        let mut hidden = r.clone();
        hidden
            .visibility
            .insert(Field::Contact, Visibility::Internal);
        let fields: Vec<_> = hidden
            .publish_problems(Lang::Fi)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["visibility.contact"], "the contact must be public");
    }

    #[test]
    fn normalized_drops_blank_values_and_default_visibility() {
        let mut r = record();
        r.vendor = Some("  ".into());
        r.summary.set(Lang::Sv, "   ");
        r.visibility.insert(Field::Summary, Visibility::Public);
        let n = r.normalized();
        assert_eq!(n.vendor, None);
        assert!(n.visibility.is_empty());
    }

    #[test]
    fn search_text_folds_finnish_letters() {
        let r = SystemRecord {
            name: Localized::one(Lang::Fi, "ÄÄNESTYS"),
            ..SystemRecord::default()
        };
        assert!(r.search_text().contains("äänestys"));
    }
}
