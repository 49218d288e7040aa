//! Importing records into one organisation (or those below it that rows name): the open data's own columns (CSV, XLSX, the same
//! as the download and the template) and the record standards (Dutch, Eurocities, UK ATRS: `standards`).
//!
//! Every row is read and checked first; the report names each problem by row, column and
//! reason in the reader's language. A real import saves all rows in one transaction, or none
//! when any row has a problem (unless `partial`: then the rows without problems). A row is
//! matched to a record of the organisation by the record's id (the `id` column, or the
//! standard's `source_id` when it is an aireg id), otherwise by its name in the organisation's
//! primary language; the report says which. A match whose content is the same is left alone.
//! New records are drafts unless the row says published and the importer may publish.

use std::collections::HashMap;

use aireg_domain::org::{OrgKind, Organisation};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::{
    AiSystem, AiTechnique, Field, Lifecycle, OversightMode, Publication, SystemRecord, Theme,
};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, LocalizedList, OrgId, SystemId, Vocabulary};
use aireg_i18n::Tr;
use aireg_store::{Cursor, ImportOp, SystemFilter};

use crate::opendata::columns;

mod standards;
use crate::{ServiceResult, Services};
use standards::{read_atrs, read_eurocities, read_nl};

/// The most rows one import takes: larger registers are imported in parts.
pub const MAX_ROWS: usize = 100_000;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    Xlsx,
    NlAlgoritmeregister,
    Eurocities,
    Atrs,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Csv,
        ImportFormat::Xlsx,
        ImportFormat::NlAlgoritmeregister,
        ImportFormat::Eurocities,
        ImportFormat::Atrs,
    ];

    /// Whether a record of the format is in one language (a standard's), not in columns per
    /// language.
    fn single_language(self) -> bool {
        matches!(
            self,
            ImportFormat::NlAlgoritmeregister | ImportFormat::Eurocities | ImportFormat::Atrs
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Csv => "csv",
            ImportFormat::Xlsx => "xlsx",
            ImportFormat::NlAlgoritmeregister => "nl-algoritmeregister",
            ImportFormat::Eurocities => "eurocities",
            ImportFormat::Atrs => "atrs",
        }
    }

    pub fn parse(s: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// How an import runs.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub dry_run: bool,
    /// Save the rows without problems even when others have some.
    pub partial: bool,
    /// The language of the report's messages.
    pub lang: Lang,
    /// The language a single-language file's texts are stored in (the Dutch standard's texts
    /// carry no language aireg keeps); the organisation's first language when not given.
    pub text_lang: Option<Lang>,
}

/// How a row was matched to a record of the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// By the record's id in the file.
    Id,
    /// By its name in the organisation's primary language.
    Name,
    /// No record matched: a new one.
    New,
}

/// What happens (or would happen) to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Create,
    Update(SystemId),
    Unchanged(SystemId),
    /// The row has problems and is not saved.
    Refused,
}

/// One row's line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowReport {
    /// The row as a spreadsheet numbers it (the header is row 1), or the position in a list.
    pub row: usize,
    pub name: String,
    pub identity: Identity,
    pub outcome: Outcome,
    /// (column, reason): why the row cannot be saved.
    pub problems: Vec<(String, String)>,
    /// (column, what): what is saved differently from the file.
    pub notes: Vec<(String, String)>,
}

/// The report of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: Vec<RowReport>,
    /// Problems with the file as a whole (unreadable, no rows, unknown organisation column).
    pub file_problems: Vec<String>,
    pub dry_run: bool,
    /// Whether anything was written.
    pub saved: bool,
}

impl ImportReport {
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.outcome)).count()
    }

    pub fn has_problems(&self) -> bool {
        !self.file_problems.is_empty() || self.rows.iter().any(|r| !r.problems.is_empty())
    }

    /// The report as lines for the terminal, in the options' language.
    pub fn lines(&self, t: &Tr) -> Vec<String> {
        let mut out: Vec<String> = self.file_problems.clone();
        for r in &self.rows {
            let outcome = match r.outcome {
                Outcome::Create => t.get("import-create"),
                Outcome::Update(_) => t.get("import-update"),
                Outcome::Unchanged(_) => t.get("import-unchanged"),
                Outcome::Refused => t.get("import-refused"),
            };
            let identity = match r.identity {
                Identity::Id => t.get("import-by-id"),
                Identity::Name => t.get("import-by-name"),
                Identity::New => String::new(),
            };
            out.push(
                format!(
                    "{} {}: {} — {outcome} {identity}",
                    t.get("import-row"),
                    r.row,
                    r.name
                )
                .trim_end()
                .to_string(),
            );
            for (column, why) in &r.problems {
                out.push(format!("  ✗ {column}: {why}"));
            }
            for (column, what) in &r.notes {
                out.push(format!("  · {column}: {what}"));
            }
        }
        out.push(
            t.args(
                "import-summary",
                &[
                    (
                        "create",
                        self.count(|o| matches!(o, Outcome::Create)).to_string(),
                    ),
                    (
                        "update",
                        self.count(|o| matches!(o, Outcome::Update(_))).to_string(),
                    ),
                    (
                        "unchanged",
                        self.count(|o| matches!(o, Outcome::Unchanged(_)))
                            .to_string(),
                    ),
                    (
                        "refused",
                        self.count(|o| matches!(o, Outcome::Refused)).to_string(),
                    ),
                ],
            ),
        );
        out.push(if self.saved {
            t.get("import-saved")
        } else if self.dry_run {
            t.get("import-dry-run")
        } else {
            t.get("import-nothing-saved")
        });
        out
    }
}

