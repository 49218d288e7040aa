//! Creating and editing a record: one form, every field labelled, each mistake named next to
//! its field and in a summary at the top, and the person's input kept whatever went wrong.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use time::Date;

use aireg_domain::org::{OrgKind, Organisation};
use aireg_domain::person::User;
use aireg_domain::policy::{Action, ReadScope, Resource, can};
use aireg_domain::product::Product;
use aireg_domain::system::{
    AiTechnique, DataClassification, Field, Lifecycle, Link, OversightMode, ProcurementRoute,
    SystemRecord, Theme, Visibility,
};
use aireg_domain::validation::{FieldError, Problem};
use aireg_domain::{Lang, OrgId, ProductId, UserId, Vocabulary};
use aireg_service::ServiceError;

use super::public::Opt;
use super::staff::{field_sentence, readable};
use super::{Chrome, PageLang, render, see_other};
use crate::auth::Staff;
use crate::error::{AppError, field_message};
use crate::form::{FormData, StaffForm};
use crate::i18n::Tr;
use crate::state::AppState;

/// One language's input of a localised field.
struct LangInput {
    id: String,
    name: String,
    code: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

/// One link row.
struct LinkRow {
    index: usize,
    title: String,
    url: String,
    title_error: Option<String>,
    url_error: Option<String>,
}

/// One field of the form; `kind` decides how the template draws it.
struct FormField {
    kind: &'static str,
    id: String,
    name: String,
    label: String,
    hint: String,
    value: String,
    options: Vec<Opt>,
    error: Option<String>,
    /// Localised fields: the organisation's languages, then the others (folded away).
    primary: Vec<LangInput>,
    others: Vec<LangInput>,
    links: Vec<LinkRow>,
    /// The "internal" checkbox: `None` for fields that are always public.
    internal: Option<bool>,
    multiline: bool,
}

impl FormField {
    fn new(kind: &'static str, field: &str, t: &Tr) -> FormField {
        let key = field.replace('_', "-");
        FormField {
            kind,
            id: format!("f-{}", field.replace('.', "-")),
            name: field.to_string(),
            label: t.get(&format!("field-{key}").replace('.', "-")),
            hint: hint(t, &format!("hint-{key}").replace('.', "-")),
            value: String::new(),
            options: Vec::new(),
            error: None,
            primary: Vec::new(),
            others: Vec::new(),
            links: Vec::new(),
            internal: None,
            multiline: false,
        }
    }

