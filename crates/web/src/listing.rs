//! The query of a record list, shared by the register pages and the API: paging, organisation,
//! life-cycle status, publication state, AI Act category, personal data, decisions on persons,
//! search words and (in the API) a cursor, each checked and named when wrong.

use aireg_domain::classification::Category;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{OrgTree, ReadScope};
use aireg_domain::system::AiSystem;
use aireg_domain::system::{Lifecycle, Publication, Theme};
use aireg_store::{Cursor, PageRequest, SystemFilter, yes_no};

use crate::error::AppError;
use crate::form::FormData;
use crate::state::AppState;

/// A parsed list query.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub page: u32,
    pub per_page: u32,
    /// The organisation asked for (its records and those of the organisations below it).
    pub org: Option<Organisation>,
    pub lifecycle: Option<Lifecycle>,
    pub publication: Option<Publication>,
    pub category: Option<Category>,
    pub theme: Option<Theme>,
    pub personal_data: Option<bool>,
    pub decisions_on_persons: Option<bool>,
    pub text: String,
    /// Where a list read by cursor continues (the API's keyset paging).
    pub cursor: Option<Cursor>,
}

pub const DEFAULT_PER_PAGE: u32 = 20;

impl ListQuery {
    /// As [`ListQuery::parse`], for the API, whose document gives `page` and `per_page` as
    /// integers: an empty one is refused rather than taken as absent (a form's empty field).
    pub fn parse_api(q: &FormData, orgs: &[Organisation]) -> Result<ListQuery, AppError> {
        for name in ["page", "per_page"] {
            api_number(q, name, 0, u32::MAX)?;
        }
        let mut query = ListQuery::parse(q, orgs)?;
        match q.get("cursor").trim() {
            "" => {}
            _ if q.has("page") => {
                return Err(bad(
                    "cursor",
                    "give either a cursor or a page, not both".into(),
                ));
            }
            v => {
                query.cursor = Some(Cursor::decode(v).ok_or_else(|| {
                    bad(
                        "cursor",
                        "not a cursor this register gave; start again without one".into(),
                    )
                })?);
            }
        }
        Ok(query)
    }

    /// Parses `page`, `per_page`, `org` (slug or id), `status` (life-cycle), `publication` and
    /// `q`. Empty values count as absent.
    pub fn parse(q: &FormData, orgs: &[Organisation]) -> Result<ListQuery, AppError> {
        // Up to the largest int32, as the API document says (u32 is published as int32).
        let page = number(q, "page", 1, i32::MAX.unsigned_abs())?.unwrap_or(1);
        let per_page =
            number(q, "per_page", 1, PageRequest::MAX_PER_PAGE)?.unwrap_or(DEFAULT_PER_PAGE);
        let org = match q.get("org").trim() {
            "" => None,
            v => Some(
                orgs.iter()
                    .find(|o| o.slug == v || o.id.to_string() == v)
                    .cloned()
                    .ok_or_else(|| bad("org", format!("no organisation {v:?}")))?,
            ),
        };
        let lifecycle = match q.get("status").trim() {
            "" => None,
            v => Some(Lifecycle::parse(v).ok_or_else(|| {
                bad(
                    "status",
                    format!(
                        "{v:?} is not a status; use one of {}",
                        Lifecycle::allowed().join(", ")
                    ),
                )
            })?),
        };
        let publication = match q.get("publication").trim() {
            "" => None,
            v => Some(Publication::parse(v).ok_or_else(|| {
                bad(
                    "publication",
                    format!(
                        "{v:?} is not a publication state; use one of {}",
                        Publication::allowed().join(", ")
                    ),
                )
            })?),
        };
        let category = match q.get("category").trim() {
            "" => None,
            v => Some(Category::parse(v).ok_or_else(|| {
                bad(
                    "category",
                    format!(
                        "{v:?} is not an AI Act category; use one of {}",
                        Category::allowed().join(", ")
                    ),
                )
            })?),
        };
        let theme = match q.get("theme").trim() {
            "" => None,
            v => Some(Theme::parse(v).ok_or_else(|| {
                bad(
                    "theme",
                    format!(
                        "{v:?} is not an area of public services; use one of {}",
                        Theme::allowed().join(", ")
                    ),
                )
            })?),
        };
        let text = q.get("q").trim().chars().take(200).collect();
        Ok(ListQuery {
            theme,
            page,
            per_page,
            org,
            lifecycle,
            publication,
            category,
            personal_data: yes_or_no(q, "personal_data")?,
            decisions_on_persons: yes_or_no(q, "decisions_on_persons")?,
            text,
            cursor: None,
        })
    }

