//! Importing records from a page: upload a file, read the trial run's report row by row, then
//! confirm. The confirmed import is the same file (carried in the page, hex-encoded, so no
//! upload is kept on the server between the two steps).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, Resource, can};
use aireg_service::import::{Identity, ImportFormat, ImportOptions, ImportReport, Outcome};
use aireg_service::opendata::columns;

use super::{Chrome, PageLang, render};
use crate::auth::Staff;
use crate::error::AppError;
use crate::form::{MAX_UPLOAD, StaffMultipart};
use crate::state::AppState;

/// The body limit of the import form: the file, and in the confirming step the file again as
/// hex.
pub const IMPORT_BODY_LIMIT: usize = 3 * MAX_UPLOAD;

struct OrgChoice {
    slug: String,
    name: String,
    selected: bool,
}

struct FormatChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

struct RowView {
    row: usize,
    name: String,
    outcome: String,
    refused: bool,
    identity: String,
    problems: Vec<(String, String)>,
    notes: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    c: Chrome,
    orgs: Vec<OrgChoice>,
    formats: Vec<FormatChoice>,
    errors: Vec<String>,
    /// The report of the last step.
    rows: Vec<RowView>,
    file_problems: Vec<String>,
    summary: String,
    saved: bool,
    /// The file of a trial run that can be confirmed (hex), its format and organisation.
    confirm: Option<(String, &'static str, String)>,
    /// Whether some rows cannot be imported (the confirm step offers the rest).
    some_refused: bool,
}

/// The organisations the person may create records in.
async fn creatable(state: &AppState, staff: &Staff) -> Result<Vec<Organisation>, AppError> {
    Ok(state
        .store
        .organisations()
        .await?
        .into_iter()
        .filter(|o| can(&staff.actor, Action::CreateSystem, Resource::Org(o.id)))
        .collect())
}

fn page(
    lang: PageLang,
    uri: &Uri,
    staff: &Staff,
    orgs: &[Organisation],
    chosen: (Option<&str>, Option<ImportFormat>),
) -> ImportPage {
    let t = lang.tr();
    ImportPage {
        c: Chrome::new(lang.0, uri, "systems", Some(staff)),
        orgs: orgs
            .iter()
            .map(|o| OrgChoice {
                slug: o.slug.clone(),
                name: o.display_name(lang.0).to_string(),
                selected: chosen.0 == Some(o.slug.as_str()),
            })
            .collect(),
        formats: ImportFormat::ALL
            .iter()
            .map(|f| FormatChoice {
                value: f.as_str(),
                label: t.get(&format!("import-format-{}", f.as_str())),
                selected: chosen.1 == Some(*f),
            })
            .collect(),
        errors: Vec::new(),
        rows: Vec::new(),
        file_problems: Vec::new(),
        summary: String::new(),
        saved: false,
        confirm: None,
        some_refused: false,
    }
}

pub async fn form(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    staff: Staff,
) -> Result<Response, AppError> {
    let orgs = creatable(&state, &staff).await?;
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    render(&page(lang, &uri, &staff, &orgs, (None, None)))
}

/// The import template: the columns of the open data, for a spreadsheet (with a byte order
/// mark, which Excel needs to read UTF-8).
pub async fn template(_staff: Staff) -> Response {
    let mut csv = String::from("\u{feff}");
    csv.push_str(&columns().join(","));
    csv.push_str("\r\n");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"aireg-import-template.csv\"",
            ),
        ],
        csv,
    )
        .into_response()
}

pub async fn submit(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    StaffMultipart {
        staff,
        form,
        files,
        oversized,
    }: StaffMultipart,
) -> Result<Response, AppError> {
    let t = lang.tr();
    let orgs = creatable(&state, &staff).await?;
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let org = orgs.iter().find(|o| o.slug == form.get("org"));
    // An organisation the person may not create records in is not theirs to import into.
    if org.is_none() && !form.get("org").is_empty() {
        return Err(AppError::Forbidden);
    }
    let format = ImportFormat::parse(form.get("format"));
    let mut view = page(
        lang,
        &uri,
        &staff,
        &orgs,
        (org.map(|o| o.slug.as_str()), format),
    );
    let confirmed = form.get("confirm") == "import" || form.get("confirm") == "partial";
    let bytes = if confirmed {
        from_hex(form.get("data"))
    } else {
        files
            .into_iter()
            .find(|f| f.field == "file")
            .map(|f| f.data)
    };
    if org.is_none() {
        view.errors.push(format!(
            "{}: {}",
            t.get("filter-organisation"),
            t.get("error-required")
        ));
    }
    if format.is_none() {
        view.errors.push(format!(
            "{}: {}",
            t.get("import-format"),
            t.get("error-required")
        ));
    }
    if !oversized.is_empty() {
        view.errors
            .push(t.get1("import-file-too-large", "mib", MAX_UPLOAD / (1024 * 1024)));
    } else if bytes.as_ref().is_none_or(|b| b.is_empty()) {
        view.errors.push(format!(
            "{}: {}",
            t.get("import-file"),
            t.get("error-required")
        ));
    }
    let (Some(org), Some(format), Some(bytes), true) = (org, format, bytes, view.errors.is_empty())
    else {
        let mut res = render(&view)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let options = ImportOptions {
        dry_run: !confirmed,
        partial: form.get("confirm") == "partial",
        lang: lang.0,
        text_lang: None,
    };
    let report = state
        .services
        .import(&staff.actor, org, format, &bytes, &options, &|_, _| {})
        .await?;
    show(&mut view, &report, lang);
    // A trial run with rows that can be saved can be confirmed.
    let saveable = report.file_problems.is_empty()
        && report
            .rows
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Create | Outcome::Update(_)));
    if !confirmed && saveable {
        view.confirm = Some((to_hex(&bytes), format.as_str(), org.slug.clone()));
    }
    let status = if report.has_problems() && !report.saved {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&view)?;
    *res.status_mut() = status;
    Ok(res)
}

fn show(view: &mut ImportPage, report: &ImportReport, lang: PageLang) {
    let t = lang.tr();
    view.file_problems = report.file_problems.clone();
    view.saved = report.saved;
    view.some_refused = report.rows.iter().any(|r| !r.problems.is_empty());
    view.rows = report
        .rows
        .iter()
        .map(|r| RowView {
            row: r.row,
            name: r.name.clone(),
            outcome: match r.outcome {
                Outcome::Create => t.get("import-create"),
                Outcome::Update(_) => t.get("import-update"),
                Outcome::Unchanged(_) => t.get("import-unchanged"),
                Outcome::Refused => t.get("import-refused"),
            },
            refused: r.outcome == Outcome::Refused,
            identity: match r.identity {
                Identity::Id => t.get("import-by-id"),
                Identity::Name => t.get("import-by-name"),
                Identity::New => String::new(),
            },
            problems: r.problems.clone(),
            notes: r.notes.clone(),
        })
        .collect();
    let lines = report.lines(&t);
    // The summary and the closing sentence are the report's last two lines.
    view.summary = lines[lines.len().saturating_sub(2)..].join(" ");
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
