//! Accounts and tokens from the command line (the operator acts as platform administrator).

use anyhow::{Context, anyhow};

use aireg_domain::Lang;
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Action, Actor, Permit, Resource, authorize};
use aireg_store::{NewApiToken, Store};
use aireg_web::auth::new_api_token;

use crate::password::NewPassword;

/// The command line's platform permit; `label` names the command in the audit log.
pub fn platform_permit(label: &str) -> anyhow::Result<Permit> {
    authorize(
        &Actor::command_line(label),
        Action::AdministerPlatform,
        Resource::Platform,
    )
    .map_err(|_| anyhow!("not allowed"))
}

/// The account with this e-mail address, or an error naming the address.
async fn account(store: &dyn Store, email: &str) -> anyhow::Result<User> {
    let (user, _) = store
        .user_by_email(email)
        .await?
        .with_context(|| format!("no account with the e-mail address {email:?}"))?;
    Ok(user)
}

pub async fn add_user(
    store: &dyn Store,
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
        let org = store
            .organisation_by_slug(slug)
            .await?
            .with_context(|| format!("--role {spec:?}: no organisation {slug:?}"))?;
        grants.push((org.id, role));
    }
    let password = NewPassword::obtain(password_stdin)?;
    let hash = password.hash().await?;
    let permit = platform_permit("user-add")?;
    let user = store
        .create_user(
            &permit,
            NewUser {
                email,
                name,
                language,
                platform_admin,
            },
            &hash,
        )
        .await?;
    for (org, role) in grants {
        store
            .add_membership(
                &permit,
                Membership {
                    user_id: user.id,
                    org_id: org,
                    role,
                },
            )
            .await?;
    }
    eprintln!("Added {} <{}>.", user.name, user.email);
    password.show();
    Ok(())
}

pub async fn create_token(store: &dyn Store, email: &str, name: String) -> anyhow::Result<()> {
    let user = account(store, email).await?;
    let permit = platform_permit("token-create")?;
    let token = new_api_token().map_err(|e| anyhow!("{e}"))?;
    store
        .create_token(
            &permit,
            NewApiToken {
                user_id: user.id,
                name,
                hash: token.hash,
                prefix: token.prefix,
            },
        )
        .await?;
    println!("{}", token.secret);
    eprintln!(
        "API token for {} created. It is shown only this once; send it as `Authorization: Bearer <token>`.",
        user.email
    );
    Ok(())
}

/// `user disable` and `user enable`. The store ends a disabled account's sessions; its tokens
/// are refused for as long as it stays disabled and work again once it is enabled.
pub async fn set_disabled(store: &dyn Store, email: &str, disabled: bool) -> anyhow::Result<User> {
    let user = account(store, email).await?;
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
        store
            .set_user_disabled(&platform_permit(label)?, user.id, disabled)
            .await?;
        eprintln!("{} is now {}.", user.email, done);
    }
    Ok(user)
}

/// `user password`: a new password, printed when generated.
pub async fn change_password(
    store: &dyn Store,
    email: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    // The account first: no password is generated or read for an address with no account.
    let user = account(store, email).await?;
    let password = NewPassword::obtain(password_stdin)?;
    let ended = reset_password(store, &user, &password).await?;
    eprintln!(
        "New password set for {}; {ended} session(s) ended.",
        user.email
    );
    password.show();
    Ok(())
}

/// Sets the password and ends the account's sessions: a reset usually means the old password
/// got out, and whoever used it must not stay signed in.
async fn reset_password(
    store: &dyn Store,
    user: &User,
    password: &NewPassword,
) -> anyhow::Result<u64> {
    let hash = password.hash().await?;
    store
        .set_password(&platform_permit("user-password")?, user.id, &hash)
        .await?;
    Ok(store.delete_sessions_of(user.id).await?)
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use aireg_domain::clock;
    use aireg_store::Session;
    use aireg_store_sql::testing::TestDb;
    use aireg_web::auth::verify_password;

    use super::*;

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
                &password.hash().await.unwrap(),
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
            })
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_disabled_account_loses_its_sessions_and_tokens_until_enabled() {
        let db = TestDb::sqlite().await;
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
                },
            )
            .await
            .unwrap();
        let now = clock::now();

        // The address is found however it is capitalised, as at sign-in.
        set_disabled(store, "Maija.Virtanen@Kajaani.example", true)
            .await
            .unwrap();
        assert!(store.user(user.id).await.unwrap().unwrap().disabled);
        assert_eq!(store.token_by_hash("token-hash", now).await.unwrap(), None);
        assert_eq!(store.session("session-1", now).await.unwrap(), None);

        set_disabled(store, EMAIL, false).await.unwrap();
        assert!(!store.user(user.id).await.unwrap().unwrap().disabled);
        assert!(
            store
                .token_by_hash("token-hash", now)
                .await
                .unwrap()
                .is_some()
        );

        let err = set_disabled(store, "nobody@kajaani.example", true)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("nobody@kajaani.example"), "{err}");
    }

    #[tokio::test]
    async fn a_new_password_replaces_the_old_one_and_ends_the_sessions() {
        let db = TestDb::sqlite().await;
        let store: &dyn Store = &*db.store;
        let user = maija(store).await;
        sign_in(store, &user, "session-1").await;
        sign_in(store, &user, "session-2").await;

        let new = NewPassword::read(&mut "uusi-salasana-2\n".as_bytes()).unwrap();
        assert_eq!(reset_password(store, &user, &new).await.unwrap(), 2);
        let (_, hash) = store.user_by_email(EMAIL).await.unwrap().unwrap();
        assert!(verify_password("uusi-salasana-2".into(), Some(hash.clone())).await);
        assert!(!verify_password("vanha-salasana-1".into(), Some(hash)).await);
        assert_eq!(
            store.session("session-2", clock::now()).await.unwrap(),
            None
        );

        let err = change_password(store, "nobody@kajaani.example", false)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no account"), "{err}");
    }
}
