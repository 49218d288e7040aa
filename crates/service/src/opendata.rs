//! The public register as open data: one flat row per published record, the same columns in
//! CSV, XLSX and JSON, with the licence in every row and the record's id as its stable
//! identifier. Rows are written a page at a time into a channel, so that a download of the
//! whole national register never holds more than one page of records (XLSX is assembled in a
//! temporary file, as the format needs the whole sheet before the archive can be closed).
//!
//! The columns are documented in [`COLUMN_DOCS`] (message ids in fi, sv and en); the CSV
//! import reads the same columns.

use std::collections::HashMap;
use std::io::Write;

use tokio::sync::mpsc;

use aireg_domain::classification::Category;
use aireg_domain::clock::iso;
use aireg_domain::org::{Licence, Organisation};
use aireg_domain::policy::ReadScope;
use aireg_domain::product::Product;
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, Localized, OrgId, ProductId, SystemId};
use aireg_store::{Cursor, SystemFilter};

use crate::{ServiceError, ServiceResult, Services};

/// The licence of the open data unless the organisation names another.
pub const DEFAULT_LICENCE: &str = "CC-BY-4.0";
/// Where [`DEFAULT_LICENCE`]'s text is.
pub const DEFAULT_LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// Records read per page while writing.
const PAGE: u32 = 100;

/// A download's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
        }
    }
}

/// The texts of a record that are written in every language, one column each.
const TEXTS: [&str; 9] = [
    "name",
    "summary",
    "description_public",
    "description_technical",
    "purpose",
    "affected_groups",
    "legal_basis",
    "human_oversight",
    "data_description",
];

/// The columns, in order.
pub fn columns() -> Vec<String> {
    let mut c: Vec<String> = ["id", "url", "organisation", "organisation_name", "unit"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for t in TEXTS.iter().chain(["keywords"].iter()) {
        for l in Lang::ALL {
            c.push(format!("{t}_{}", l.code()));
        }
    }
    c.extend(
        [
            "lifecycle",
            "ai_act_category",
            "personal_data",
            "sensitive_data",
            "decisions_on_persons",
            "human_oversight_mode",
            "ai_technique",
            "theme",
            "product",
            "vendor",
            "start_date",
            "end_date",
            "contact_email",
            "contact_name",
            "eu_registration",
            "first_published",
            "updated",
            "version",
            "publication",
            "licence",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    c
}

/// The documentation of the columns: the columns (a `_fi`/`_sv`/`_en` family by its stem) and
/// the message id that explains them.
pub const COLUMN_DOCS: &[(&str, &str)] = &[
    ("id", "opendata-col-id"),
    ("url", "opendata-col-url"),
    ("organisation", "opendata-col-organisation"),
    ("organisation_name", "opendata-col-organisation-name"),
    ("unit", "opendata-col-unit"),
    ("name_fi, name_sv, name_en", "opendata-col-name"),
    ("summary_*", "opendata-col-summary"),
    ("description_public_*", "opendata-col-description"),
    (
        "description_technical_*",
        "opendata-col-description-technical",
    ),
    ("purpose_*", "opendata-col-purpose"),
    ("affected_groups_*", "opendata-col-affected-groups"),
    ("legal_basis_*", "opendata-col-legal-basis"),
    ("human_oversight_*", "opendata-col-human-oversight"),
    ("data_description_*", "opendata-col-data-description"),
    ("keywords_*", "opendata-col-keywords"),
    ("lifecycle", "opendata-col-lifecycle"),
    ("ai_act_category", "opendata-col-category"),
    (
        "personal_data, sensitive_data, decisions_on_persons",
        "opendata-col-flags",
    ),
    ("human_oversight_mode", "opendata-col-oversight-mode"),
    ("ai_technique", "opendata-col-technique"),
    ("theme", "opendata-col-theme"),
    ("product, vendor", "opendata-col-product"),
    ("start_date, end_date", "opendata-col-dates"),
    ("contact_email, contact_name", "opendata-col-contact"),
    ("eu_registration", "opendata-col-eu-registration"),
    (
        "first_published, updated, version",
        "opendata-col-published",
    ),
    ("publication", "opendata-col-publication"),
    ("licence", "opendata-col-licence"),
];

/// One cell: text, or a yes/no that may be unknown (JSON keeps it a boolean).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Flag(Option<bool>),
    Number(i64),
}

impl Cell {
    /// As text in CSV and XLSX: `yes`, `no` or empty for a flag.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Flag(Some(true)) => "yes".into(),
            Cell::Flag(Some(false)) => "no".into(),
            Cell::Flag(None) => String::new(),
            Cell::Number(n) => n.to_string(),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Text(t) if t.is_empty() => serde_json::Value::Null,
            Cell::Text(t) => serde_json::Value::String(t.clone()),
            Cell::Flag(f) => f.map_or(serde_json::Value::Null, serde_json::Value::Bool),
            Cell::Number(n) => serde_json::Value::from(*n),
        }
    }
}