    pub fn page_request(&self) -> PageRequest {
        PageRequest::new(self.page, self.per_page)
    }

    /// The store filter; an organisation includes the organisations below it.
    pub fn filter(&self, tree: &OrgTree) -> SystemFilter {
        SystemFilter {
            orgs: self
                .org
                .as_ref()
                .map(|o| tree.descendants_and_self(o.id).into_iter().collect()),
            lifecycle: self.lifecycle,
            publication: self.publication,
            text: (!self.text.is_empty()).then(|| self.text.to_lowercase()),
            category: self.category,
            theme: self.theme,
            personal_data: self.personal_data,
            decisions_on_persons: self.decisions_on_persons,
            review_due_by: None,
            review_due_from: None,
        }
    }

    /// The query string for another page of the same list.
    pub fn href_for_page(&self, base: &str, page: u32) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        if let Some(o) = &self.org {
            parts.push(("org".into(), o.slug.clone()));
        }
        if let Some(l) = self.lifecycle {
            parts.push(("status".into(), l.as_str().into()));
        }
        if let Some(p) = self.publication {
            parts.push(("publication".into(), p.as_str().into()));
        }
        if let Some(c) = self.category {
            parts.push(("category".into(), c.as_str().into()));
        }
        if let Some(t) = self.theme {
            parts.push(("theme".into(), t.as_str().into()));
        }
        if let Some(b) = self.personal_data {
            parts.push(("personal_data".into(), yes_no(b).into()));
        }
        if let Some(b) = self.decisions_on_persons {
            parts.push(("decisions_on_persons".into(), yes_no(b).into()));
        }
        if !self.text.is_empty() {
            parts.push(("q".into(), self.text.clone()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            parts.push(("per_page".into(), self.per_page.to_string()));
        }
        if page > 1 {
            parts.push(("page".into(), page.to_string()));
        }
        if parts.is_empty() {
            return base.to_string();
        }
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(parts)
            .finish();
        format!("{base}?{query}")
    }
}

/// A page of records for the API: read by cursor when the query gives one, else by page.
pub struct Listed {
    pub items: Vec<AiSystem>,
    pub total: i64,
    /// The page number, when read by page.
    pub page: Option<u32>,
    /// The `cursor` of the next page, when there is one.
    pub next_cursor: Option<String>,
}

impl ListQuery {
    /// Reads the query's page as `scope` sees it.
    pub async fn read(
        &self,
        state: &AppState,
        scope: &ReadScope,
        tree: &OrgTree,
    ) -> Result<Listed, AppError> {
        let filter = self.filter(tree);
        match &self.cursor {
            Some(after) => {
                let page = state
                    .store
                    .systems_after(scope, &filter, Some(after), self.per_page)
                    .await?;
                Ok(Listed {
                    items: page.items,
                    total: state.store.count_systems(scope, &filter).await?,
                    page: None,
                    next_cursor: page.next.map(|c| c.encode()),
                })
            }
            None => {
                let page = state
                    .store
                    .systems(scope, &filter, self.page_request())
                    .await?;
                Ok(Listed {
                    items: page.items,
                    total: page.total,
                    page: Some(page.request.page),
                    next_cursor: page.next.map(|c| c.encode()),
                })
            }
        }
    }
}

fn bad(field: &str, detail: String) -> AppError {
    AppError::BadRequest {
        field: Some(field.into()),
        detail: format!("{field}: {detail}"),
    }
}

/// `yes` or `no`; empty for either.
fn yes_or_no(q: &FormData, name: &str) -> Result<Option<bool>, AppError> {
    match q.get(name).trim() {
        "" => Ok(None),
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        v => Err(bad(name, format!("{v:?}: use yes or no, or leave it out"))),
    }
}

/// A whole number from `min` to `max` the API document gives as an integer: absent is `None`,
/// an empty one is refused rather than taken as absent (a form's empty field).
pub(crate) fn api_number(
    q: &FormData,
    name: &str,
    min: u32,
    max: u32,
) -> Result<Option<u32>, AppError> {
    if q.has(name) && q.get(name).trim().is_empty() {
        return Err(bad(
            name,
            format!("{name}: give a whole number, or leave the parameter out"),
        ));
    }
    number(q, name, min, max)
}

fn number(q: &FormData, name: &str, min: u32, max: u32) -> Result<Option<u32>, AppError> {
    match q.get(name).trim() {
        "" => Ok(None),
        v => match v.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(bad(
                name,
                format!("{v:?} is not a whole number from {min} to {max}"),
            )),
        },
    }
}

