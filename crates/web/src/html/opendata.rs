//! The pages of the open register's data: what can be downloaded and under which licence, what
//! each column means, and the API described from its own OpenAPI document.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use aireg_domain::Lang;
use aireg_domain::org::OrgKind;
use aireg_service::opendata::{COLUMN_DOCS, DEFAULT_LICENCE, DEFAULT_LICENCE_URL};

use super::{Chrome, PageLang, render};
use crate::auth::MaybeStaff;
use crate::error::AppError;
use crate::state::AppState;

/// An organisation's downloads.
struct OrgDownloads {
    name: String,
    slug: String,
    licence: &'static str,
}

struct ColumnDoc {
    columns: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "open_data.html")]
struct OpenDataPage {
    c: Chrome,
    orgs: Vec<OrgDownloads>,
    columns: Vec<ColumnDoc>,
    licence: &'static str,
    licence_url: &'static str,
}

pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let t = crate::i18n::Tr::new(lang.0);
    let licences = state.services.licences().await?;
    let mut orgs: Vec<OrgDownloads> = state
        .store
        .organisations()
        .await?
        .into_iter()
        .filter(|o| o.kind != OrgKind::Unit)
        .map(|o| OrgDownloads {
            name: o.display_name(lang.0).to_string(),
            licence: licences
                .get(&o.id)
                .copied()
                .unwrap_or(aireg_domain::org::Licence::DEFAULT)
                .spdx,
            slug: o.slug,
        })
        .collect();
    orgs.sort_by(|a, b| a.name.cmp(&b.name));
    render(&OpenDataPage {
        c: Chrome::new(lang.0, &uri, "open-data", staff.as_ref()),
        orgs,
        columns: COLUMN_DOCS
            .iter()
            .map(|(columns, id)| ColumnDoc {
                columns,
                text: t.get(id),
            })
            .collect(),
        licence: DEFAULT_LICENCE,
        licence_url: DEFAULT_LICENCE_URL,
    })
}

/// One operation of the API as the page shows it.
struct Operation {
    method: &'static str,
    path: String,
    summary: String,
    description: String,
    token: bool,
    params: Vec<Param>,
    responses: Vec<(String, String)>,
}

struct Param {
    name: String,
    place: String,
    required: bool,
    description: String,
}

#[derive(Template)]
#[template(path = "api_doc.html")]
struct ApiPage {
    c: Chrome,
    operations: Vec<Operation>,
    /// The language of the document's texts when it is not the page's.
    doc_lang: Option<&'static str>,
}

pub async fn api(
    lang: PageLang,
    uri: Uri,
    MaybeStaff(staff): MaybeStaff,
) -> Result<Response, AppError> {
    let doc = crate::api::openapi();
    let mut operations = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("DELETE", &item.delete),
        ];
        for (method, op) in methods {
            let Some(op) = op else { continue };
            let params = op
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    utoipa::openapi::RefOr::T(p) => Some(p),
                    utoipa::openapi::RefOr::Ref(_) => None,
                })
                .map(|p| Param {
                    name: p.name.clone(),
                    place: match p.parameter_in {
                        utoipa::openapi::path::ParameterIn::Path => "path",
                        utoipa::openapi::path::ParameterIn::Query
                        | utoipa::openapi::path::ParameterIn::QueryString => "query",
                        utoipa::openapi::path::ParameterIn::Header => "header",
                        utoipa::openapi::path::ParameterIn::Cookie => "cookie",
                    }
                    .to_string(),
                    required: matches!(p.required, utoipa::openapi::Required::True),
                    description: p.description.clone().unwrap_or_default(),
                })
                .collect();
            let responses = op
                .responses
                .responses
                .iter()
                .map(|(status, r)| {
                    let text = match r {
                        utoipa::openapi::RefOr::T(r) => r.description.clone(),
                        utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
                    };
                    (status.clone(), text)
                })
                .collect();
            // The first line of the doc comment is the summary; the rest its description.
            let summary = op.summary.clone().unwrap_or_default();
            let description = op.description.clone().unwrap_or_default();
            operations.push(Operation {
                method,
                path: path.clone(),
                summary,
                description,
                token: op.security.as_ref().is_some_and(|s| !s.is_empty()),
                params,
                responses,
            });
        }
    }
    // Public operations first: they are what most readers of this page look for.
    operations.sort_by_key(|o| (o.token, o.path.clone()));
    render(&ApiPage {
        c: Chrome::new(lang.0, &uri, "api", staff.as_ref()),
        operations,
        doc_lang: (lang.0 != Lang::En).then_some("en"),
    })
}
