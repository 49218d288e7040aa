//! The use cases of aireg: each is a function over plain inputs (an [`Actor`], ids, typed
//! values), authorized with the domain's policy, carried out through the store in one
//! transaction, with the e-mail it causes queued in the same transaction. The JSON API, the
//! pages, the command line and the background jobs all call these functions; none of them
//! knows anything of HTTP.
//!
//! | module | use cases |
//! |---|---|
//! | [`records`] | register, edit, publish and withdraw a record |
//! | [`lifecycle`] | move a record through its policy's gates |
//! | [`classification`] | classify a record under the AI Act; apply a new pack version |
//! | [`obligations`] | track the obligations a classification gives |
//! | [`approvals`] | ask the bodies the policy routes to; decide with four eyes |
//! | [`assessments`] | fill, complete, comment and sign impact assessments |
//! | [`reviews`] | review a record, review the policy |
//! | [`incidents`] | report incidents with evidence, handle them |
//! | [`feedback`] | receive residents' feedback, answer it |
//! | [`reminders`] | queue the reminders that are due |
//! | [`accounts`] | sign in, sessions and tokens, members, passwords, accounts |
//! | [`governance`] | what the policy asks of a record (read by the others and the pages) |
//! | [`attention`] | what needs a working group's attention, bounded and counted |
//! | [`opendata`] | the public register as CSV, XLSX and JSON downloads |
//! | [`import`] | records from CSV, XLSX and the Dutch standard, checked row by row |
//! | [`site`] | the accessibility statement and the privacy notice |
//! | [`usage`] | staff use of AI tools: the catalogue, "may I use?", requests, disclosure |
//! | [`usage_figures`] | staff's AI usage counted at import, published without small cells |

use std::sync::Arc;

use time::OffsetDateTime;

use aireg_domain::SystemId;
use aireg_domain::clock::Clock;
use aireg_domain::policy::{Actor, ReadScope};
use aireg_domain::system::AiSystem;
use aireg_rules::Content;
use aireg_store::Store;

pub mod accounts;
pub mod approvals;
pub mod assessments;
pub mod attention;
pub mod audit;
pub mod classification;
mod error;
pub mod feedback;
pub mod governance;
pub mod import;
pub mod incidents;
pub mod invitations;
pub mod lifecycle;
pub mod obligations;
pub mod opendata;
pub mod outbox;
pub mod overview;
pub mod records;
pub mod reminders;
pub mod reviews;
pub mod second_factor;
pub mod secrets;
pub mod site;
pub mod sso;
pub mod standards;
pub mod usage;
pub mod usage_figures;

pub use error::{Refusal, ServiceError, ServiceResult};
pub use outbox::Outbox;

/// What every use case works with: the store, the content packs in use, the clock and the
/// outbox that writes e-mail. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    store: Arc<dyn Store>,
    content: Arc<Content>,
    clock: Arc<dyn Clock>,
    outbox: Outbox,
    sso: Arc<sso::Sso>,
}

impl Services {
    pub fn new(
        store: Arc<dyn Store>,
        content: Arc<Content>,
        clock: Arc<dyn Clock>,
        outbox: Outbox,
    ) -> Services {
        Services {
            store,
            content,
            clock,
            outbox,
            sso: Arc::new(sso::Sso::default()),
        }
    }

    /// The OpenID Connect client's HTTP client and the providers' published keys.
    pub(crate) fn sso(&self) -> &sso::Sso {
        &self.sso
    }

    /// The store, for reads: every read takes the reader's [`ReadScope`].
    pub fn store(&self) -> &dyn Store {
        &*self.store
    }

    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// A record the actor may read, or `NotFound` (also for records they may not see, so
    /// that an outsider learns nothing of what exists).
    pub async fn readable(&self, actor: &Actor, id: SystemId) -> ServiceResult<AiSystem> {
        self.store
            .system(&ReadScope::for_actor(actor), id)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}
