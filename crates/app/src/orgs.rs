//! Organisations from the command line, so that an installation can be set up without the demo
//! loader (the operator acts as platform administrator).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Context;

use aireg_domain::org::{Country, NewOrganisation, Organisation};
use aireg_domain::person::Role;
use aireg_domain::{Lang, Localized};
use aireg_service::Services;
use aireg_store::prelude::*;

use crate::cli::OrgAddArgs;
use crate::people::operator;

/// `org add`: creates the organisation and prints its slug and id. The store checks the fields
/// (slug, names, business id, website), the parent and that the slug is free.
pub async fn add(services: &Services, args: OrgAddArgs) -> anyhow::Result<Organisation> {
    let store = services.store();
    let parent_id = match &args.parent {
        Some(slug) => Some(
            store
                .organisation_by_slug(slug)
                .await?
                .with_context(|| format!("--parent: no organisation {slug:?}"))?
                .id,
        ),
        None => None,
    };
    let name: Localized = [
        (Lang::Fi, args.name_fi),
        (Lang::Sv, args.name_sv),
        (Lang::En, args.name_en),
    ]
    .into_iter()
    .filter_map(|(l, n)| Some((l, n?)))
    .collect();
    let languages = if args.languages.is_empty() {
        // The country's own language, as for most organisations in the demo; a bilingual one
        // says so with --languages.
        vec![match args.country {
            Country::FI => Lang::Fi,
            Country::SE => Lang::Sv,
        }]
    } else {
        args.languages
    };
    let new = NewOrganisation {
        slug: args.slug,
        kind: args.kind,
        parent_id,
        name,
        country: args.country,
        languages,
        business_id: args.business_id,
        website: args.website,
    };
    let slug = new.slug.clone();
    let org = services
        .add_organisation(&operator("org-add"), new)
        .await
        .with_context(|| format!("cannot add the organisation {slug:?}"))?;
    println!("{}\t{}", org.slug, org.id);
    eprintln!(
        "Added {} ({}); give it people with `aireg user add --role {}:{}`.",
        org.display_name(org.primary_lang()),
        org.kind,
        org.slug,
        Role::OrgAdmin
    );
    Ok(org)
}

/// `org list`: slug, kind, parent's slug and name (Finnish, else the first there is), tab
/// separated under a header, by slug.
pub async fn list(store: &dyn Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut orgs = store
        .organisations()
        .await
        .context("cannot read the organisations")?;
    orgs.sort_by(|a, b| a.slug.cmp(&b.slug));
    let slugs: BTreeMap<_, _> = orgs.iter().map(|o| (o.id, o.slug.as_str())).collect();
    writeln!(out, "slug\tkind\tparent\tname")?;
    for o in &orgs {
        let parent = o
            .parent_id
            .and_then(|p| slugs.get(&p).copied())
            .unwrap_or("-");
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            o.slug,
            o.kind,
            parent,
            o.display_name(Lang::Fi)
        )?;
    }
    Ok(())
}

