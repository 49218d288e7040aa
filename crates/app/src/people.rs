//! Accounts and tokens from the command line: the operator acts as platform administrator,
//! through the same use cases as everyone else (`aireg_service::accounts`).

use anyhow::Context;

use aireg_domain::Lang;
use aireg_domain::person::{NewUser, Role, User};
use aireg_domain::policy::{Actor, TokenScope};
use aireg_service::Services;
use aireg_service::accounts::{TokenRequest, TokenRules};

use crate::password::NewPassword;

/// The command line as an actor; `label` names the command in the audit log.
pub fn operator(label: &str) -> Actor {
    Actor::command_line(label)
}

/// The account with this e-mail address, or an error naming the address.
async fn account(services: &Services, email: &str) -> anyhow::Result<User> {
    let (user, _) = services
        .store()
        .user_by_email(&aireg_domain::person::normalize_email(email))
        .await?
        .with_context(|| format!("no account with the e-mail address {email:?}"))?;
    Ok(user)
}

pub async fn add_user(
    services: &Services,
    email: String,
    name: String,
    language: &str,
    platform_admin: bool,
    password_stdin: bool,
    roles: Vec<String>,
) -> anyhow::Result<()> {
    let language = Lang::parse(language).context("--language must be fi, sv or en")?;
    // Check the roles before creating anything.
    let mut grants = Vec::new();
    for spec in &roles {
        let (slug, role) = spec
            .split_once(':')
            .with_context(|| format!("--role {spec:?}: use ORG-SLUG:ROLE, e.g. kajaani:editor"))?;
        let role = Role::parse(role).with_context(|| {
            format!(
                "--role {spec:?}: unknown role; use one of {}",
                Role::allowed().join(", ")
            )
        })?;
        let org = services
            .store()
            .organisation_by_slug(slug)
            .await?
            .with_context(|| format!("--role {spec:?}: no organisation {slug:?}"))?;
        grants.push((org.id, role));
    }
    let password = NewPassword::obtain(password_stdin)?;
    let user = services
        .add_user(
            &operator("user-add"),
            NewUser {
                email,
                name,
                language,
                platform_admin,
            },
            &password.text,
            &grants,
        )
        .await?;
    eprintln!("Added {} <{}>.", user.name, user.email);
    password.show();
    Ok(())
}

/// `user second-factor-off`: the account's authenticator app is forgotten (audited), and its
/// sessions end.
pub async fn second_factor_off(services: &Services, email: &str) -> anyhow::Result<()> {
    let user = account(services, email).await?;
    services
        .remove_second_factor_of(&operator("user-second-factor-off"), user.id)
        .await?;
    eprintln!(
        "The authenticator app of {} was turned off; its sessions ended.",
        user.email
    );
    Ok(())
}

/// `aireg token create`'s options as typed.
pub struct TokenAsked {
    pub name: String,
    pub scope: String,
    pub expires_in: String,
    pub org: Option<String>,
}

pub async fn create_token(
    services: &Services,
    email: &str,
    asked: TokenAsked,
    rules: &TokenRules,
) -> anyhow::Result<()> {
    let user = account(services, email).await?;
    let scope = TokenScope::parse(&asked.scope)
        .ok_or_else(|| anyhow::anyhow!("--scope must be one of read, write, publish, admin"))?;
    let org = match &asked.org {
        Some(slug) => Some(
            services
                .store()
                .organisation_by_slug(slug)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no organisation {slug:?} (see `aireg org list`)"))?
                .id,
        ),
        // Without --org: the one organisation where the account holds roles; a platform
        // administrator's token acts everywhere.
        None if user.platform_admin => None,
        None => {
            let mut orgs: Vec<_> = services
                .store()
                .memberships_of(user.id)
                .await?
                .into_iter()
                .map(|m| m.org_id)
                .collect();
            orgs.dedup();
            match orgs.as_slice() {
                [one] => Some(*one),
                [] => anyhow::bail!("{email} holds no role in any organisation"),
                _ => anyhow::bail!(
                    "{email} holds roles in {} organisations: say which with --org SLUG",
                    orgs.len()
                ),
            }
        }
    };
    let (token, secret) = services
        .create_token_for(
            &operator("token-create"),
            user.id,
            TokenRequest {
                name: asked.name,
                org,
                scope,
                lifetime: asked.expires_in,
            },
            rules,
        )
        .await?;
    println!("{secret}");
    let until = token
        .expires_at
        .map(aireg_domain::clock::rfc3339)
        .unwrap_or_default();
    eprintln!(
        "API token for {} created (scope {scope}, valid until {until}). It is shown only this once; send it as `Authorization: Bearer <token>`.",
        user.email
    );
    Ok(())
}

/// `user disable` and `user enable`. A disabled account's sessions end; its tokens are
/// refused for as long as it stays disabled and work again once it is enabled.
pub async fn set_disabled(
    services: &Services,
    email: &str,
    disabled: bool,
) -> anyhow::Result<User> {
    let user = account(services, email).await?;
    let (label, done) = if disabled {
        (
            "user-disable",
            "disabled: it cannot sign in and its API tokens are refused",
        )
    } else {
        ("user-enable", "enabled")
    };
    if user.disabled == disabled {
        eprintln!("{} was already {}.", user.email, done);
    } else {
        services
            .set_user_disabled(&operator(label), user.id, disabled)
            .await?;
        eprintln!("{} is now {}.", user.email, done);
    }
    Ok(user)
}

