//! Stories of searching the register: Finnish words as residents type them, product names,
//! relevance, facets with counts, and cursors that hold still while records are added.

use super::*;
use crate::{Cursor, Facet, FacetCount, PageRequest, Store, SystemFilter};
use aireg_domain::classification::{Category, RunSource};
use aireg_domain::org::OrgKind;
use aireg_domain::policy::{Action, ReadScope, Resource};
use aireg_domain::product::Product;
use aireg_domain::system::{AiSystem, Field, Publication, Visibility};
use aireg_domain::{Lang, Localized, ProductId};

/// A record with only the texts given (the shared `record` says "asukkaille" in every one).
fn plain(name: &str, summary: &str) -> SystemRecord {
    let mut r = SystemRecord {
        name: Localized::one(Lang::Fi, name),
        summary: Localized::one(Lang::Fi, summary),
        description_public: Localized::one(Lang::Fi, "Kuvaus."),
        purpose: Localized::one(Lang::Fi, "Tarkoitus."),
        ..SystemRecord::default()
    };
    r.contact.email = Some("kirjaamo@example.fi".into());
    r
}

async fn published(store: &dyn Store, o: &Organisation, r: SystemRecord) -> AiSystem {
    let s = create(store, o, r).await;
    store
        .set_publication(
            &permit(Action::PublishSystem, facts(&s)),
            s.id,
            None,
            Publication::Published,
        )
        .await
        .unwrap()
}

fn text(t: &str) -> SystemFilter {
    SystemFilter {
        text: Some(t.into()),
        ..SystemFilter::default()
    }
}

async fn names(store: &dyn Store, scope: &ReadScope, filter: SystemFilter) -> Vec<String> {
    store
        .systems(scope, &filter, crate::PageRequest::new(1, 100))
        .await
        .unwrap()
        .items
        .iter()
        .map(|s| s.record.name.text(Lang::Fi, &[]).to_string())
        .collect()
}