/// `aireg org licence`: names (or, without one, clears) an organisation's open data licence.
pub async fn licence(services: &Services, slug: &str, licence: Option<&str>) -> anyhow::Result<()> {
    let org = services
        .store()
        .organisation_by_slug(slug)
        .await?
        .with_context(|| format!("no organisation {slug:?}"))?;
    services
        .set_licence(
            &aireg_domain::policy::Actor::command_line("org licence"),
            org.id,
            licence,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!(
        "The open data of {slug} is licensed {}.",
        licence.unwrap_or(aireg_domain::org::Licence::DEFAULT.spdx)
    );
    Ok(())
}

/// `aireg org sso`: sets (or with --remove, removes) the organisation's identity provider,
/// the client secret read from standard input. The provider must answer discovery.
pub async fn sso(services: &Services, args: crate::cli::SsoArgs) -> anyhow::Result<()> {
    let org = services
        .store()
        .organisation_by_slug(&args.slug)
        .await?
        .with_context(|| format!("no organisation {:?}", args.slug))?;
    let operator = aireg_domain::policy::Actor::command_line("org sso");
    if args.remove {
        services
            .remove_identity_provider(&operator, org.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        eprintln!(
            "{} no longer signs in through an identity provider.",
            args.slug
        );
        return Ok(());
    }
    let mut secret = String::new();
    std::io::stdin().read_line(&mut secret)?;
    let secret = secret.trim_end_matches(['\r', '\n']).to_string();
    let role_map = aireg_service::sso::parse_role_map(&args.map.join("\n"))
        .map_err(|e| anyhow::anyhow!("--map: {}", e.problem.english()))?;
    let idp = aireg_store::IdentityProvider {
        org_id: org.id,
        issuer: args
            .issuer
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string(),
        client_id: args.client_id.unwrap_or_default(),
        client_secret: secret,
        email_domains: args
            .domains
            .iter()
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect(),
        role_claim: args.role_claim,
        role_map,
        local_passwords: !args.no_passwords,
        updated_at: services.now(),
    };
    services
        .set_identity_provider(&operator, idp)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!(
        "{} signs in through its identity provider. Register {} as the redirect URI there.",
        args.slug,
        services.outbox().link(aireg_service::sso::CALLBACK_PATH)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use aireg_store_sql::testing::TestDb;

    use super::*;
    use crate::cli::{Cli, Command, OrgCommand};

    /// The arguments of `aireg org add ARGS`, parsed as the binary parses them.
    fn add_args(args: &[&str]) -> Result<OrgAddArgs, clap::Error> {
        let argv = ["aireg", "org", "add"].iter().chain(args);
        match Cli::try_parse_from(argv)?.command {
            Command::Org {
                command: OrgCommand::Add(a),
            } => Ok(a),
            _ => panic!("not org add"),
        }
    }

    async fn add_ok(services: &Services, args: &[&str]) -> Organisation {
        add(services, add_args(args).unwrap()).await.unwrap()
    }

    async fn add_err(services: &Services, args: &[&str]) -> String {
        format!(
            "{:#}",
            add(services, add_args(args).unwrap()).await.unwrap_err()
        )
    }

    #[tokio::test]
    async fn organisations_are_added_under_their_parent_and_listed_by_slug() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let store: &dyn Store = &*db.store;
        let kainuu = add_ok(
            &services,
            &[
                "--slug",
                "kainuu",
                "--kind",
                "region",
                "--name-fi",
                "Kainuu",
            ],
        )
        .await;
        // The country's language when none are given: FI by default.
        assert_eq!(kainuu.languages, [Lang::Fi]);
        let kajaani = add_ok(
            &services,
            &[
                "--slug=kajaani",
                "--kind=municipality",
                "--name-fi=Kajaanin kaupunki",
                "--name-sv=Kajana stad",
                "--languages=fi,en",
                "--parent=kainuu",
                "--business-id=0214958-9",
                "--website=https://www.kajaani.fi",
            ],
        )
        .await;
        assert_eq!(kajaani.parent_id, Some(kainuu.id));
        assert_eq!(kajaani.languages, [Lang::Fi, Lang::En]);
        assert_eq!(kajaani.business_id.as_deref(), Some("0214958-9"));
        let avesta = add_ok(
            &services,
            &[
                "--slug=avesta",
                "--kind=municipality",
                "--country=SE",
                "--name-sv=Avesta kommun",
                "--business-id=2120002197",
            ],
        )
        .await;
        assert_eq!(avesta.languages, [Lang::Sv]);
        assert_eq!(avesta.business_id.as_deref(), Some("212000-2197"));
        assert_eq!(
            store.organisation_by_slug("kajaani").await.unwrap(),
            Some(kajaani)
        );

        let mut out = Vec::new();
        list(store, &mut out).await.unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "slug\tkind\tparent\tname\n\
             avesta\tmunicipality\t-\tAvesta kommun\n\
             kainuu\tregion\t-\tKainuu\n\
             kajaani\tmunicipality\tkainuu\tKajaanin kaupunki\n"
        );
    }

    #[tokio::test]
    async fn problems_are_named_and_nothing_is_added() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let store: &dyn Store = &*db.store;
        let base = ["--slug=kajaani", "--kind=municipality", "--name-fi=Kajaani"];
        let with = |extra: &'static str| {
            let mut v = base.to_vec();
            v.push(extra);
            v
        };

        let err = add_err(&services, &with("--business-id=0214958-8")).await;
        assert!(
            err.contains("business_id") && err.contains("check digit"),
            "{err}"
        );
        let err = add_err(&services, &with("--parent=kainuu")).await;
        assert!(err.contains("--parent") && err.contains("kainuu"), "{err}");
        let err = add_err(&services, &with("--languages=sv,fi")).await;
        assert!(err.contains("name.sv"), "{err}");
        let err = add_err(&services, &with("--website=ftp://kajaani.fi")).await;
        assert!(err.contains("website"), "{err}");
        assert!(store.is_empty().await.unwrap());

        add_ok(&services, &base).await;
        let err = add_err(&services, &base).await;
        assert!(
            err.contains("slug") && err.contains("already in use"),
            "{err}"
        );
        assert_eq!(store.organisations().await.unwrap().len(), 1);
    }

    #[test]
    fn the_command_line_refuses_unknown_kinds_countries_languages_and_no_name() {
        let ok = add_args(&["--slug=x", "--kind=unit", "--name-en=X"]).unwrap();
        assert_eq!(ok.country, Country::FI);
        assert!(ok.languages.is_empty());
        for (bad, says) in [
            (vec!["--kind=city", "--name-fi=X"], "municipality"),
            (vec!["--kind=unit", "--name-fi=X", "--country=NO"], "SE"),
            (
                vec!["--kind=unit", "--name-fi=X", "--languages=fi,de"],
                "de",
            ),
            (vec!["--kind=unit"], "--name-fi"),
        ] {
            let mut args = vec!["--slug=x"];
            args.extend(bad);
            let err = add_args(&args).err().expect("refused").to_string();
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }
}