/// What rows are written with: names of organisations and products, where records are seen.
pub struct Context {
    orgs: HashMap<OrgId, Organisation>,
    /// Each organisation's licence (its own, or the nearest named above it).
    licences: HashMap<OrgId, Licence>,
    products: HashMap<ProductId, Product>,
    /// The public address of the register, without a trailing slash.
    public_url: String,
}

impl Context {
    fn licence(&self, org: OrgId) -> Licence {
        self.licences.get(&org).copied().unwrap_or(Licence::DEFAULT)
    }

    pub fn new(
        orgs: Vec<Organisation>,
        products: Vec<Product>,
        licences: HashMap<OrgId, Licence>,
        public_url: &str,
    ) -> Context {
        Context {
            licences,
            orgs: orgs.into_iter().map(|o| (o.id, o)).collect(),
            products: products.into_iter().map(|p| (p.id, p)).collect(),
            public_url: public_url.trim_end_matches('/').to_string(),
        }
    }

    fn org_slug(&self, id: OrgId) -> String {
        self.orgs
            .get(&id)
            .map(|o| o.slug.clone())
            .unwrap_or_default()
    }

    fn org_name(&self, id: OrgId) -> String {
        self.orgs
            .get(&id)
            .map(|o| o.display_name(o.primary_lang()).to_string())
            .unwrap_or_default()
    }
}

/// The row of a record (its public view), in [`columns`] order.
pub fn row(ctx: &Context, s: &AiSystem, category: Option<Category>) -> Vec<Cell> {
    let r = &s.record;
    let text = |t: &str| Cell::Text(t.to_string());
    let mut cells = vec![
        text(&s.id.to_string()),
        Cell::Text(format!("{}/fi/systems/{}", ctx.public_url, s.id)),
        Cell::Text(ctx.org_slug(s.org_id)),
        Cell::Text(ctx.org_name(s.org_id)),
        Cell::Text(r.unit.map(|u| ctx.org_name(u)).unwrap_or_default()),
    ];
    let localized: [&Localized; 9] = [
        &r.name,
        &r.summary,
        &r.description_public,
        &r.description_technical,
        &r.purpose,
        &r.affected_groups,
        &r.legal_basis,
        &r.human_oversight,
        &r.data_description,
    ];
    for l in localized {
        for lang in Lang::ALL {
            cells.push(text(l.get(lang).unwrap_or("")));
        }
    }
    for lang in Lang::ALL {
        cells.push(Cell::Text(r.keywords.get(lang).join("; ")));
    }
    let product = r.product.and_then(|p| ctx.products.get(&p));
    cells.extend([
        text(r.lifecycle.as_str()),
        text(category.map(|c| c.as_str()).unwrap_or("")),
        Cell::Flag(r.personal_data),
        Cell::Flag(r.sensitive_data),
        Cell::Flag(r.decisions_on_persons),
        text(r.human_oversight_mode.map(|m| m.as_str()).unwrap_or("")),
        text(r.ai_technique.map(|m| m.as_str()).unwrap_or("")),
        text(r.theme.map(|m| m.as_str()).unwrap_or("")),
        Cell::Text(product.map(|p| p.name.clone()).unwrap_or_default()),
        Cell::Text(
            r.vendor
                .clone()
                .or_else(|| product.map(|p| p.vendor.clone()))
                .unwrap_or_default(),
        ),
        Cell::Text(r.start_date.map(iso).unwrap_or_default()),
        Cell::Text(r.end_date.map(iso).unwrap_or_default()),
        text(r.contact.email.as_deref().unwrap_or("")),
        text(r.contact.name.as_deref().unwrap_or("")),
        text(r.eu_registration.as_deref().unwrap_or("")),
        Cell::Text(
            s.first_published_at
                .map(|t| iso(t.date()))
                .unwrap_or_default(),
        ),
        Cell::Text(iso(s.updated_at.date())),
        Cell::Number(s.version),
        text(s.publication.as_str()),
        text(ctx.licence(s.org_id).spdx),
    ]);
    cells
}

