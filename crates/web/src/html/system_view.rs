//! A record laid out for reading: sections of labelled values, used by the public page (public
//! view only) and the staff page (everything, internal fields marked).

use aireg_domain::org::Organisation;
use aireg_domain::person::User;
use aireg_domain::product::Product;
use aireg_domain::system::{Field, SystemRecord};
use aireg_domain::{Lang, Localized};

use super::LangText;
use crate::format;
use crate::i18n::Tr;

/// What a record refers to, looked up for display.
pub struct SystemContext<'a> {
    pub org: &'a Organisation,
    pub orgs: &'a [Organisation],
    pub product: Option<&'a Product>,
    pub system_owner: Option<&'a User>,
    pub process_owner: Option<&'a User>,
}

#[derive(Debug, Clone)]
pub struct ViewSection {
    pub title: String,
    pub rows: Vec<ViewRow>,
}

#[derive(Debug, Clone)]
pub struct ViewRow {
    pub label: String,
    pub value: LangText,
    /// A link for the whole value (an e-mail address).
    pub href: Option<String>,
    /// Several links (the record's links).
    pub links: Vec<(String, String)>,
    /// The field is internal: only staff see it.
    pub internal: bool,
}

struct Builder<'a> {
    t: Tr,
    record: &'a SystemRecord,
    preferred: &'a [Lang],
    staff_view: bool,
    rows: Vec<ViewRow>,
}

impl Builder<'_> {
    fn push(&mut self, field: Field, value: LangText) {
        self.push_with(field, value, None, Vec::new());
    }

    fn push_with(
        &mut self,
        field: Field,
        value: LangText,
        href: Option<String>,
        links: Vec<(String, String)>,
    ) {
        let empty = value.is_empty() && links.is_empty();
        if empty && !self.staff_view {
            return;
        }
        let value = if empty {
            LangText::plain(self.t.get("value-not-given"))
        } else {
            value
        };
        self.rows.push(ViewRow {
            label: self.t.get(&field.message_id()),
            value,
            href,
            links,
            internal: !self.record.is_public(field),
        });
    }

    fn text(&mut self, field: Field, value: &Localized) {
        let v = LangText::of(value, self.t.lang, self.preferred);
        self.push(field, v);
    }

    fn yes_no(&mut self, field: Field, value: Option<bool>) {
        let v = match value {
            Some(true) => LangText::plain(self.t.get("value-yes")),
            Some(false) => LangText::plain(self.t.get("value-no")),
            None => LangText::default(),
        };
        self.push(field, v);
    }

    fn plain(&mut self, field: Field, value: Option<String>) {
        self.push(field, value.map(LangText::plain).unwrap_or_default());
    }

    fn section(&mut self, title: &str, out: &mut Vec<ViewSection>) {
        let rows = std::mem::take(&mut self.rows);
        if !rows.is_empty() {
            out.push(ViewSection {
                title: self.t.get(title),
                rows,
            });
        }
    }
}

/// The record's sections in reading order.
pub fn sections(
    t: Tr,
    record: &SystemRecord,
    ctx: &SystemContext<'_>,
    staff_view: bool,
) -> Vec<ViewSection> {
    let lang = t.lang;
    let preferred = ctx.org.languages.as_slice();
    let mut b = Builder {
        t,
        record,
        preferred,
        staff_view,
        rows: Vec::new(),
    };
    let mut out = Vec::new();
    let enum_name = |id: Option<String>| id.map(|id| t.get(&id));

    b.text(Field::Summary, &record.summary);
    let unit = record
        .unit
        .and_then(|u| ctx.orgs.iter().find(|o| o.id == u))
        .map(|u| u.display_name(lang).to_string());
    b.plain(Field::Unit, unit);
    b.plain(
        Field::Lifecycle,
        enum_name(Some(record.lifecycle.message_id())),
    );
    b.plain(
        Field::StartDate,
        record.start_date.map(|d| format::date(d, lang)),
    );
    b.plain(
        Field::EndDate,
        record.end_date.map(|d| format::date(d, lang)),
    );
    b.plain(
        Field::NextReview,
        record.next_review.map(|d| format::date(d, lang)),
    );
    b.section("section-overview", &mut out);

    b.text(Field::DescriptionPublic, &record.description_public);
    b.text(Field::DescriptionTechnical, &record.description_technical);
    b.plain(
        Field::AiTechnique,
        enum_name(record.ai_technique.map(|v| v.message_id())),
    );
    b.plain(
        Field::Theme,
        enum_name(record.theme.map(|v| v.message_id())),
    );
    let product = ctx
        .product
        .filter(|_| record.product.is_some())
        .map(|p| format!("{} ({})", p.name, p.vendor));
    b.plain(Field::Product, product);
    b.plain(Field::Vendor, record.vendor.clone());
    b.plain(
        Field::ProcurementRoute,
        enum_name(record.procurement_route.map(|v| v.message_id())),
    );
    b.section("section-description", &mut out);

    b.text(Field::Purpose, &record.purpose);
    b.text(Field::AffectedGroups, &record.affected_groups);
    b.yes_no(Field::DecisionsOnPersons, record.decisions_on_persons);
    b.text(Field::LegalBasis, &record.legal_basis);
    b.section("section-purpose", &mut out);

    b.text(Field::DataDescription, &record.data_description);
    b.yes_no(Field::PersonalData, record.personal_data);
    b.yes_no(Field::SensitiveData, record.sensitive_data);
    b.plain(
        Field::DataClassification,
        enum_name(record.data_classification.map(|v| v.message_id())),
    );
    b.section("section-data", &mut out);

    b.plain(
        Field::HumanOversightMode,
        enum_name(record.human_oversight_mode.map(|v| v.message_id())),
    );
    b.text(Field::HumanOversight, &record.human_oversight);
    b.section("section-oversight", &mut out);

    let person = |u: Option<&User>, id: Option<aireg_domain::UserId>| {
        id.and(u).map(|u| format!("{} <{}>", u.name, u.email))
    };
    b.plain(
        Field::SystemOwner,
        person(ctx.system_owner, record.system_owner),
    );
    b.plain(
        Field::ProcessOwner,
        person(ctx.process_owner, record.process_owner),
    );
    let c = &record.contact;
    let contact: Vec<&str> = [c.name.as_deref(), c.email.as_deref(), c.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let href = c.email.as_ref().map(|m| format!("mailto:{m}"));
    b.push_with(
        Field::Contact,
        LangText::plain(contact.join(", ")),
        href,
        Vec::new(),
    );
    b.section("section-responsibility", &mut out);

    let keywords = record
        .keywords
        .resolve(lang, preferred)
        .map(|(l, words)| LangText {
            text: words.join(", "),
            lang: (l != lang).then_some(l.code()),
        })
        .unwrap_or_default();
    b.push(Field::Keywords, keywords);
    let links = record
        .links
        .iter()
        .map(|l| (l.title.clone(), l.url.clone()))
        .collect();
    b.push_with(Field::Links, LangText::default(), None, links);
    b.section("section-more", &mut out);
    out
}
