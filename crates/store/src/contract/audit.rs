//! The audit chain under concurrent writes.

use super::*;
use crate::Store;
use aireg_domain::audit::ChainVerifier;
use aireg_domain::org::OrgKind;
use aireg_domain::policy::{Action, Resource};

pub async fn audit_chain_stays_intact_under_concurrent_writes(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let store_ref: &dyn Store = store;
    let creates = (0..12).map(|i| async move {
        store_ref
            .create_system(
                &permit(Action::CreateSystem, Resource::Org(kajaani.id)),
                record(&format!("Rinnakkainen {i}")),
                None,
            )
            .await
    });
    for r in futures_util::future::join_all(creates).await {
        r.expect("concurrent create");
    }
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    let mut actions = Vec::new();
    loop {
        let batch = store.audit_events(after, 5).await.unwrap();
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            verifier.check(e).expect("chain intact");
            after = e.seq;
            actions.push(e.action.clone());
        }
    }
    let head = store.audit_head().await.unwrap();
    assert_eq!(
        verifier.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))),
        Ok(13)
    );
    assert_eq!(actions[0], "organisation.create");
    assert_eq!(actions.iter().filter(|a| *a == "system.create").count(), 12);
    let events = store.audit_events(1, 1).await.unwrap();
    let after_value = events[0].after_value().unwrap();
    assert_eq!(after_value["publication"], "draft");
    assert!(events[0].org_id == Some(kajaani.id));
}
