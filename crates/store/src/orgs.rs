//! Organisations, their hierarchy, and shared products.

use aireg_domain::Lang;
use aireg_domain::org::{NewOrganisation, Organisation, SiteText, SiteTextKey};
use aireg_domain::policy::{OrgTree, Permit};
use aireg_domain::product::Product;
use aireg_domain::{OrgId, ProductId};
use async_trait::async_trait;

use crate::StoreResult;

/// Organisations and their hierarchy. Names and the hierarchy are public information.
#[async_trait]
pub trait OrgStore: Send + Sync {
    /// Whether the database holds no organisations yet (a fresh install).
    async fn is_empty(&self) -> StoreResult<bool>;

    async fn create_organisation(
        &self,
        permit: &Permit,
        org: NewOrganisation,
    ) -> StoreResult<Organisation>;

    /// Every organisation. Names and the hierarchy are public information.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;

    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>>;

    async fn organisation_by_slug(&self, slug: &str) -> StoreResult<Option<Organisation>>;

    async fn org_tree(&self) -> StoreResult<OrgTree>;

    /// The open data licences organisations have named (SPDX ids); the others use the default.
    async fn licences(&self) -> StoreResult<Vec<(OrgId, String)>>;

    /// Names the licence of an organisation's open data (`ManageMembers` of it: its admin);
    /// `None` returns it to the default. Audited.
    async fn set_licence(
        &self,
        permit: &Permit,
        org: OrgId,
        licence: Option<&str>,
    ) -> StoreResult<()>;
}

/// Shared products: one record of a product (e.g. Copilot) that many organisations's records point at.
#[async_trait]
pub trait ProductStore: Send + Sync {
    async fn create_product(&self, permit: &Permit, product: Product) -> StoreResult<Product>;

    async fn products(&self) -> StoreResult<Vec<Product>>;

    async fn product(&self, id: ProductId) -> StoreResult<Option<Product>>;
}

/// The site's own texts (accessibility statement, privacy notice), one per page and language,
/// written by the platform admin. Public to read.
#[async_trait]
pub trait SiteTextStore: Send + Sync {
    async fn site_text(&self, key: SiteTextKey, lang: Lang) -> StoreResult<Option<SiteText>>;

    /// Saves the text (`AdministerPlatform`); an empty body removes it, so the built-in text
    /// shows again.
    async fn set_site_text(
        &self,
        permit: &Permit,
        key: SiteTextKey,
        lang: Lang,
        body: &str,
    ) -> StoreResult<Option<SiteText>>;
}

/// Staff's AI usage figures per organisation, tool and month: counts only, no user.
#[async_trait]
pub trait UsageStore: Send + Sync {
    /// Saves the organisation's `cells` (`ImportUsage`), audited by a fingerprint (not the
    /// figures, which may be held back). Refused, saving nothing: a month one of `related` (the
    /// organisations above and below) already has figures for, since a month counted at two
    /// levels could be subtracted; and a tool's month already saved, unless `replace` (a
    /// published figure that changes can be compared with its earlier copy). Returns how many
    /// cells were saved.
    async fn replace_usage(
        &self,
        permit: &Permit,
        org: OrgId,
        related: &[OrgId],
        cells: Vec<aireg_domain::usage::UsageCell>,
        replace: bool,
    ) -> StoreResult<u64>;

    /// The organisation's cells of `from_month` (`YYYY-MM`) on, by month and tool. Not
    /// published as such: the caller holds back cells with too few users.
    async fn usage(
        &self,
        org: OrgId,
        from_month: &str,
    ) -> StoreResult<Vec<aireg_domain::usage::UsageCell>>;
}
