//! Stories of organisations and shared products.

use super::*;
use crate::Store;
use aireg_domain::org::{NewOrganisation, OrgKind};
use aireg_domain::product::Product;
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, ProductId};
use std::collections::BTreeSet;

pub async fn organisations_form_a_hierarchy(store: &dyn Store) {
    assert!(store.is_empty().await.unwrap());
    let region = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&region)).await;
    let unit = org(store, "kajaani-sivistys", OrgKind::Unit, Some(&kajaani)).await;
    assert!(!store.is_empty().await.unwrap());

    let by_slug = store
        .organisation_by_slug("kajaani")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_slug, kajaani);
    assert_eq!(store.organisation(unit.id).await.unwrap().unwrap(), unit);
    assert_eq!(store.organisation_by_slug("nowhere").await.unwrap(), None);
    assert_eq!(store.organisations().await.unwrap().len(), 3);
    assert_eq!(kajaani.languages, vec![Lang::Fi, Lang::Sv]);

    let tree = store.org_tree().await.unwrap();
    assert_eq!(tree.parent(unit.id), Some(kajaani.id));
    assert_eq!(
        tree.descendants_and_self(region.id),
        BTreeSet::from([region.id, kajaani.id, unit.id])
    );

    let dup = store
        .create_organisation(&platform(), new_org("kajaani", OrgKind::Municipality, None))
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("slug".to_string(), Problem::Taken)]);

    let mut orphan = new_org("orphan", OrgKind::Unit, None);
    orphan.parent_id = Some(aireg_domain::OrgId::new());
    let err = store
        .create_organisation(&platform(), orphan)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("parent".to_string(), Problem::UnknownReference)]
    );

    let bad = NewOrganisation {
        business_id: Some("0208201-2".into()),
        ..new_org("badid", OrgKind::Municipality, None)
    };
    let err = store
        .create_organisation(&platform(), bad)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("business_id".to_string(), Problem::InvalidYTunnus)]
    );
}

pub async fn products(store: &dyn Store) {
    let p = Product {
        id: ProductId::new(),
        slug: "microsoft-365-copilot".into(),
        name: "Microsoft 365 Copilot".into(),
        vendor: "Microsoft".into(),
        url: Some("https://www.microsoft.com/".into()),
        description: Localized::one(Lang::Fi, "Toimisto-ohjelmien tekoälyavustaja"),
    };
    let created = store.create_product(&platform(), p.clone()).await.unwrap();
    assert_eq!(created, p);
    assert_eq!(store.product(p.id).await.unwrap(), Some(p.clone()));
    assert_eq!(store.products().await.unwrap(), vec![p.clone()]);
    let dup = store
        .create_product(
            &platform(),
            Product {
                id: ProductId::new(),
                ..p
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("slug".to_string(), Problem::Taken)]);
}

pub async fn site_texts_are_the_platform_admins(store: &dyn Store) {
    use aireg_domain::org::SiteTextKey;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    assert_eq!(
        store
            .site_text(SiteTextKey::Privacy, Lang::Fi)
            .await
            .unwrap(),
        None
    );
    let not_platform = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    assert!(matches!(
        store
            .set_site_text(&not_platform, SiteTextKey::Privacy, Lang::Fi, "x")
            .await,
        Err(StoreError::Forbidden)
    ));
    let saved = store
        .set_site_text(&platform(), SiteTextKey::Privacy, Lang::Fi, "  Seloste.  ")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.body, "Seloste.");
    let read = store
        .site_text(SiteTextKey::Privacy, Lang::Fi)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.body, "Seloste.");
    assert_eq!(
        store
            .site_text(SiteTextKey::Privacy, Lang::Sv)
            .await
            .unwrap(),
        None,
        "per language"
    );
    let too_long = "x".repeat(aireg_domain::org::MAX_SITE_TEXT + 1);
    assert!(matches!(
        store
            .set_site_text(&platform(), SiteTextKey::Privacy, Lang::Fi, &too_long)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        store
            .set_site_text(&platform(), SiteTextKey::Privacy, Lang::Fi, " ")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .site_text(SiteTextKey::Privacy, Lang::Fi)
            .await
            .unwrap(),
        None,
        "an empty text removes it"
    );
}

