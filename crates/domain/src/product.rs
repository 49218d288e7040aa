//! Shared product records: one Microsoft 365 Copilot that nine municipalities' use records point at.

use serde::{Deserialize, Serialize};

use crate::validation::{Errors, FieldError, Problem, is_http_url, is_slug};
use crate::{Localized, ProductId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub slug: String,
    pub name: String,
    pub vendor: String,
    pub url: Option<String>,
    pub description: Localized,
}

impl Product {
    /// Checks the fields of a product before it is stored.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new();
        if !is_slug(&self.slug) {
            e.add("slug", Problem::InvalidSlug);
        }
        if self.name.trim().is_empty() {
            e.add("name", Problem::Required);
        }
        e.max_len("name", &self.name, 200);
        e.max_len("vendor", &self.vendor, 200);
        if let Some(u) = &self.url
            && !is_http_url(u)
        {
            e.add("url", Problem::InvalidUrl);
        }
        for (l, t) in self.description.iter() {
            e.max_len(format!("description.{l}"), t, 5000);
        }
        e.into_result()
    }
}
