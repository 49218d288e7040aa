//! The storage contract: what aireg keeps and how it is read, independent of the database engine.
//!
//! Reads of records take a [`ReadScope`]; writes take a [`Permit`] from the domain's
//! authorization policy, and every write appends to the audit chain in the same transaction.
//! The store is one trait per part of the domain ([`RecordStore`], [`GovernanceStore`], …);
//! [`Store`] is all of them. The `contract` module (feature `contract`) holds the stories every
//! engine must pass, one group per trait.

use aireg_domain::validation::FieldError;

mod accounts;
mod audit;
mod classification;
#[cfg(feature = "contract")]
pub mod contract;
mod governance;
mod jobs;
mod orgs;
mod records;
mod reports;
mod sso;

pub use accounts::*;
pub use audit::*;
pub use classification::*;
pub use governance::*;
pub use jobs::*;
pub use orgs::*;
pub use records::*;
pub use reports::*;
pub use sso::*;

/// Why a store operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such thing, or not visible in the given scope.
    #[error("not found")]
    NotFound,
    /// Someone saved a newer version first; nothing was changed.
    #[error("the record was changed by someone else; the current version is {current}")]
    Conflict { current: i64 },
    /// The change refers to things that do not exist or break a uniqueness rule.
    #[error("invalid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The permit does not cover this change.
    #[error("the permit does not cover this change")]
    Forbidden,
    /// A lifecycle move's gate refused it on what the transaction read (the [`Gate`] keeps
    /// why); nothing was saved.
    #[error("the lifecycle gate refused the move; nothing was saved")]
    GateClosed,
    /// The database failed or is unreachable, or holds what aireg did not write. The cause is
    /// kept for the log.
    #[error("the database failed")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub fn invalid(field: &str, problem: aireg_domain::validation::Problem) -> Self {
        StoreError::Invalid(vec![FieldError::new(field, problem)])
    }

    /// A failure of the database, keeping its cause.
    pub fn backend(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        StoreError::Backend(cause.into())
    }
}

/// An error with its causes, one after another: what the log needs to tell what happened.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Everything aireg keeps: one trait per part of the domain, each implemented once per
/// engine. Code that needs only a part asks for only that part; code that needs the whole
/// store takes `&dyn Store` and brings the traits into scope with `use aireg_store::prelude::*`.
pub trait Store:
    OrgStore
    + ProductStore
    + SiteTextStore
    + UsageStore
    + AccountStore
    + SessionStore
    + TokenStore
    + LinkStore
    + IdentityProviderStore
    + RecordStore
    + ClassificationStore
    + GovernanceStore
    + ReportStore
    + JobStore
    + AuditStore
    + Send
    + Sync
{
    /// Which engine this is (`sqlite` or `postgres`), for logs and the health check.
    fn engine(&self) -> &'static str;

    /// The connections of the database pool, open and idle, for the operator's metrics.
    fn pool_stats(&self) -> PoolStats;
}

/// The connections of a database pool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    pub open: u32,
    pub idle: u32,
}

/// The store's traits, to call their methods on a `dyn Store`.
pub mod prelude {
    pub use crate::{
        AccountStore, AuditStore, ClassificationStore, GovernanceStore, JobStore, OrgStore,
        ProductStore, RecordStore, ReportStore, SessionStore, SiteTextStore, Store, TokenStore,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("connection refused")]
    struct Refused;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot connect to 127.0.0.1:5432")]
    struct Connect(#[source] Refused);

    #[test]
    fn a_backend_error_keeps_its_causes() {
        let e = StoreError::backend(Connect(Refused));
        assert_eq!(
            error_chain(&e),
            "the database failed: cannot connect to 127.0.0.1:5432: connection refused"
        );
    }
}