/// A spreadsheet would run a cell that starts like a formula; such text gets a leading `'`
/// (which the import takes off again).
pub fn defuse(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

impl Services {
    /// Every organisation's open data licence: its own, or the nearest named above it, or the
    /// default.
    pub async fn licences(&self) -> ServiceResult<HashMap<OrgId, Licence>> {
        let named: HashMap<OrgId, Licence> = self
            .store()
            .licences()
            .await?
            .into_iter()
            .filter_map(|(o, l)| Some((o, Licence::parse(&l)?)))
            .collect();
        let tree = self.store().org_tree().await?;
        Ok(self
            .store()
            .organisations()
            .await?
            .iter()
            .map(|o| {
                let own = tree
                    .ancestors_and_self(o.id)
                    .iter()
                    .find_map(|a| named.get(a).copied());
                (o.id, own.unwrap_or(Licence::DEFAULT))
            })
            .collect())
    }

    /// Names an organisation's open data licence (its admin); `None`: the default again.
    pub async fn set_licence(
        &self,
        actor: &aireg_domain::policy::Actor,
        org: OrgId,
        licence: Option<&str>,
    ) -> ServiceResult<()> {
        let permit = aireg_domain::policy::authorize(
            actor,
            aireg_domain::policy::Action::ManageMembers,
            aireg_domain::policy::Resource::Org(org),
        )?;
        Ok(self.store().set_licence(&permit, org, licence).await?)
    }

    /// Writes the published records of `filter` (every organisation when it names none) in
    /// `format` into `out`, a chunk at a time. Stops quietly when the receiver is gone (the
    /// download was cancelled).
    pub async fn open_data(
        &self,
        format: Format,
        filter: &SystemFilter,
        root: Option<OrgId>,
        public_url: &str,
        out: mpsc::Sender<Vec<u8>>,
    ) -> ServiceResult<u64> {
        let licences = self.licences().await?;
        // The download's licence: its organisation's, or for the whole register the default
        // (each row names its own).
        let licence = root
            .and_then(|o| licences.get(&o).copied())
            .unwrap_or(Licence::DEFAULT);
        let ctx = Context::new(
            self.store().organisations().await?,
            self.store().products().await?,
            licences,
            public_url,
        );
        let names = columns();
        let mut sheet = match format {
            Format::Xlsx => Some(Sheet::new(&names)?),
            _ => None,
        };
        let head = match format {
            Format::Csv => csv_line(
                &names
                    .iter()
                    .map(|n| Cell::Text(n.clone()))
                    .collect::<Vec<_>>(),
            ),
            Format::Json => format!(
                "{{\"licence\":{},\"licence_url\":{},\"columns\":{},\"items\":[",
                serde_json::Value::from(licence.spdx),
                serde_json::Value::from(licence.url),
                serde_json::Value::from(names.clone())
            )
            .into_bytes(),
            Format::Xlsx => Vec::new(),
        };
        if !head.is_empty() && out.send(head).await.is_err() {
            return Ok(0);
        }
        let scope = ReadScope::public();
        let mut after: Option<Cursor> = None;
        let mut written: u64 = 0;
        loop {
            // The download was cancelled: no more pages (an XLSX sends nothing before the end).
            if out.is_closed() {
                return Ok(written);
            }
            let page = self
                .store()
                .systems_after(&scope, filter, after.as_ref(), PAGE)
                .await?;
            let ids: Vec<SystemId> = page.items.iter().map(|s| s.id).collect();
            let runs = self
                .store()
                .current_classifications(&scope, Some(&ids))
                .await?;
            let mut chunk: Vec<u8> = Vec::new();
            for s in &page.items {
                let category = runs
                    .iter()
                    .find(|r| r.system_id == s.id)
                    .map(|r| r.category);
                let cells = row(&ctx, s, category);
                match format {
                    Format::Csv => chunk.extend(csv_line(&cells)),
                    Format::Json => {
                        if written > 0 {
                            chunk.push(b',');
                        }
                        let object: serde_json::Map<String, serde_json::Value> = names
                            .iter()
                            .zip(&cells)
                            .map(|(n, c)| (n.clone(), c.to_json()))
                            .collect();
                        chunk.extend(serde_json::to_vec(&object).unwrap_or_default());
                    }
                    Format::Xlsx => {
                        if let Some(sheet) = sheet.as_mut() {
                            sheet.row(&cells)?;
                        }
                    }
                }
                written += 1;
            }
            if !chunk.is_empty() && out.send(chunk).await.is_err() {
                return Ok(written);
            }
            match page.next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        match format {
            Format::Json => {
                let _ = out.send(b"]}\n".to_vec()).await;
            }
            Format::Xlsx => {
                if let Some(sheet) = sheet {
                    sheet.finish(&out).await?;
                }
            }
            Format::Csv => {}
        }
        Ok(written)
    }
}

/// One CSV line (RFC 4180, CRLF), formula-like text defused.
fn csv_line(cells: &[Cell]) -> Vec<u8> {
    let texts: Vec<String> = cells.iter().map(Cell::as_text).collect();
    csv_row(&texts)
}

/// One CSV line (RFC 4180, CRLF) of texts, formula-like text defused: for every CSV download.
pub fn csv_row(texts: &[String]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let texts: Vec<String> = texts.iter().map(|t| defuse(t)).collect();
    // Writing into memory cannot fail.
    let _ = w.write_record(&texts);
    w.into_inner().unwrap_or_default()
}

/// An XLSX sheet written row by row to temporary files (rust_xlsxwriter's constant memory
/// mode), then packed into one file and sent.
struct Sheet {
    book: rust_xlsxwriter::Workbook,
    next_row: u32,
}

impl Sheet {
    fn new(names: &[String]) -> ServiceResult<Sheet> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let header = rust_xlsxwriter::Format::new().set_bold();
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
        sheet.set_name("AI systems").map_err(xlsx)?;
        for (i, n) in names.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, n, &header)
                .map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        Ok(Sheet { book, next_row: 1 })
    }

    fn row(&mut self, cells: &[Cell]) -> ServiceResult<()> {
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx)?;
        for (i, c) in cells.iter().enumerate() {
            match c {
                Cell::Number(n) => {
                    sheet
                        .write_number(self.next_row, i as u16, *n as f64)
                        .map_err(xlsx)?;
                }
                _ => {
                    let t = c.as_text();
                    if !t.is_empty() {
                        // Strings are never formulas in XLSX, but a spreadsheet that re-saves
                        // them as CSV would make them so.
                        sheet
                            .write_string(self.next_row, i as u16, defuse(&t))
                            .map_err(xlsx)?;
                    }
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }

    async fn finish(mut self, out: &mpsc::Sender<Vec<u8>>) -> ServiceResult<()> {
        let out = out.clone();
        tokio::task::spawn_blocking(move || {
            let file = tempfile::NamedTempFile::new()
                .map_err(|e| ServiceError::Internal(format!("a temporary file: {e}")))?;
            self.book.save(file.path()).map_err(xlsx)?;
            let mut f = std::fs::File::open(file.path())
                .map_err(|e| ServiceError::Internal(format!("reading the spreadsheet: {e}")))?;
            loop {
                let mut buf = vec![0u8; 64 * 1024];
                let n = std::io::Read::read(&mut f, &mut buf)
                    .map_err(|e| ServiceError::Internal(format!("reading the spreadsheet: {e}")))?;
                if n == 0 {
                    break;
                }
                buf.truncate(n);
                if out.blocking_send(buf).is_err() {
                    break;
                }
            }
            Ok(())
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("writing the spreadsheet: {e}")))?
    }
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> ServiceError {
    ServiceError::Internal(format!("writing the spreadsheet: {e}"))
}

/// Writes everything `rx` receives to `w` (for the command line).
pub async fn drain(
    mut rx: mpsc::Receiver<Vec<u8>>,
    w: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    while let Some(chunk) = rx.recv().await {
        w.write_all(&chunk)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_defused_and_quotes_are_escaped() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("Kajaani"), "Kajaani");
        let line = csv_line(&[Cell::Text("a, \"b\"".into()), Cell::Flag(Some(true))]);
        assert_eq!(String::from_utf8(line).unwrap(), "\"a, \"\"b\"\"\",yes\r\n");
    }

    #[test]
    fn every_column_is_documented() {
        let documented: Vec<&str> = COLUMN_DOCS
            .iter()
            .flat_map(|(cols, _)| cols.split(", "))
            .collect();
        for c in columns() {
            let family = c.rsplit_once('_').map(|(stem, _)| format!("{stem}_*"));
            assert!(
                documented.contains(&c.as_str())
                    || family.is_some_and(|f| documented.contains(&f.as_str()))
                    || (c.starts_with("name_")),
                "column {c} has no documentation"
            );
        }
    }
}
