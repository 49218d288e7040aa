//! Staff's AI usage in figures that identify no one: a usage file is read and counted per tool
//! and month as it is read (the users are dropped there), saved per organisation, and published
//! with every cell of too few users held back (`aireg_domain::usage`).
//!
//! Two formats, told apart by their header:
//! - `date,user,tool,count`: one line per user, tool and day (or any date in the month);
//! - the Microsoft 365 Copilot usage report (admin center export or Microsoft Graph
//!   `getMicrosoft365CopilotUsageUserDetail`) of a 28 to 31-day period (`D30`, or `D28` in
//!   version 2), read by column name: the report is one month's figure, that of the month the
//!   period mostly lies in; a user counts when their "Last Activity Date" is in the period; uses
//!   are "Prompts submitted for all apps" where the report has them (version 2), else the number
//!   of apps used in the period. (The report gives each user's last activity only, so a longer
//!   period cannot be split into months.)

use aireg_domain::OrgId;
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::usage::{Published, Tally, UsageCell, publish};
use aireg_domain::validation::{FieldError, Problem};
use aireg_rules::usage::StaffUse;

use crate::{ServiceError, ServiceResult, Services};

/// How many years back the published figures reach.
pub const YEARS_SHOWN: i32 = 2;
/// The longest tool name kept.
const MAX_TOOL: usize = 200;
/// The tool a Microsoft 365 Copilot report is about, as the catalogues name it.
const M365_COPILOT: &str = "Microsoft 365 Copilot";

/// Which format a usage file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageFormat {
    /// `date,user,tool,count`.
    Simple,
    /// The Microsoft 365 Copilot usage report.
    M365Copilot,
}

/// What a usage file held, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageFile {
    pub format: UsageFormat,
    /// Lines read (users or user-days), not kept.
    pub rows: u64,
    pub months: Vec<String>,
    pub cells: Vec<UsageCell>,
}