/// `user password`: a new password, printed when generated; the account's sessions end.
pub async fn change_password(
    services: &Services,
    email: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    // The account first: no password is generated or read for an address with no account.
    let user = account(services, email).await?;
    let password = NewPassword::obtain(password_stdin)?;
    let (sessions, tokens) = services
        .set_password(&operator("user-password"), user.id, &password.text)
        .await?;
    eprintln!(
        "New password set for {}; {sessions} session(s) ended, {tokens} API token(s) revoked.",
        user.email
    );
    password.show();
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use aireg_domain::clock;
    use aireg_domain::policy::{Action, Permit, Resource, authorize};
    use aireg_service::secrets::{hash_password, verify_password};
    use aireg_store::prelude::*;
    use aireg_store::{NewApiToken, Session};
    use aireg_store_sql::testing::TestDb;

    use super::*;

    /// The command line's platform permit; `label` names the command in the audit log.
    fn platform_permit(label: &str) -> anyhow::Result<Permit> {
        authorize(
            &operator(label),
            Action::AdministerPlatform,
            Resource::Platform,
        )
        .map_err(|_| anyhow::anyhow!("not allowed"))
    }

    const EMAIL: &str = "maija.virtanen@kajaani.example";

    async fn maija(store: &dyn Store) -> User {
        let password = NewPassword::read(&mut "vanha-salasana-1".as_bytes()).unwrap();
        store
            .create_user(
                &platform_permit("test").unwrap(),
                NewUser {
                    email: EMAIL.into(),
                    name: "Maija Virtanen".into(),
                    language: Lang::Fi,
                    platform_admin: false,
                },
                &hash_password(password.text).await.unwrap(),
            )
            .await
            .unwrap()
    }

    async fn sign_in(store: &dyn Store, user: &User, id_hash: &str) {
        let now = clock::now();
        store
            .create_session(&Session {
                id_hash: id_hash.into(),
                user_id: user.id,
                csrf_token: "csrf".into(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + Duration::hours(1),
                user_agent: None,
                signed_in_with: None,
                awaiting_code: false,
            })
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_disabled_account_loses_its_sessions_and_tokens_until_enabled() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let store: &dyn Store = &*db.store;
        let user = maija(store).await;
        sign_in(store, &user, "session-1").await;
        store
            .create_token(
                &platform_permit("test").unwrap(),
                NewApiToken {
                    user_id: user.id,
                    name: "t".into(),
                    hash: "token-hash".into(),
                    prefix: "aireg_12".into(),
                    org_id: None,
                    scope: aireg_domain::policy::TokenScope::Admin,
                    expires_at: aireg_domain::clock::now() + time::Duration::days(30),
                },
            )
            .await
            .unwrap();
        let now = clock::now();

        // The address is found however it is capitalised, as at sign-in.
        set_disabled(&services, "Maija.Virtanen@Kajaani.example", true)
            .await
            .unwrap();
        assert!(store.user(user.id).await.unwrap().unwrap().disabled);
        assert_eq!(store.token_by_hash("token-hash", now).await.unwrap(), None);
        assert_eq!(store.session("session-1", now).await.unwrap(), None);

        set_disabled(&services, EMAIL, false).await.unwrap();
        assert!(!store.user(user.id).await.unwrap().unwrap().disabled);
        assert!(
            store
                .token_by_hash("token-hash", now)
                .await
                .unwrap()
                .is_some()
        );

        let err = set_disabled(&services, "nobody@kajaani.example", true)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("nobody@kajaani.example"), "{err}");
    }

    #[tokio::test]
    async fn a_new_password_replaces_the_old_one_and_ends_the_sessions_and_tokens() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let store: &dyn Store = &*db.store;
        let user = maija(store).await;
        sign_in(store, &user, "session-1").await;
        sign_in(store, &user, "session-2").await;
        store
            .create_token(
                &platform_permit("test").unwrap(),
                NewApiToken {
                    user_id: user.id,
                    name: "made with the old password".into(),
                    hash: "token-hash".into(),
                    prefix: "aireg_12".into(),
                    org_id: None,
                    scope: aireg_domain::policy::TokenScope::Admin,
                    expires_at: aireg_domain::clock::now() + time::Duration::days(30),
                },
            )
            .await
            .unwrap();

        let new = NewPassword::read(&mut "uusi-salasana-2\n".as_bytes()).unwrap();
        let ended = services
            .set_password(&operator("test"), user.id, &new.text)
            .await
            .unwrap();
        assert_eq!(ended, (2, 1));
        assert_eq!(
            store
                .token_by_hash("token-hash", clock::now())
                .await
                .unwrap(),
            None
        );
        let (_, hash) = store.user_by_email(EMAIL).await.unwrap().unwrap();
        assert!(verify_password("uusi-salasana-2".into(), Some(hash.clone())).await);
        assert!(!verify_password("vanha-salasana-1".into(), Some(hash)).await);
        assert_eq!(
            store.session("session-2", clock::now()).await.unwrap(),
            None
        );

        let err = change_password(&services, "nobody@kajaani.example", false)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no account"), "{err}");
    }
}