    fn others_open(&self) -> bool {
        self.others
            .iter()
            .any(|p| !p.value.is_empty() || p.error.is_some())
    }
}

fn hint(t: &Tr, id: &str) -> String {
    if crate::i18n::I18n::get().has(t.lang, id) {
        t.get(id)
    } else {
        String::new()
    }
}

struct FormSection {
    title: String,
    fields: Vec<FormField>,
}

struct ErrorLink {
    href: String,
    text: String,
}

#[derive(Template)]
#[template(path = "system_form.html")]
struct FormPage {
    c: Chrome,
    title: String,
    action: String,
    org_name: String,
    org_slug: String,
    version: Option<i64>,
    errors: Vec<ErrorLink>,
    conflict: Option<String>,
    sections: Vec<FormSection>,
    cancel_href: String,
}

#[derive(Template)]
#[template(path = "choose_org.html")]
struct ChooseOrgPage {
    c: Chrome,
    orgs: Vec<Opt>,
}

/// What the form offers to choose from.
struct FormContext {
    org: Organisation,
    units: Vec<Organisation>,
    people: Vec<User>,
    products: Vec<Product>,
}

async fn form_context(
    state: &AppState,
    staff: &Staff,
    org: Organisation,
) -> Result<FormContext, AppError> {
    let orgs = state.store.organisations().await?;
    let tree = state.store.org_tree().await?;
    let below = tree.descendants_and_self(org.id);
    let units: Vec<Organisation> = orgs
        .iter()
        .filter(|o| o.id != org.id && below.contains(&o.id) && o.kind == OrgKind::Unit)
        .cloned()
        .collect();
    let scope = ReadScope::for_actor(&staff.actor);
    let mut people: Vec<User> = Vec::new();
    let mut seen = BTreeSet::new();
    for o in tree.ancestors_and_self(org.id).into_iter().chain(below) {
        if !scope.allows(o, false) {
            continue;
        }
        for m in state.store.members(&scope, o).await? {
            if seen.insert(m.user.id) {
                people.push(m.user);
            }
        }
    }
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let products = state.store.products().await?;
    Ok(FormContext {
        org,
        units,
        people,
        products,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let query = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let orgs = state.store.organisations().await?;
    let creatable: Vec<&Organisation> = orgs
        .iter()
        .filter(|o| o.kind != OrgKind::Unit && o.kind != OrgKind::Region)
        .filter(|o| can(&staff.actor, Action::CreateSystem, Resource::Org(o.id)))
        .collect();
    let chosen = match query.get("org") {
        "" if creatable.len() == 1 => creatable.first().copied(),
        "" => None,
        slug => Some(
            creatable
                .iter()
                .find(|o| o.slug == slug)
                .copied()
                .ok_or(AppError::Forbidden)?,
        ),
    };
    let Some(org) = chosen else {
        if creatable.is_empty() {
            return Err(AppError::Forbidden);
        }
        let mut options: Vec<Opt> = creatable
            .iter()
            .map(|o| Opt {
                value: o.slug.clone(),
                label: o.display_name(lang.0).to_string(),
                selected: false,
            })
            .collect();
        options.sort_by(|a, b| a.label.cmp(&b.label));
        return render(&ChooseOrgPage {
            c: Chrome::new(lang.0, &uri, "systems", Some(&staff)),
            orgs: options,
        });
    };
    let ctx = form_context(&state, &staff, org.clone()).await?;
    let record = SystemRecord::default();
    let page = form_page(
        lang,
        &uri,
        &staff,
        &ctx,
        &FormData::default(),
        Some(&record),
        None,
        Vec::new(),
        None,
    );
    render(&page)
}

pub async fn create(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let org = state
        .store
        .organisation_by_slug(form.get("org"))
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(&staff.actor, Action::CreateSystem, Resource::Org(org.id)) {
        return Err(AppError::Forbidden);
    }
    let org_id = org.id;
    let ctx = form_context(&state, &staff, org).await?;
    let (record, mut errors) = record_from_form(&form);
    if let Err(mut more) = record.clone().normalized().validate() {
        errors.append(&mut more);
    }
    if errors.is_empty() {
        match state
            .services
            .create_record(&staff.actor, org_id, record)
            .await
        {
            Ok(s) => {
                return Ok(see_other(&format!(
                    "/{}/staff/systems/{}?done=created",
                    lang.code(),
                    s.id
                )));
            }
            Err(ServiceError::Invalid(mut e)) => errors.append(&mut e),
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = render(&form_page(
        lang, &uri, &staff, &ctx, &form, None, None, errors, None,
    ))?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    if !can(&staff.actor, Action::EditSystem, Resource::system(&system)) {
        return Err(AppError::Forbidden);
    }
    let org = state
        .store
        .organisation(system.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = form_context(&state, &staff, org).await?;
    render(&form_page(
        lang,
        &uri,
        &staff,
        &ctx,
        &FormData::default(),
        Some(&system.record),
        Some((system.id, system.version)),
        Vec::new(),
        None,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    if !can(&staff.actor, Action::EditSystem, Resource::system(&system)) {
        return Err(AppError::Forbidden);
    }
    let org = state
        .store
        .organisation(system.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = form_context(&state, &staff, org).await?;
    let version = super::governance::form_version(&lang.tr(), form.get("version"))?;
    let (mut record, mut errors) = record_from_form(&form);
    // The state is not edited here: it moves through the policy's gates.
    record.lifecycle = system.record.lifecycle;
    if let Err(mut more) = record.clone().normalized().validate() {
        errors.append(&mut more);
    }
    let mut conflict = None;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        match state
            .services
            .update_record(&staff.actor, system.id, version, record)
            .await
        {
            Ok(s) => {
                return Ok(see_other(&format!(
                    "/{}/staff/systems/{}?done=saved",
                    lang.code(),
                    s.id
                )));
            }
            Err(ServiceError::Invalid(mut e)) => errors.append(&mut e),
            Err(ServiceError::Conflict { current }) => {
                conflict = Some(lang.tr().get1("conflict-form", "version", current));
                status = StatusCode::CONFLICT;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = render(&form_page(
        lang,
        &uri,
        &staff,
        &ctx,
        &form,
        None,
        Some((system.id, version)),
        errors,
        conflict,
    ))?;
    *res.status_mut() = status;
    Ok(res)
}

/// Reads the record from the form. Values that cannot even be read (a date that is not a date,
/// a choice not offered) become field errors; the rest of the checking is the domain's.
fn record_from_form(form: &FormData) -> (SystemRecord, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut r = SystemRecord::default();
    for field in SystemRecord::localized_fields() {
        let text = Lang::ALL
            .iter()
            .map(|l| (*l, form.get(&format!("{}.{l}", field.as_str())).to_string()))
            .collect();
        if let Some(slot) = localized_slot(&mut r, field) {
            *slot = text;
        }
    }
    for l in Lang::ALL {
        let words = form
            .get(&format!("keywords.{l}"))
            .split([',', ';', '\n'])
            .map(|w| w.trim().to_string())
            .collect::<Vec<_>>();
        r.keywords.set(l, words);
    }
    r.human_oversight_mode = choice(
        form,
        "human_oversight_mode",
        OversightMode::parse,
        OversightMode::allowed,
        &mut errors,
    );
    r.data_classification = choice(
        form,
        "data_classification",
        DataClassification::parse,
        DataClassification::allowed,
        &mut errors,
    );
    r.procurement_route = choice(
        form,
        "procurement_route",
        ProcurementRoute::parse,
        ProcurementRoute::allowed,
        &mut errors,
    );
    r.ai_technique = choice(
        form,
        "ai_technique",
        AiTechnique::parse,
        AiTechnique::allowed,
        &mut errors,
    );
    r.theme = choice(form, "theme", Theme::parse, Theme::allowed, &mut errors);
    r.lifecycle = choice(
        form,
        "lifecycle",
        Lifecycle::parse,
        Lifecycle::allowed,
        &mut errors,
    )
    .unwrap_or(Lifecycle::Idea);
    r.decisions_on_persons = yes_no(form, "decisions_on_persons", &mut errors);
    r.personal_data = yes_no(form, "personal_data", &mut errors);
    r.sensitive_data = yes_no(form, "sensitive_data", &mut errors);
    r.start_date = date(form, "start_date", &mut errors);
    r.end_date = date(form, "end_date", &mut errors);
    r.next_review = date(form, "next_review", &mut errors);
    r.vendor = Some(form.get("vendor").to_string());
    r.contact.email = Some(form.get("contact.email").to_string());
    r.contact.phone = Some(form.get("contact.phone").to_string());
    r.contact.name = Some(form.get("contact.name").to_string());
    r.unit = reference(form, "unit", &mut errors).map(OrgId);
    r.system_owner = reference(form, "system_owner", &mut errors).map(UserId);
    r.process_owner = reference(form, "process_owner", &mut errors).map(UserId);
    r.product = reference(form, "product", &mut errors).map(ProductId);
    r.links = form
        .all("links.title")
        .into_iter()
        .zip(form.all("links.url"))
        .map(|(title, url)| Link {
            title: title.trim().to_string(),
            url: url.trim().to_string(),
        })
        .filter(|l| !(l.title.is_empty() && l.url.is_empty()))
        .collect();
    let internal: Vec<&str> = form.all("internal");
    for field in Field::ALL.iter().filter(|f| !f.always_public()) {
        let v = if internal.contains(&field.as_str()) {
            Visibility::Internal
        } else {
            Visibility::Public
        };
        r.visibility.insert(*field, v);
    }
    (r.normalized(), errors)
}

fn localized_slot(r: &mut SystemRecord, field: Field) -> Option<&mut aireg_domain::Localized> {
    Some(match field {
        Field::Name => &mut r.name,
        Field::Summary => &mut r.summary,
        Field::DescriptionPublic => &mut r.description_public,
        Field::DescriptionTechnical => &mut r.description_technical,
        Field::Purpose => &mut r.purpose,
        Field::AffectedGroups => &mut r.affected_groups,
        Field::LegalBasis => &mut r.legal_basis,
        Field::HumanOversight => &mut r.human_oversight,
        Field::DataDescription => &mut r.data_description,
        _ => return None,
    })
}

fn choice<T>(
    form: &FormData,
    name: &str,
    parse: fn(&str) -> Option<T>,
    allowed: fn() -> Vec<String>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match form.get(name).trim() {
        "" => None,
        v => parse(v).or_else(|| {
            errors.push(FieldError::new(
                name,
                Problem::InvalidChoice { allowed: allowed() },
            ));
            None
        }),
    }
}

fn yes_no(form: &FormData, name: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match form.get(name) {
        "yes" => Some(true),
        "no" => Some(false),
        "" => None,
        _ => {
            errors.push(FieldError::new(
                name,
                Problem::InvalidChoice {
                    allowed: vec!["yes".into(), "no".into()],
                },
            ));
            None
        }
    }
}

fn date(form: &FormData, name: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    let v = form.get(name).trim();
    if v.is_empty() {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(v, &format).ok().or_else(|| {
        errors.push(FieldError::new(name, Problem::InvalidDate));
        None
    })
}

fn reference(form: &FormData, name: &str, errors: &mut Vec<FieldError>) -> Option<uuid::Uuid> {
    match form.get(name).trim() {
        "" => None,
        v => uuid::Uuid::parse_str(v).ok().or_else(|| {
            errors.push(FieldError::new(name, Problem::UnknownReference));
            None
        }),
    }
}

/// The element id a field error points at.
fn anchor(path: &str, primary: Lang) -> String {
    let path = path.strip_prefix("visibility.").unwrap_or(path);
    if let Some(rest) = path.strip_prefix("links[") {
        let (i, tail) = rest
            .split_once("].")
            .unwrap_or((rest.trim_end_matches(']'), "title"));
        return format!("f-links-{i}-{tail}");
    }
    if path == "links" {
        return "f-links-0-title".into();
    }
    let base = path.split('[').next().unwrap_or(path);
    let is_localized = Field::parse(base)
        .is_some_and(|f| SystemRecord::localized_fields().any(|l| l == f) || f == Field::Keywords);
    if is_localized {
        return format!("f-{base}-{primary}");
    }
    format!("f-{}", base.replace('.', "-"))
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    ctx: &FormContext,
    form: &FormData,
    record: Option<&SystemRecord>,
    existing: Option<(aireg_domain::SystemId, i64)>,
    errors: Vec<FieldError>,
    conflict: Option<String>,
) -> FormPage {
    let t = lang.tr();
    let primary = ctx.org.primary_lang();
    // What the inputs show: the stored record, or exactly what was posted.
    let value = |name: &str| -> String {
        match record {
            Some(r) => stored_value(r, name),
            None => form.get(name).to_string(),
        }
    };
    let internal = |f: Field| -> bool {
        match record {
            Some(r) => !r.is_public(f),
            None => form.all("internal").contains(&f.as_str()),
        }
    };
    let error_for = |id: &str| -> Option<String> {
        let msgs: Vec<String> = errors
            .iter()
            .filter(|e| anchor(&e.field, primary) == id)
            .map(|e| field_message(&t, &e.problem))
            .collect();
        (!msgs.is_empty()).then(|| msgs.join(" "))
    };
    let org_langs = &ctx.org.languages;

    let localized = |field: Field, multiline: bool| -> FormField {
        let mut f = FormField::new("localized", field.as_str(), &t);
        f.multiline = multiline;
        f.internal = (!field.always_public()).then(|| internal(field));
        for l in Lang::ALL {
            let name = format!("{}.{l}", field.as_str());
            let id = format!("f-{}-{l}", field.as_str());
            let input = LangInput {
                error: error_for(&id),
                code: l.code(),
                label: t.get(&format!("language-name-{l}")),
                value: value(&name),
                name,
                id,
            };
            if org_langs.contains(&l) {
                f.primary.push(input);
            } else {
                f.others.push(input);
            }
        }
        f
    };
    let select = |name: &str, field: Option<Field>, options: Vec<(String, String)>| -> FormField {
        let mut f = FormField::new("select", name, &t);
        let current = value(name);
        f.options = options
            .into_iter()
            .map(|(v, label)| Opt {
                selected: v == current,
                value: v,
                label,
            })
            .collect();
        f.error = error_for(&f.id);
        f.internal = field.filter(|f| !f.always_public()).map(internal);
        f
    };
    fn choices<E: Vocabulary>(t: &Tr) -> Vec<(String, String)> {
        E::all()
            .iter()
            .map(|v| (v.text().to_string(), t.get(&v.message())))
            .collect()
    }
    let yes_no_options = || {
        vec![
            ("yes".to_string(), t.get("value-yes")),
            ("no".to_string(), t.get("value-no")),
        ]
    };
    let input = |kind: &'static str, name: &str, field: Option<Field>| -> FormField {
        let mut f = FormField::new(kind, name, &t);
        f.value = value(name);
        f.error = error_for(&f.id);
        f.internal = field.filter(|f| !f.always_public()).map(internal);
        f
    };

    let mut sections = Vec::new();
    sections.push(FormSection {
        title: t.get("section-overview"),
        fields: vec![
            localized(Field::Name, false),
            localized(Field::Summary, true),
            // A new record starts in an early state; an existing one keeps its state here and
            // moves through the gates on its governance page.
            select(
                "lifecycle",
                Some(Field::Lifecycle),
                choices::<Lifecycle>(&t)
                    .into_iter()
                    .filter(|(v, _)| match existing {
                        None => Lifecycle::parse(v).is_some_and(Lifecycle::is_initial),
                        Some(_) => *v == value("lifecycle"),
                    })
                    .collect(),
            ),
            select(
                "unit",
                Some(Field::Unit),
                ctx.units
                    .iter()
                    .map(|u| (u.id.to_string(), u.display_name(lang.0).to_string()))
                    .collect(),
            ),
            input("date", "start_date", Some(Field::StartDate)),
            input("date", "end_date", Some(Field::EndDate)),
            input("date", "next_review", Some(Field::NextReview)),
        ],
    });
    sections.push(FormSection {
        title: t.get("section-description"),
        fields: vec![
            localized(Field::DescriptionPublic, true),
            localized(Field::DescriptionTechnical, true),
            select(
                "ai_technique",
                Some(Field::AiTechnique),
                choices::<AiTechnique>(&t),
            ),
            select("theme", Some(Field::Theme), choices::<Theme>(&t)),
            select(
                "product",
                Some(Field::Product),
                ctx.products
                    .iter()
                    .map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.vendor)))
                    .collect(),
            ),
            input("text", "vendor", Some(Field::Vendor)),
            select(
                "procurement_route",
                Some(Field::ProcurementRoute),
                choices::<ProcurementRoute>(&t),
            ),
        ],
    });
    sections.push(FormSection {
        title: t.get("section-purpose"),
        fields: vec![
            localized(Field::Purpose, true),
            localized(Field::AffectedGroups, true),
            select(
                "decisions_on_persons",
                Some(Field::DecisionsOnPersons),
                yes_no_options(),
            ),
            localized(Field::LegalBasis, true),
        ],
    });
    sections.push(FormSection {
        title: t.get("section-data"),
        fields: vec![
            localized(Field::DataDescription, true),
            select("personal_data", Some(Field::PersonalData), yes_no_options()),
            select(
                "sensitive_data",
                Some(Field::SensitiveData),
                yes_no_options(),
            ),
            select(
                "data_classification",
                Some(Field::DataClassification),
                choices::<DataClassification>(&t),
            ),
        ],
    });
    sections.push(FormSection {
        title: t.get("section-oversight"),
        fields: vec![
            select(
                "human_oversight_mode",
                Some(Field::HumanOversightMode),
                choices::<OversightMode>(&t),
            ),
            localized(Field::HumanOversight, true),
        ],
    });
    let people: Vec<(String, String)> = ctx
        .people
        .iter()
        .map(|u| (u.id.to_string(), format!("{} <{}>", u.name, u.email)))
        .collect();
    let mut contact_email = input("email", "contact.email", Some(Field::Contact));
    contact_email.label = t.get("field-contact-email");
    let mut contact_phone = input("tel", "contact.phone", None);
    contact_phone.label = t.get("field-contact-phone");
    let mut contact_name = input("text", "contact.name", None);
    contact_name.label = t.get("field-contact-name");
    sections.push(FormSection {
        title: t.get("section-responsibility"),
        fields: vec![
            select("system_owner", Some(Field::SystemOwner), people.clone()),
            select("process_owner", Some(Field::ProcessOwner), people),
            contact_email,
            contact_phone,
            contact_name,
        ],
    });
    let keywords = localized(Field::Keywords, false);
    let mut links = FormField::new("links", "links", &t);
    links.internal = Some(internal(Field::Links));
    let pairs: Vec<(String, String)> = match record {
        Some(r) => r
            .links
            .iter()
            .map(|l| (l.title.clone(), l.url.clone()))
            .collect(),
        None => form
            .all("links.title")
            .into_iter()
            .zip(form.all("links.url"))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .filter(|(a, b)| !(a.is_empty() && b.is_empty()))
            .collect(),
    };
    for (index, (title, url)) in pairs
        .into_iter()
        .chain(std::iter::repeat_n((String::new(), String::new()), 2))
        .enumerate()
    {
        links.links.push(LinkRow {
            title_error: error_for(&format!("f-links-{index}-title")),
            url_error: error_for(&format!("f-links-{index}-url")),
            index,
            title,
            url,
        });
    }
    sections.push(FormSection {
        title: t.get("section-more"),
        fields: vec![keywords, links],
    });

    let error_links = errors
        .iter()
        .map(|e| ErrorLink {
            href: format!("#{}", anchor(&e.field, primary)),
            text: field_sentence(&t, e),
        })
        .collect();
    let (title, action, cancel) = match existing {
        Some((id, _)) => (
            t.get("edit-title"),
            format!("/{}/staff/systems/{id}/edit", lang.code()),
            format!("/{}/staff/systems/{id}", lang.code()),
        ),
        None => (
            t.get("new-title"),
            format!("/{}/staff/systems", lang.code()),
            format!("/{}/staff/systems", lang.code()),
        ),
    };
    FormPage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        title,
        action,
        org_name: ctx.org.display_name(lang.0).to_string(),
        org_slug: ctx.org.slug.clone(),
        version: existing.map(|(_, v)| v),
        errors: error_links,
        conflict,
        sections,
        cancel_href: cancel,
    }
}

/// A stored record's value for a form input name.
fn stored_value(r: &SystemRecord, name: &str) -> String {
    if let Some((field, lang)) = name.split_once('.')
        && let Some(l) = Lang::parse(lang)
    {
        if field == "keywords" {
            return r.keywords.get(l).join(", ");
        }
        if let Some(text) = Field::parse(field).and_then(|f| r.localized(f)) {
            return text.get(l).unwrap_or("").to_string();
        }
    }
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "yes".to_string(),
        Some(false) => "no".to_string(),
        None => String::new(),
    };
    let iso = |d: Option<Date>| d.map(aireg_domain::clock::iso).unwrap_or_default();
    match name {
        "lifecycle" => r.lifecycle.as_str().to_string(),
        "human_oversight_mode" => r
            .human_oversight_mode
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        "data_classification" => r
            .data_classification
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        "procurement_route" => r
            .procurement_route
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        "ai_technique" => r
            .ai_technique
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        "theme" => r.theme.map(|v| v.as_str().to_string()).unwrap_or_default(),
        "decisions_on_persons" => yes_no(r.decisions_on_persons),
        "personal_data" => yes_no(r.personal_data),
        "sensitive_data" => yes_no(r.sensitive_data),
        "start_date" => iso(r.start_date),
        "end_date" => iso(r.end_date),
        "next_review" => iso(r.next_review),
        "vendor" => r.vendor.clone().unwrap_or_default(),
        "contact.email" => r.contact.email.clone().unwrap_or_default(),
        "contact.phone" => r.contact.phone.clone().unwrap_or_default(),
        "contact.name" => r.contact.name.clone().unwrap_or_default(),
        "unit" => r.unit.map(|v| v.to_string()).unwrap_or_default(),
        "system_owner" => r.system_owner.map(|v| v.to_string()).unwrap_or_default(),
        "process_owner" => r.process_owner.map(|v| v.to_string()).unwrap_or_default(),
        "product" => r.product.map(|v| v.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_paths_point_at_inputs() {
        assert_eq!(anchor("name", Lang::Fi), "f-name-fi");
        assert_eq!(anchor("name.sv", Lang::Fi), "f-name-sv");
        assert_eq!(anchor("summary.sv", Lang::Sv), "f-summary-sv");
        assert_eq!(anchor("links[2].url", Lang::Fi), "f-links-2-url");
        assert_eq!(anchor("contact.email", Lang::Fi), "f-contact-email");
        assert_eq!(anchor("keywords.fi[3]", Lang::Fi), "f-keywords-fi");
        assert_eq!(anchor("end_date", Lang::Fi), "f-end_date");
        assert_eq!(anchor("visibility.name", Lang::Fi), "f-name-fi");
    }

    #[test]
    fn a_form_round_trips_a_record() {
        let body = "name.fi=Chatbot&name.sv=&summary.fi=Vastaa&lifecycle=pilot&personal_data=yes\
            &start_date=2026-01-31&links.title=Ohje&links.url=https%3A%2F%2Fx.fi&links.title=&links.url=\
            &keywords.fi=a%2C+b&internal=vendor&vendor=Oy&contact.email=a%40b.fi";
        let (r, errors) = record_from_form(&FormData::parse(body.as_bytes()));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.name.get(Lang::Fi), Some("Chatbot"));
        assert_eq!(r.name.get(Lang::Sv), None);
        assert_eq!(r.lifecycle, Lifecycle::Pilot);
        assert_eq!(r.personal_data, Some(true));
        assert_eq!(r.links.len(), 1);
        assert_eq!(r.keywords.get(Lang::Fi), ["a", "b"]);
        assert!(!r.is_public(Field::Vendor));
        // Owners were not ticked internal, so they are public now.
        assert!(r.is_public(Field::SystemOwner));
        assert_eq!(stored_value(&r, "keywords.fi"), "a, b");
        assert_eq!(stored_value(&r, "start_date"), "2026-01-31");
    }

    #[test]
    fn unreadable_values_are_named() {
        let body = "name.fi=x&lifecycle=live&start_date=31.1.2026&unit=nope&personal_data=maybe";
        let (_, errors) = record_from_form(&FormData::parse(body.as_bytes()));
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["lifecycle", "personal_data", "start_date", "unit"]);
    }
}