/// Reads and counts a usage file. A tool named as one of the catalogue's tools is counted under
/// its id. `progress` hears the number of lines read now and then. Every problem names its line.
pub fn read_usage(
    bytes: &[u8],
    staff: Option<&StaffUse>,
    progress: &dyn Fn(u64),
) -> Result<UsageFile, Vec<FieldError>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(
        |_| {
            vec![FieldError::new(
                "file",
                Problem::InvalidChoice {
                    allowed: vec!["UTF-8".into()],
                },
            )]
        },
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| vec![FieldError::new("file", Problem::Required)])?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let format = if ["date", "user", "tool", "count"]
        .iter()
        .all(|c| column(c).is_some())
    {
        UsageFormat::Simple
    } else if column("User Principal Name").is_some() && column("Last Activity Date").is_some() {
        UsageFormat::M365Copilot
    } else {
        return Err(vec![FieldError::new(
            "header",
            Problem::InvalidChoice {
                allowed: vec![
                    "date,user,tool,count".into(),
                    "the Microsoft 365 Copilot usage report".into(),
                ],
            },
        )]);
    };
    // A tool of the catalogue is counted under its id; another under the first spelling seen
    // ("ChatGPT" and "chatgpt" are one tool).
    let mut spellings: std::collections::HashMap<String, String> = Default::default();
    let mut tool_id = |name: &str| -> String {
        match staff.and_then(|s| s.tool(name)) {
            Some(t) => t.id.clone(),
            None => spellings
                .entry(aireg_rules::usage::name_key(name))
                .or_insert_with(|| name.trim().to_string())
                .clone(),
        }
    };
    let mut tally = Tally::new();
    let mut errors = Vec::new();
    let mut rows = 0u64;
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let at = |col: &str| format!("line {line}.{col}");
        let Ok(record) = record else {
            errors.push(FieldError::new(
                format!("line {line}"),
                Problem::InvalidChoice {
                    allowed: vec!["CSV".into()],
                },
            ));
            continue;
        };
        let get = |name: &str| {
            column(name)
                .and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows.is_multiple_of(10_000) {
            progress(rows);
        }
        match format {
            UsageFormat::Simple => {
                let month = month_of(get("date"));
                let user = get("user");
                let tool = get("tool");
                let count = get("count").parse::<u64>();
                if month.is_none() {
                    errors.push(FieldError::new(at("date"), Problem::InvalidDate));
                }
                if user.is_empty() {
                    errors.push(FieldError::new(at("user"), Problem::Required));
                }
                if tool.is_empty() {
                    errors.push(FieldError::new(at("tool"), Problem::Required));
                } else if tool.chars().count() > MAX_TOOL {
                    errors.push(FieldError::new(
                        at("tool"),
                        Problem::TooLong { max: MAX_TOOL },
                    ));
                }
                if count.is_err() {
                    errors.push(FieldError::new(
                        at("count"),
                        Problem::InvalidChoice {
                            allowed: vec!["0, 1, 2, …".into()],
                        },
                    ));
                }
                if let (Some(month), Ok(count)) = (month, count)
                    && !user.is_empty()
                    && !tool.is_empty()
                {
                    tally.add(&month, user, &tool_id(tool), count);
                }
            }
            UsageFormat::M365Copilot => {
                let period = copilot_period(get("Report Refresh Date"), get("Report Period"));
                let Some((from, to, month)) = period else {
                    errors.push(FieldError::new(
                        at("Report Period"),
                        Problem::InvalidChoice {
                            allowed: vec!["28".into(), "30".into(), "31".into()],
                        },
                    ));
                    continue;
                };
                let in_period = |d: &str| date_of(d).is_some_and(|d| d > from && d <= to);
                if !in_period(get("Last Activity Date")) {
                    continue; // licensed, not active in the period
                }
                let user = get("User Principal Name");
                if user.is_empty() {
                    errors.push(FieldError::new(
                        at("User Principal Name"),
                        Problem::Required,
                    ));
                    continue;
                }
                let prompts = get("Prompts submitted for all apps").parse::<u64>().ok();
                let apps = headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        h.ends_with("Last Activity Date") && h.as_str() != "Last Activity Date"
                    })
                    .filter(|(c, _)| record.get(*c).is_some_and(|d| in_period(d.trim())))
                    .count() as u64;
                tally.add(
                    &month,
                    user,
                    &tool_id(M365_COPILOT),
                    prompts.unwrap_or(apps.max(1)),
                );
            }
        }
    }
    progress(rows);
    if !errors.is_empty() {
        errors.truncate(50);
        return Err(errors);
    }
    Ok(UsageFile {
        format,
        rows,
        months: tally.months(),
        cells: tally.into_cells(),
    })
}

/// A `YYYY-MM-DD` date (a time after it is allowed, as exports write one).
fn date_of(date: &str) -> Option<time::Date> {
    aireg_domain::clock::parse_iso(date.get(..10)?)
}

/// `YYYY-MM` of a `YYYY-MM-DD` date.
fn month_of(date: &str) -> Option<String> {
    date_of(date).map(aireg_domain::usage::month_of)
}

/// The days a Copilot report covers, after `from` up to `to`, and the month it counts for
/// (the one holding the middle of the period); `None` unless the period is 28 to 31 days.
fn copilot_period(refreshed: &str, days: &str) -> Option<(time::Date, time::Date, String)> {
    let to = date_of(refreshed)?;
    let days: i64 = days.parse().ok().filter(|d| (28..=31).contains(d))?;
    let from = to - time::Duration::days(days);
    let middle = to - time::Duration::days(days / 2);
    Some((from, to, aireg_domain::usage::month_of(middle)))
}