/// Links to the pages of a list.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub current: u32,
    pub last: u32,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone)]
pub struct PageLink {
    pub number: u32,
    pub href: String,
    pub current: bool,
}

impl Pagination {
    pub fn new(query: &ListQuery, base: &str, total: i64) -> Pagination {
        let per = i64::from(query.per_page.max(1));
        let last = u32::try_from(((total + per - 1) / per).max(1)).unwrap_or(u32::MAX);
        let current = query.page;
        // Around the current page, plus the first and the last.
        let mut numbers: Vec<u32> = vec![1, last];
        for n in current.saturating_sub(2)..=current.saturating_add(2) {
            if n >= 1 && n <= last {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        Pagination {
            current,
            last,
            prev: (current > 1).then(|| query.href_for_page(base, current - 1)),
            next: (current < last).then(|| query.href_for_page(base, current + 1)),
            pages: numbers
                .into_iter()
                .map(|n| PageLink {
                    number: n,
                    href: query.href_for_page(base, n),
                    current: n == current,
                })
                .collect(),
        }
    }

    pub fn is_single(&self) -> bool {
        self.last <= 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_named() {
        let q = FormData::parse(b"page=0");
        let err = ListQuery::parse(&q, &[]).unwrap_err();
        assert!(matches!(err, AppError::BadRequest { field: Some(f), .. } if f == "page"));
        let q = FormData::parse(b"per_page=1000");
        assert!(ListQuery::parse(&q, &[]).is_err());
        let q = FormData::parse(b"status=live");
        let err = ListQuery::parse(&q, &[]).unwrap_err();
        assert!(matches!(err, AppError::BadRequest { field: Some(f), .. } if f == "status"));
        let q = FormData::parse(b"org=nowhere");
        assert!(ListQuery::parse(&q, &[]).is_err());
        let q = FormData::parse(b"page=2147483648");
        assert!(ListQuery::parse(&q, &[]).is_err(), "beyond int32");
        // The API takes an empty page for a mistake; a form's empty field is absent.
        let q = FormData::parse(b"per_page=&status=");
        assert!(ListQuery::parse(&q, &[]).is_ok());
        let err = ListQuery::parse_api(&q, &[]).unwrap_err();
        assert!(matches!(err, AppError::BadRequest { field: Some(f), .. } if f == "per_page"));
        let q = FormData::parse(b"status=&q=+chat+&page=2");
        let ok = ListQuery::parse(&q, &[]).unwrap();
        assert_eq!((ok.page, ok.text.as_str(), ok.lifecycle), (2, "chat", None));
    }

    #[test]
    fn pagination_links_keep_the_filters() {
        let q = ListQuery {
            page: 3,
            per_page: 20,
            lifecycle: Some(Lifecycle::InUse),
            text: "ä b".into(),
            ..ListQuery::default()
        };
        let p = Pagination::new(&q, "/fi/", 95);
        assert_eq!(p.last, 5);
        assert_eq!(
            p.prev.as_deref(),
            Some("/fi/?status=in_use&q=%C3%A4+b&page=2")
        );
        let numbers: Vec<u32> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        assert_eq!(
            Pagination::new(
                &ListQuery {
                    page: 1,
                    per_page: 20,
                    ..q
                },
                "/fi/",
                0
            )
            .last,
            1
        );
    }
}
