//! The register in the record standards other registers and the EU use. Each standard is a
//! module that maps one published record (its public view) to the standard's shape and says
//! what the standard cannot carry; this module reads the register a page at a time and keeps
//! the report. Exports are of published records only: a standard's record is a publication.
//!
//! | module | standard | document |
//! |---|---|---|
//! | [`nl`] | Dutch algorithm register publication standard 1.0 (MinBZK `schema.json`) | a JSON array of records |
//! | [`eu`] | AI Act art. 49(3), Annex VIII section C: what a public-authority deployer registers | a JSON array |
//! | [`eurocities`] | Eurocities algorithmic transparency standard v0.3.1 | a JSON array of records |
//! | [`atrs`] | UK Algorithmic Transparency Recording Standard, the v3.0 template's attributes | a JSON array of records |
//! | [`dcat`] | DCAT-AP 3.0.1: the register's datasets, distributions and API | Turtle |

use std::collections::{BTreeMap, HashMap};

use tokio::sync::mpsc;

use aireg_domain::classification::Category;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Actor, ReadScope};
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, OrgId, SystemId};
use aireg_store::{Cursor, ReportFilter, SystemFilter};

use crate::{ServiceResult, Services};

pub mod atrs;
pub mod dcat;
pub mod eu;
pub mod eurocities;
pub mod nl;

/// Records read per page.
const PAGE: u32 = 100;

/// A standard a register can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    NlAlgoritmeregister,
    Eurocities,
    Atrs,
    EuDatabase,
    DcatAp,
}

impl Standard {
    pub const ALL: [Standard; 5] = [
        Standard::NlAlgoritmeregister,
        Standard::Eurocities,
        Standard::Atrs,
        Standard::EuDatabase,
        Standard::DcatAp,
    ];

    /// The name in `--format` and in download addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Standard::NlAlgoritmeregister => "nl-algoritmeregister",
            Standard::Eurocities => "eurocities",
            Standard::Atrs => "atrs",
            Standard::EuDatabase => "eu-database",
            Standard::DcatAp => "dcat-ap",
        }
    }

    pub fn parse(s: &str) -> Option<Standard> {
        Standard::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Standard::DcatAp => "text/turtle; charset=utf-8",
            _ => "application/json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Standard::DcatAp => "ttl",
            _ => "json",
        }
    }
}

/// What an export could not carry: each (field, why) with how many records it concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub records: u64,
    pub notes: BTreeMap<(String, String), u64>,
}

impl Report {
    /// Notes that `field` of one record could not be carried as it is, and why.
    pub fn note(&mut self, field: &str, why: &str) {
        *self
            .notes
            .entry((field.to_string(), why.to_string()))
            .or_insert(0) += 1;
    }

    /// The report as lines for a terminal or a file.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("{} records exported", self.records)];
        for ((field, why), n) in &self.notes {
            out.push(format!("{field}: {why} ({n} records)"));
        }
        out
    }
}

/// What a record's mapping may look up: its organisation, its current AI Act category, the
/// impact assessments completed for it, the register's public address.
pub struct Facts<'a> {
    pub org: Option<&'a Organisation>,
    /// The unit responsible, when the record names one.
    pub unit: Option<&'a Organisation>,
    pub category: Option<Category>,
    /// Template ids of completed (signed) assessments, with the date signed.
    pub assessments: &'a [(String, time::Date)],
    pub public_url: &'a str,
}

impl Facts<'_> {
    /// The language a single-language standard gets: English when the record has it (the
    /// standards are read abroad), else the organisation's first language.
    pub fn lang_of(&self, s: &AiSystem) -> Lang {
        if s.record.name.get(Lang::En).is_some() {
            Lang::En
        } else {
            self.org.map(Organisation::primary_lang).unwrap_or(Lang::Fi)
        }
    }

    pub fn page_url(&self, s: &AiSystem, lang: Lang) -> String {
        format!(
            "{}/{}/systems/{}",
            self.public_url.trim_end_matches('/'),
            lang.code(),
            s.id
        )
    }
}

/// Cuts text to `max` characters, noting it when it had to.
pub fn fit(report: &mut Report, field: &str, text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    report.note(field, &format!("cut to the standard's {max} characters"));
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

impl Services {
    /// Writes the published records of `filter` in `standard` into `out` (a JSON array, one
    /// record at a time), and returns what could not be carried. DCAT-AP describes the register
    /// rather than its records: see [`Services::dcat_catalogue`].
    pub async fn export_records(
        &self,
        standard: Standard,
        filter: &SystemFilter,
        public_url: &str,
        out: mpsc::Sender<Vec<u8>>,
    ) -> ServiceResult<Report> {
        let orgs: HashMap<OrgId, Organisation> = self
            .store()
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let public = ReadScope::public();
        // Which assessments were completed is public (the record's page says so); the public
        // scope cannot read assessments, so the register reads them for it.
        let register = ReadScope::for_actor(&Actor::command_line("standards export"));
        let mut report = Report::default();
        let mut after: Option<Cursor> = None;
        let _ = out.send(b"[".to_vec()).await;
        loop {
            let page = self
                .store()
                .systems_after(&public, filter, after.as_ref(), PAGE)
                .await?;
            let ids: Vec<SystemId> = page.items.iter().map(|s| s.id).collect();
            let runs = self
                .store()
                .current_classifications(&public, Some(&ids))
                .await?;
            let signed = self
                .store()
                .assessments_in(
                    &register,
                    &ReportFilter {
                        systems: Some(ids.clone()),
                        ..ReportFilter::default()
                    },
                )
                .await?;
            let mut chunk = Vec::new();
            for s in &page.items {
                let assessments: Vec<(String, time::Date)> = signed
                    .iter()
                    .filter(|a| a.system_id == s.id)
                    .filter_map(|a| Some((a.template_id.clone(), a.signed_at?.date())))
                    .collect();
                let facts = Facts {
                    org: orgs.get(&s.org_id),
                    unit: s.record.unit.and_then(|u| orgs.get(&u)),
                    category: runs
                        .iter()
                        .find(|r| r.system_id == s.id)
                        .map(|r| r.category),
                    assessments: &assessments,
                    public_url,
                };
                let value = match standard {
                    Standard::NlAlgoritmeregister => nl::record(s, &facts, &mut report),
                    Standard::Eurocities => eurocities::record(s, &facts, &mut report),
                    Standard::Atrs => atrs::record(s, &facts, &mut report),
                    Standard::EuDatabase => match eu::record(s, &facts, &mut report) {
                        Some(v) => v,
                        None => continue,
                    },
                    Standard::DcatAp => continue,
                };
                if report.records > 0 {
                    chunk.push(b',');
                }
                chunk.push(b'\n');
                chunk.extend(serde_json::to_vec_pretty(&value).unwrap_or_default());
                report.records += 1;
            }
            if !chunk.is_empty() && out.send(chunk).await.is_err() {
                return Ok(report);
            }
            match page.next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        let _ = out.send(b"\n]\n".to_vec()).await;
        Ok(report)
    }
}