pub async fn an_organisation_names_its_open_data_licence(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    assert!(store.licences().await.unwrap().is_empty());
    let kajaani_admin = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    assert!(matches!(
        store
            .set_licence(&kajaani_admin, sotkamo.id, Some("CC0-1.0"))
            .await,
        Err(StoreError::Forbidden)
    ));
    assert!(matches!(
        store
            .set_licence(&kajaani_admin, kajaani.id, Some("MIT"))
            .await,
        Err(StoreError::Invalid(_))
    ));
    store
        .set_licence(&kajaani_admin, kajaani.id, Some("CC0-1.0"))
        .await
        .unwrap();
    assert_eq!(
        store.licences().await.unwrap(),
        vec![(kajaani.id, "CC0-1.0".to_string())]
    );
    store
        .set_licence(&kajaani_admin, kajaani.id, None)
        .await
        .unwrap();
    assert!(
        store.licences().await.unwrap().is_empty(),
        "the default again"
    );
}

pub async fn usage_figures_are_counted_once_per_month_and_level(store: &dyn Store) {
    use aireg_domain::usage::UsageCell;
    let region = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&region)).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, Some(&region)).await;
    let cell = |tool: &str, month: &str, users: u32, uses: u64| UsageCell {
        tool: tool.into(),
        month: month.into(),
        users,
        uses,
    };
    let import = permit(Action::ImportUsage, Resource::Org(kajaani.id));
    let related = [region.id, kajaani.id];
    store
        .replace_usage(
            &import,
            kajaani.id,
            &related,
            vec![
                cell("copilot_work", "2026-10", 40, 900),
                cell("chatgpt", "2026-10", 3, 12),
                cell("copilot_work", "2026-11", 42, 950),
            ],
            false,
        )
        .await
        .unwrap();
    // Another source for the same months adds its own tool and leaves the others.
    store
        .replace_usage(
            &import,
            kajaani.id,
            &related,
            vec![cell("gemini", "2026-11", 11, 20)],
            false,
        )
        .await
        .unwrap();
    // A tool's month counted already is replaced only on purpose.
    let again = store
        .replace_usage(
            &import,
            kajaani.id,
            &related,
            vec![cell("chatgpt", "2026-10", 4, 13)],
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&again), [("month".to_string(), Problem::Taken)]);
    store
        .replace_usage(
            &import,
            kajaani.id,
            &related,
            vec![cell("chatgpt", "2026-10", 4, 13)],
            true,
        )
        .await
        .unwrap();
    assert_eq!(
        store.usage(kajaani.id, "2026-01").await.unwrap(),
        vec![
            cell("chatgpt", "2026-10", 4, 13),
            cell("copilot_work", "2026-10", 40, 900),
            cell("copilot_work", "2026-11", 42, 950),
            cell("gemini", "2026-11", 11, 20),
        ]
    );
    assert_eq!(store.usage(kajaani.id, "2026-11").await.unwrap().len(), 2);
    assert!(store.usage(sotkamo.id, "2026-01").await.unwrap().is_empty());
    // The region cannot count a month its member counted: the difference would show.
    let region_import = permit(Action::ImportUsage, Resource::Org(region.id));
    let twice = store
        .replace_usage(
            &region_import,
            region.id,
            &[region.id, kajaani.id, sotkamo.id],
            vec![cell("copilot_work", "2026-10", 90, 2000)],
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&twice),
        [("organisation".to_string(), Problem::Taken)]
    );
    assert!(store.usage(region.id, "2026-01").await.unwrap().is_empty());
    // Another organisation's permit does not reach Kajaani's figures.
    let other = permit(Action::ImportUsage, Resource::Org(sotkamo.id));
    assert!(matches!(
        store
            .replace_usage(&other, kajaani.id, &related, vec![], false)
            .await,
        Err(StoreError::Forbidden)
    ));
    // Each import is audited by its months and a fingerprint, never the figures themselves.
    let events = super::audit::intact_chain(store).await;
    let imports: Vec<_> = events
        .iter()
        .filter(|e| e.action == "usage.imported")
        .collect();
    assert_eq!(imports.len(), 3);
    for e in imports {
        let after = e.after_value().unwrap();
        assert!(after["fingerprint"].as_str().is_some_and(|f| f.len() == 64));
        assert!(!after.to_string().contains("chatgpt"), "{after}");
    }
}