pub async fn search_understands_finnish_and_product_names(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let chatgpt = store
        .create_product(
            &platform(),
            Product {
                id: ProductId::new(),
                slug: "chatgpt-enterprise".into(),
                name: "ChatGPT Enterprise".into(),
                vendor: "OpenAI".into(),
                url: None,
                description: Localized::one(Lang::En, "A chat assistant"),
            },
        )
        .await
        .unwrap();
    let mut library = plain(
        "Lukusuositukset",
        "Kirjastosuositukset verkkokirjaston käyttäjille.",
    );
    library.personal_data = Some(true);
    library.theme = Some(aireg_domain::system::Theme::RecreationCultureAndReligion);
    let library = published(store, &kajaani, library).await;
    let mut residents = plain("Neuvonta", "Jokainen asukas saa vastauksen.");
    residents.personal_data = Some(false);
    residents.decisions_on_persons = Some(false);
    let residents = published(store, &sotkamo, residents).await;
    let system = published(
        store,
        &kajaani,
        plain("Ostolaskut", "Järjestelmä tiliöi laskut."),
    )
    .await;
    let mut assistant = plain("Tekoälyavustaja", "Avustaa tekstien laatimisessa.");
    assistant.product = Some(chatgpt.id);
    let assistant = published(store, &sotkamo, assistant).await;
    let draft = create(store, &kajaani, plain("Kirjastobotti", "Luonnos.")).await;
    let public = ReadScope::public();

    // Inflection, consonant gradation and compounds.
    assert_eq!(
        names(store, &public, text("kirjastot")).await,
        ["Lukusuositukset"]
    );
    assert_eq!(
        names(store, &public, text("asukkaiden")).await,
        ["Neuvonta"]
    );
    assert_eq!(
        names(store, &public, text("tekoälyjärjestelmä")).await,
        ["Ostolaskut"]
    );
    // Product and vendor names, whatever the case.
    assert_eq!(
        names(store, &public, text("ChatGPT")).await,
        ["Tekoälyavustaja"]
    );
    assert_eq!(
        names(store, &public, text("openai")).await,
        ["Tekoälyavustaja"]
    );
    // Every word must match; unknown words find nothing.
    assert!(
        names(store, &public, text("kirjasto chatgpt"))
            .await
            .is_empty()
    );
    assert!(names(store, &public, text("xyzzyq")).await.is_empty());
    // Drafts are the staff's: the public does not find them, the staff do.
    let staff = ReadScope::for_actor(&cli());
    assert_eq!(
        names(store, &staff, text("kirjastot")).await,
        ["Kirjastobotti", "Lukusuositukset"],
        "the word in the name first"
    );

    // What an internal field says is found by staff only.
    let mut hidden = assistant.record.clone();
    hidden.legal_basis = Localized::one(Lang::Fi, "Salassapitosopimus");
    hidden
        .visibility
        .insert(Field::LegalBasis, Visibility::Internal);
    hidden
        .visibility
        .insert(Field::Product, Visibility::Internal);
    let assistant = store
        .update_system(
            &permit(Action::EditSystem, facts(&assistant)),
            assistant.id,
            assistant.version,
            hidden,
            None,
        )
        .await
        .unwrap();
    assert!(
        names(store, &public, text("salassapitosopimus"))
            .await
            .is_empty()
    );
    assert!(names(store, &public, text("chatgpt")).await.is_empty());
    assert_eq!(
        names(store, &staff, text("chatgpt")).await,
        ["Tekoälyavustaja"]
    );

    // Facets count the list as it is narrowed.
    store
        .save_classification(
            &permit(Action::EditSystem, facts(&library)),
            crate::NewClassificationRun {
                system_id: library.id,
                pack_version: "2026.11.0".into(),
                answers: Default::default(),
                justifications: Default::default(),
                facts: serde_json::json!({}),
                outcome: serde_json::json!({}),
                category: Category::Minimal,
                source: RunSource::Questionnaire,
            },
            vec![],
        )
        .await
        .unwrap();
    let counts = store
        .facet_counts(&public, &SystemFilter::default())
        .await
        .unwrap();
    assert_counted_ahead_as_scanned(store).await;
    let count = |counts: &[FacetCount], facet: Facet, value: &str| {
        counts
            .iter()
            .find(|c| c.facet == facet && c.value == value)
            .map_or(0, |c| c.count)
    };
    assert_eq!(
        count(&counts, Facet::Organisation, &kajaani.id.to_string()),
        2
    );
    assert_eq!(
        count(&counts, Facet::Organisation, &sotkamo.id.to_string()),
        2
    );
    assert_eq!(count(&counts, Facet::PersonalData, "yes"), 1);
    assert_eq!(count(&counts, Facet::PersonalData, "no"), 1);
    assert_eq!(count(&counts, Facet::DecisionsOnPersons, "no"), 1);
    assert_eq!(count(&counts, Facet::Category, "minimal"), 1);
    assert_eq!(
        count(&counts, Facet::Theme, "recreation_culture_and_religion"),
        1
    );
    let culture = SystemFilter {
        theme: Some(aireg_domain::system::Theme::RecreationCultureAndReligion),
        ..SystemFilter::default()
    };
    assert_eq!(names(store, &public, culture).await, ["Lukusuositukset"]);
    assert_eq!(count(&counts, Facet::Lifecycle, "idea"), 4);
    let with_data = SystemFilter {
        personal_data: Some(true),
        ..SystemFilter::default()
    };
    assert_eq!(
        names(store, &public, with_data.clone()).await,
        ["Lukusuositukset"]
    );
    let minimal = SystemFilter {
        category: Some(Category::Minimal),
        ..text("kirjastot")
    };
    assert_eq!(names(store, &public, minimal).await, ["Lukusuositukset"]);
    let counts = store
        .facet_counts(&public, &text("asukkaiden"))
        .await
        .unwrap();
    assert_eq!(
        count(&counts, Facet::Organisation, &sotkamo.id.to_string()),
        1
    );
    assert_eq!(
        count(&counts, Facet::Organisation, &kajaani.id.to_string()),
        0
    );
    // A value hidden from the public is not counted for it.
    let mut quiet = residents.record.clone();
    quiet
        .visibility
        .insert(Field::PersonalData, Visibility::Internal);
    store
        .update_system(
            &permit(Action::EditSystem, facts(&residents)),
            residents.id,
            residents.version,
            quiet,
            None,
        )
        .await
        .unwrap();
    let counts = store
        .facet_counts(&public, &SystemFilter::default())
        .await
        .unwrap();
    assert_eq!(count(&counts, Facet::PersonalData, "no"), 0);
    let counts = store
        .facet_counts(&staff, &SystemFilter::default())
        .await
        .unwrap();
    assert_eq!(count(&counts, Facet::PersonalData, "no"), 1);

    // A rebuilt index finds the same.
    let rebuilt = store.reindex(&|_, _| {}).await.unwrap();
    assert_eq!(rebuilt, 5);
    assert_eq!(
        names(store, &public, text("kirjastot")).await,
        ["Lukusuositukset"]
    );
    assert_eq!(
        names(store, &staff, text("chatgpt")).await,
        ["Tekoälyavustaja"]
    );
    assert_eq!(names(store, &public, with_data).await, ["Lukusuositukset"]);
    let minimal = SystemFilter {
        category: Some(Category::Minimal),
        ..SystemFilter::default()
    };
    assert_eq!(names(store, &public, minimal).await, ["Lukusuositukset"]);
    let _ = (system, draft, assistant);
}