/// A row read from a file, before it is matched.
struct Incoming {
    row: usize,
    /// The organisation the row names, when it is one below the importing one.
    org: Option<OrgId>,
    id: Option<String>,
    /// The columns of the file, for a table: only these change a matched record.
    columns: Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
    record: SystemRecord,
    publish: bool,
    problems: Vec<(String, String)>,
    notes: Vec<(String, String)>,
}

impl Services {
    /// Reads `bytes` as `format` into records of `org` and, unless a dry run, saves them.
    /// `progress` is told (rows done, rows in all) as the rows are checked.
    pub async fn import(
        &self,
        actor: &Actor,
        org: &Organisation,
        format: ImportFormat,
        bytes: &[u8],
        options: &ImportOptions,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> ServiceResult<ImportReport> {
        let t = Tr::new(options.lang);
        authorize(actor, Action::CreateSystem, Resource::Org(org.id))?;
        let text_lang = options.text_lang.unwrap_or_else(|| org.primary_lang());
        let mut report = ImportReport {
            rows: Vec::new(),
            file_problems: Vec::new(),
            dry_run: options.dry_run,
            saved: false,
        };
        let ctx = ReadContext::new(self, org).await?;
        let incoming = match format {
            ImportFormat::Csv => read_table(csv_table(bytes), &ctx, &t),
            ImportFormat::Xlsx => read_table(xlsx_table(bytes), &ctx, &t),
            ImportFormat::NlAlgoritmeregister => read_nl(bytes, text_lang, &t),
            ImportFormat::Eurocities => read_eurocities(bytes, text_lang, &t),
            // The standard is English: its texts are English unless told otherwise.
            ImportFormat::Atrs => read_atrs(bytes, options.text_lang.unwrap_or(Lang::En), &t),
        };
        let incoming = match incoming {
            Ok(rows) if rows.is_empty() => {
                report.file_problems.push(t.get("import-no-rows"));
                return Ok(report);
            }
            Ok(rows) if rows.len() > MAX_ROWS => {
                report
                    .file_problems
                    .push(t.get1("import-too-many-rows", "max", MAX_ROWS));
                return Ok(report);
            }
            Ok(rows) => rows,
            Err(why) => {
                report.file_problems.push(why);
                return Ok(report);
            }
        };
        // The organisations the rows are for: the imported one and those below it they name.
        let mut orgs: HashMap<OrgId, Organisation> = HashMap::from([(org.id, org.clone())]);
        for row in &incoming {
            if let Some(id) = row.org
                && !orgs.contains_key(&id)
                && let Some(o) = self.store().organisation(id).await?
            {
                orgs.insert(id, o);
            }
        }
        let mut creates: HashMap<OrgId, aireg_domain::policy::Permit> = HashMap::new();
        for id in orgs.keys() {
            // Refused for an organisation below the actor's reach: its rows say so.
            if let Ok(p) = authorize(actor, Action::CreateSystem, Resource::Org(*id)) {
                creates.insert(*id, p);
            }
        }
        let existing = self
            .records_of(&orgs.keys().copied().collect::<Vec<_>>())
            .await?;
        let by_id: HashMap<SystemId, &AiSystem> = existing.iter().map(|s| (s.id, s)).collect();
        let by_name: HashMap<(OrgId, String), &AiSystem> = existing
            .iter()
            .filter_map(|s| {
                let primary = orgs.get(&s.org_id)?.primary_lang();
                Some((
                    (s.org_id, s.record.name.text(primary, &[]).to_lowercase()),
                    s,
                ))
            })
            .collect();
        let total = incoming.len();
        let mut ops: Vec<ImportOp> = Vec::new();
        // A record (or a new name) one row already takes: a second row for it would save
        // over the first in the same import.
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (i, mut row) in incoming.into_iter().enumerate() {
            let target = row.org.and_then(|id| orgs.get(&id)).unwrap_or(org);
            let primary = target.primary_lang();
            let name = row.record.name.text(primary, &target.languages).to_string();
            let found = row
                .id
                .as_deref()
                .and_then(|id| id.parse::<SystemId>().ok())
                .and_then(|id| by_id.get(&id).copied())
                .filter(|s| row.org.is_none() || s.org_id == target.id);
            let (identity, current) = match found {
                Some(s) => (Identity::Id, Some(s)),
                None => match by_name.get(&(target.id, name.to_lowercase())) {
                    Some(s) => (Identity::Name, Some(*s)),
                    None => (Identity::New, None),
                },
            };
            let record = std::mem::take(&mut row.record);
            let record = match current {
                Some(current) => {
                    let (merged, kept_lifecycle) = merge(
                        current,
                        record,
                        format,
                        text_lang,
                        options.text_lang.is_some(),
                        row.columns.as_deref(),
                        &ctx,
                    );
                    if let Some(wanted) = kept_lifecycle {
                        row.notes.push((
                            "lifecycle".into(),
                            t.get2(
                                "import-lifecycle-kept",
                                "status",
                                t.get(&current.record.lifecycle.message_id()),
                                "wanted",
                                t.get(&wanted.message_id()),
                            ),
                        ));
                    }
                    merged
                }
                None => {
                    let mut record = record;
                    // A new record starts where the policy lets one start; a move onwards goes
                    // through its gates (the command line, as the platform, may set any state).
                    let platform = creates.get(&target.id).is_some_and(|p| p.is_platform());
                    if !record.lifecycle.is_initial() && !platform {
                        row.notes.push((
                            "lifecycle".into(),
                            t.get2(
                                "import-lifecycle-kept",
                                "status",
                                t.get(&Lifecycle::Idea.message_id()),
                                "wanted",
                                t.get(&record.lifecycle.message_id()),
                            ),
                        ));
                        record.lifecycle = Lifecycle::Idea;
                    }
                    record
                }
            };
            let key = match current {
                Some(s) => s.id.to_string(),
                None => format!("name:{}:{}", target.id, name.to_lowercase()),
            };
            if !taken.insert(key) {
                row.problems.push(("-".into(), t.get("import-duplicate")));
            }
            let record = record.normalized();
            // A published record stays publishable (the store refuses the save otherwise).
            if let Some(s) = current
                && s.publication == Publication::Published
            {
                for e in record.publish_problems(primary) {
                    row.problems
                        .push((column_of(&e.field, format), t.problem(&e.problem)));
                }
            }
            if let Err(errors) = record.validate() {
                for e in errors {
                    row.problems
                        .push((column_of(&e.field, format), t.problem(&e.problem)));
                }
            }
            let edit = match current {
                Some(s) => match authorize(actor, Action::EditSystem, Resource::system(s)) {
                    Ok(p) => Some(p),
                    Err(_) => {
                        row.problems
                            .push(("id".into(), t.get("import-may-not-edit")));
                        None
                    }
                },
                None => None,
            };
            let mut publish = None;
            // A withdrawn record stays withdrawn: publishing it again is a decision of its own.
            if row.publish && current.is_none_or(|s| s.publication == Publication::Draft) {
                let problems = record.publish_problems(primary);
                // Who may publish depends on the record (its organisation, unit, owners).
                let facts = match current {
                    Some(s) => AiSystem {
                        record: record.clone(),
                        ..s.clone()
                    },
                    None => AiSystem {
                        id: SystemId::new(),
                        org_id: target.id,
                        version: 0,
                        publication: Publication::Draft,
                        record: record.clone(),
                        created_at: self.now(),
                        updated_at: self.now(),
                        first_published_at: None,
                    },
                };
                let permit = authorize(actor, Action::PublishSystem, Resource::system(&facts));
                match (permit, problems.is_empty()) {
                    (Ok(p), true) => publish = Some(p),
                    (Err(_), _) => row
                        .notes
                        .push(("publication".into(), t.get("import-may-not-publish"))),
                    (Ok(_), false) => row.notes.push((
                        "publication".into(),
                        t.get1(
                            "import-stays-draft",
                            "fields",
                            problems
                                .iter()
                                .map(|e| column_of(&e.field, format))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    )),
                }
            }
            if let Some(s) = current
                && row.problems.is_empty()
            {
                let changed: Vec<String> = aireg_domain::diff::record_changes(&s.record, &record)
                    .into_iter()
                    .map(|c| match c.lang {
                        Some(l) => format!("{}_{}", c.field, l.code()),
                        None => c.field,
                    })
                    .collect();
                if !changed.is_empty() {
                    row.notes.push((
                        "-".into(),
                        t.get1("import-changes", "fields", changed.join(", ")),
                    ));
                }
            }
            let create = match (current, creates.get(&target.id)) {
                (None, None) => {
                    row.problems
                        .push(("organisation".into(), t.get("import-may-not-create")));
                    None
                }
                (_, permit) => permit,
            };
            let outcome = if !row.problems.is_empty() {
                Outcome::Refused
            } else {
                match current {
                    Some(s) if s.record == record && publish.is_none() => Outcome::Unchanged(s.id),
                    Some(s) => Outcome::Update(s.id),
                    None => Outcome::Create,
                }
            };
            match (outcome, current, edit, create) {
                (Outcome::Create, _, _, Some(create)) => ops.push(ImportOp {
                    permit: create.clone(),
                    existing: None,
                    record,
                    publish,
                }),
                (Outcome::Update(_), Some(s), Some(edit), _) => ops.push(ImportOp {
                    permit: edit,
                    existing: Some((s.id, s.version)),
                    record,
                    publish,
                }),
                _ => {}
            }
            report.rows.push(RowReport {
                row: row.row,
                name,
                identity,
                outcome,
                problems: row.problems,
                notes: row.notes,
            });
            progress(i + 1, total);
        }
        if options.dry_run || ops.is_empty() || (report.has_problems() && !options.partial) {
            return Ok(report);
        }
        self.store().import_systems(ops).await?;
        report.saved = true;
        Ok(report)
    }

    /// Every record of the organisations (not those of the organisations below them), as
    /// staff see them, a page at a time.
    async fn records_of(&self, orgs: &[OrgId]) -> ServiceResult<Vec<AiSystem>> {
        let scope = ReadScope::for_actor(&Actor::command_line("import"));
        let filter = SystemFilter {
            orgs: Some(orgs.to_vec()),
            ..SystemFilter::default()
        };
        let mut all = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            let page = self
                .store()
                .systems_after(&scope, &filter, after.as_ref(), 100)
                .await?;
            all.extend(page.items);
            match page.next {
                Some(c) => after = Some(c),
                None => return Ok(all),
            }
        }
    }
}

/// What reading a row may look up: the organisation's units and the products, by name.
struct ReadContext {
    org_slug: String,
    /// The organisations below the imported one that rows may name, by slug.
    targets: HashMap<String, OrgId>,
    units: Vec<Organisation>,
    products: Vec<aireg_domain::product::Product>,
}

impl ReadContext {
    async fn new(services: &Services, org: &Organisation) -> ServiceResult<ReadContext> {
        let orgs = services.store().organisations().await?;
        let tree = services.store().org_tree().await?;
        let below = tree.descendants_and_self(org.id);
        Ok(ReadContext {
            org_slug: org.slug.clone(),
            targets: orgs
                .iter()
                .filter(|o| o.id != org.id && below.contains(&o.id) && o.kind != OrgKind::Unit)
                .map(|o| (o.slug.clone(), o.id))
                .collect(),
            units: orgs
                .into_iter()
                .filter(|o| o.id != org.id && below.contains(&o.id))
                .collect(),
            products: services.store().products().await?,
        })
    }
}

/// A matched record as the file would have it: what the file carries from the file, the rest
/// (owners, visibility, links, internal fields; for a single-language standard, the other
/// languages and the fields it has no place for) as it was. A state different from the
/// current one is not taken (moves go through the gates): the state the file wanted is
/// returned to be reported.
fn merge(
    current: &AiSystem,
    file: SystemRecord,
    format: ImportFormat,
    text_lang: Lang,
    explicit: bool,
    columns: Option<&std::collections::BTreeSet<String>>,
    ctx: &ReadContext,
) -> (SystemRecord, Option<Lifecycle>) {
    let now = &current.record;
    let wanted = (file.lifecycle != now.lifecycle).then_some(file.lifecycle);
    let same_month = |a: Option<time::Date>, b: Option<time::Date>| match (a, b) {
        (Some(a), Some(b)) => a.year() == b.year() && a.month() == b.month(),
        _ => false,
    };
    let mut r = match format {
        ImportFormat::NlAlgoritmeregister | ImportFormat::Eurocities | ImportFormat::Atrs => {
            let mut r = now.clone();
            // The file's texts are in one language (a Eurocities record names it).
            let text_lang = file.name.iter().next().map_or(text_lang, |(l, _)| l);
            // Unless told, the texts go into the language whose name the file's name is (an
            // export of this register writes English when the record has it).
            let into_lang = match explicit {
                true => text_lang,
                false => file
                    .name
                    .get(text_lang)
                    .and_then(|n| now.name.iter().find(|(_, t)| *t == n).map(|(l, _)| l))
                    .unwrap_or(text_lang),
            };
            // A text the record already has in some language is that text (an export fills
            // a missing language from another one).
            // A text the standard cut short (ending in "…") is the text it was cut from.
            let take = |into: &mut Localized, from: &Localized| {
                if let Some(v) = from.get(text_lang)
                    && !into.iter().any(|(_, t)| {
                        t == v
                            || v.strip_suffix('…')
                                .is_some_and(|start| t.starts_with(start))
                    })
                {
                    into.set(into_lang, v.to_string());
                }
            };
            take(&mut r.name, &file.name);
            take(&mut r.summary, &file.summary);
            take(&mut r.purpose, &file.purpose);
            take(&mut r.human_oversight, &file.human_oversight);
            take(&mut r.legal_basis, &file.legal_basis);
            take(&mut r.data_description, &file.data_description);
            take(&mut r.description_technical, &file.description_technical);
            take(&mut r.description_public, &file.description_public);
            take(&mut r.affected_groups, &file.affected_groups);
            if file.contact.phone.is_some() {
                r.contact.phone = file.contact.phone.clone();
            }
            if file.contact.name.is_some() {
                r.contact.name = file.contact.name.clone();
            }
            if file.human_oversight_mode.is_some() {
                r.human_oversight_mode = file.human_oversight_mode;
            }
            if !file.keywords.get(text_lang).is_empty()
                && now.keywords.get(into_lang) != file.keywords.get(text_lang)
            {
                r.keywords
                    .set(into_lang, file.keywords.get(text_lang).to_vec());
            }
            // Coarser lists: a value that maps to the same one stays as it was.
            let euro =
                |t: Option<AiTechnique>| t.map(crate::standards::eurocities::algorithm_type_of);
            if file.ai_technique.is_some() && euro(file.ai_technique) != euro(now.ai_technique) {
                r.ai_technique = file.ai_technique;
            }
            if file.vendor.is_some() {
                r.vendor = file.vendor;
            }
            // The Dutch list is coarser: a theme that maps to the same one stays as it was.
            let same_theme = match format {
                ImportFormat::Atrs => file.theme == now.theme,
                ImportFormat::Eurocities => {
                    let of = |t: Option<Theme>| t.map(crate::standards::eurocities::domain_of);
                    of(file.theme) == of(now.theme)
                }
                _ => {
                    let of = |t: Option<Theme>| t.map(crate::standards::nl::theme_of);
                    of(file.theme) == of(now.theme)
                }
            };
            if file.theme.is_some() && !same_theme {
                r.theme = file.theme;
            }
            if file.contact.email.is_some() {
                r.contact.email = file.contact.email;
            }
            // The standard gives months: a date in the same month stays as it was, and a
            // month the export took from the first publication adds no start date.
            let published = current.first_published_at.map(|t| t.date());
            let kept = same_month(file.start_date, now.start_date)
                || (now.start_date.is_none() && same_month(file.start_date, published));
            // Eurocities has no dates of use.
            if format == ImportFormat::NlAlgoritmeregister {
                if !kept {
                    r.start_date = file.start_date;
                }
                if !same_month(file.end_date, now.end_date) {
                    r.end_date = file.end_date;
                }
            }
            r
        }
        ImportFormat::Csv | ImportFormat::Xlsx => {
            let empty = Default::default();
            let columns: &std::collections::BTreeSet<String> = columns.unwrap_or(&empty);
            // A column the file has changes the field; one it lacks leaves the field as it
            // was. A blank cell of a field the public does not see is what the download
            // left out, not a deletion.
            let takes = |column: &str, field: Field, blank: bool| {
                columns.contains(column) && (!blank || now.is_public(field))
            };
            let mut r = now.clone();
            let texts: [(Field, &mut Localized, &Localized); 9] = [
                (Field::Name, &mut r.name, &file.name),
                (Field::Summary, &mut r.summary, &file.summary),
                (
                    Field::DescriptionPublic,
                    &mut r.description_public,
                    &file.description_public,
                ),
                (
                    Field::DescriptionTechnical,
                    &mut r.description_technical,
                    &file.description_technical,
                ),
                (Field::Purpose, &mut r.purpose, &file.purpose),
                (
                    Field::AffectedGroups,
                    &mut r.affected_groups,
                    &file.affected_groups,
                ),
                (Field::LegalBasis, &mut r.legal_basis, &file.legal_basis),
                (
                    Field::HumanOversight,
                    &mut r.human_oversight,
                    &file.human_oversight,
                ),
                (
                    Field::DataDescription,
                    &mut r.data_description,
                    &file.data_description,
                ),
            ];
            for (field, into, from) in texts {
                for l in Lang::ALL {
                    let v = from.get(l);
                    if takes(
                        &format!("{}_{}", field.as_str(), l.code()),
                        field,
                        v.is_none(),
                    ) {
                        match v {
                            Some(v) => into.set(l, v.to_string()),
                            None => into.set(l, ""),
                        }
                    }
                }
            }
            for l in Lang::ALL {
                let words = file.keywords.get(l);
                if takes(
                    &format!("keywords_{}", l.code()),
                    Field::Keywords,
                    words.is_empty(),
                ) {
                    r.keywords.set(l, words.to_vec());
                }
            }
            macro_rules! take {
                ($column:literal, $field:expr, $($path:tt)+) => {
                    if takes($column, $field, file.$($path)+.is_none()) {
                        r.$($path)+ = file.$($path)+.clone();
                    }
                };
            }
            take!("personal_data", Field::PersonalData, personal_data);
            take!("sensitive_data", Field::SensitiveData, sensitive_data);
            take!(
                "decisions_on_persons",
                Field::DecisionsOnPersons,
                decisions_on_persons
            );
            take!(
                "human_oversight_mode",
                Field::HumanOversightMode,
                human_oversight_mode
            );
            take!("ai_technique", Field::AiTechnique, ai_technique);
            take!("theme", Field::Theme, theme);
            take!("product", Field::Product, product);
            take!("unit", Field::Unit, unit);
            take!("start_date", Field::StartDate, start_date);
            take!("end_date", Field::EndDate, end_date);
            take!("contact_email", Field::Contact, contact.email);
            take!("contact_name", Field::Contact, contact.name);
            take!("eu_registration", Field::EuRegistration, eu_registration);
            // The download names the product's vendor when the record names none.
            let product_vendor = r
                .product
                .and_then(|id| ctx.products.iter().find(|p| p.id == id))
                .map(|p| p.vendor.as_str());
            let same_as_product = now.vendor.is_none() && file.vendor.as_deref() == product_vendor;
            if !same_as_product {
                take!("vendor", Field::Vendor, vendor);
            }
            r
        }
    };
    r.lifecycle = now.lifecycle;
    (r, wanted)
}

/// The column of a record field's problem (`name.fi` is `name_fi`; `keywords.sv[2]` is
/// `keywords_sv`), in the file's own terms.
fn column_of(field: &str, format: ImportFormat) -> String {
    let plain = field.split('[').next().unwrap_or(field).replace('.', "_");
    if !format.single_language() {
        return plain;
    }
    let stem = plain
        .strip_suffix("_fi")
        .or_else(|| plain.strip_suffix("_sv"))
        .or_else(|| plain.strip_suffix("_en"))
        .unwrap_or(&plain);
    let names: &[(&str, &str)] = match format {
        ImportFormat::Atrs => &[
            ("summary", "one_sentence_description"),
            ("description_public", "description"),
            ("description_technical", "detailed_description"),
            ("purpose", "benefit"),
            ("affected_groups", "scope"),
            ("human_oversight", "human_decisions_and_review"),
            ("vendor", "external_supplier"),
            ("theme", "function"),
            ("lifecycle", "phase"),
            ("keywords", "tags"),
        ],
        ImportFormat::Eurocities => &[
            ("summary", "description_short"),
            ("description_public", "description"),
            ("description_technical", "methods_and_models"),
            ("purpose", "goal"),
            ("affected_groups", "impact"),
            ("legal_basis", "lawful_basis"),
            ("human_oversight", "monitoring"),
            ("data_description", "source_data"),
            ("lifecycle", "status"),
            ("theme", "domain"),
        ],
        _ => &[
            ("summary", "description_short"),
            ("purpose", "purpose_and_impact"),
            ("affected_groups", "purpose_and_impact"),
            ("human_oversight", "human_intervention"),
            ("data_description", "data"),
            ("description_technical", "technical_operation"),
            ("vendor", "supplier"),
            ("contact_email", "contact"),
        ],
    };
    names
        .iter()
        .find(|(field, _)| *field == stem)
        .map_or(stem, |(_, column)| column)
        .to_string()
}

/// A table: its header and its rows of cells (text).
type Table = Result<(Vec<String>, Vec<Vec<String>>), String>;

fn csv_table(bytes: &[u8]) -> Table {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("CSV: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (i, r) in reader.records().enumerate() {
        let r = r.map_err(|e| format!("CSV, row {}: {e}", i + 2))?;
        rows.push(r.iter().map(String::from).collect());
        if rows.len() > MAX_ROWS {
            break;
        }
    }
    Ok((header, rows))
}

/// The most a workbook may hold unpacked: a small file that unpacks to gigabytes (a "zip
/// bomb") is refused before it is read.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The most columns a sheet may span (the open data has about 60).
const MAX_COLUMNS: u32 = 200;

fn xlsx_table(bytes: &[u8]) -> Table {
    use calamine::Reader;
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("XLSX: {e}"))?;
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        unpacked += zip
            .by_index_raw(i)
            .map_err(|e| format!("XLSX: {e}"))?
            .size();
    }
    if unpacked > MAX_UNPACKED {
        return Err(format!(
            "XLSX: the workbook unpacks to more than {} MiB",
            MAX_UNPACKED / (1024 * 1024)
        ));
    }
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("XLSX: {e}"))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| "XLSX: the workbook has no sheet".to_string())?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| format!("XLSX: {e}"))?;
    // The sheet's declared size, then each cell as read: never a grid of the whole sheet
    // (two cells far apart would ask for billions).
    let d = cells.dimensions();
    if d.end.0.saturating_sub(d.start.0) as usize > MAX_ROWS + 1
        || d.end.1.saturating_sub(d.start.1) > MAX_COLUMNS
    {
        return Err(format!(
            "XLSX: the sheet spans more than {MAX_ROWS} rows or {MAX_COLUMNS} columns"
        ));
    }
    let mut grid: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| format!("XLSX: {e}"))? {
        let (row, col) = cell.get_position();
        if row as usize > MAX_ROWS + 1 || col > MAX_COLUMNS {
            return Err(format!(
                "XLSX: the sheet spans more than {MAX_ROWS} rows or {MAX_COLUMNS} columns"
            ));
        }
        let text = match cell.get_value() {
            // A whole number (a version) without ".0".
            calamine::DataRef::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
            calamine::DataRef::Int(i) => i.to_string(),
            calamine::DataRef::Float(f) => f.to_string(),
            calamine::DataRef::String(s) => s.clone(),
            calamine::DataRef::SharedString(s) => s.to_string(),
            calamine::DataRef::Bool(b) => b.to_string(),
            calamine::DataRef::DateTimeIso(s) | calamine::DataRef::DurationIso(s) => s.clone(),
            // A cell typed as a date (as Excel does when one types 1.3.2025): its date, and
            // its time when it has one.
            calamine::DataRef::DateTime(d) if d.is_datetime() => {
                let (y, mo, day, h, mi, sec, _) = d.to_ymd_hms_milli();
                if (h, mi, sec) == (0, 0, 0) {
                    format!("{y:04}-{mo:02}-{day:02}")
                } else {
                    format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{sec:02}")
                }
            }
            _ => String::new(),
        };
        let (row, col) = (row as usize, col as usize);
        if grid.len() <= row {
            grid.resize(row + 1, Vec::new());
        }
        if grid[row].len() <= col {
            grid[row].resize(col + 1, String::new());
        }
        grid[row][col] = text;
    }
    let mut rows = grid.into_iter();
    let header = rows.next().unwrap_or_default();
    Ok((
        header.into_iter().map(|h| h.trim().to_string()).collect(),
        rows.collect(),
    ))
}