impl Services {
    /// Imports a usage file for the organisation `slug`: counted as it is read, then saved.
    /// Nothing is saved when a line is wrong, when an organisation above or below has figures
    /// for one of its months, or when a tool's month is saved already and `replace` is not set.
    pub async fn import_usage(
        &self,
        actor: &Actor,
        slug: &str,
        bytes: &[u8],
        replace: bool,
        progress: &dyn Fn(u64),
    ) -> ServiceResult<UsageFile> {
        let org = self
            .store()
            .organisation_by_slug(slug)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let permit = authorize(actor, Action::ImportUsage, Resource::Org(org.id))?;
        let staff = self
            .pack_for(org.id)
            .await?
            .and_then(|p| p.staff_use.as_ref());
        let file = read_usage(bytes, staff, progress).map_err(ServiceError::Invalid)?;
        let tree = self.store().org_tree().await?;
        let mut related = tree.ancestors_and_self(org.id);
        related.extend(tree.descendants_and_self(org.id));
        self.store()
            .replace_usage(&permit, org.id, &related, file.cells.clone(), replace)
            .await?;
        Ok(file)
    }

    /// The organisation's published usage figures of the two years before this month: each
    /// cell of an ended month with at least `min_users` users (never fewer than the platform's
    /// floor), nothing else.
    pub async fn published_usage(&self, org: OrgId, min_users: u32) -> ServiceResult<Published> {
        let today = self.now().date();
        let this_month = aireg_domain::usage::month_of(today);
        let first = today.replace_day(1).unwrap_or(today);
        let from = first
            .replace_year(first.year() - YEARS_SHOWN)
            .map(aireg_domain::usage::month_of)
            .unwrap_or_default();
        let cells = self.store().usage(org, &from).await?;
        Ok(publish(&cells, min_users, &this_month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_file_is_counted_per_tool_and_month() {
        let file = b"date,user,tool,count\n2026-11-03,maija,ChatGPT,3\n2026-11-04,maija,chatgpt,1\n2026-11-04,matti,Copilot,2\n2026-12-01,matti,Copilot,1\n";
        let f = read_usage(file, None, &|_| {}).unwrap();
        assert_eq!(f.format, UsageFormat::Simple);
        assert_eq!(f.rows, 4);
        assert_eq!(f.months, ["2026-11", "2026-12"]);
        let chatgpt = f.cells.iter().find(|c| c.tool == "ChatGPT").unwrap();
        assert_eq!(
            (chatgpt.users, chatgpt.uses),
            (1, 4),
            "one tool however spelt"
        );
        assert_eq!(f.cells.len(), 3);
    }

    #[test]
    fn the_copilot_report_is_read_by_column_name() {
        // Refreshed on 1 December over 30 days: November's figure. The third user was last
        // active before the period, the fourth never.
        let file = "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date,Microsoft Teams Copilot Last Activity Date,Word Copilot Last Activity Date,Report Period\n\
            2026-12-01,0a1b,0a1b,2026-11-28,2026-11-28,,2026-11-02,30\n\
            2026-12-01,2c3d,2c3d,2026-11-15,,2026-11-15,2026-10-01,30\n\
            2026-12-01,6a7b,6a7b,2026-10-20,2026-10-20,,,30\n\
            2026-12-01,4e5f,4e5f,,,,,30\n";
        let f = read_usage(file.as_bytes(), None, &|_| {}).unwrap();
        assert_eq!(f.format, UsageFormat::M365Copilot);
        let long = file.replace(",30\n", ",90\n");
        assert_eq!(
            read_usage(long.as_bytes(), None, &|_| {}).unwrap_err()[0].field,
            "line 2.Report Period"
        );
        assert_eq!(
            f.cells,
            [UsageCell {
                tool: "Microsoft 365 Copilot".into(),
                month: "2026-11".into(),
                users: 2,
                uses: 3,
            }]
        );
    }

    #[test]
    fn a_wrong_line_is_named_and_nothing_is_kept() {
        let file = b"date,user,tool,count\n2026-11-03,maija,ChatGPT,3\n3.11.2026,,ChatGPT,x\n";
        let errors = read_usage(file, None, &|_| {}).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["line 3.date", "line 3.user", "line 3.count"]);
        let wrong = read_usage(b"when,who\n1,2\n", None, &|_| {}).unwrap_err();
        assert_eq!(wrong[0].field, "header");
    }
}