pub async fn cursors_hold_still_while_records_are_added(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    for i in 0..5 {
        published(
            store,
            &kajaani,
            plain(&format!("Kirjasto {i}"), "Kirjasto."),
        )
        .await;
    }
    let public = ReadScope::public();
    let filter = text("kirjasto");
    let mut seen: Vec<String> = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = store
            .systems_after(&public, &filter, after.as_ref(), 2)
            .await
            .unwrap();
        seen.extend(
            page.items
                .iter()
                .map(|s| s.record.name.text(Lang::Fi, &[]).to_string()),
        );
        if seen.len() == 2 {
            // Added between pages, ordered before what is still to come: not shown, and
            // nothing shown twice or skipped.
            published(store, &kajaani, plain("Kirjasto 0a", "Kirjasto.")).await;
        }
        match page.next {
            Some(c) => {
                assert_eq!(Cursor::decode(&c.encode()), Some(c.clone()));
                after = Some(c);
            }
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            "Kirjasto 0",
            "Kirjasto 1",
            "Kirjasto 2",
            "Kirjasto 3",
            "Kirjasto 4"
        ]
    );
    assert_eq!(Cursor::decode("zz"), None);
    assert_eq!(Cursor::decode("41"), None);
}

/// Two instances serving one database: what is published through one is found through the
/// other at once (the index is written in the transaction that saves the record, and read
/// from the database, not from a copy in memory).
pub async fn a_publication_through_one_instance_is_found_through_another(
    one: &dyn Store,
    other: &dyn Store,
) {
    let kajaani = org(one, "kajaani", OrgKind::Municipality, None).await;
    let public = ReadScope::public();
    let filter = SystemFilter {
        text: Some("kirjastot".into()),
        ..SystemFilter::default()
    };
    assert_eq!(other.count_systems(&public, &filter).await.unwrap(), 0);
    let library = published(
        one,
        &kajaani,
        plain(
            "Lukusuositukset",
            "Kirjastosuositukset verkkokirjaston käyttäjille.",
        ),
    )
    .await;
    let found = other
        .systems_after(&public, &filter, None, 10)
        .await
        .unwrap();
    assert_eq!(
        found.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![library.id]
    );
    // A withdrawal through the other instance hides it from the first.
    other
        .set_publication(
            &permit(Action::PublishSystem, facts(&library)),
            library.id,
            None,
            Publication::Withdrawn,
        )
        .await
        .unwrap();
    assert_eq!(one.count_systems(&public, &filter).await.unwrap(), 0);
    assert_counted_ahead_as_scanned(one).await;
    // An organisation added through one is there for a save through the other, which had
    // read the organisations before.
    assert!(
        other
            .organisations()
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == kajaani.id)
    );
    let paltamo = org(one, "paltamo", OrgKind::Municipality, None).await;
    let saved = other
        .create_system(
            &permit(Action::CreateSystem, Resource::Org(paltamo.id)),
            plain("Kirjastoautot", "Kirjastoautojen reitit."),
            None,
        )
        .await
        .unwrap();
    assert_eq!(saved.org_id, paltamo.id);
}

