//! Rows as the database returns them, and their conversion to domain types. A value that does
//! not convert means the database was changed outside aireg; it is reported, never guessed.

use sqlx::types::Json;

use aireg_domain::audit::AuditEvent;
use aireg_domain::classification::{
    ClassificationRun, ObligationStatus, RunSource, TrackedObligation,
};
use aireg_domain::org::{Country, OrgKind, Organisation};
use aireg_domain::person::{Membership, Role, User};
use aireg_domain::product::Product;
use aireg_domain::system::{AiSystem, ChangeKind, Link, Publication, SystemRecord, SystemVersion};
use aireg_domain::{Lang, Localized};
use aireg_store::{ApiToken, Session, StoreResult};

use crate::ts::Ts;
use crate::{corrupt, parse_id};

#[derive(sqlx::FromRow)]
pub(crate) struct OrgRow {
    id: String,
    slug: String,
    kind: String,
    parent_id: Option<String>,
    name: Json<Localized>,
    country: String,
    languages: Json<Vec<Lang>>,
    business_id: Option<String>,
    website: Option<String>,
}

impl OrgRow {
    pub(crate) fn into_domain(self) -> StoreResult<Organisation> {
        Ok(Organisation {
            id: parse_id("organisation id", &self.id)?,
            kind: OrgKind::parse(&self.kind)
                .ok_or_else(|| corrupt("organisation kind", &self.kind))?,
            parent_id: self
                .parent_id
                .as_deref()
                .map(|p| parse_id("parent id", p))
                .transpose()?,
            name: self.name.0,
            country: Country::parse(&self.country)
                .ok_or_else(|| corrupt("country", &self.country))?,
            languages: self.languages.0,
            business_id: self.business_id,
            website: self.website,
            slug: self.slug,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: String,
    email: String,
    name: String,
    language: String,
    platform_admin: bool,
    disabled: bool,
    pub(crate) password_hash: String,
}

impl UserRow {
    pub(crate) fn to_domain(&self) -> StoreResult<User> {
        Ok(User {
            id: parse_id("user id", &self.id)?,
            email: self.email.clone(),
            name: self.name.clone(),
            language: Lang::parse(&self.language)
                .ok_or_else(|| corrupt("language", &self.language))?,
            platform_admin: self.platform_admin,
            disabled: self.disabled,
        })
    }
}

/// A member of an organisation and one role held there.
#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    #[sqlx(flatten)]
    pub(crate) user: UserRow,
    pub(crate) role: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MembershipRow {
    user_id: String,
    org_id: String,
    role: String,
}

impl MembershipRow {
    pub(crate) fn into_domain(self) -> StoreResult<Membership> {
        Ok(Membership {
            user_id: parse_id("user id", &self.user_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            role: parse_role(&self.role)?,
        })
    }
}

pub(crate) fn parse_role(s: &str) -> StoreResult<Role> {
    Role::parse(s).ok_or_else(|| corrupt("role", s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    id_hash: String,
    user_id: String,
    csrf_token: String,
    created_at: Ts,
    last_seen_at: Ts,
    expires_at: Ts,
}

impl SessionRow {
    pub(crate) fn into_domain(self) -> StoreResult<Session> {
        Ok(Session {
            id_hash: self.id_hash,
            user_id: parse_id("user id", &self.user_id)?,
            csrf_token: self.csrf_token,
            created_at: self.created_at.0,
            last_seen_at: self.last_seen_at.0,
            expires_at: self.expires_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TokenRow {
    id: String,
    user_id: String,
    name: String,
    prefix: String,
    created_at: Ts,
    last_used_at: Option<Ts>,
    revoked_at: Option<Ts>,
}

impl TokenRow {
    pub(crate) fn into_domain(self) -> StoreResult<ApiToken> {
        Ok(ApiToken {
            id: parse_id("token id", &self.id)?,
            user_id: parse_id("user id", &self.user_id)?,
            name: self.name,
            prefix: self.prefix,
            created_at: self.created_at.0,
            last_used_at: self.last_used_at.map(|t| t.0),
            revoked_at: self.revoked_at.map(|t| t.0),
        })
    }
}

/// A token with the account it belongs to.
#[derive(sqlx::FromRow)]
pub(crate) struct TokenWithUserRow {
    #[sqlx(flatten)]
    token: TokenRow,
    user_email: String,
    user_name: String,
    user_language: String,
    user_platform_admin: bool,
    user_disabled: bool,
}

impl TokenWithUserRow {
    pub(crate) fn into_domain(self) -> StoreResult<(ApiToken, User)> {
        let token = self.token.into_domain()?;
        let user = User {
            id: token.user_id,
            email: self.user_email,
            name: self.user_name,
            language: Lang::parse(&self.user_language)
                .ok_or_else(|| corrupt("language", &self.user_language))?,
            platform_admin: self.user_platform_admin,
            disabled: self.user_disabled,
        };
        Ok((token, user))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProductRow {
    id: String,
    slug: String,
    name: String,
    vendor: String,
    url: Option<String>,
    description: Json<Localized>,
}

impl ProductRow {
    pub(crate) fn into_domain(self) -> StoreResult<Product> {
        Ok(Product {
            id: parse_id("product id", &self.id)?,
            slug: self.slug,
            name: self.name,
            vendor: self.vendor,
            url: self.url,
            description: self.description.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SystemRow {
    id: String,
    pub(crate) org_id: String,
    pub(crate) version: i64,
    publication: String,
    record: Json<SystemRecord>,
    created_at: Ts,
    updated_at: Ts,
    first_published_at: Option<Ts>,
}

impl SystemRow {
    pub(crate) fn into_domain(self) -> StoreResult<AiSystem> {
        Ok(AiSystem {
            id: parse_id("system id", &self.id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            version: self.version,
            publication: parse_publication(&self.publication)?,
            record: self.record.0,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
            first_published_at: self.first_published_at.map(|t| t.0),
        })
    }
}

fn parse_publication(s: &str) -> StoreResult<Publication> {
    Publication::parse(s).ok_or_else(|| corrupt("publication state", s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    system_id: String,
    version: i64,
    change_kind: String,
    publication: String,
    record: Json<SystemRecord>,
    changed_at: Ts,
    changed_by: Option<String>,
    changed_by_name: String,
}

impl VersionRow {
    pub(crate) fn into_domain(self) -> StoreResult<SystemVersion> {
        Ok(SystemVersion {
            system_id: parse_id("system id", &self.system_id)?,
            version: self.version,
            change: ChangeKind::parse(&self.change_kind)
                .ok_or_else(|| corrupt("change kind", &self.change_kind))?,
            publication: parse_publication(&self.publication)?,
            record: self.record.0,
            changed_at: self.changed_at.0,
            changed_by: self
                .changed_by
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            changed_by_name: self.changed_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    seq: i64,
    at: Ts,
    actor_id: Option<String>,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    org_id: Option<String>,
    before_state: Option<String>,
    after_state: Option<String>,
    prev_hash: String,
    hash: String,
}

impl AuditRow {
    /// An id that no longer parses can only come from editing the table by hand: it is reported
    /// with the event's number, which is what verification must name.
    pub(crate) fn into_domain(self) -> StoreResult<AuditEvent> {
        let actor_id = audit_id(self.seq, "actor id", self.actor_id.as_deref())?;
        let org_id = audit_id(self.seq, "organisation id", self.org_id.as_deref())?;
        Ok(AuditEvent {
            seq: self.seq,
            at: self.at.0,
            actor_id,
            actor_name: self.actor_name,
            action: self.action,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            org_id,
            before: self.before_state,
            after: self.after_state,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

fn audit_id<T: std::str::FromStr>(seq: i64, what: &str, v: Option<&str>) -> StoreResult<Option<T>> {
    v.map(|s| {
        s.parse()
            .map_err(|_| corrupt(&format!("{what} of audit event {seq}"), s))
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
pub(crate) struct RunRow {
    id: String,
    system_id: String,
    org_id: String,
    pack_version: String,
    answers: Json<std::collections::BTreeMap<String, serde_json::Value>>,
    justifications: Json<std::collections::BTreeMap<String, String>>,
    facts: Json<serde_json::Value>,
    outcome: Json<serde_json::Value>,
    category: String,
    source: String,
    created_at: Ts,
    created_by: Option<String>,
    created_by_name: String,
}

impl RunRow {
    pub(crate) fn into_domain(self) -> StoreResult<ClassificationRun> {
        Ok(ClassificationRun {
            id: parse_id("run id", &self.id)?,
            system_id: parse_id("system id", &self.system_id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            pack_version: self.pack_version,
            answers: self.answers.0,
            justifications: self.justifications.0,
            facts: self.facts.0,
            outcome: self.outcome.0,
            category: self.category,
            source: RunSource::parse(&self.source)
                .ok_or_else(|| corrupt("run source", &self.source))?,
            created_at: self.created_at.0,
            created_by: self
                .created_by
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            created_by_name: self.created_by_name,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ObligationRow {
    id: String,
    org_id: String,
    system_id: Option<String>,
    obligation_id: String,
    article: String,
    title: Json<Localized>,
    applies_from: String,
    date_status: String,
    status: String,
    reason: Option<String>,
    responsible: Option<String>,
    evidence: Json<Vec<Link>>,
    active: bool,
    version: i64,
    updated_at: Ts,
}

impl ObligationRow {
    pub(crate) fn into_domain(self) -> StoreResult<TrackedObligation> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        Ok(TrackedObligation {
            id: parse_id("obligation id", &self.id)?,
            org_id: parse_id("organisation id", &self.org_id)?,
            system_id: self
                .system_id
                .as_deref()
                .map(|s| parse_id("system id", s))
                .transpose()?,
            obligation_id: self.obligation_id,
            article: self.article,
            title: self.title.0,
            applies_from: time::Date::parse(&self.applies_from, &format)
                .map_err(|_| corrupt("obligation date", &self.applies_from))?,
            date_status: self.date_status,
            status: ObligationStatus::parse(&self.status)
                .ok_or_else(|| corrupt("obligation status", &self.status))?,
            reason: self.reason,
            responsible: self
                .responsible
                .as_deref()
                .map(|u| parse_id("user id", u))
                .transpose()?,
            evidence: self.evidence.0,
            active: self.active,
            version: self.version,
            updated_at: self.updated_at.0,
        })
    }
}
