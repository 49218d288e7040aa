//! The site's own pages: the accessibility statement and the privacy notice, whose text the
//! platform admin writes per language (the built-in text shows until then).

use aireg_domain::Lang;
use aireg_domain::org::{SiteText, SiteTextKey};
use aireg_domain::policy::{Action, Actor, Resource, authorize};

use crate::{ServiceResult, Services};

impl Services {
    /// The admin's text of a page in a language, if written.
    pub async fn site_text(&self, key: SiteTextKey, lang: Lang) -> ServiceResult<Option<SiteText>> {
        Ok(self.store().site_text(key, lang).await?)
    }

    /// Saves a page's text in one language (platform admins only); an empty text brings the
    /// built-in one back.
    pub async fn set_site_text(
        &self,
        actor: &Actor,
        key: SiteTextKey,
        lang: Lang,
        body: &str,
    ) -> ServiceResult<Option<SiteText>> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        Ok(self.store().set_site_text(&permit, key, lang, body).await?)
    }
}
