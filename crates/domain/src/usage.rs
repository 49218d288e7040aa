//! How much staff use AI tools, in figures that identify no one (Tampere region rules ch. 11:
//! use is reported statistically only, so that it cannot be linked to individual users).
//!
//! Per-user records are counted into cells (organisation, tool, month) as they are read: the
//! number of distinct users and of uses. The user identifiers are dropped there and never
//! stored. What is published is the cells with at least `k` users of months that have ended,
//! nothing else, so that no published figure can be subtracted from another to reveal a cell
//! that was held back: no totals; no overlapping periods (a month is counted once, and
//! replacing it takes a deliberate `--replace`); no breakdown by unit (a month counted for an
//! organisation cannot also be counted for one above or below it).

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

/// The fewest distinct users a published cell may have; an installation may raise it only.
pub const MIN_USERS: u32 = 10;

/// One cell: a tool's use in one month by one organisation's staff.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UsageCell {
    /// The catalogue's tool id when the name was one of its tools, else the name as given.
    pub tool: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Distinct users in the month.
    pub users: u32,
    /// Uses (the count the source gives: prompts, sessions, active app-days).
    pub uses: u64,
}

/// Counts per-user records into cells as they come; keeps the users of a cell only until the
/// cells are taken.
#[derive(Debug, Default)]
pub struct Tally {
    cells: BTreeMap<(String, String), (HashSet<String>, u64)>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// One record: `user` used `tool` `count` times in `month` (`YYYY-MM`).
    pub fn add(&mut self, month: &str, user: &str, tool: &str, count: u64) {
        let (users, uses) = self
            .cells
            .entry((tool.to_string(), month.to_string()))
            .or_default();
        users.insert(user.trim().to_lowercase());
        *uses = uses.saturating_add(count);
    }

    /// The months the records cover.
    pub fn months(&self) -> Vec<String> {
        let mut months: Vec<String> = self.cells.keys().map(|(_, m)| m.clone()).collect();
        months.sort();
        months.dedup();
        months
    }

    /// The cells, the users forgotten.
    pub fn into_cells(self) -> Vec<UsageCell> {
        self.cells
            .into_iter()
            .map(|((tool, month), (users, uses))| UsageCell {
                tool,
                month,
                users: u32::try_from(users.len()).unwrap_or(u32::MAX),
                uses,
            })
            .collect()
    }
}

/// A fingerprint of cells (SHA-256 of their JSON), for the audit log: it shows what was
/// imported without keeping the figures of held-back cells for ever.
pub fn fingerprint(cells: &[UsageCell]) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_string(cells).unwrap_or_default();
    crate::audit::hex(&Sha256::digest(json.as_bytes()))
}

/// `YYYY-MM` of a date.
pub fn month_of(date: time::Date) -> String {
    format!("{:04}-{:02}", date.year(), u8::from(date.month()))
}

/// What may be published of an organisation's cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    /// The cells with at least `min_users` users, by month and tool.
    pub figures: Vec<UsageCell>,
    /// How many cells were held back (fewer users than `min_users`).
    pub suppressed: usize,
    pub min_users: u32,
}

