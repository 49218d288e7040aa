//! Open data: the public register as CSV, XLSX and JSON downloads (whole or per organisation)
//! and an Atom feed of published changes. Downloads stream a page of records at a time.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use aireg_domain::Lang;
use aireg_domain::policy::ReadScope;
use aireg_service::opendata::{DEFAULT_LICENCE, DEFAULT_LICENCE_URL, Format};
use aireg_service::standards::Standard;
use aireg_store::SystemFilter;

use crate::error::{AppError, ProblemDocument};
use crate::form::FormData;
use crate::state::AppState;

/// The JSON download: the licence, the columns and one object per published record.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct OpenDataDocument {
    /// An SPDX licence identifier (CC-BY-4.0 unless the organisation names another).
    pub licence: String,
    pub licence_url: String,
    /// The columns of every item, in order (as in the CSV).
    pub columns: Vec<String>,
    /// One object per published record, column by column; unknown values are null.
    pub items: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// The downloads of the open data.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Documents the path's values; the handler reads the text.
pub enum OpenDataFile {
    #[schema(rename = "systems.csv")]
    Csv,
    #[schema(rename = "systems.xlsx")]
    Xlsx,
    #[schema(rename = "systems.json")]
    Json,
}

/// The standards' downloads.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Documents the path's values; the handler reads the text.
pub enum StandardFile {
    #[schema(rename = "nl-algoritmeregister.json")]
    Nl,
    #[schema(rename = "eurocities.json")]
    Eurocities,
    #[schema(rename = "atrs.json")]
    Atrs,
    #[schema(rename = "eu-database.json")]
    Eu,
    #[schema(rename = "dcat-ap.ttl")]
    Dcat,
}

