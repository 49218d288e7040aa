//! The governance overview in figures: records per organisation (every one below, those with
//! none too) by life-cycle state and by AI Act category, as charts, as tables of the same
//! figures and as CSV.

use aireg_domain::classification::Category;
use aireg_domain::system::Lifecycle;
use aireg_i18n::Tr;
use aireg_service::overview::Figures;

use crate::charts::{Bar, bars};

/// A chart with the figures it draws, for the page's table.
pub(super) struct Chart {
    pub(super) id: &'static str,
    pub(super) title: String,
    pub(super) svg: String,
    pub(super) rows: Vec<(String, usize)>,
}

/// The overview's views of the figures: charts and CSV.
pub(super) trait Drawn {
    fn charts(&self, t: &Tr) -> Vec<Chart>;
    fn csv(&self, t: &Tr) -> Vec<u8>;
}

fn category_label(t: &Tr, c: Option<Category>) -> String {
    c.map_or_else(
        || t.get("figures-not-classified"),
        |c| t.get(&c.message_id()),
    )
}

impl Drawn for Figures {
    /// The three charts: records by state, by category, by organisation.
    fn charts(&self, t: &Tr) -> Vec<Chart> {
        let chart = |id: &'static str, title: String, rows: Vec<(String, usize)>| Chart {
            svg: bars(
                &rows
                    .iter()
                    .map(|(label, value)| Bar {
                        label: label.clone(),
                        value: *value,
                    })
                    .collect::<Vec<_>>(),
                id,
            ),
            id,
            title,
            rows,
        };
        let states = self.state_totals();
        let categories = self.category_totals();
        vec![
            chart(
                "chart-states",
                t.get("figures-by-state"),
                Lifecycle::ALL
                    .iter()
                    .zip(states)
                    .map(|(s, n)| (t.get(&s.message_id()), n))
                    .collect(),
            ),
            chart(
                "chart-categories",
                t.get("figures-by-category"),
                self.categories
                    .iter()
                    .zip(categories)
                    .map(|(c, n)| (category_label(t, *c), n))
                    .collect(),
            ),
            chart(
                "chart-orgs",
                t.get("figures-by-organisation"),
                self.orgs
                    .iter()
                    .map(|o| (o.name.clone(), o.total))
                    .collect(),
            ),
        ]
    }

    /// The same figures as CSV: one row per organisation, a column per state and category.
    fn csv(&self, t: &Tr) -> Vec<u8> {
        let mut header = vec![t.get("column-organisation"), t.get("column-total")];
        header.extend(Lifecycle::ALL.iter().map(|s| t.get(&s.message_id())));
        header.extend(self.categories.iter().map(|c| {
            format!(
                "{}: {}",
                t.get("classification-title"),
                category_label(t, *c)
            )
        }));
        let mut out = aireg_service::opendata::csv_row(&header);
        for o in &self.orgs {
            let mut row = vec![o.name.clone(), o.total.to_string()];
            row.extend(o.by_state.iter().map(usize::to_string));
            row.extend(o.by_category.iter().map(usize::to_string));
            out.extend(aireg_service::opendata::csv_row(&row));
        }
        out
    }
}