/// The public facet counts kept ahead (a list without words or choices) are what counting
/// the records gives (a choice that changes nothing, published, makes the store count them).
pub(crate) async fn assert_counted_ahead_as_scanned(store: &dyn Store) {
    let public = ReadScope::public();
    let ahead = store
        .facet_counts(&public, &SystemFilter::default())
        .await
        .unwrap();
    let scanned = store
        .facet_counts(
            &public,
            &SystemFilter {
                publication: Some(Publication::Published),
                ..SystemFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ahead, scanned);
    let published = SystemFilter {
        publication: Some(Publication::Published),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .count_systems(&public, &SystemFilter::default())
            .await
            .unwrap(),
        store.count_systems(&public, &published).await.unwrap()
    );
    // Two values at once: the count (which starts from the records with the first) is what
    // the page (walked in name order) lists.
    let mut two = SystemFilter {
        personal_data: Some(true),
        ..SystemFilter::default()
    };
    for theme in aireg_domain::system::Theme::ALL {
        two.theme = Some(*theme);
        for scope in [public.clone(), ReadScope::for_actor(&cli())] {
            let listed = store
                .systems(&scope, &two, PageRequest::new(1, 100))
                .await
                .unwrap();
            assert_eq!(listed.total, listed.items.len() as i64, "{two:?}");
            assert_eq!(
                listed.total,
                store.count_systems(&scope, &two).await.unwrap(),
                "{two:?}"
            );
        }
    }
    // A list narrowed by one value (and organisations) is counted from the kept counts too.
    for c in scanned.iter().filter(|c| c.facet != Facet::Organisation) {
        let mut one = SystemFilter::default();
        match c.facet {
            Facet::Lifecycle => one.lifecycle = Lifecycle::parse(&c.value),
            Facet::Category => one.category = Category::parse(&c.value),
            Facet::Theme => one.theme = aireg_domain::system::Theme::parse(&c.value),
            Facet::PersonalData => one.personal_data = Some(c.value == "yes"),
            Facet::DecisionsOnPersons => one.decisions_on_persons = Some(c.value == "yes"),
            Facet::Organisation => unreachable!(),
        }
        let orgs: Vec<_> = scanned
            .iter()
            .filter(|o| o.facet == Facet::Organisation)
            .filter_map(|o| o.value.parse().ok())
            .take(1)
            .collect();
        // Counted without the organisation chosen: its organisations from the kept counts.
        let each = store
            .facet_counts_each(
                &public,
                &[
                    SystemFilter {
                        orgs: Some(orgs.clone()),
                        ..one.clone()
                    },
                    one.clone(),
                ],
            )
            .await
            .unwrap();
        let by_scanning: Vec<FacetCount> = store
            .facet_counts(
                &public,
                &SystemFilter {
                    publication: Some(Publication::Published),
                    ..one.clone()
                },
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.facet == Facet::Organisation)
            .collect();
        assert_eq!(each[1], by_scanning, "{one:?}");
        for orgs in [None, Some(orgs)] {
            let one = SystemFilter {
                orgs,
                ..one.clone()
            };
            let scanning = SystemFilter {
                publication: Some(Publication::Published),
                ..one.clone()
            };
            assert_eq!(
                store.count_systems(&public, &one).await.unwrap(),
                store.count_systems(&public, &scanning).await.unwrap(),
                "{one:?}"
            );
            let kept = store
                .systems(&public, &one, PageRequest::default())
                .await
                .unwrap();
            assert_eq!(
                kept.total,
                store.count_systems(&public, &scanning).await.unwrap()
            );
        }
    }
}