/// The public register as open data: `systems.csv`, `systems.xlsx` or `systems.json`. One
/// row per published record, public fields only, each with its stable id and the licence.
#[utoipa::path(
    get,
    path = "/api/v1/public/open-data/{file}",
    tag = "public",
    params(
        ("file" = OpenDataFile, Path, description = "systems.csv, systems.xlsx or systems.json"),
        ("org" = Option<String>, Query, description = "Organisation slug or id: its records and those of the organisations below it; empty for the whole register"),
    ),
    responses(
        (status = 200, description = "The download (CSV: UTF-8, RFC 4180, a header row)", content(
            (OpenDataDocument = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such download", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    let format = file
        .strip_prefix("systems.")
        .and_then(Format::parse)
        .ok_or(AppError::NotFound)?;
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let (filter, org) = org_filter(&state, &q).await?;
    let name = match &org {
        Some(o) => format!("aireg-systems-{}", o.slug),
        None => "aireg-systems".to_string(),
    };
    let licences = state.services.licences().await?;
    let licence = org
        .as_ref()
        .and_then(|o| licences.get(&o.id).copied())
        .unwrap_or(aireg_domain::org::Licence::DEFAULT);
    let root = org.as_ref().map(|o| o.id);
    let services = state.services.clone();
    let public_url = state.config.public_url.clone();
    let body = streamed(move |tx| async move {
        services
            .open_data(format, &filter, root, &public_url, tx)
            .await
    });
    Ok((
        [
            (header::CONTENT_TYPE, format.media_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{}\"", format.extension()),
            ),
            (
                header::LINK,
                format!(
                    "<{}>; rel=\"license\"; title=\"{}\"",
                    licence.url, licence.spdx
                ),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
        ],
        body,
    )
        .into_response())
}

/// The organisation filter of a download (`org`, a slug or an id; none for the whole register).
async fn org_filter(
    state: &AppState,
    q: &FormData,
) -> Result<(SystemFilter, Option<aireg_domain::org::Organisation>), AppError> {
    match q.get("org").trim() {
        "" => Ok((SystemFilter::default(), None)),
        v => {
            let orgs = state.store.organisations().await?;
            let org = orgs
                .into_iter()
                .find(|o| o.slug == v || o.id.to_string() == v)
                .ok_or_else(|| AppError::BadRequest {
                    field: Some("org".into()),
                    detail: format!("org: no organisation {v:?}"),
                })?;
            let tree = state.store.org_tree().await?;
            let filter = SystemFilter {
                orgs: Some(tree.descendants_and_self(org.id).into_iter().collect()),
                ..SystemFilter::default()
            };
            Ok((filter, Some(org)))
        }
    }
}

/// The register in a record standard: `nl-algoritmeregister.json` (the Dutch algorithm
/// register's publication standard 1.0, one object per record), `eurocities.json` (the
/// Eurocities algorithmic transparency standard v0.3.1), `atrs.json` (the UK Algorithmic
/// Transparency Recording Standard: one object per record with the v3.0 template's
/// attributes), `eu-database.json` (what a
/// public authority registers for a high-risk system, AI Act Annex VIII section C) or
/// `dcat-ap.ttl` (a DCAT-AP 3 catalogue of the register's data). Published records only.
/// `aireg export --format …` writes the same and reports what the standard cannot carry.
#[utoipa::path(
    get,
    path = "/api/v1/public/standards/{file}",
    tag = "public",
    params(
        ("file" = StandardFile, Path, description = "nl-algoritmeregister.json, eurocities.json, atrs.json, eu-database.json or dcat-ap.ttl"),
        ("org" = Option<String>, Query, description = "Organisation slug or id: its records and those of the organisations below it; empty for the whole register"),
    ),
    responses(
        (status = 200, description = "The export", content(
            (Vec<serde_json::Value> = "application/json"),
            (String = "text/turtle"),
        )),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such download", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn standard(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    let standard = file
        .rsplit_once('.')
        .and_then(|(name, ext)| Standard::parse(name).filter(|s| s.extension() == ext))
        .ok_or(AppError::NotFound)?;
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let (filter, org) = org_filter(&state, &q).await?;
    let public_url = state.config.public_url.clone();
    let name = match &org {
        Some(o) => format!("{}-{}", standard.as_str(), o.slug),
        None => standard.as_str().to_string(),
    };
    let headers = [
        (header::CONTENT_TYPE, standard.media_type().to_string()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.{}\"", standard.extension()),
        ),
        (header::CACHE_CONTROL, "public, max-age=300".to_string()),
    ];
    if standard == Standard::DcatAp {
        let ttl = state
            .services
            .dcat_catalogue(&public_url, org.as_ref())
            .await?;
        return Ok((headers, ttl).into_response());
    }
    let services = state.services.clone();
    let body = streamed(move |tx| async move {
        services
            .export_records(standard, &filter, &public_url, tx)
            .await
    });
    Ok((headers, body).into_response())
}

/// A body of what `write` sends, written as it is read. When the writer fails, the answer has
/// begun: the body ends in an error, so the client sees a broken download rather than a short
/// one that looks whole, and the log says why.
fn streamed<W, F, T>(write: W) -> Body
where
    W: FnOnce(mpsc::Sender<Vec<u8>>) -> F + Send + 'static,
    F: std::future::Future<Output = aireg_service::ServiceResult<T>> + Send + 'static,
    T: Send + 'static,
{
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(4);
    let (body_tx, body_rx) = mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    tokio::spawn(async move {
        let forward = async {
            while let Some(chunk) = rx.recv().await {
                if body_tx.send(Ok(chunk)).await.is_err() {
                    break;
                }
            }
        };
        let (result, ()) = tokio::join!(write(tx), forward);
        if let Err(e) = result {
            tracing::error!(error = %e, "a download failed");
            let _ = body_tx
                .send(Err(std::io::Error::other("the download failed")))
                .await;
        }
    });
    Body::from_stream(futures_util::stream::unfold(body_rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }))
}

/// How many changes the feed shows.
const FEED_ENTRIES: u32 = 50;

/// The newest published changes as an Atom feed (RFC 4287), for feed readers and for
/// harvesters that only want what changed.
#[utoipa::path(
    get,
    path = "/api/v1/public/feed.atom",
    tag = "public",
    params(
        ("lang" = Option<String>, Query, description = "fi, sv or en: the language of titles and summaries (default fi)"),
    ),
    responses(
        (status = 200, description = "The newest changed published records, newest first", content_type = "application/atom+xml", body = String),
        (status = 400, description = "A query parameter is wrong", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn feed(State(state): State<AppState>, uri: Uri) -> Result<Response, AppError> {
    let q = FormData::parse(uri.query().unwrap_or("").as_bytes());
    let lang = match q.get("lang").trim() {
        "" => Lang::Fi,
        v => Lang::parse(v).ok_or_else(|| AppError::BadRequest {
            field: Some("lang".into()),
            detail: format!("lang: {v:?} is not a language; use fi, sv or en"),
        })?,
    };
    let scope = ReadScope::public();
    let systems = state.store.recently_changed(&scope, FEED_ENTRIES).await?;
    let orgs = state.store.organisations().await?;
    let base = state.config.public_url.trim_end_matches('/');
    let t = crate::i18n::Tr::new(lang);
    let updated = systems
        .first()
        .map(|s| s.updated_at)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n\
         <title>{title}</title>\n<id>{base}/{code}/</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" href=\"{base}/api/v1/public/feed.atom?lang={code}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/{code}/\"/>\n\
         <link rel=\"license\" href=\"{DEFAULT_LICENCE_URL}\"/>\n\
         <rights>{DEFAULT_LICENCE}</rights>\n",
        code = lang.code(),
        title = escape(&t.get("feed-title")),
        updated = rfc3339(updated),
    ));
    for s in &systems {
        let org = orgs.iter().find(|o| o.id == s.org_id);
        let preferred = org.map(|o| o.languages.as_slice()).unwrap_or(&[]);
        let url = format!("{base}/{}/systems/{}", lang.code(), s.id);
        xml.push_str(&format!(
            "<entry>\n<title>{title}</title>\n<id>{base}/systems/{id}</id>\n\
             <updated>{updated}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <author><name>{author}</name></author>\n<summary>{summary}</summary>\n</entry>\n",
            title = escape(s.record.name.text(lang, preferred)),
            id = s.id,
            updated = rfc3339(s.updated_at),
            author = escape(org.map(|o| o.display_name(lang)).unwrap_or("")),
            summary = escape(s.record.summary.text(lang, preferred)),
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        xml,
    )
        .into_response())
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Text as XML (or HTML) character data or an attribute value.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
