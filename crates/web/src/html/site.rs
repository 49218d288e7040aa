//! The accessibility statement and the privacy notice: public pages linked from every footer,
//! and the platform admin's form for their text in each language.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use aireg_domain::Lang;
use aireg_domain::org::{MAX_SITE_TEXT, SiteTextKey};
use aireg_domain::validation::Problem;
use aireg_service::ServiceError;

use super::{Chrome, PageLang, render, see_other};
use crate::auth::{MaybeStaff, Staff};
use crate::error::AppError;
use crate::form::StaffForm;
use crate::format;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "site_text.html")]
struct SitePage {
    c: Chrome,
    title: String,
    /// Paragraphs of the text.
    paragraphs: Vec<String>,
    /// When the admin last changed it, if the text is theirs.
    updated: Option<String>,
    /// The edit form, for a platform admin.
    edit: Option<String>,
}

fn key_of(path: &str) -> Result<SiteTextKey, AppError> {
    SiteTextKey::parse(path).ok_or(AppError::NotFound)
}

/// The built-in text of a page, until the platform admin writes their own.
fn default_text(key: SiteTextKey, t: &crate::i18n::Tr) -> String {
    t.get(&format!("{}-default", key.message_id()))
}

async fn public_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: Option<&Staff>,
    key: SiteTextKey,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let own = state.services.site_text(key, lang.0).await?;
    // The admin separates paragraphs with a blank line; the built-in text has one per line.
    let (body, separator) = match &own {
        Some(s) => (s.body.clone(), "\n\n"),
        None => (default_text(key, &t), "\n"),
    };
    render(&SitePage {
        c: Chrome::new(lang.0, uri, "site", staff),
        title: t.get(&key.message_id()),
        paragraphs: body
            .split(separator)
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        updated: own.map(|s| format::date(s.updated_at.date(), lang.0)),
        edit: staff
            .filter(|s| s.actor.is_platform_admin())
            .map(|_| format!("/{}/staff/site-texts/{}", lang.code(), key.as_str())),
    })
}

pub async fn accessibility(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    public_page(
        &state,
        lang,
        &uri,
        staff.as_ref(),
        SiteTextKey::Accessibility,
    )
    .await
}

pub async fn privacy(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    public_page(&state, lang, &uri, staff.as_ref(), SiteTextKey::Privacy).await
}

#[derive(Template)]
#[template(path = "site_text_form.html")]
struct FormPage {
    c: Chrome,
    title: String,
    key: &'static str,
    /// (language code, language name, text) for fi, sv and en.
    texts: Vec<(&'static str, String, String)>,
    errors: Vec<String>,
}

async fn form_page(
    state: &AppState,
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    key: SiteTextKey,
    given: Option<&crate::form::FormData>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    if !staff.actor.is_platform_admin() {
        return Err(AppError::Forbidden);
    }
    let t = lang.tr();
    let mut texts = Vec::new();
    for l in Lang::ALL {
        let text = match given {
            Some(f) => f.get(&format!("body_{}", l.code())).to_string(),
            None => state
                .services
                .site_text(key, l)
                .await?
                .map(|s| s.body)
                .unwrap_or_default(),
        };
        texts.push((
            l.code(),
            t.get(&format!("language-name-{}", l.code())),
            text,
        ));
    }
    render(&FormPage {
        c: Chrome::new(lang.0, uri, "site", Some(staff)),
        title: t.get(&key.message_id()),
        key: key.as_str(),
        texts,
        errors,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, key)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let key = key_of(&key)?;
    form_page(&state, lang, &uri, &staff, key, None, Vec::new()).await
}

pub async fn save(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, key)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> Result<Response, AppError> {
    let key = key_of(&key)?;
    let t = lang.tr();
    // Every language is checked before any is saved: a refused form changes nothing.
    let too_long: Vec<String> = Lang::ALL
        .iter()
        .filter(|l| {
            form.get(&format!("body_{}", l.code()))
                .trim()
                .chars()
                .count()
                > MAX_SITE_TEXT
        })
        .map(|l| {
            format!(
                "{}: {}",
                t.get(&format!("language-name-{}", l.code())),
                crate::error::field_message(&t, &Problem::TooLong { max: MAX_SITE_TEXT })
            )
        })
        .collect();
    if !too_long.is_empty() {
        let mut res = form_page(&state, lang, &uri, &staff, key, Some(&form), too_long).await?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let mut errors = Vec::new();
    for l in Lang::ALL {
        let body = form.get(&format!("body_{}", l.code()));
        match state
            .services
            .set_site_text(&staff.actor, key, l, body)
            .await
        {
            Ok(_) => {}
            Err(ServiceError::Invalid(e)) => errors.extend(e.iter().map(|e| {
                format!(
                    "{}: {}",
                    t.get(&format!("language-name-{}", l.code())),
                    crate::error::field_message(&t, &e.problem)
                )
            })),
            Err(e) => return Err(e.into()),
        }
    }
    if errors.is_empty() {
        let page = match key {
            SiteTextKey::Accessibility => "accessibility",
            SiteTextKey::Privacy => "privacy",
        };
        return Ok(see_other(&format!("/{}/{page}?done=saved", lang.code())));
    }
    let mut res = form_page(&state, lang, &uri, &staff, key, Some(&form), errors).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
