//! Accounts and tokens from the command line (the operator acts as platform administrator).

use std::io::Read;

use anyhow::{Context, bail};

use aireg_domain::Lang;
use aireg_domain::person::{Membership, NewUser, Role, check_password};
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_store::{NewApiToken, Store};
use aireg_store_sql::SqlStore;
use aireg_web::auth::{hash_password, new_api_token, random_hex};

pub async fn add_user(
    store: &SqlStore,
    email: String,
    name: String,
    language: &str,
    platform_admin: bool,
    password_stdin: bool,
    roles: Vec<String>,
) -> anyhow::Result<()> {
    let actor = Actor::command_line("user-add");
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
    let (password, generated) = if password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        (s.trim_end_matches(['\n', '\r']).to_string(), false)
    } else {
        (random_hex(12).map_err(|e| anyhow::anyhow!("{e}"))?, true)
    };
    if let Err(e) = check_password(&password) {
        bail!("{e}");
    }
    let hash = hash_password(password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let permit = authorize(&actor, Action::AdministerPlatform, Resource::Platform)
        .map_err(|_| anyhow::anyhow!("not allowed"))?;
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
    if generated {
        println!("{password}");
        eprintln!(
            "The password above was generated; give it to the person and ask them to keep it safe."
        );
    }
    Ok(())
}

pub async fn create_token(store: &SqlStore, email: &str, name: String) -> anyhow::Result<()> {
    let (user, _) = store
        .user_by_email(email)
        .await?
        .with_context(|| format!("no account with the e-mail address {email:?}"))?;
    let actor = Actor::command_line("token-create");
    let permit = authorize(&actor, Action::AdministerPlatform, Resource::Platform)
        .map_err(|_| anyhow::anyhow!("not allowed"))?;
    let token = new_api_token().map_err(|e| anyhow::anyhow!("{e}"))?;
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