/// Rows of the open data's columns.
fn read_table(table: Table, ctx: &ReadContext, t: &Tr) -> Result<Vec<Incoming>, String> {
    let (header, rows) = table?;
    let known = columns();
    let unknown: Vec<&String> = header
        .iter()
        .filter(|h| !h.is_empty() && !known.contains(h))
        .collect();
    if !unknown.is_empty() {
        return Err(t.get1(
            "import-unknown-columns",
            "columns",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    if !header.iter().any(|h| h.starts_with("name_")) {
        return Err(t.get("import-no-name-column"));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let columns: std::sync::Arc<std::collections::BTreeSet<String>> =
        std::sync::Arc::new(header.iter().cloned().collect());
    let mut out = Vec::new();
    for (i, cells) in rows.iter().enumerate() {
        // A spreadsheet's row numbers: the header is row 1.
        let row = i + 2;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |name: &str| -> String {
            col(name)
                .and_then(|c| cells.get(c))
                .map(|v| undefuse(v.trim()).to_string())
                .unwrap_or_default()
        };
        let mut problems: Vec<(String, String)> = Vec::new();
        let mut notes: Vec<(String, String)> = Vec::new();
        let mut r = SystemRecord::default();
        // A row may be for the organisation imported into or one below it (a region's or a
        // national register's import); any other is refused.
        let org = get("organisation");
        let row_org = match ctx.targets.get(&org) {
            _ if org.is_empty() || org == ctx.org_slug => None,
            Some(id) => Some(*id),
            None => {
                problems.push((
                    "organisation".into(),
                    t.get1("import-other-organisation", "org", &org),
                ));
                None
            }
        };
        for (field, value) in [
            ("name", &mut r.name),
            ("summary", &mut r.summary),
            ("description_public", &mut r.description_public),
            ("description_technical", &mut r.description_technical),
            ("purpose", &mut r.purpose),
            ("affected_groups", &mut r.affected_groups),
            ("legal_basis", &mut r.legal_basis),
            ("human_oversight", &mut r.human_oversight),
            ("data_description", &mut r.data_description),
        ] {
            *value = localized(|l| get(&format!("{field}_{}", l.code())));
        }
        let mut keywords = LocalizedList::new();
        for l in Lang::ALL {
            let words: Vec<String> = get(&format!("keywords_{}", l.code()))
                .split(';')
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                keywords.set(l, words);
            }
        }
        r.keywords = keywords;
        let mut choice = |name: &str, allowed: &[&'static str]| {
            chosen(name, get(name), allowed, &mut problems, t)
        };
        let lifecycles: Vec<&'static str> = Lifecycle::all().iter().map(|l| l.text()).collect();
        r.lifecycle = choice("lifecycle", &lifecycles)
            .and_then(|v| Lifecycle::parse(&v))
            .unwrap_or(Lifecycle::Idea);
        let modes: Vec<&'static str> = OversightMode::all().iter().map(|l| l.text()).collect();
        r.human_oversight_mode =
            choice("human_oversight_mode", &modes).and_then(|v| OversightMode::parse(&v));
        let techniques: Vec<&'static str> = AiTechnique::all().iter().map(|l| l.text()).collect();
        r.ai_technique = choice("ai_technique", &techniques).and_then(|v| AiTechnique::parse(&v));
        let themes: Vec<&'static str> = Theme::all().iter().map(|l| l.text()).collect();
        r.theme = choice("theme", &themes).and_then(|v| Theme::parse(&v));
        let yes_no = ["yes", "no"];
        r.personal_data = choice("personal_data", &yes_no).map(|v| v == "yes");
        r.sensitive_data = choice("sensitive_data", &yes_no).map(|v| v == "yes");
        r.decisions_on_persons = choice("decisions_on_persons", &yes_no).map(|v| v == "yes");
        let publication = choice("publication", &["draft", "published"]);
        for (name, target) in [
            ("start_date", &mut r.start_date),
            ("end_date", &mut r.end_date),
        ] {
            let v = get(name);
            if v.is_empty() {
                continue;
            }
            match time::Date::parse(
                &v,
                &time::macros::format_description!("[year]-[month]-[day]"),
            ) {
                Ok(d) => *target = Some(d),
                Err(_) => problems.push((name.into(), t.problem(&Problem::InvalidDate))),
            }
        }
        let unit = get("unit");
        if !unit.is_empty() {
            match ctx
                .units
                .iter()
                .find(|u| Lang::ALL.iter().any(|l| u.display_name(*l) == unit) || u.slug == unit)
            {
                Some(u) => r.unit = Some(u.id),
                None => problems.push(("unit".into(), t.problem(&Problem::UnknownReference))),
            }
        }
        let product = get("product");
        if !product.is_empty() {
            match ctx
                .products
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&product) || p.slug == product)
            {
                Some(p) => r.product = Some(p.id),
                None => problems.push(("product".into(), t.problem(&Problem::UnknownReference))),
            }
        }
        let vendor = get("vendor");
        r.vendor = (!vendor.is_empty()).then_some(vendor);
        let text = |s: String| (!s.is_empty()).then_some(s);
        r.contact.email = text(get("contact_email"));
        r.contact.name = text(get("contact_name"));
        r.eu_registration = text(get("eu_registration"));
        if !get("ai_act_category").is_empty() {
            notes.push(("ai_act_category".into(), t.get("import-category-not-read")));
        }
        let id = text(get("id"));
        out.push(Incoming {
            org: row_org,
            row,
            id,
            columns: Some(columns.clone()),
            record: r,
            // The open data holds published records: its rows are published unless the file
            // says otherwise (the template's `publication` column).
            publish: publication.as_deref() != Some("draft") && !get("first_published").is_empty()
                || publication.as_deref() == Some("published"),
            problems,
            notes,
        });
    }
    Ok(out)
}

/// A value that must be one of `allowed`: `None` when empty, and when not one of them, with the
/// problem noted against `column`.
fn chosen(
    column: &str,
    value: String,
    allowed: &[&str],
    problems: &mut Vec<(String, String)>,
    t: &Tr,
) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    if allowed.contains(&value.as_str()) {
        return Some(value);
    }
    problems.push((
        column.into(),
        t.problem(&Problem::InvalidChoice {
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
        }),
    ));
    None
}

/// The text of a cell as written before the export defused it (see `opendata::defuse`).
fn undefuse(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

fn localized(get: impl Fn(Lang) -> String) -> Localized {
    let mut l = Localized::new();
    for lang in Lang::ALL {
        let v = get(lang);
        if !v.is_empty() {
            l.set(lang, v);
        }
    }
    l
}