/// The publishable figures: each cell of a month before `this_month` (`YYYY-MM`; a month still
/// running would change) with at least `min_users` distinct users, as it is, and nothing
/// computed from several cells.
pub fn publish(cells: &[UsageCell], min_users: u32, this_month: &str) -> Published {
    let min_users = min_users.max(MIN_USERS);
    let cells: Vec<&UsageCell> = cells
        .iter()
        .filter(|c| c.month.as_str() < this_month)
        .collect();
    let mut figures: Vec<UsageCell> = cells
        .iter()
        .filter(|c| c.users >= min_users)
        .map(|c| (*c).clone())
        .collect();
    figures.sort_by(|a, b| (&a.month, &a.tool).cmp(&(&b.month, &b.tool)));
    Published {
        suppressed: cells.len() - figures.len(),
        figures,
        min_users,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn users_are_counted_once_and_forgotten() {
        let mut t = Tally::new();
        t.add("2026-11", "Maija@kajaani.fi", "copilot", 3);
        t.add("2026-11", "maija@kajaani.fi ", "copilot", 2);
        t.add("2026-11", "matti@kajaani.fi", "copilot", 1);
        t.add("2026-12", "matti@kajaani.fi", "chatgpt", 1);
        assert_eq!(t.months(), ["2026-11", "2026-12"]);
        let cells = t.into_cells();
        assert_eq!(
            cells[1],
            UsageCell {
                tool: "copilot".into(),
                month: "2026-11".into(),
                users: 2,
                uses: 6
            }
        );
        let json = serde_json::to_string(&cells).unwrap();
        assert!(!json.contains("maija") && !json.contains("matti"));
    }

    #[test]
    fn a_month_still_running_is_not_published() {
        let cell = UsageCell {
            tool: "copilot".into(),
            month: "2026-12".into(),
            users: 40,
            uses: 900,
        };
        assert!(
            publish(std::slice::from_ref(&cell), 10, "2026-12")
                .figures
                .is_empty()
        );
        assert_eq!(publish(&[cell], 10, "2027-01").figures.len(), 1);
    }

    #[test]
    fn a_cell_of_three_users_is_held_back() {
        let cells = [
            UsageCell {
                tool: "copilot".into(),
                month: "2026-11".into(),
                users: 40,
                uses: 900,
            },
            UsageCell {
                tool: "chatgpt".into(),
                month: "2026-11".into(),
                users: 3,
                uses: 12,
            },
        ];
        let p = publish(&cells, 5, "2026-12");
        assert_eq!(p.min_users, MIN_USERS, "never below the floor");
        assert_eq!(p.figures.len(), 1);
        assert_eq!(p.suppressed, 1);
        assert!(!serde_json::to_string(&p).unwrap().contains("chatgpt"));
    }

    fn cell() -> impl Strategy<Value = UsageCell> {
        (0usize..4, 0usize..3, 1u32..30, 0u64..500).prop_map(|(t, m, users, uses)| UsageCell {
            tool: ["copilot", "chatgpt", "gemini", "translate"][t].into(),
            month: ["2026-10", "2026-11", "2026-12"][m].into(),
            users,
            uses,
        })
    }

    proptest! {
        /// Nothing published depends on a held-back cell: whatever such a cell holds (any
        /// number of users under the limit, any number of uses), or whether it exists at all,
        /// everything published is the same, so no sum or difference of published figures can
        /// reveal it.
        #[test]
        fn no_published_figure_depends_on_a_suppressed_cell(
            cells in proptest::collection::btree_map((0usize..4, 0usize..3), cell(), 0..12),
            k in 10u32..20,
            other_users in 1u32..10,
            other_uses in 0u64..10_000,
        ) {
            let cells: Vec<UsageCell> = cells
                .into_iter()
                .map(|((t, m), mut c)| {
                    c.tool = ["copilot", "chatgpt", "gemini", "translate"][t].into();
                    c.month = ["2026-10", "2026-11", "2026-12"][m].into();
                    c
                })
                .collect();
            let published = publish(&cells, k, "2027-01");
            for f in &published.figures {
                prop_assert!(f.users >= k);
            }
            let changed: Vec<UsageCell> = cells
                .iter()
                .map(|c| {
                    if c.users < k {
                        UsageCell { users: other_users.min(k - 1), uses: other_uses, ..c.clone() }
                    } else {
                        c.clone()
                    }
                })
                .collect();
            let without: Vec<UsageCell> = cells.iter().filter(|c| c.users >= k).cloned().collect();
            prop_assert_eq!(&publish(&changed, k, "2027-01").figures, &published.figures);
            prop_assert_eq!(&publish(&without, k, "2027-01").figures, &published.figures);
            // Every published number is a cell's own: none is a sum over cells.
            for f in &published.figures {
                prop_assert!(cells.contains(f));
            }
        }
    }
}
